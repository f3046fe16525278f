import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "chai";
import { Prisma } from "../../server/src/generated/prisma/client.ts";
import { poolConfigFor } from "../../server/src/db/adapter.ts";
import { openDatabase } from "../../server/src/db/client.ts";
import { startEmbeddedServer } from "../../server/src/db/embedded.ts";
import { migrateDeploy, migrationNames, pendingMigrations } from "../../server/src/db/migrate.ts";
import {
  createEmbeddedDataDir,
  createTestDatabase,
  databaseKinds,
  PostgresUnavailableError,
  truncateAllTables,
  useTestDatabase,
  type TestDatabase,
} from "./helpers/database.ts";

const UINT256_MAX = (2n ** 256n - 1n).toString();
const dbClientModule = pathToFileURL(join(import.meta.dirname, "../../server/src/db/client.ts")).href;

function chainEvent(logIndex: number) {
  return {
    chainId: 31337,
    blockNumber: 7n,
    blockHash: `0x${"b".repeat(64)}`,
    txHash: `0x${"a".repeat(64)}`,
    logIndex,
    address: `0x${"c".repeat(40)}`,
    eventName: "AssetRegistered",
    args: { tokenId: UINT256_MAX },
  };
}

/** Runs `source` (an ES module that may import .ts files) in a fresh Node process until it exits. */
function runNode(source: string, timeoutMs: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--input-type=module", "-e", source], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`the child process was still running after ${timeoutMs} ms\n${stderr}`));
    }, timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stderr });
    });
  });
}

describe("poolConfigFor", function () {
  it("takes the pool size from Prisma's connection_limit parameter and leaves it out of the connection string", () => {
    const config = poolConfigFor(
      "postgresql://app@db.example:5433/techex?connection_limit=3&sslmode=require",
    );
    expect(config.max).to.equal(3);
    expect(config.connectionString).to.equal("postgresql://app@db.example:5433/techex?sslmode=require");
    expect(poolConfigFor("postgresql://app@db.example/techex").max).to.equal(10);
  });

  it("refuses a schema other than public", () => {
    expect(() => poolConfigFor("postgresql://app@db.example/techex?schema=tenant")).to.throw(/only "public"/);
  });
});

describe("migration history", function () {
  // `migrate deploy` splits a script into statements at every ";", comments included, and then fails
  // with a bare "syntax error at or near …" (psql and the shadow database apply the same file).
  it("has no semicolon inside an SQL comment, where Prisma 6.19's engine would split a statement", async () => {
    for (const name of await migrationNames()) {
      const sql = await readFile(
        new URL(`../../server/prisma/migrations/${name}/migration.sql`, import.meta.url),
        "utf8",
      );
      const commentsWithSemicolon = sql
        .split("\n")
        .filter((line) => line.includes("--") && line.slice(line.indexOf("--")).includes(";"));
      expect(commentsWithSemicolon, name).to.deep.equal([]);
    }
  });
});

for (const kind of databaseKinds) {
  describe(`database (${kind})`, function () {
    this.timeout(60_000);

    describe("migrations", function () {
      let database: TestDatabase | undefined;

      before(async function () {
        this.timeout(120_000);
        try {
          database = await createTestDatabase(kind, { migrate: false });
        } catch (error) {
          if (!(error instanceof PostgresUnavailableError)) throw error;
          console.warn(`      ${error.message}`);
          this.skip();
        }
      });

      after(async () => database?.drop());

      it("apply the whole history to an empty database, and a second run changes nothing", async function () {
        this.timeout(120_000);
        const { prisma, url } = database!;
        expect(await pendingMigrations(url)).to.deep.equal(await migrationNames());
        await migrateDeploy(url);
        expect(await pendingMigrations(url)).to.deep.equal([]);
        const applied = await prisma.$queryRaw<{ migration_name: string }[]>`
          SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`;
        expect(applied.map((row) => row.migration_name)).to.deep.equal(await migrationNames());

        await migrateDeploy(url);
        const [{ count }] = await prisma.$queryRaw<
          { count: bigint }[]
        >`SELECT count(*) AS count FROM _prisma_migrations`;
        expect(Number(count)).to.equal(applied.length);
        expect(await prisma.chainEvent.count()).to.equal(0);
      });
    });

    describe("data", function () {
      const db = useTestDatabase(kind);

      it("stores 2^256 - 1 in a Decimal(78,0) column and reads it back exactly", async () => {
        const tokenId = new Prisma.Decimal(UINT256_MAX);
        await db.prisma.asset.create({
          data: {
            tokenId,
            kind: "PATENT",
            registrationNumberHash: `0x${"1".repeat(64)}`,
            contentHash: `0x${"2".repeat(64)}`,
            owner: `0x${"3".repeat(40)}`,
            registrant: `0x${"3".repeat(40)}`,
            registeredAt: new Date(),
            registeredBlock: 1n,
          },
        });
        const asset = await db.prisma.asset.findUniqueOrThrow({ where: { tokenId: UINT256_MAX } });
        expect(asset.tokenId.toFixed()).to.equal(UINT256_MAX);
        const [{ text }] = await db.prisma.$queryRaw<
          { text: string }[]
        >`SELECT token_id::text AS text FROM assets`;
        expect(text).to.equal(UINT256_MAX);
      });

      it("rejects a second chain event with the same chain id, transaction hash and log index", async () => {
        await db.prisma.chainEvent.create({ data: chainEvent(0) });
        const duplicate = await db.prisma.chainEvent
          .create({ data: chainEvent(0) })
          .catch((error: unknown) => error);
        expect(duplicate).to.be.instanceOf(Prisma.PrismaClientKnownRequestError);
        expect((duplicate as Prisma.PrismaClientKnownRequestError).code).to.equal("P2002");
        await db.prisma.chainEvent.create({ data: chainEvent(1) });
        expect(await db.prisma.chainEvent.count({ where: { txHash: chainEvent(0).txHash } })).to.equal(2);
      });

      it("writes nothing from a transaction that throws", async () => {
        const checkpoint = { chainId: 31337, contractSetKey: "rollback", blockHash: `0x${"d".repeat(64)}` };
        const failed = await db.prisma
          .$transaction(async (tx) => {
            await tx.indexerCheckpoint.create({ data: { ...checkpoint, blockNumber: 10n } });
            await tx.indexedBlock.create({
              data: { chainId: 31337, number: 10n, hash: checkpoint.blockHash },
            });
            throw new Error("handler failed");
          })
          .catch((error: unknown) => error);
        expect(failed).to.have.property("message", "handler failed");
        expect(await db.prisma.indexerCheckpoint.count({ where: { contractSetKey: "rollback" } })).to.equal(
          0,
        );
        expect(await db.prisma.indexedBlock.count({ where: { number: 10n } })).to.equal(0);
      });

      it("answers concurrent queries and a concurrent transaction each with their own rows", async () => {
        const blocks = Array.from({ length: 20 }, (_, i) => ({
          chainId: 5,
          number: BigInt(i),
          hash: `0x${i.toString(16).padStart(64, "0")}`,
        }));
        await db.prisma.indexedBlock.createMany({ data: blocks });
        const [inTransaction, ...found] = await Promise.all([
          db.prisma.$transaction(async (tx) => {
            await tx.indexerCheckpoint.create({
              data: {
                chainId: 5,
                contractSetKey: "concurrent",
                blockNumber: 19n,
                blockHash: blocks[19].hash,
              },
            });
            return tx.indexedBlock.count({ where: { chainId: 5 } });
          }),
          ...blocks.map((block) =>
            db.prisma.indexedBlock.findUnique({
              where: { chainId_number: { chainId: 5, number: block.number } },
            }),
          ),
        ]);
        expect(inTransaction).to.equal(blocks.length);
        expect(found.map((block) => block?.hash)).to.deep.equal(blocks.map((block) => block.hash));
      });

      it("can be emptied between tests, keeping the migration record", async () => {
        await db.prisma.session.create({
          data: { id: "s1", address: `0x${"4".repeat(40)}`, chainId: 1, expiresAt: new Date() },
        });
        await truncateAllTables(db.prisma);
        expect(await db.prisma.session.count()).to.equal(0);
        expect(await db.prisma.chainEvent.count()).to.equal(0);
        expect(await pendingMigrations(db.url)).to.deep.equal([]);
      });

      it("keeps working after an SQL error on the connection", async () => {
        await db.prisma.$executeRawUnsafe("SELECT * FROM no_such_table").catch(() => {});
        expect(await db.prisma.session.count()).to.equal(0);
      });
    });

    describe("openDatabase", function () {
      const db = useTestDatabase(kind);
      const dataDirs: string[] = [];

      after(async () => Promise.all(dataDirs.map((dir) => rm(dir, { recursive: true, force: true }))));

      if (kind === "embedded") {
        it("creates and migrates a new data directory, and keeps its data across a close and reopen", async function () {
          this.timeout(120_000);
          const dataDir = join(await mkdtemp(join(tmpdir(), "techex-open-")), "db");
          dataDirs.push(dirname(dataDir));
          const first = await openDatabase({ dataDir });
          expect(first.kind).to.equal("embedded");
          await first.prisma.siweNonce.create({
            data: { nonce: "survives", expiresAt: new Date(Date.now() + 60_000) },
          });
          await first.close();

          const second = await openDatabase({ dataDir });
          try {
            expect(await second.prisma.siweNonce.findUnique({ where: { nonce: "survives" } })).to.not.equal(
              null,
            );
          } finally {
            await second.close();
          }
        });
      }

      if (kind === "embedded") {
        it("refuses a second server on a data directory that is in use, and takes over a dead process's lock", async function () {
          this.timeout(60_000);
          const dataDir = await createEmbeddedDataDir();
          dataDirs.push(dataDir);
          const first = await startEmbeddedServer({ dataDir });
          try {
            const refused = await startEmbeddedServer({ dataDir }).catch((error: unknown) => error);
            expect(refused).to.be.instanceOf(Error).with.property("message").that.includes("already open");
          } finally {
            await first.stop();
          }

          const deadPid = 2 ** 22 + 1; // above Linux's pid_max default, so no process has it
          await writeFile(join(dataDir, "techex.lock"), String(deadPid));
          const second = await startEmbeddedServer({ dataDir });
          await second.stop();
        });
      }

      it("lets the process exit by itself once the database is closed", async function () {
        this.timeout(120_000);
        const config =
          kind === "embedded" ? { dataDir: await createEmbeddedDataDir() } : { databaseUrl: db.url };
        if (config.dataDir) dataDirs.push(config.dataDir);
        // The child reports how long after close() its event loop ran dry: anything left armed (pg's
        // idle timeout, PGlite's or the schema engine's timers, a socket) would hold it 10 s or more.
        // Node then still needs a moment, up to several seconds on a loaded machine, to tear down
        // PGlite's WASM instance before the process is gone; the overall timeout covers that.
        const source = `
          const { openDatabase } = await import(${JSON.stringify(dbClientModule)});
          const database = await openDatabase(${JSON.stringify(config)});
          await database.prisma.session.count();
          await database.close();
          const closedAt = performance.now();
          process.on("exit", () => console.error("drained after " + Math.round(performance.now() - closedAt) + " ms"));
        `;
        const { code, stderr } = await runNode(source, 60_000);
        expect(code, stderr).to.equal(0);
        const drainedAfterMs = Number(/drained after (\d+) ms/.exec(stderr)?.[1]);
        expect(drainedAfterMs, stderr).to.be.below(1000);
      });
    });
  });
}
