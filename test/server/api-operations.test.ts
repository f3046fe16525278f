// Operations: health, readiness against the indexer's lag, Prometheus metrics, structured logs,
// security headers, and the OpenAPI document generated from the validating schemas.
import { EventEmitter } from "node:events";
import { expect } from "chai";
import { JsonRpcProvider } from "ethers";
import { ConfigError, loadConfig } from "../../server/src/config.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { call, startApi, type RunningApi } from "./helpers/api.ts";

describe("API operations", function () {
  this.timeout(60_000);
  const db = useTestDatabase("embedded");
  let api: RunningApi;
  const indexer = { indexedBlock: 90, headBlock: 100 };
  let databaseUp = true;

  before(async () => {
    api = await startApi(db.prisma, {
      indexerStatus: () => ({ ...indexer }),
      database: {
        kind: "embedded",
        ping: async () => {
          if (!databaseUp) throw new Error("connection refused");
          await db.prisma.$queryRaw`select 1`;
        },
      },
      limits: { readyMaxLagBlocks: 20 },
    });
  });
  after(async () => api?.close());

  it("/healthz answers while the process runs", async () => {
    expect(await call(`${api.url}/healthz`)).to.deep.include({ status: 200, body: { status: "ok" } });
  });

  it("/readyz: ready within the lag bound, 503 beyond it or without the database", async () => {
    const ready = await call(`${api.url}/readyz`);
    expect(ready.status).to.equal(200);
    expect(ready.body.indexer).to.include({ ok: true, lagBlocks: "10" });
    indexer.indexedBlock = 50;
    const lagging = await call(`${api.url}/readyz`);
    expect([lagging.status, lagging.body.ready, lagging.body.indexer.lagBlocks]).to.deep.equal([
      503,
      false,
      "50",
    ]);
    indexer.indexedBlock = 95;
    databaseUp = false;
    const noDatabase = await call(`${api.url}/readyz`);
    expect([noDatabase.status, noDatabase.body.database.ok]).to.deep.equal([503, false]);
    databaseUp = true;
  });

  it("/metrics: request counts and latency per route pattern, and the indexer's head and lag", async () => {
    await call(`${api.url}/api/assets/1`);
    await call(`${api.url}/api/assets/2`);
    const response = await fetch(`${api.url}/metrics`);
    expect(response.headers.get("content-type")).to.match(/^text\/plain/);
    const text = await response.text();
    expect(text).to.match(
      /techex_http_requests_total\{method="GET",route="\/api\/assets\/:id",status="404"\} 2/,
    );
    expect(text).to.match(
      // (labels in any order: Prometheus does not care)
      /techex_http_request_duration_seconds_bucket\{(?=[^}]*method="GET")(?=[^}]*route="\/api\/assets\/:id")(?=[^}]*le="\+Inf")[^}]*\} 2/,
    );
    expect(text).to.contain("techex_indexer_head_block 100");
    expect(text).to.contain("techex_indexer_lag_blocks 5");
    // the process's own figures, from prom-client's default collectors
    expect(text).to.match(/^process_resident_memory_bytes \d+/m);
  });

  it("logs one JSON line per request", async () => {
    const before = api.logs.length;
    await call(`${api.url}/api/stats`);
    const lines = api.logs.slice(before).map((line) => JSON.parse(line));
    expect(lines).to.have.length(1);
    expect(lines[0]).to.include({
      msg: "request",
      method: "GET",
      path: "/api/stats",
      route: "/api/stats",
      status: 200,
    });
    expect(lines[0].ms).to.be.a("number");
  });

  it("sends security headers: CSP with frame-ancestors none, nosniff, referrer policy", async () => {
    const { headers } = await call(`${api.url}/api/stats`);
    expect(headers.get("content-security-policy"))
      .to.contain("frame-ancestors 'none'")
      .and.contain("script-src 'self'");
    expect(headers.get("x-content-type-options")).to.equal("nosniff");
    expect(headers.get("referrer-policy")).to.equal("strict-origin-when-cross-origin");
    expect(headers.get("x-powered-by")).to.equal(null);
  });

  it("keeps the status page and /api/status", async () => {
    const page = await fetch(api.url);
    expect(await page.text()).to.contain("TechEx");
    // its one inline script is allowed by digest, nothing else inline
    expect(page.headers.get("content-security-policy")).to.match(
      /script-src 'self' 'sha256-[A-Za-z0-9+/]+=*';/,
    );
    const status = await call(`${api.url}/api/status`);
    expect(status.body.database).to.deep.equal({ ok: true, kind: "embedded" });
  });

  it("/api/status gives wallets the chain id and the RPC URL of a node on this machine", async () => {
    const { body } = await call(`${api.url}/api/status`);
    // the test's node does not answer: the chain id is the deployment's
    expect(body.chain).to.include({ ok: false, chainId: "31337", rpcUrl: api.rpcUrl });
    const { body: openApi } = await call(`${api.url}/api/openapi.json`);
    const schema = openApi.paths["/api/status"].get.responses["200"].content["application/json"].schema;
    expect(schema.properties.chain.properties).to.have.property("rpcUrl");
  });

  it("/api/status never publishes an external RPC URL, which may carry an API key", async () => {
    const provider = new JsonRpcProvider("https://rpc.node.invalid/v3/secret-key", 31337, {
      staticNetwork: true,
    });
    const external = await startApi(db.prisma, { provider });
    try {
      const { body } = await call(`${external.url}/api/status`);
      expect(body.chain.chainId).to.equal("31337");
      expect(body.chain).not.to.have.property("rpcUrl");
      expect(JSON.stringify(body)).not.to.contain("secret-key");
    } finally {
      await external.close();
      provider.destroy();
    }
  });

  it("/api/status publishes PUBLIC_RPC_URL when the operator names one", async () => {
    const provider = new JsonRpcProvider("https://rpc.node.invalid/v3/secret-key", 31337, {
      staticNetwork: true,
    });
    const external = await startApi(db.prisma, { provider, publicRpcUrl: "https://rpc.techex.example.vn" });
    try {
      const { body } = await call(`${external.url}/api/status`);
      expect(body.chain.rpcUrl).to.equal("https://rpc.techex.example.vn");
      expect(JSON.stringify(body)).not.to.contain("secret-key");
    } finally {
      await external.close();
      provider.destroy();
    }
  });

  it("serves an OpenAPI 3.1 document generated from the validating schemas, and a docs page", async () => {
    const { body } = await call(`${api.url}/api/openapi.json`);
    expect(body.openapi).to.equal("3.1.0");
    const listAssets = body.paths["/api/assets"].get;
    const limit = listAssets.parameters.find((p: { name: string }) => p.name === "limit");
    expect(limit.schema).to.include({ type: "integer", minimum: 1, maximum: 100 });
    expect(body.paths["/api/assets/{id}"].get.parameters[0]).to.include({
      name: "id",
      in: "path",
      required: true,
    });
    expect(
      body.paths["/api/auth/verify"].post.requestBody.content["application/json"].schema.required,
    ).to.deep.equal(["message", "signature"]);
    expect(body.paths["/api/documents"].post.security).to.deep.equal([{ session: [] }]);
    expect(Object.keys(body.paths["/api/documents"].post.requestBody.content)).to.include("application/pdf");
    const docs = await fetch(`${api.url}/api/docs`);
    const html = await docs.text();
    expect(docs.headers.get("content-type")).to.match(/text\/html/);
    expect(html).to.contain("/api/listings/{id}").and.not.contain("<script");
  });

  it("documents a response schema for every route that answers JSON", async () => {
    const { body } = await call(`${api.url}/api/openapi.json`);
    const undocumented: string[] = [];
    let documented = 0;
    for (const [path, operations] of Object.entries(
      body.paths as Record<string, Record<string, Operation>>,
    )) {
      for (const [method, operation] of Object.entries(operations)) {
        const [status, success] = Object.entries(operation.responses).find(([code]) => code.startsWith("2"))!;
        const json = success.content["application/json"];
        if (!json) continue; // HTML, an event stream, metrics text or a document's bytes
        if (json.schema?.type === "object") documented += 1;
        else undocumented.push(`${method.toUpperCase()} ${path} ${status}`);
      }
    }
    expect(undocumented).to.deep.equal([]);
    expect(documented).to.be.greaterThan(25);
    const detail = body.paths["/api/listings/{id}"].get.responses["200"].content["application/json"].schema;
    expect(detail.required).to.include.members(["id", "asset", "offerCount", "history"]);
    const priceTypes = detail.properties.assignmentPrice.anyOf.map((schema: { type: string }) => schema.type);
    expect(priceTypes).to.deep.equal(["string", "null"]);
  });

  it("answers an unknown route with the error shape", async () => {
    const response = await call(`${api.url}/api/unknown`, { method: "DELETE" });
    expect(response.status).to.equal(404);
    expect(response.body).to.deep.equal({
      error: {
        code: "ROUTE_NOT_FOUND",
        message: "No route DELETE /api/unknown",
        details: { method: "DELETE", path: "/api/unknown" },
      },
    });
  });

  it("answers 503 DATABASE_UNAVAILABLE for data routes when built without a database", async () => {
    const bare = await startApi(db.prisma, { prisma: undefined });
    try {
      const response = await call(`${bare.url}/api/assets`);
      expect([response.status, response.body.error.code]).to.deep.equal([503, "DATABASE_UNAVAILABLE"]);
    } finally {
      await bare.close();
    }
  });
});

describe("API live events", function () {
  this.timeout(30_000);
  const db = useTestDatabase("embedded");

  it("pushes each indexed batch to every open stream, and unsubscribes when a client leaves", async () => {
    const batches = new EventEmitter();
    const api = await startApi(db.prisma, {
      onChainBatch: (listener) => {
        batches.on("batch", listener);
        return () => batches.off("batch", listener);
      },
    });
    try {
      const abort = new AbortController();
      const response = await fetch(`${api.url}/api/events`, { signal: abort.signal });
      expect(response.headers.get("content-type")).to.match(/^text\/event-stream/);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      const readUntil = async (text: string) => {
        while (!received.includes(text)) received += decoder.decode((await reader.read()).value);
      };
      await readUntil("event: ready");
      expect(batches.listenerCount("batch")).to.equal(2); // the stream and the metrics
      batches.emit("batch", { fromBlock: 10n, toBlock: 12n, events: [{ name: "OfferMade", offerId: 7n }] });
      await readUntil('"toBlock"');
      await readUntil("}\n\n");
      const data = received.split("event: batch\ndata: ")[1].split("\n")[0];
      expect(JSON.parse(data)).to.deep.equal({
        fromBlock: "10",
        toBlock: "12",
        eventCount: 1,
        events: [{ name: "OfferMade", offerId: "7" }],
      });
      expect(received).to.contain("id: 12");
      abort.abort();
      await reader.cancel().catch(() => {});
      for (let i = 0; i < 50 && batches.listenerCount("batch") > 1; i++)
        await new Promise((r) => setTimeout(r, 20));
      expect(batches.listenerCount("batch")).to.equal(1);
      expect(await (await fetch(`${api.url}/metrics`)).text()).to.contain("techex_indexer_events_total 1");
    } finally {
      await api.close();
    }
  });
});

describe("API configuration", () => {
  it("reads PUBLIC_URL, AUDITOR_ADDRESSES, DOCUMENTS_DIR and READY_MAX_LAG_BLOCKS, with defaults", () => {
    const config = loadConfig({
      DATA_DIR: "/srv/techex",
      PUBLIC_URL: "https://techex.example.vn/",
      AUDITOR_ADDRESSES:
        "0x00000000000000000000000000000000000A0d17, 0x00000000000000000000000000000000000a0d18",
      READY_MAX_LAG_BLOCKS: "5",
    });
    expect(config).to.include({
      documentsDir: "/srv/techex/documents",
      publicUrl: "https://techex.example.vn",
      readyMaxLagBlocks: 5,
    });
    expect(config.auditors).to.deep.equal([
      "0x00000000000000000000000000000000000a0d17",
      "0x00000000000000000000000000000000000a0d18",
    ]);
    expect(loadConfig({ DOCUMENTS_DIR: "/mnt/docs" }).documentsDir).to.equal("/mnt/docs");
  });

  it("refuses bad values naming the variable", () => {
    expect(() => loadConfig({ AUDITOR_ADDRESSES: "0x12, bob" })).to.throw(ConfigError, /AUDITOR_ADDRESSES/);
    expect(() => loadConfig({ PUBLIC_URL: "ftp://techex" })).to.throw(ConfigError, /PUBLIC_URL/);
  });
});

interface Operation {
  responses: Record<string, { content: Record<string, { schema?: { type?: string } }> }>;
}
