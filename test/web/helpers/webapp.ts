// Builds the web app once per test run and serves it the way production does (`serveWebApp`), with
// the API, health and metrics routes forwarded to a running exchange — so the browser sees one
// origin, as users do, whether or not the exchange itself serves web/dist yet.
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { Readable } from "node:stream";
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
  app.use(async (req, res, next) => {
    if (!forwarded.test(req.path)) return next();
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === "string" && name !== "host" && name !== "connection") headers.set(name, value);
    }
    headers.set("x-forwarded-host", req.headers.host ?? "");
    const abort = new AbortController();
    res.on("close", () => abort.abort());
    try {
      const upstream = await fetch(`${exchangeUrl}${req.originalUrl}`, {
        method: req.method,
        headers,
        body: chunks.length ? Buffer.concat(chunks) : undefined,
        redirect: "manual",
        signal: abort.signal,
      });
      res.status(upstream.status);
      upstream.headers.forEach((value, name) => {
        if (name !== "content-encoding" && name !== "content-length" && name !== "transfer-encoding")
          res.setHeader(name, value);
      });
      if (!upstream.body) return res.end();
      Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream)
        .on("error", () => res.end())
        .pipe(res);
    } catch {
      if (!res.headersSent) res.status(502).end();
    }
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
