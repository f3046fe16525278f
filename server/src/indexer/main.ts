// The indexer as a process of its own: `node server/src/indexer/main.ts`. The exchange server runs the
// same Indexer in-process; this entry point serves deployments that scale the API out (then one
// indexer per database writes, the others stand by) and the crash tests (kill -9 mid-backfill).
//
// Environment: RPC_URL; DATABASE_URL (PostgreSQL) or DATA_DIR (embedded, default ./data/db);
// INDEXER_ADDRESSES (JSON of ContractAddresses); INDEXER_FROM_BLOCK; CONFIRMATIONS (default 0);
// INDEXER_BLOCK_RANGE (first and largest eth_getLogs range, optional).
import { JsonRpcProvider } from "ethers";
import { openDatabase } from "../db/client.ts";
import type { ContractAddresses } from "./events.ts";
import { Indexer } from "./indexer.ts";

function required(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`[indexer] ${name} is required`);
    process.exit(2);
  }
  return value;
}

const rpcUrl = required("RPC_URL");
const addresses = JSON.parse(required("INDEXER_ADDRESSES")) as ContractAddresses;
const fromBlock = Number(required("INDEXER_FROM_BLOCK"));
const range = process.env.INDEXER_BLOCK_RANGE ? Number(process.env.INDEXER_BLOCK_RANGE) : undefined;

const database = await openDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR,
});
const provider = new JsonRpcProvider(rpcUrl, undefined, { staticNetwork: true });
const { chainId } = await provider.getNetwork();
const indexer = new Indexer({
  provider,
  prisma: database.prisma,
  chainId: Number(chainId),
  addresses,
  fromBlock,
  confirmations: Number(process.env.CONFIRMATIONS ?? 0),
  databaseUrl: database.kind === "postgres" ? database.url : undefined,
  ...(range ? { initialBlockRange: range, maxBlockRange: range } : {}),
  log: (message) => console.log(message),
});
indexer.onBatch((notice) =>
  console.log(`[indexer] batch ${notice.fromBlock}-${notice.toBlock} events=${notice.events.length}`),
);
indexer.onError(() => process.exit(1));
indexer.start();
console.log(`[indexer] started on chain ${chainId} from block ${fromBlock}`);

const stop = async () => {
  await indexer.stop();
  provider.destroy();
  await database.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
