// Opening the database from app code: the embedded PGlite default when no URL is configured,
// PostgreSQL otherwise, migrated to the latest schema either way.
import { PrismaClient } from "../generated/prisma/client.ts";
import { PgAdapterFactory } from "./adapter.ts";
import type { EmbeddedServer } from "./embedded.ts";
import { startEmbeddedServerInWorker } from "./embedded-worker.ts";
import { migrateDeploy, pendingMigrations } from "./migrate.ts";

export type DatabaseKind = "embedded" | "postgres";

export interface DatabaseConfig {
  /** A postgresql:// URL. Omitted, an embedded PGlite is started on a worker thread of this process. */
  databaseUrl?: string;
  /** Where the embedded database keeps its files; ignored with `databaseUrl`. Default `./data/db`. */
  dataDir?: string;
  /** Apply pending migrations before returning (default true); the Prisma CLI runs only if any are. */
  migrate?: boolean;
}

export interface Database {
  /**
   * The process's one client: share it (API, indexer, jobs). All connections to the embedded server
   * are one PostgreSQL session, so a second client or pool there can interleave its transactions
   * with this one's. (The same holds for advisory locks: in the embedded database they never block,
   * which is harmless because its data directory admits a single process.)
   */
  readonly prisma: PrismaClient;
  /** The URL the client is connected to (for the embedded database, its 127.0.0.1 socket). */
  readonly url: string;
  readonly kind: DatabaseKind;
  /** Disconnects the client and stops the embedded server; safe to call more than once. */
  close(): Promise<void>;
}

export const DEFAULT_DATA_DIR = "./data/db";

/**
 * A PrismaClient for `url`. The pool size comes from the URL's `connection_limit` (the embedded
 * server's URL says 1), otherwise node-postgres' usual 10.
 */
export function createPrismaClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PgAdapterFactory(url) });
}

export async function openDatabase(config: DatabaseConfig = {}): Promise<Database> {
  const { databaseUrl, dataDir = DEFAULT_DATA_DIR, migrate = true } = config;
  const server: EmbeddedServer | undefined = databaseUrl
    ? undefined
    : await startEmbeddedServerInWorker({ dataDir });
  const url = server?.url ?? String(databaseUrl);
  try {
    if (migrate && (await pendingMigrations(url)).length > 0) await migrateDeploy(url);
  } catch (error) {
    await server?.stop();
    throw error;
  }
  const prisma = createPrismaClient(url);
  let closed: Promise<void> | undefined;
  return {
    prisma,
    url,
    kind: server ? "embedded" : "postgres",
    close() {
      closed ??= (async () => {
        await prisma.$disconnect();
        await server?.stop();
      })();
      return closed;
    },
  };
}
