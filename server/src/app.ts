// Builds the Express application; `index.ts` decides what it talks to and listens.
import express, { Router } from "express";
import type { JsonRpcProvider } from "ethers";
import type { DeploymentRecord } from "../../generated/techex.ts";
import type { PrismaClient } from "./generated/prisma/client.ts";
import { existsSync } from "node:fs";
import path from "node:path";
import { statusPage } from "./status-page.ts";
import { serveWebApp } from "./web.ts";
import { createContext, type Limits } from "./api/context.ts";
import { agreementRoutes } from "./api/agreements/routes.ts";
import { auditRoutes } from "./api/audit/routes.ts";
import { authRoutes } from "./api/auth/routes.ts";
import { documentRoutes } from "./api/documents/routes.ts";
import { eventRoutes } from "./api/events/routes.ts";
import { assetRoutes } from "./api/assets/routes.ts";
import { licenceRoutes } from "./api/licences/routes.ts";
import { listingRoutes } from "./api/listings/routes.ts";
import { offerRoutes } from "./api/offers/routes.ts";
import { operationsRoutes } from "./api/operations/routes.ts";
import { organisationRoutes } from "./api/organisations/routes.ts";
import { searchRoutes } from "./api/search/routes.ts";
import { statsRoutes } from "./api/stats/routes.ts";
import { jsonBody } from "./http/body.ts";
import { errorHandler, routeNotFound } from "./http/errors.ts";
import { Metrics, requestObserver, type IndexerStatus } from "./http/observability.ts";
import { ApiRegistry } from "./http/route.ts";
import { createLogger, type Logger } from "./log.ts";
import { contentSecurityPolicy, inlineScriptHashes, securityHeaders } from "./http/security.ts";

export type { IndexerStatus };

/** What the indexer tells listeners after applying a batch (the shape is the indexer's). */
export interface ChainBatch {
  fromBlock: number | bigint;
  toBlock: number | bigint;
  /** Decoded events of the batch, or their number. */
  events?: readonly unknown[] | number;
}

export interface AppDependencies {
  provider: JsonRpcProvider;
  database: { kind: "embedded" | "postgres"; ping(): Promise<void> };
  deployment: DeploymentRecord;
  /** The index database. Without it the data routes answer 503 DATABASE_UNAVAILABLE. */
  prisma?: PrismaClient;
  /**
   * A direct pg.Pool on the same PostgreSQL database, for the hot read paths (listing detail,
   * search). Leave it out for the embedded database, whose socket serves one connection.
   */
  readPool?: {
    query(config: { name?: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
  };
  /** Where uploaded documents are kept, content-addressed (default ./data/documents). */
  documentsDir?: string;
  /**
   * The origin users reach the exchange at (e.g. https://techex.example.vn). Sign-in accepts SIWE
   * messages only for its host and URI, and certificates link to it. Without it the request's own
   * Host is used — acceptable only for local use.
   */
  publicUrl?: string;
  /** The chain's JSON-RPC URL as browsers should reach it (wallet_addEthereumChain); see PUBLIC_RPC_URL. */
  publicRpcUrl?: string;
  /** The built web app (web/dist); served at "/" when it has been built. */
  webDistDir?: string;
  /** Addresses that may read private documents as auditors (besides holders of the ADMIN role). */
  auditors?: readonly string[];
  /** The indexer's progress, for /readyz and /metrics. */
  indexerStatus?: () => IndexerStatus | Promise<IndexerStatus>;
  /** Subscribes to the indexer's applied batches (for /api/events); returns the unsubscribe. */
  onChainBatch?: (listener: (batch: ChainBatch) => void) => () => void;
  /** Overrides of the default limits (tests lower them). */
  limits?: Partial<Limits>;
  /** Check each JSON response against its documented schema (tests; costs a parse per response). */
  checkResponses?: boolean;
  /** Logs one line per request and per server error (default: a logger on stdout). */
  logger?: Logger;
}

export function createApp(deps: AppDependencies) {
  const logger = deps.logger ?? createLogger();
  const metrics = new Metrics(deps.indexerStatus);
  const ctx = createContext(deps, metrics, logger);
  deps.onChainBatch?.((batch) => {
    metrics.observeBatch(typeof batch.events === "number" ? batch.events : (batch.events?.length ?? 0));
  });

  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.use(requestObserver(metrics, logger));
  app.use(securityHeaders);
  app.use(jsonBody("100kb"));

  const router = Router();
  const api = new ApiRegistry(router, { checkResponses: deps.checkResponses });
  const statusPagePolicy = contentSecurityPolicy(inlineScriptHashes(statusPage));
  // The built web app owns "/"; the status page is always at /status (and at "/" without a build).
  const webApp =
    deps.webDistDir && existsSync(path.join(deps.webDistDir, "index.html")) ? deps.webDistDir : undefined;
  router.get(webApp ? "/status" : ["/", "/status"], (_req, res) => {
    res.setHeader("Content-Security-Policy", statusPagePolicy);
    res.type("html").send(statusPage);
  });
  operationsRoutes(api, ctx);
  authRoutes(api, ctx);
  searchRoutes(api, ctx);
  statsRoutes(api, ctx);
  assetRoutes(api, ctx);
  listingRoutes(api, ctx);
  offerRoutes(api, ctx);
  agreementRoutes(api, ctx);
  licenceRoutes(api, ctx);
  organisationRoutes(api, ctx);
  documentRoutes(api, ctx);
  auditRoutes(api, ctx);
  eventRoutes(api, ctx);
  app.use(router);
  if (webApp) serveWebApp(app, webApp);

  app.use(routeNotFound);
  app.use(errorHandler(logger));
  return app;
}
