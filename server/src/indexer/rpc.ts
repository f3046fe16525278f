// The JSON-RPC calls the indexer makes, raw (no ethers formatting per log), with the two error
// families told apart: retryable ones (the node or the network is down, slow, or overloaded; a
// database connection dropped) and the rest (a bug, or an index that disagrees with the chain),
// which stop the indexer rather than loop on them.
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
  readonly #timeoutMs: number;

  constructor(provider: RpcProvider, timeoutMs: number) {
    this.#provider = provider;
    this.#timeoutMs = timeoutMs;
  }

  async #call<T>(method: string, params: unknown[]): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new RpcTimeoutError(`${method} timed out after ${this.#timeoutMs} ms`)),
        this.#timeoutMs,
      );
    });
    try {
      return (await Promise.race([this.#provider.send(method, params), timeout])) as T;
    } finally {
      clearTimeout(timer);
    }
  }

  async blockNumber(): Promise<number> {
    return Number(await this.#call<string>("eth_blockNumber", []));
  }

  /** The block, or undefined when the chain has no such block (yet, or any more after a reorg). */
  async block(number: number, withTransactions = false): Promise<RawBlock | undefined> {
    const block = await this.#call<RawBlock | null>("eth_getBlockByNumber", [hex(number), withTransactions]);
    return block ?? undefined;
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
