// A real chain for indexer tests: Hardhat's in-process EDR with the TechEx contracts deployed, served
// over HTTP JSON-RPC the way the indexer reaches any node in production, plus a TCP proxy in front of
// it that can be stopped and started to take the node "down" and "up".
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { JsonRpcProvider } from "ethers";
import { network } from "hardhat";
import type { ContractAddresses } from "../../../server/src/indexer/events.ts";
import { deployTechEx, type TechEx } from "../../contracts/fixtures.ts";
import { startAnvil } from "./anvil.ts";

interface Eip1193 {
  request(args: { method: string; params?: unknown[] }): Promise<unknown>;
}

interface JsonRpcRequest {
  id: unknown;
  method: string;
  params?: unknown[];
}

async function answer(provider: Eip1193, request: JsonRpcRequest) {
  try {
    const result = await provider.request({ method: request.method, params: request.params ?? [] });
    return { jsonrpc: "2.0", id: request.id, result };
  } catch (error) {
    const e = error as { code?: number; message?: string; data?: unknown };
    return {
      jsonrpc: "2.0",
      id: request.id,
      error: { code: e.code ?? -32603, message: e.message ?? String(error), data: e.data },
    };
  }
}

/** Serves an EIP-1193 provider as HTTP JSON-RPC (single and batch requests) on 127.0.0.1. */
export async function serveJsonRpc(provider: Eip1193): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk));
    req.on("end", async () => {
      const parsed = JSON.parse(body) as JsonRpcRequest | JsonRpcRequest[];
      const reply = Array.isArray(parsed)
        ? await Promise.all(parsed.map((r) => answer(provider, r)))
        : await answer(provider, parsed);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify(reply, (_k, v: unknown) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface TestChain {
  techex: TechEx;
  ethers: TechEx["ethers"];
  /** The chain's EIP-1193 provider (evm_snapshot, evm_revert, evm_mine…). */
  provider: Eip1193;
  /** HTTP JSON-RPC URL of the chain. */
  url: string;
  chainId: number;
  addresses: ContractAddresses;
  /** The block of the first deployment transaction. */
  deployBlock: number;
  /** A JsonRpcProvider on `url` (or another URL, e.g. a proxy's), with a static network. */
  jsonRpc(url?: string): JsonRpcProvider;
  close(): Promise<void>;
}

/**
 * A fresh chain with TechEx deployed (fixtures' deployTechEx), served over HTTP: Hardhat's EDR in this
 * process, or an anvil node of its own (reached through Hardhat's `localhost` entry pointed at it,
 * with the node's unlocked development accounts).
 */
export async function startTestChain(node: "hardhat" | "anvil" = "hardhat"): Promise<TestChain> {
  const anvil = node === "anvil" ? await startAnvil() : undefined;
  const connection = anvil
    ? await network.create({ network: "localhost", override: { url: anvil.url } })
    : await network.create();
  const provider = connection.provider as unknown as Eip1193;
  const deployBlock = Number(await connection.ethers.provider.getBlockNumber()) + 1;
  const techex = await deployTechEx(connection.ethers);
  const served = anvil ? { url: anvil.url, close: () => anvil.close() } : await serveJsonRpc(provider);
  const providers: JsonRpcProvider[] = [];
  const chainId = Number((await connection.ethers.provider.getNetwork()).chainId);
  return {
    techex,
    ethers: connection.ethers,
    provider,
    url: served.url,
    chainId,
    addresses: {
      membership: await techex.membership.getAddress(),
      assetRegistry: await techex.registry.getAddress(),
      exchange: await techex.exchange.getAddress(),
      licenceRegistry: await techex.licences.getAddress(),
      settlementToken: await techex.token.getAddress(),
    },
    deployBlock,
    jsonRpc(url = served.url) {
      const rpc = new JsonRpcProvider(url, chainId, { staticNetwork: true });
      providers.push(rpc);
      return rpc;
    },
    async close() {
      for (const rpc of providers) rpc.destroy();
      await served.close();
      await connection.close();
    },
  };
}

/** A TCP proxy to `target` ("host:port") that can be stopped (refusing connections) and started again. */
export class TcpProxy {
  readonly #target: { host: string; port: number };
  readonly #sockets = new Set<net.Socket>();
  #server: net.Server | undefined;
  port = 0;

  constructor(targetUrl: string) {
    const url = new URL(targetUrl);
    this.#target = { host: url.hostname, port: Number(url.port) };
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = net.createServer((client) => {
      const upstream = net.connect(this.#target);
      for (const socket of [client, upstream]) {
        this.#sockets.add(socket);
        socket.on("close", () => this.#sockets.delete(socket));
        socket.on("error", () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(this.port, "127.0.0.1", () => resolve());
    });
    this.port = (server.address() as AddressInfo).port;
    this.#server = server;
  }

  /** Closes the listener and cuts every open connection. */
  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
