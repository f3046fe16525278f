// Serves an EIP-1193 provider as Ethereum JSON-RPC over HTTP: POST, single or batch requests, CORS
// so that a browser wallet may reach it from any page. Idle connections are kept longer than
// clients keep theirs, so a client never reuses a socket the server is just closing (the race
// that otherwise shows up as ECONNRESET under load).
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Eip1193Provider {
  request(args: { method: string; params?: unknown[] | object }): Promise<unknown>;
}

interface JsonRpcRequest {
  jsonrpc?: string;
  id?: string | number | null;
  method?: unknown;
  params?: unknown;
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

async function answer(provider: Eip1193Provider, request: JsonRpcRequest) {
  const id = request?.id ?? null;
  if (typeof request?.method !== "string") {
    return {
      jsonrpc: "2.0",
      id,
      error: { code: -32600, message: "Invalid request: method must be a string" },
    };
  }
  try {
    const params = Array.isArray(request.params)
      ? request.params
      : request.params === undefined
        ? []
        : request.params;
    const result = await provider.request({ method: request.method, params: params as unknown[] });
    return { jsonrpc: "2.0", id, result: result ?? null };
  } catch (error) {
    const e = error as { code?: unknown; message?: string; data?: unknown };
    return {
      jsonrpc: "2.0",
      id,
      error: {
        code: typeof e.code === "number" ? e.code : -32603,
        message: e.message ?? String(error),
        ...(e.data === undefined ? {} : { data: e.data }),
      },
    };
  }
}

export interface RpcServer {
  url: string;
  close(): Promise<void>;
}

export async function serveJsonRpc(
  provider: Eip1193Provider,
  host: string,
  port: number,
): Promise<RpcServer> {
  const server = http.createServer((req, res) => {
    res.setHeader("Access-Control-Allow-Origin", "*");
    res.setHeader("Access-Control-Allow-Methods", "POST, GET, OPTIONS");
    res.setHeader("Access-Control-Allow-Headers", "Content-Type");
    if (req.method === "OPTIONS") {
      res.writeHead(204).end();
      return;
    }
    if (req.method !== "POST") {
      res.writeHead(405, { "Content-Type": "text/plain" }).end("JSON-RPC: POST a request\n");
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", async () => {
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(
          JSON.stringify({ jsonrpc: "2.0", id: null, error: { code: -32700, message: "Parse error" } }),
        );
        return;
      }
      const response = Array.isArray(body)
        ? await Promise.all(body.map((r) => answer(provider, r as JsonRpcRequest)))
        : await answer(provider, body as JsonRpcRequest);
      res.writeHead(200, { "Content-Type": "application/json" });
      res.end(
        JSON.stringify(response, (_key, value) =>
          typeof value === "bigint" ? `0x${value.toString(16)}` : value,
        ),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${address.address}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
