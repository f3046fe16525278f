// The embedded chain: Hardhat's EDR in this process, served as JSON-RPC over HTTP so that the
// indexer and a browser wallet reach it the same way they would reach an external network. The
// in-process connection is kept too: deploying through it needs no HTTP round trips. This is the
// only part of the server that imports Hardhat, and only when no RPC_URL is configured.
import type { NetworkConnection } from "hardhat/types/network";
import { serveJsonRpc } from "./rpc-server.ts";

export interface EmbeddedChain {
  url: string;
  /** The in-process Hardhat network connection the HTTP server serves. */
  connection: NetworkConnection;
  close(): Promise<void>;
}

/**
 * @param genesisTime the genesis block's time; a chain rebuilt from a journal must start from the
 *        same genesis as the one it was recorded on (default: now).
 */
export async function startEmbeddedChain(
  host: string,
  port: number,
  genesisTime?: Date,
): Promise<EmbeddedChain> {
  const { network } = await import("hardhat");
  const connection = await network.create(
    genesisTime ? { network: "default", override: { initialDate: genesisTime } } : "default",
  );
  try {
    const server = await serveJsonRpc(connection.provider, host, port);
    return {
      url: server.url,
      connection,
      async close() {
        await server.close();
        await connection.close();
      },
    };
  } catch (error) {
    await connection.close();
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `Port ${port} is already in use, so the embedded chain cannot start. ` +
          `Stop what is listening there or set CHAIN_PORT to a free port.`,
        { cause: error },
      );
    }
    throw error;
  }
}
