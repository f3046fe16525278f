// The embedded default database: PGlite (PostgreSQL compiled to WASM) inside this process, served on
// the PostgreSQL wire protocol on 127.0.0.1 so that the app and the Prisma CLI reach it through
// exactly the same adapter as a real PostgreSQL server.
import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
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

export async function startEmbeddedServer(options: EmbeddedServerOptions = {}): Promise<EmbeddedServer> {
  const { dataDir, port = 0 } = options;
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections: SERVER_MAX_CONNECTIONS });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  const url = `postgresql://postgres@${server.getServerConn()}/postgres?connection_limit=${CLIENT_POOL_SIZE}`;
  let stopped: Promise<void> | undefined;
  return {
    url,
    dataDir,
    stop() {
      stopped ??= server.stop().then(() => db.close());
      return stopped;
    },
  };
}
