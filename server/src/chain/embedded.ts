// The embedded chain: Hardhat's EDR, in this process, served as JSON-RPC over HTTP so that the
// indexer, the deploy step and a browser wallet all reach it the same way they would reach an
// external network. This is the only module of the server that imports Hardhat, and only when
// no RPC_URL is configured.

export interface EmbeddedChain {
  url: string;
  close(): Promise<void>;
}

/**
 * @param genesisTime the genesis block's time; a chain rebuilt from a journal must start from the
 *        same genesis as the one it was recorded on (default: now).
 */
export async function startEmbeddedChain(host: string, port: number, genesisTime?: Date): Promise<EmbeddedChain> {
  const { network } = await import("hardhat");
  const server = await network.createServer(
    genesisTime ? { network: "default", override: { initialDate: genesisTime } } : "default",
    host,
    port,
  );
  let address: { address: string; port: number };
  try {
    address = await server.listen();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EADDRINUSE") {
      throw new Error(
        `Port ${port} is already in use, so the embedded chain cannot start. ` +
          `Stop what is listening there or set CHAIN_PORT to a free port.`,
        { cause: error },
      );
    }
    throw error;
  }
  return {
    url: `http://${address.address}:${address.port}`,
    close: () => server.close(),
  };
}
