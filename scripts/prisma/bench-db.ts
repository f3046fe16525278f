// Times the database start-up path: `node scripts/prisma/bench-db.ts [postgres admin URL]`.
// Embedded: first start of a new data directory (PGlite's initdb, plus compiling the WASM module in
// this process), a restart of the same directory, `migrate deploy` from empty and with nothing
// pending, and openDatabase() on a migrated directory. PostgreSQL: `migrate deploy` on a new database.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { withDatabaseName } from "../../server/src/db/adapter.ts";
import { openDatabase } from "../../server/src/db/client.ts";
import { startEmbeddedServer } from "../../server/src/db/embedded.ts";
import { migrateDeploy } from "../../server/src/db/migrate.ts";

const postgresAdminUrl =
  process.argv[2] ?? process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function time<T>(label: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(
    `${label.padEnd(52)} ${Math.round(performance.now() - started)
      .toString()
      .padStart(6)} ms`,
  );
  return result;
}

const root = await mkdtemp(join(tmpdir(), "techex-bench-"));
const dataDir = join(root, "db");
try {
  const first = await time("embedded: first start (new data dir)", () => startEmbeddedServer({ dataDir }));
  await time("embedded: migrate deploy from empty", () => migrateDeploy(first.url));
  await time("embedded: migrate deploy, nothing pending", () => migrateDeploy(first.url));
  await first.stop();
  const again = await time("embedded: start again (same data dir)", () => startEmbeddedServer({ dataDir }));
  await again.stop();
  const database = await time("embedded: openDatabase (migrated dir, checks only)", () =>
    openDatabase({ dataDir }),
  );
  await time("embedded: first query", () => database.prisma.chainEvent.count());
  await time("embedded: close", () => database.close());

  const admin = new pg.Client({ connectionString: postgresAdminUrl });
  await admin.connect();
  const name = `techex_bench_${process.pid}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  try {
    const url = withDatabaseName(postgresAdminUrl, name);
    await time("postgres: migrate deploy from empty", () => migrateDeploy(url));
    await time("postgres: migrate deploy, nothing pending", () => migrateDeploy(url));
    const postgres = await time("postgres: openDatabase (checks only)", () =>
      openDatabase({ databaseUrl: url }),
    );
    await postgres.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
} finally {
  await rm(root, { recursive: true, force: true });
}
