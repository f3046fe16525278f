// Health, readiness, metrics, the API's own description and the chain/database status page data.
import type { JsonRpcProvider } from "ethers";
import { z } from "zod";
import type { ApiRegistry } from "../../http/route.ts";
import { openApiDocument } from "../../http/route.ts";
import type { ApiContext } from "../context.ts";
import { renderDocs } from "./docs-page.ts";
import { readiness, readStatus } from "./service.ts";
import { healthResponse, openApiResponse, readinessResponse } from "./schemas.ts";

const statusResponse = z.object({
  chain: z.object({
    ok: z.boolean(),
    chainId: z.string().describe("the chain's id (the deployment's while the node does not answer)"),
    latestBlock: z.number().optional(),
    rpcUrl: z
      .string()
      .optional()
      .describe(
        "a JSON-RPC endpoint browsers can reach, for wallet_addEthereumChain; absent unless the node is on this machine",
      ),
    error: z.string().optional(),
  }),
  database: z.object({
    ok: z.boolean(),
    kind: z.enum(["embedded", "postgres"]),
    error: z.string().optional(),
  }),
  deployment: z.object({
    chainId: z.string(),
    deployBlock: z.number(),
    addresses: z.record(z.string(), z.string()),
  }),
});

/**
 * The node's URL, when it is safe and useful to hand to browsers: only a loopback one (the embedded
 * chain, or a node beside the server), which names no credential and which a browser on the same
 * machine reaches. An external RPC_URL may carry an API key in its path, so it is never published;
 * PUBLIC_RPC_URL names the URL to publish instead.
 */
function publicRpcUrl(provider: JsonRpcProvider): string | undefined {
  const { url } = provider._getConnection();
  try {
    const { hostname, username, password } = new URL(url);
    const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(hostname) || hostname.startsWith("127.");
    return loopback && !username && !password ? url : undefined;
  } catch {
    return undefined;
  }
}

export function operationsRoutes(api: ApiRegistry, ctx: ApiContext): void {
  api.add(
    {
      method: "get",
      path: "/healthz",
      tag: "operations",
      summary: "The process is up",
      response: { description: "always ok", schema: healthResponse },
    },
    () => ({ status: "ok" }),
  );
  api.add(
    {
      method: "get",
      path: "/readyz",
      tag: "operations",
      response: {
        description: "the readiness report (also sent with 503 when not ready)",
        schema: readinessResponse,
      },
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
      res.type(ctx.metrics.registry.contentType).send(await ctx.metrics.render());
    },
  );
  api.add(
    {
      method: "get",
      path: "/api/status",
      tag: "operations",
      summary: "Chain, database and deployment, for the status page and the web app's wallet",
      response: {
        description: "the chain (with the RPC URL a wallet may add), the database and the deployment",
        schema: statusResponse,
      },
    },
    async () => {
      const status = await readStatus(ctx);
      const chain = status.chain.ok ? status.chain : { ...status.chain, chainId: String(ctx.chainId) };
      return { ...status, chain: { ...chain, rpcUrl: ctx.deps.publicRpcUrl ?? publicRpcUrl(ctx.provider) } };
    },
  );
  const document = () =>
    openApiDocument(api.routes, { title: "TechEx API", version: "0.1.0", serverUrl: ctx.deps.publicUrl });
  api.add(
    {
      method: "get",
      path: "/api/openapi.json",
      tag: "operations",
      summary: "This document (OpenAPI 3.1)",
      response: { description: "the OpenAPI 3.1 document", schema: openApiResponse },
    },
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
