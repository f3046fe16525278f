// `node scripts/bench/indexer.ts [--json] [--assets N]`: the indexer's backfill rate and live lag.
//
// The chain runs in a child process (TechEx deployed on Hardhat's EDR, served over HTTP JSON-RPC by
// the server's own JSON-RPC server), as a separate node would: the indexer does not share its CPU with
// the node serving it. Backfill: N assets are registered, verified and listed, with an offer each
// (≈ 4 events per asset, 5,000 assets ≈ 20,000 events); a fresh PostgreSQL database (TEST_POSTGRES_URL
// or the local default) is then filled from block 1 to the head, timed from the indexer's start until
// it has committed the head. Live lag: with the indexer polling, the chain process mines registrations
// one by one; the time from a transaction's receipt to its event being readable in the database is
// measured.
import { fork } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { JsonRpcProvider } from "ethers";
import type { ContractAddresses } from "../../server/src/indexer/events.ts";

const PER_BLOCK = 100;
const LIVE_SAMPLES = 40;

interface ChainReady {
  url: string;
  chainId: number;
  head: number;
  addresses: ContractAddresses;
}

type ToChain = { register: number } | { exit: true };
type FromChain = { ready: ChainReady } | { registered: string };

if (process.argv.includes("--chain")) await serveChain();
else await measure();

/** The child: deploys, writes the assets, serves JSON-RPC, and registers live assets on request. */
async function serveChain(): Promise<void> {
  const { network } = await import("hardhat");
  const { serveJsonRpc } = await import("../../server/src/chain/rpc-server.ts");
  const { ALL_DEAL_TYPES, AssetStatus, DEFAULT_TERMS, DealType, hashTerms, deployTechEx } =
    await import("../../test/contracts/fixtures.ts");
  const assetCount = Number(process.argv[process.argv.indexOf("--chain") + 1]);
  const reply = (message: FromChain) => process.send!(message);

  const connection = await network.create();
  const { ethers } = connection;
  const t = await deployTechEx(ethers);
  const { seller, ipOffice, buyer } = t.accounts;
  const now = (await ethers.provider.getBlock("latest"))!.timestamp;

  // Blocks full of transactions, as on a busy network: automine off, a block mined every PER_BLOCK
  // transactions, each kind of transaction in its own phase so none depends on one still pending.
  await t.token.connect(buyer).approve(await t.exchange.getAddress(), ethers.MaxUint256);
  const termsHash = hashTerms(ethers, DEFAULT_TERMS);
  const ids = Array.from({ length: assetCount }, (_, i) => ethers.id(`VN-bench-${i}`));
  // Raw eth_sendTransaction from the node's unlocked accounts: the node assigns nonces, and the
  // script skips ethers' per-transaction nonce and fee look-ups.
  const send = (
    from: { address: string },
    to: { getAddress(): Promise<string> },
    data: string,
    gas: number,
  ) =>
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

  const served = await serveJsonRpc(connection.provider, "127.0.0.1", 0);
  const registry = t.registry.connect(seller);
  process.on("message", (message: ToChain) => {
    if ("exit" in message) {
      void served.close().then(() => process.exit(0));
      return;
    }
    const hash = ethers.id(`VN-live-${message.register}`);
    void registry
      .register(0, hash, hash, "ipfs://live", now + 10 * 365 * 86_400, [])
      .then((tx) => tx.wait())
      .then(() => reply({ registered: BigInt(hash).toString() }));
  });
  reply({
    ready: {
      url: served.url,
      chainId: Number((await ethers.provider.getNetwork()).chainId),
      head: await ethers.provider.getBlockNumber(),
      addresses: {
        membership: await t.membership.getAddress(),
        assetRegistry: await t.registry.getAddress(),
        exchange: await t.exchange.getAddress(),
        licenceRegistry: await t.licences.getAddress(),
        settlementToken: await t.token.getAddress(),
      },
    },
  });
}

/** The parent: the indexer, reading the child's chain into PostgreSQL. */
async function measure(): Promise<void> {
  const { Indexer } = await import("../../server/src/indexer/indexer.ts");
  const { isRetryable } = await import("../../server/src/indexer/rpc.ts");
  const { createTestDatabase } = await import("../../test/server/helpers/database.ts");
  const json = process.argv.includes("--json");
  const assetsArg = process.argv.indexOf("--assets");
  const assetCount = assetsArg > 0 ? Number(process.argv[assetsArg + 1]) : 5_000;
  const log = (message: string) => (json ? undefined : console.log(message));

  log(`Writing ${assetCount} assets (register, verify, list, offer), ${PER_BLOCK} transactions a block…`);
  const chain = fork(fileURLToPath(import.meta.url), ["--chain", String(assetCount)], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const next = async () => ((await once(chain, "message")) as [FromChain])[0];
  const ready = await next();
  if (!("ready" in ready)) throw new Error("the chain process did not start");
  const { url, chainId, head, addresses } = ready.ready;

  const provider = new JsonRpcProvider(url, chainId, { staticNetwork: true });
  const database = await createTestDatabase("postgres");
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
  for (let i = 0; i < LIVE_SAMPLES; i++) {
    chain.send({ register: i } satisfies ToChain);
    const registered = await next();
    const mined = performance.now();
    if (!("registered" in registered)) throw new Error("the chain process did not register");
    while ((await database.prisma.asset.count({ where: { tokenId: registered.registered } })) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    lags.push(performance.now() - mined);
  }
  await indexer.stop();
  lags.sort((a, b) => a - b);
  const liveLagP95Ms = Math.round(lags[Math.floor(lags.length * 0.95) - 1]);

  provider.destroy();
  await database.drop();
  chain.send({ exit: true } satisfies ToChain);
  await once(chain, "exit");

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
}
