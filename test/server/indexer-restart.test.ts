// The indexer is killed (-9) while it backfills, restarted, and must end with tables identical to an
// uninterrupted run; on PostgreSQL, of two indexers only the lock holder ever writes.
import { spawn, type ChildProcess } from "node:child_process";
import { rm } from "node:fs/promises";
import { expect } from "chai";
import type { PrismaClient } from "../../server/src/generated/prisma/client.ts";
import { createPrismaClient } from "../../server/src/db/client.ts";
import { startEmbeddedServer } from "../../server/src/db/embedded.ts";
import { Indexer } from "../../server/src/indexer/indexer.ts";
import { ALL_DEAL_TYPES, AssetStatus, DEFAULT_TERMS, registerAsset } from "../contracts/fixtures.ts";
import {
  createEmbeddedDataDir,
  createTestDatabase,
  databaseKinds,
  useTestDatabase,
} from "./helpers/database.ts";
import { startTestChain, type TestChain } from "./helpers/chain.ts";
import { indexTables as tables } from "./helpers/index-tables.ts";

/** Registers, verifies and lists `count` assets: three events (and blocks) each. */
async function busyHistory(chain: TestChain, count: number): Promise<void> {
  const t = chain.techex;
  const { seller, ipOffice } = t.accounts;
  for (let i = 0; i < count; i++) {
    const asset = await registerAsset(t, seller, { regNumber: `VN-busy-${i}` });
    await t.registry.connect(ipOffice).setStatus(asset, AssetStatus.Verified, t.ethers.id("ok"));
    await t.exchange.connect(seller).createListing(asset, ALL_DEAL_TYPES, [1n, 2n, 3n], DEFAULT_TERMS);
  }
}

interface IndexerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the process has logged `count` batches (counted from its start). */
  batches(count: number): Promise<void>;
  /** Resolves when a batch ending at `block` was logged. */
  reached(block: number): Promise<void>;
  exited: Promise<number | null>;
}

function spawnIndexer(chain: TestChain, env: Record<string, string>): IndexerProcess {
  const child = spawn(process.execPath, ["server/src/indexer/main.ts"], {
    env: {
      ...process.env,
      RPC_URL: chain.url,
      INDEXER_ADDRESSES: JSON.stringify(chain.addresses),
      INDEXER_FROM_BLOCK: String(chain.deployBlock),
      INDEXER_BLOCK_RANGE: "6",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const waiters: (() => void)[] = [];
  const onData = (chunk: Buffer) => {
    output += chunk;
    for (const check of waiters.splice(0)) check();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const waitFor = (test: () => boolean) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (test() ? resolve() : waiters.push(check));
      void exited.then(() => reject(new Error(`indexer exited:\n${output}`)));
      check();
    });
  return {
    child,
    output: () => output,
    batches: (count) => waitFor(() => (output.match(/\[indexer\] batch /g) ?? []).length >= count),
    reached: (block) => waitFor(() => new RegExp(`\\[indexer\\] batch \\d+-${block} `).test(output)),
    exited,
  };
}

for (const kind of databaseKinds) {
  describe(`Indexer restarts (${kind})`, function () {
    this.timeout(120_000);
    const db = useTestDatabase(kind);
    let chain: TestChain;

    before(async function () {
      chain = await startTestChain();
      await busyHistory(chain, 30);
    });

    after(async () => {
      await chain?.close();
    });

    it("loses and repeats nothing when killed -9 mid-backfill", async function () {
      const head = await chain.ethers.provider.getBlockNumber();
      const reference = await createTestDatabase(kind);
      let crashed: PrismaClient | undefined;
      let stopServer: (() => Promise<void>) | undefined;
      let dataDir: string | undefined;
      try {
        await new Indexer({
          provider: chain.jsonRpc(),
          prisma: reference.prisma,
          chainId: chain.chainId,
          addresses: chain.addresses,
          fromBlock: chain.deployBlock,
        }).syncOnce();

        // The embedded database lives inside the indexer process, so it is killed with it.
        dataDir = kind === "embedded" ? await createEmbeddedDataDir() : undefined;
        const env: Record<string, string> = dataDir
          ? { DATA_DIR: dataDir, DATABASE_URL: "" }
          : { DATABASE_URL: db.url };
        const killed = spawnIndexer(chain, env);
        await killed.batches(4);
        killed.child.kill("SIGKILL");
        await killed.exited;
        expect(killed.output()).to.not.match(new RegExp(`batch \\d+-${head} `), "killed before it finished");
        const last = spawnIndexer(chain, env);
        await last.reached(head);
        last.child.kill("SIGTERM");
        expect(await last.exited).to.equal(0);

        if (dataDir) {
          const server = await startEmbeddedServer({ dataDir });
          stopServer = () => server.stop();
          crashed = createPrismaClient(server.url);
        } else {
          crashed = db.prisma;
        }
        const expected = await tables(reference.prisma);
        expect(expected.events.length).to.be.greaterThan(30 * 3, "3 per asset and the deployment's");
        expect(await tables(crashed)).to.deep.equal(expected);
      } finally {
        if (crashed && crashed !== db.prisma) await crashed.$disconnect();
        await stopServer?.();
        if (dataDir) await rm(dataDir, { recursive: true, force: true });
        await reference.drop();
      }
    });

    if (kind === "postgres") {
      it("lets only the lock holder write; the other stands by and takes over when it stops", async function () {
        await db.prisma.$executeRawUnsafe(
          "TRUNCATE chain_events, activities, indexer_checkpoints, indexed_blocks, licences, agreements, offers, listings, asset_co_owners, assets, organisations",
        );
        const clients: PrismaClient[] = [];
        const make = () =>
          new Indexer({
            provider: chain.jsonRpc(),
            prisma: clients[clients.push(createPrismaClient(db.url)) - 1],
            chainId: chain.chainId,
            addresses: chain.addresses,
            fromBlock: chain.deployBlock,
            databaseUrl: db.url,
            initialBlockRange: 5,
            maxBlockRange: 5,
            pollIntervalMs: 20,
          });
        const [first, second] = [make(), make()];
        first.start();
        second.start();
        const head = await chain.ethers.provider.getBlockNumber();
        await until(() => [first, second].some((i) => i.status().indexedBlock === head));
        const [writer, standby] = first.status().role === "writer" ? [first, second] : [second, first];
        expect(writer.status().role).to.equal("writer");
        expect(standby.status().role).to.equal("standby");
        expect(standby.status().batches).to.equal(0);

        const eventsBefore = await db.prisma.chainEvent.count();
        await writer.stop();
        const asset = await registerAsset(chain.techex, chain.techex.accounts.seller, {
          regNumber: "VN-after-failover",
        });
        await until(
          async () => (await db.prisma.asset.count({ where: { tokenId: asset.toString() } })) === 1,
        );
        expect(standby.status().role).to.equal("writer");
        const batchesBefore = writer.status().batches;
        await standby.stop();
        expect(writer.status().batches).to.equal(batchesBefore);
        // AssetRegistered; the mint's ERC-721 Transfer is not indexed
        expect(await db.prisma.chainEvent.count()).to.equal(eventsBefore + 1);
        for (const client of clients) await client.$disconnect();
      });
    }
  });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
