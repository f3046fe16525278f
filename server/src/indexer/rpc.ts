// The JSON-RPC calls the indexer makes, raw (no ethers formatting per log), with the two error
// families told apart: retryable ones (the node or the network is down, slow, or overloaded; a
// database connection dropped) and the rest (a bug, or an index that disagrees with the chain),
// which stop the indexer rather than loop on them.
//
// Given ethers' JsonRpcProvider, the calls go straight to its URL through Node's fetch: ethers joins
// a response's chunks and decodes its UTF-8 in JavaScript, which cost more CPU than everything else
// the indexer does with a backfill's multi-megabyte eth_getLogs answers. Block look-ups of a range go
// out as one JSON-RPC batch.
import { JsonRpcProvider } from "ethers";
import type { RawLog } from "./events.ts";

/** Anything that speaks JSON-RPC: ethers' JsonRpcProvider, Hardhat's provider, a test proxy. */
export interface RpcProvider {
  send(method: string, params: unknown[]): Promise<unknown>;
}

export interface RawBlock {
  number: string;
  hash: string;
  parentHash: string;
  timestamp: string;
  transactions: (string | { hash: string; from: string })[];
}

export class RpcTimeoutError extends Error {}

/** An error object in a JSON-RPC response: the node understood the call and refused it. */
export class JsonRpcError extends Error {
  readonly code: number;
  readonly data: unknown;

  constructor(method: string, error: { code?: unknown; message?: unknown; data?: unknown }) {
    super(`${method}: ${String(error.message ?? "JSON-RPC error")}`);
    this.code = typeof error.code === "number" ? error.code : -32603;
    this.data = error.data;
  }
}

interface JsonRpcCall {
  method: string;
  params: unknown[];
}

interface JsonRpcReply {
  id?: unknown;
  result?: unknown;
  error?: { code?: unknown; message?: unknown; data?: unknown };
}

/** JSON-RPC over HTTP with Node's fetch: the response body is parsed by V8's own JSON.parse. */
class HttpJsonRpc {
  readonly #url: string;
  readonly #headers: Record<string, string>;
  #nextId = 1;

  constructor(url: string, headers: Record<string, string>) {
    this.#url = url;
    this.#headers = { ...headers, "content-type": "application/json" };
  }

  async #post(body: unknown, signal: AbortSignal): Promise<unknown> {
    const response = await fetch(this.#url, {
      method: "POST",
      headers: this.#headers,
      body: JSON.stringify(body),
      signal,
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(`JSON-RPC server answered status ${response.status}: ${text.slice(0, 200)}`);
    return JSON.parse(text);
  }

  async send(method: string, params: unknown[], signal: AbortSignal): Promise<unknown> {
    const reply = (await this.#post(
      { jsonrpc: "2.0", id: this.#nextId++, method, params },
      signal,
    )) as JsonRpcReply;
    if (reply.error) throw new JsonRpcError(method, reply.error);
    return reply.result;
  }

  /** The results of `calls`, in order, from one batch request. */
  async batch(calls: readonly JsonRpcCall[], signal: AbortSignal): Promise<unknown[]> {
    const first = this.#nextId;
    this.#nextId += calls.length;
    const body = calls.map((call, i) => ({ jsonrpc: "2.0", id: first + i, ...call }));
    const replies = (await this.#post(body, signal)) as JsonRpcReply[] | JsonRpcReply;
    // A node that does not take batches answers with one error object.
    if (!Array.isArray(replies)) throw new JsonRpcError(calls[0].method, replies.error ?? {});
    const byId = new Map(replies.map((reply) => [reply.id, reply]));
    return calls.map((call, i) => {
      const reply = byId.get(first + i);
      if (!reply) throw new JsonRpcError(call.method, { message: "missing from the batch response" });
      if (reply.error) throw new JsonRpcError(call.method, reply.error);
      return reply.result;
    });
  }
}

/** Block look-ups per batch request. */
const BLOCKS_PER_BATCH = 100;

/** The node refused the range as too large (too many results, response too big, range limit). */
export function isRangeTooLarge(error: unknown): boolean {
  const text = errorText(error);
  return /too many|limit exceeded|exceeds? (the )?(max|limit)|response size|range (is )?too (large|wide|big)|query returned more than|block range/i.test(
    text,
  );
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const parts = [error.message];
  const nested = error as Error & {
    error?: { message?: string };
    info?: { error?: { message?: string } };
    code?: unknown;
  };
  if (nested.error?.message) parts.push(nested.error.message);
  if (nested.info?.error?.message) parts.push(nested.info.error.message);
  if (error.cause) parts.push(errorText(error.cause));
  return parts.join(" | ");
}

const RETRYABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  // ethers v6
  "NETWORK_ERROR",
  "TIMEOUT",
  "SERVER_ERROR",
  "UNKNOWN_ERROR",
  // Prisma: database unreachable, connection closed, pool timeout, transaction expired
  "P1001",
  "P1002",
  "P1017",
  "P2024",
  "P2028",
]);

/** Whether trying again later may succeed. Anything not recognised as transient is not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RpcTimeoutError) return true;
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE_CODES.has(code)) return true;
    if (!(e instanceof Error)) break;
  }
  return /ECONNREFUSED|ECONNRESET|socket hang up|fetch failed|network|timeout|timed out|connection (terminated|closed|refused)|Connection terminated|server closed the connection|Can't reach database|header not found|unknown block|rate limit|too many requests|\b(?:status|code)[ :=]*(?:429|502|503|504)\b/i.test(
    errorText(error),
  );
}

export class Rpc {
  readonly #provider: RpcProvider;
  readonly #http: HttpJsonRpc | undefined;
  readonly #timeoutMs: number;

  constructor(provider: RpcProvider, timeoutMs: number) {
    this.#provider = provider;
    if (provider instanceof JsonRpcProvider) {
      const connection = provider._getConnection();
      this.#http = new HttpJsonRpc(connection.url, connection.headers);
    }
    this.#timeoutMs = timeoutMs;
  }

  /** Runs `request` with the timeout; an HTTP request still open then is aborted. */
  async #timed<T>(what: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const abort = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(new RpcTimeoutError(`${what} timed out after ${this.#timeoutMs} ms`));
        abort.abort();
      }, this.#timeoutMs);
    });
    try {
      return await Promise.race([request(abort.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  #call<T>(method: string, params: unknown[]): Promise<T> {
    return this.#timed(method, (signal) =>
      this.#http ? this.#http.send(method, params, signal) : this.#provider.send(method, params),
    ) as Promise<T>;
  }

  async blockNumber(): Promise<number> {
    return Number(await this.#call<string>("eth_blockNumber", []));
  }

  /** The block, or undefined when the chain has no such block (yet, or any more after a reorg). */
  async block(number: number, withTransactions = false): Promise<RawBlock | undefined> {
    const block = await this.#call<RawBlock | null>("eth_getBlockByNumber", [hex(number), withTransactions]);
    return block ?? undefined;
  }

  /** Several blocks (batched when the provider speaks HTTP); undefined for those the chain lacks. */
  async blocks(numbers: readonly number[], withTransactions = false): Promise<(RawBlock | undefined)[]> {
    const http = this.#http;
    if (!http) return Promise.all(numbers.map((n) => this.block(n, withTransactions)));
    const batches: Promise<unknown[]>[] = [];
    for (let i = 0; i < numbers.length; i += BLOCKS_PER_BATCH) {
      const calls = numbers
        .slice(i, i + BLOCKS_PER_BATCH)
        .map((n) => ({ method: "eth_getBlockByNumber", params: [hex(n), withTransactions] }));
      batches.push(this.#timed("eth_getBlockByNumber", (signal) => http.batch(calls, signal)));
    }
    return (await Promise.all(batches)).flat().map((block) => (block as RawBlock | null) ?? undefined);
  }

  getLogs(addresses: string[], fromBlock: number, toBlock: number): Promise<RawLog[]> {
    return this.#call<RawLog[]>("eth_getLogs", [
      { address: addresses, fromBlock: hex(fromBlock), toBlock: hex(toBlock) },
    ]);
  }
}

function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
