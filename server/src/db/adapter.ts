// The one driver-adapter factory behind both the Prisma CLI (prisma.config.ts) and the app's
// PrismaClient: @prisma/adapter-pg over pg.Pool, against PostgreSQL or against embedded PGlite served
// on the wire protocol by pglite-socket. Both databases therefore share a single code path.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { startEmbeddedServer } from "./embedded.ts";

export type PgDriverAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;

const PG_TYPE_CHAR = 18;
const PG_TYPE_NAME = 19;
const PG_TYPE_TEXT = 25;

type QueryResultLike = { fields?: { dataTypeID: number }[] } | undefined;

// adapter-pg 6.19.3 cannot decode the catalog types `name` and `"char"`, which the WASM schema engine
// selects from pg_catalog while describing a database ("Column type 'name' could not be deserialized
// from the database."). Both are text on the wire, so they are reported as text.
function reportCatalogTypesAsText<T>(result: T): T {
  for (const part of Array.isArray(result) ? result : [result]) {
    for (const field of (part as QueryResultLike)?.fields ?? []) {
      if (field.dataTypeID === PG_TYPE_CHAR || field.dataTypeID === PG_TYPE_NAME)
        field.dataTypeID = PG_TYPE_TEXT;
    }
  }
  return result;
}

class CatalogTypesAsTextClient extends pg.Client {
  // pg's query() has a dozen overloads (promise or callback, text or config); the fix only needs to see
  // the result, whichever way it is delivered.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(config: any, values?: any, callback?: any): any {
    if (typeof values === "function") return this.query(config, undefined, values);
    if (typeof callback === "function") {
      return super.query(config, values, (error: Error | null, result: unknown) =>
        callback(error, error ? result : reportCatalogTypesAsText(result)),
      );
    }
    const pending = super.query(config, values);
    return pending instanceof Promise ? pending.then(reportCatalogTypesAsText) : pending;
  }
}

const DEFAULT_POOL_SIZE = 10;

/**
 * pg settings for a `postgresql://` URL. Prisma's own `connection_limit` query parameter sets the
 * pool size; the embedded server's URL carries `connection_limit=1` because pglite-socket interleaves
 * the messages of concurrent connections.
 */
export function poolConfigFor(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  const schema = parsed.searchParams.get("schema");
  if (schema && schema !== "public") {
    // The adapter and the migration history both assume `public`; quietly using it instead of the
    // schema the URL names would put the tables somewhere the operator does not expect.
    throw new Error(
      `DATABASE_URL names schema "${schema}"; only "public" is supported, use a database of its own`,
    );
  }
  const limit = parsed.searchParams.get("connection_limit");
  parsed.searchParams.delete("connection_limit");
  parsed.searchParams.delete("schema");
  return {
    connectionString: parsed.toString(),
    max: limit ? Number(limit) : DEFAULT_POOL_SIZE,
    // The Prisma CLI never disposes its adapter: without this every command idles until pg's timeout.
    allowExitOnIdle: true,
    Client: CatalogTypesAsTextClient,
  };
}

/** The same server and credentials, another database. */
export function withDatabaseName(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

function connectAdapter(url: string): Promise<PgDriverAdapter> {
  return new PrismaPg(poolConfigFor(url)).connect();
}

function onDispose(adapter: PgDriverAdapter, cleanUp: () => Promise<void>): PgDriverAdapter {
  const dispose = adapter.dispose.bind(adapter);
  adapter.dispose = async () => {
    await dispose();
    await cleanUp();
  };
  return adapter;
}

async function isPglite(url: string): Promise<boolean> {
  const adapter = await connectAdapter(url);
  try {
    const result = await adapter.queryRaw({ sql: "select version()", args: [], argTypes: [] });
    return String(result.rows[0]?.[0]).includes("wasm32");
  } finally {
    await adapter.dispose();
  }
}

/**
 * Driver-adapter factory for a database URL, also able to hand the schema engine a shadow database
 * (`migrate dev`, `migrate diff --from-migrations`). The 6.19 schema engine opens the shadow database
 * several times per command and never resets it, so every call gets a fresh, empty one:
 * - PostgreSQL: a database created for the call and dropped on dispose (the role needs CREATEDB).
 *   adapter-pg's own shadow factory drops it before closing its pool and fails with "is being
 *   accessed by other users".
 * - PGlite: a throw-away in-memory PGlite on an ephemeral port; a pglite-socket server has one
 *   session and ignores the database name, so CREATE DATABASE would land in the main database.
 */
export class PgAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  readonly url: string;

  constructor(url: string) {
    this.url = url;
  }

  connect(): Promise<PgDriverAdapter> {
    return connectAdapter(this.url);
  }

  async connectToShadowDb(): Promise<PgDriverAdapter> {
    if (await isPglite(this.url)) {
      const server = await startEmbeddedServer();
      return onDispose(await connectAdapter(server.url), () => server.stop());
    }
    const admin = await connectAdapter(this.url);
    const name = `prisma_shadow_${randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadow = await connectAdapter(withDatabaseName(this.url, name));
    return onDispose(shadow, async () => {
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}"`);
      await admin.dispose();
    });
  }
}

/** The adapter for DATABASE_URL, as prisma.config.ts needs it. */
export function adapterFromEnvironment(env: NodeJS.ProcessEnv = process.env): PgAdapterFactory {
  const url = env.DATABASE_URL;
  if (!url) {
    throw new Error(
      "DATABASE_URL is not set. Run Prisma through `node scripts/prisma/cli.ts …`, which starts a " +
        "throw-away embedded database when no DATABASE_URL is given.",
    );
  }
  return new PgAdapterFactory(url);
}
