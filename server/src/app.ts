// Builds the Express application; `index.ts` decides what it talks to and listens.
import express, { type ErrorRequestHandler, type Request, type Response } from "express";
import type { JsonRpcProvider } from "ethers";
import { ApiError, ErrorCode } from "./errors.ts";
import { statusPage } from "./status-page.ts";
import type { DeploymentRecord } from "../../generated/techex.ts";

export interface AppDependencies {
  provider: JsonRpcProvider;
  database: { kind: "embedded" | "postgres"; ping(): Promise<void> };
  deployment: DeploymentRecord;
}

export function createApp(deps: AppDependencies) {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "100kb" }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/api/status", async (_req, res) => {
    res.json(await readStatus(deps));
  });

  app.get("/", (_req, res) => {
    res.type("html").send(statusPage);
  });

  app.use((req: Request) => {
    throw new ApiError(404, ErrorCode.RouteNotFound, `No route ${req.method} ${req.path}`, {
      method: req.method,
      path: req.path,
    });
  });

  app.use(errorHandler);
  return app;
}

async function readStatus({ provider, database, deployment }: AppDependencies) {
  const [chain, db] = await Promise.all([
    Promise.all([provider.getNetwork(), provider.getBlockNumber()]).then(
      ([network, block]) => ({ ok: true as const, chainId: network.chainId.toString(), latestBlock: block }),
      (error: Error) => ({ ok: false as const, error: error.message }),
    ),
    database.ping().then(
      () => ({ ok: true as const, kind: database.kind }),
      (error: Error) => ({ ok: false as const, kind: database.kind, error: error.message }),
    ),
  ]);
  return {
    chain,
    database: db,
    deployment,
  };
}

const errorHandler: ErrorRequestHandler = (error, _req, res: Response, _next) => {
  if (error instanceof ApiError) {
    res.status(error.status).json(error.toJSON());
    return;
  }
  // body-parser marks its own failures with `type`; a client's mistake, never a 500.
  if (error?.type === "entity.parse.failed") {
    res.status(400).json(new ApiError(400, ErrorCode.MalformedJson, "The request body is not valid JSON.").toJSON());
    return;
  }
  if (error?.type === "entity.too.large") {
    res.status(413).json(new ApiError(413, ErrorCode.PayloadTooLarge, "The request body is too large.").toJSON());
    return;
  }
  console.error(JSON.stringify({ level: "error", msg: "unhandled", error: String(error?.stack ?? error) }));
  res.status(500).json(new ApiError(500, ErrorCode.Internal, "Something went wrong on our side.").toJSON());
};
