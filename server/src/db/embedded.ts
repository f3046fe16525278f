// The embedded default database: PGlite (PostgreSQL compiled to WASM) inside this process, served on
// the PostgreSQL wire protocol on 127.0.0.1 so that the app and the Prisma CLI reach it through
// exactly the same adapter as a real PostgreSQL server.
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

export interface EmbeddedServerOptions {
  /** Where PGlite keeps its files; omitted, the database lives in memory and dies with the server. */
  dataDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
}

export interface EmbeddedServer {
  /** A postgresql:// URL that carries `connection_limit=1` (see below). */
  readonly url: string;
  readonly dataDir: string | undefined;
  stop(): Promise<void>;
}

// pglite-socket queues work per protocol message, not per transaction, so two busy connections
// interleave their Parse/Bind/Execute messages ("portal "" does not exist", rows of the other query).
// Clients therefore pool ONE connection. The server still accepts a second one, because pg replaces a
// connection it discarded after an SQL error before the old socket has closed.
const CLIENT_POOL_SIZE = 1;
const SERVER_MAX_CONNECTIONS = 2;

const LOCK_FILE = "techex.lock";

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * PGlite does not lock its data directory, and two PostgreSQL instances writing one directory corrupt
 * it, so a second server on the same directory is refused while the first one's process lives.
 * A lock left by a process that died is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = join(dataDir, LOCK_FILE);
  for (;;) {
    try {
      const handle = await open(lockPath, "wx");
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = Number(await readFile(lockPath, "utf8").catch(() => ""));
    if (holder > 0 && isRunning(holder)) {
      throw new Error(
        `The embedded database in ${dataDir} is already open in process ${holder}. Stop that process, ` +
          "or give this one another data directory or a DATABASE_URL.",
      );
    }
    await rm(lockPath, { force: true });
  }
}

async function startServing(db: PGlite, port: number): Promise<PGLiteSocketServer> {
  const server = new PGLiteSocketServer({
    db,
    host: "127.0.0.1",
    port,
    maxConnections: SERVER_MAX_CONNECTIONS,
  });
  await server.start();
  return server;
}

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const { dataDir, port = 0 } = options;
  let unlock = async (): Promise<void> => {};
  if (dataDir) {
    await mkdir(dataDir, { recursive: true });
    unlock = await lockDataDir(dataDir);
  }
  let db: PGlite | undefined;
  let server: PGLiteSocketServer;
  try {
    // Extensions the migration history creates are bundled with PGlite and must be named here. (The
    // options object form: `create(undefined, options)` silently drops the options.)
    db = await PGlite.create({ dataDir, extensions: { pg_trgm } });
    server = await startServing(db, port);
  } catch (error) {
    await db?.close();
    await unlock();
    throw error;
  }
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?connection_limit=${CLIENT_POOL_SIZE}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    dataDir,
    stop() {
      stopped ??= server
        .stop()
        .then(() => db.close())
        .then(unlock);
      return stopped;
    },
  };
}
