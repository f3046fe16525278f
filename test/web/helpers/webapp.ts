// Builds the web app once per test run and serves it the way production does (`serveWebApp`), with
// the API, health and metrics routes forwarded to a running exchange — so the browser sees one
// origin, as users do, whether or not the exchange itself serves web/dist yet.
import { once } from "node:events";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import express from "express";
import { serveWebApp } from "../../../server/src/web.ts";

export const webRoot = path.resolve("web");
export const distDir = path.join(webRoot, "dist");

let built: Promise<void> | undefined;

/** `vite build --config web/vite.config.ts`, once per process. */
export function buildWebApp(): Promise<void> {
  built ??= import("vite").then(async ({ build }) => {
    await build({ configFile: path.join(webRoot, "vite.config.ts"), logLevel: "warn" });
  });
  return built;
}

export interface WebServer {
  url: string;
  close(): Promise<void>;
}

const forwarded = /^\/(api(\/.*)?|healthz|readyz|metrics)$/;

export async function serveBuiltApp(exchangeUrl: string): Promise<WebServer> {
  const app = express();
  // node:http rather than fetch: the Host header must pass through (sign-in messages name it) and
  // the event stream must flow as it comes.
  app.use((req, res, next) => {
    if (!forwarded.test(req.path)) return next();
    const upstream = http.request(
      `${exchangeUrl}${req.originalUrl}`,
      { method: req.method, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.status(502);
      res.end();
    });
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  serveWebApp(app, distDir);
  const server = app.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://localhost:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
