// Exactly one writer per index on PostgreSQL: a session-level advisory lock held on a dedicated
// connection for as long as the indexer writes. Other indexers (other API instances) wait and keep
// serving reads. Each write transaction also checks, inside itself, that this connection still holds
// the lock: if the connection died, its lock went with it and another indexer may already write.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFromStdin } from "pg-copy-streams";
import { poolConfigFor } from "../db/adapter.ts";
import type { Sql } from "./store.ts";

/** Thrown inside a write transaction when this indexer no longer holds the writer lock. */
export class WriterLockLostError extends Error {}

// Two-key advisory locks show up in pg_locks as (classid, objid, objsubid = 2).
const LOCK_NAMESPACE = 0x54_45_58_31; // "TEX1"

export class WriterLock {
  readonly #url: string;
  readonly #key: number;
  #client: pg.Client | undefined;
  #pid: number | undefined;

  constructor(databaseUrl: string, name: string) {
    this.#url = databaseUrl;
    let hash = 0;
    for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
    this.#key = hash & 0x7fffffff;
  }

  get held(): boolean {
    return this.#pid !== undefined;
  }

  /** Takes the lock if it is free; true when this indexer holds it afterwards. */
  async tryAcquire(): Promise<boolean> {
    if (this.held) return true;
    const client = new pg.Client({ connectionString: poolConfigFor(this.#url).connectionString });
    client.on("error", () => this.#drop(client));
    client.on("end", () => this.#drop(client));
    try {
      await client.connect();
      const { rows } = await client.query<{ locked: boolean; pid: number }>(
        "SELECT pg_try_advisory_lock($1, $2) AS locked, pg_backend_pid() AS pid",
        [LOCK_NAMESPACE, this.#key],
      );
      if (!rows[0].locked) {
        await client.end();
        return false;
      }
      this.#client = client;
      this.#pid = rows[0].pid;
      return true;
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
  }

  /** Inside a write transaction: throws unless this indexer's lock connection still holds the lock. */
  async assertHeld(sql: Sql): Promise<void> {
    const pid = this.#pid;
    const rows =
      pid === undefined
        ? []
        : await sql.$queryRawUnsafe<unknown[]>(
            `SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid = $1
               AND classid = $2::int8::oid AND objid = $3::int8::oid AND objsubid = 2`,
            pid,
            LOCK_NAMESPACE,
            this.#key,
          );
    if (rows.length === 0) {
      this.#drop(this.#client);
      throw new WriterLockLostError("this indexer no longer holds the writer lock");
    }
  }

  /** Runs `work` in one transaction on the lock's connection, after checking the lock is still held. */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const client = this.#client;
    if (!client) throw new WriterLockLostError("this indexer no longer holds the writer lock");
    const sql: Sql = {
      $queryRawUnsafe: async <R>(query: string, ...values: unknown[]) =>
        (await client.query(query, values)).rows as R,
      $executeRawUnsafe: async (query: string, ...values: unknown[]) =>
        (await client.query(query, values)).rowCount ?? 0,
      copyFrom: (statement: string, text: string) =>
        pipeline(Readable.from([Buffer.from(text)]), client.query(copyFromStdin(statement))),
    };
    await client.query("BEGIN");
    try {
      await this.assertHeld(sql);
      const result = await work(sql);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch(() => this.#drop(client));
      throw error;
    }
  }

  async release(): Promise<void> {
    const client = this.#client;
    this.#drop(client);
    await client?.end().catch(() => {});
  }

  #drop(client: pg.Client | undefined): void {
    if (client && client === this.#client) {
      this.#client = undefined;
      this.#pid = undefined;
    }
  }
}
