// Real databases for server tests: a migrated embedded PGlite or a fresh PostgreSQL database per call.
//
//   for (const kind of databaseKinds) {
//     describe(`listings (${kind})`, function () {
//       const db = useTestDatabase(kind);
//       it("…", async () => { await db.prisma.listing.findMany(); });
//     });
//   }
//
// PostgreSQL comes from TEST_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres); the
// role needs CREATEDB. When CI=true an unreachable PostgreSQL fails the run; elsewhere its tests are
// skipped with a message.
import { cp, mkdtemp, rm } from "node:fs/promises";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import type { PrismaClient } from "../../../server/src/generated/prisma/client.ts";
import { createPrismaClient, type DatabaseKind } from "../../../server/src/db/client.ts";
import { startEmbeddedServer } from "../../../server/src/db/embedded.ts";
import { migrateDeploy } from "../../../server/src/db/migrate.ts";
import { withDatabaseName } from "../../../server/src/db/adapter.ts";

export type { DatabaseKind };

/** Every database the server supports; run database tests once per kind. */
export const databaseKinds: readonly DatabaseKind[] = ["embedded", "postgres"];

export const postgresAdminUrl =
  process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly prisma: PrismaClient;
  readonly url: string;
  /** Where the embedded database keeps its files (undefined for PostgreSQL). */
  readonly dataDir: string | undefined;
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /** Apply the migration history (default true); false gives an empty database. */
  migrate?: boolean;
}

/** Thrown outside CI when PostgreSQL is not reachable, so callers can skip rather than fail. */
export class PostgresUnavailableError extends Error {}

let postgresReachable: Promise<boolean> | undefined;

function checkPostgresReachable(): Promise<boolean> {
  postgresReachable ??= (async () => {
    const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 3000 });
    try {
      await client.connect();
      await client.query("select 1");
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return postgresReachable;
}

async function requirePostgres(): Promise<void> {
  if (await checkPostgresReachable()) return;
  const message =
    `PostgreSQL is not reachable at ${postgresAdminUrl}. Install and start PostgreSQL 15 or later ` +
    "(e.g. `apt-get install -y postgresql && service postgresql start`) with a role that may CREATE " +
    "DATABASE, or point TEST_POSTGRES_URL at one.";
  if (process.env.CI === "true") throw new Error(`${message} CI=true requires the PostgreSQL tests to run.`);
  throw new PostgresUnavailableError(
    `${message} Skipping the PostgreSQL tests (they are required when CI=true).`,
  );
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: postgresAdminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

// Applying the history to every embedded test database would cost seconds each (PGlite's initdb plus
// `migrate deploy`), so it is done once per process into a template directory that each test database
// copies. The template is deleted when the process exits.
let embeddedTemplate: Promise<string> | undefined;

function migratedEmbeddedTemplate(): Promise<string> {
  embeddedTemplate ??= (async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "techex-db-template-"));
    process.once("exit", () => rmSync(dataDir, { recursive: true, force: true }));
    const server = await startEmbeddedServer({ dataDir });
    try {
      await migrateDeploy(server.url);
    } finally {
      await server.stop();
    }
    return dataDir;
  })();
  return embeddedTemplate;
}

/**
 * A new temporary directory holding an embedded database, migrated unless `migrate: false`, for tests
 * that start their own embedded server or call openDatabase({ dataDir }). The caller deletes it.
 */
export async function createEmbeddedDataDir(options: TestDatabaseOptions = {}): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), "techex-db-"));
  try {
    if (options.migrate ?? true) await cp(await migratedEmbeddedTemplate(), dataDir, { recursive: true });
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return dataDir;
}

async function createEmbeddedDatabase(migrate: boolean): Promise<TestDatabase> {
  const dataDir = await createEmbeddedDataDir({ migrate });
  const server = await startEmbeddedServer({ dataDir });
  const prisma = createPrismaClient(server.url);
  return {
    kind: "embedded",
    prisma,
    url: server.url,
    dataDir,
    async drop() {
      await prisma.$disconnect();
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

async function createPostgresDatabase(migrate: boolean): Promise<TestDatabase> {
  await requirePostgres();
  const name = `techex_test_${randomBytes(6).toString("hex")}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = withDatabaseName(postgresAdminUrl, name);
  try {
    if (migrate) await migrateDeploy(url);
  } catch (error) {
    await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    throw error;
  }
  const prisma = createPrismaClient(url);
  return {
    kind: "postgres",
    prisma,
    url,
    dataDir: undefined,
    async drop() {
      await prisma.$disconnect();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** A new database of `kind`, migrated unless `migrate: false`. Call `drop()` when done. */
export function createTestDatabase(
  kind: DatabaseKind,
  options: TestDatabaseOptions = {},
): Promise<TestDatabase> {
  const { migrate = true } = options;
  return kind === "embedded" ? createEmbeddedDatabase(migrate) : createPostgresDatabase(migrate);
}

/** Empties every table but Prisma's migration record, e.g. in a `beforeEach` sharing one database. */
export async function truncateAllTables(prisma: PrismaClient): Promise<void> {
  const tables = await prisma.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map(({ tablename }) => `"public"."${tablename}"`).join(", ");
  await prisma.$executeRawUnsafe(`TRUNCATE TABLE ${list} RESTART IDENTITY CASCADE`);
}

/**
 * Mocha hooks giving the enclosing `describe` one database of `kind` for all its tests, dropped
 * after them. Read `.prisma`/`.url` inside tests and hooks, not while describing.
 */
export function useTestDatabase(kind: DatabaseKind, options: TestDatabaseOptions = {}): TestDatabase {
  let database: TestDatabase | undefined;
  const current = (): TestDatabase => {
    if (!database) throw new Error("the test database exists only inside tests and hooks");
    return database;
  };

  before(async function () {
    this.timeout(120_000);
    try {
      database = await createTestDatabase(kind, options);
    } catch (error) {
      if (!(error instanceof PostgresUnavailableError)) throw error;
      console.warn(`      ${error.message}`);
      this.skip();
    }
  });

  after(async function () {
    this.timeout(30_000);
    await database?.drop();
    database = undefined;
  });

  return {
    kind,
    get prisma() {
      return current().prisma;
    },
    get url() {
      return current().url;
    },
    get dataDir() {
      return current().dataDir;
    },
    drop: () => current().drop(),
  };
}
