// Health, readiness, metrics, the API's own description and the chain/database status page data.
import type { ApiRegistry } from "../../http/route.ts";
import { openApiDocument } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { renderDocs } from "./docs-page.ts";
import { readiness, readStatus } from "./service.ts";

export function operationsRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add({ method: "get", path: "/healthz", tag: "operations", summary: "The process is up" }, () => ({
    status: "ok",
  }));
  api.add(
    {
      method: "get",
      path: "/readyz",
      tag: "operations",
      summary: `Ready to serve: database reachable and the index at most ${ctx.limits.readyMaxLagBlocks} blocks behind the chain`,
      errors: [503],
    },
    async (_input, _req, res) => {
      const report = await readiness(ctx);
      res.status(report.ready ? 200 : 503);
      return report;
    },
  );
  api.add(
    {
      method: "get",
      path: "/metrics",
      tag: "operations",
      summary: "Prometheus metrics",
      response: { description: "text exposition format", mediaType: "text/plain" },
    },
    async (_input, _req, res) => {
      const indexer = await Promise.resolve(ctx.deps.indexerStatus?.()).catch(() => undefined);
      res.type("text/plain; version=0.0.4").send(ctx.metrics.render(indexer));
    },
  );
  api.add(
    {
      method: "get",
      path: "/api/status",
      tag: "operations",
      summary: "Chain, database and deployment, for the status page",
    },
    () => readStatus(ctx),
  );
  const document = () =>
    openApiDocument(api.routes, { title: "TechEx API", version: "0.1.0", serverUrl: ctx.deps.publicUrl });
  api.add(
    { method: "get", path: "/api/openapi.json", tag: "operations", summary: "This document (OpenAPI 3.1)" },
    () => document(),
  );
  api.add(
    {
      method: "get",
      path: "/api/docs",
      tag: "operations",
      summary: "The API documentation, readable in a browser",
      response: { description: "HTML", mediaType: "text/html" },
    },
    (_input, _req, res) => {
      res.type("html").send(renderDocs(document() as Parameters<typeof renderDocs>[0]));
    },
  );
}
