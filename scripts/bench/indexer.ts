// `node scripts/bench/indexer.ts [--json] [--assets N]`: the indexer's backfill rate and live lag.
//
// Backfill: TechEx deployed on an in-process EDR chain served over HTTP JSON-RPC; N assets are
// registered, verified and listed, with an offer each (≈ 4 events per asset, 5,000 assets ≈ 20,000
// events); a fresh PostgreSQL database (TEST_POSTGRES_URL or the local default) is then filled from
// block 0 to the head. Live lag: with the indexer polling, blocks are mined one by one and the time
// from the transaction's receipt to its event being readable in the database is measured.
import { performance } from "node:perf_hooks";
import { network } from "hardhat";
import { Indexer } from "../../server/src/indexer/indexer.ts";
import { isRetryable } from "../../server/src/indexer/rpc.ts";
import {
  ALL_DEAL_TYPES,
  AssetStatus,
  DEFAULT_TERMS,
  DealType,
  hashTerms,
  deployTechEx,
} from "../../test/contracts/fixtures.ts";
import { createTestDatabase } from "../../test/server/helpers/database.ts";
import { serveJsonRpc } from "../../test/server/helpers/chain.ts";
import { JsonRpcProvider } from "ethers";

const json = process.argv.includes("--json");
const assetsArg = process.argv.indexOf("--assets");
const assetCount = assetsArg > 0 ? Number(process.argv[assetsArg + 1]) : 5_000;
const PER_BLOCK = 100;
const log = (message: string) => (json ? undefined : console.log(message));

const connection = await network.create();
const { ethers } = connection;
const t = await deployTechEx(ethers);
const { seller, ipOffice, buyer } = t.accounts;
const now = (await ethers.provider.getBlock("latest"))!.timestamp;

log(`Writing ${assetCount} assets (register, verify, list, offer), ${PER_BLOCK} transactions a block…`);
// Blocks full of transactions, as on a busy network: automine off, a block mined every PER_BLOCK
// transactions, each kind of transaction in its own phase so none depends on one still pending.
const registry = t.registry.connect(seller);
await t.token.connect(buyer).approve(await t.exchange.getAddress(), ethers.MaxUint256);
const termsHash = hashTerms(ethers, DEFAULT_TERMS);
const ids = Array.from({ length: assetCount }, (_, i) => ethers.id(`VN-bench-${i}`));
// Raw eth_sendTransaction from the node's unlocked accounts: the node assigns nonces, and the
// script skips ethers' per-transaction nonce and fee look-ups.
const send = (from: { address: string }, to: { getAddress(): Promise<string> }, data: string, gas: number) =>
  to.getAddress().then((address) =>
    connection.provider.request({
      method: "eth_sendTransaction",
      params: [{ from: from.address, to: address, data, gas: `0x${gas.toString(16)}` }],
    }),
  );
const phases: ((id: string, i: number) => Promise<unknown>)[] = [
  (id, i) =>
    send(
      seller,
      t.registry,
      t.registry.interface.encodeFunctionData("register", [
        0,
        id,
        id,
        `ipfs://bench/${i}`,
        now + 10 * 365 * 86_400,
        [],
      ]),
      400_000,
    ),
  (id) =>
    send(
      ipOffice,
      t.registry,
      t.registry.interface.encodeFunctionData("setStatus", [id, AssetStatus.Verified, ethers.ZeroHash]),
      200_000,
    ),
  (id) =>
    send(
      seller,
      t.exchange,
      t.exchange.interface.encodeFunctionData("createListing", [
        id,
        ALL_DEAL_TYPES,
        [1n, 2n, 3n],
        DEFAULT_TERMS,
      ]),
      400_000,
    ),
  (id) =>
    send(
      buyer,
      t.exchange,
      t.exchange.interface.encodeFunctionData("makeOffer", [
        id,
        DealType.NonExclusiveLicence,
        3n,
        now + 30 * 86_400,
        termsHash,
      ]),
      300_000,
    ),
];
await connection.provider.request({ method: "evm_setAutomine", params: [false] });
for (const phase of phases) {
  for (let i = 0; i < ids.length; i++) {
    await phase(ids[i], i);
    if ((i + 1) % PER_BLOCK === 0 || i === ids.length - 1)
      await connection.provider.request({ method: "evm_mine", params: [] });
  }
}
await connection.provider.request({ method: "evm_setAutomine", params: [true] });
const head = await ethers.provider.getBlockNumber();

const served = await serveJsonRpc(connection.provider as never);
const provider = new JsonRpcProvider(served.url, undefined, { staticNetwork: true, batchMaxCount: 100 });
const chainId = Number((await provider.getNetwork()).chainId);
const database = await createTestDatabase("postgres");
const addresses = {
  membership: await t.membership.getAddress(),
  assetRegistry: await t.registry.getAddress(),
  exchange: await t.exchange.getAddress(),
  licenceRegistry: await t.licences.getAddress(),
  settlementToken: await t.token.getAddress(),
};
const indexer = new Indexer({
  provider,
  prisma: database.prisma,
  chainId,
  addresses,
  fromBlock: 1,
  pollIntervalMs: 50,
  databaseUrl: database.url,
});

log(`Backfilling ${head} blocks over HTTP into PostgreSQL…`);
const started = performance.now();
let events = 0;
// As the poll loop would: a transient failure (a node too slow for a range) is retried, smaller.
while (indexer.status().indexedBlock !== head) {
  try {
    events += (await indexer.syncOnce()).events;
  } catch (error) {
    if (!isRetryable(error)) throw error;
    log(`retrying: ${(error as Error).message}`);
  }
}
const seconds = (performance.now() - started) / 1000;
const eventsPerSecond = Math.round(events / seconds);

log("Measuring live lag (block mined → event readable)…");
indexer.start();
const lags: number[] = [];
for (let i = 0; i < 40; i++) {
  const hash = ethers.id(`VN-live-${i}`);
  const tx = await registry.register(0, hash, hash, "ipfs://live", now + 10 * 365 * 86_400, []);
  await tx.wait();
  const mined = performance.now();
  while ((await database.prisma.asset.count({ where: { tokenId: BigInt(hash).toString() } })) === 0) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  lags.push(performance.now() - mined);
}
await indexer.stop();
lags.sort((a, b) => a - b);
const liveLagP95Ms = Math.round(lags[Math.floor(lags.length * 0.95) - 1]);

provider.destroy();
await served.close();
await database.drop();
await connection.close();

const result = { eventsPerSecond, liveLagP95Ms, events, blocks: head, seconds: Number(seconds.toFixed(2)) };
if (json) {
  console.log(JSON.stringify(result));
} else {
  console.table({
    "backfill events": { value: events, target: "≥ 20,000" },
    "backfill seconds": { value: result.seconds, target: "" },
    "events / s": { value: eventsPerSecond, target: "≥ 10,000" },
    "live lag p95 (ms)": { value: liveLagP95Ms, target: "≤ 500" },
  });
}
process.exit(0);
