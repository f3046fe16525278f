// Live updates across API instances. Only the instance whose indexer holds the writer lock applies
// batches, but every instance has browsers listening on /api/events: the writer announces each
// committed batch with PostgreSQL's NOTIFY and every instance (the writer too) LISTENs and hands it
// to its own clients. A notification is at most 8,000 bytes, so a batch too large for one is
// announced by its blocks and event count only; clients re-read what they show either way.
import { EventEmitter } from "node:events";
import pg from "pg";
import { poolConfigFor } from "./adapter.ts";
import { toJson } from "../http/json.ts";
import type { ChainBatch } from "../app.ts";

const CHANNEL = "techex_batches";
const MAX_PAYLOAD_BYTES = 7_900;
const RECONNECT_MS = 1_000;

export class BatchChannel {
  readonly #url: string;
  readonly #emitter = new EventEmitter();
  readonly #log: (message: string) => void;
  #client: pg.Client | undefined;
  #closed = false;
  #reconnect: NodeJS.Timeout | undefined;

  private constructor(databaseUrl: string, log: (message: string) => void) {
    this.#url = databaseUrl;
    this.#log = log;
    this.#emitter.setMaxListeners(0);
  }

  /** Connects and LISTENs; afterwards it reconnects by itself whenever the connection drops. */
  static async open(databaseUrl: string, log: (message: string) => void = () => {}): Promise<BatchChannel> {
    const channel = new BatchChannel(databaseUrl, log);
    await channel.#connect();
    return channel;
  }

  /** Every batch any instance announces, this one's included. Returns the unsubscribe. */
  subscribe(listener: (batch: ChainBatch) => void): () => void {
    this.#emitter.on("batch", listener);
    return () => this.#emitter.off("batch", listener);
  }

  /** Announces a committed batch to every instance. A lost connection drops the announcement. */
  async publish(batch: ChainBatch): Promise<void> {
    const client = this.#client;
    if (!client) return;
    const events = batch.events;
    const eventCount = typeof events === "number" ? events : (events?.length ?? 0);
    let payload = JSON.stringify(toJson({ fromBlock: batch.fromBlock, toBlock: batch.toBlock, events }));
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
      payload = JSON.stringify(
        toJson({ fromBlock: batch.fromBlock, toBlock: batch.toBlock, events: eventCount }),
      );
    await client.query("SELECT pg_notify($1, $2)", [CHANNEL, payload]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    clearTimeout(this.#reconnect);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => {});
  }

  async #connect(): Promise<void> {
    const client = new pg.Client({ connectionString: poolConfigFor(this.#url).connectionString });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      this.#emitter.emit("batch", JSON.parse(message.payload) as ChainBatch);
    });
    const lost = (error?: Error) => {
      if (this.#client !== client) return;
      this.#client = undefined;
      void client.end().catch(() => {});
      if (this.#closed) return;
      this.#log(
        `live updates: lost the database connection${error ? ` (${error.message})` : ""}; reconnecting`,
      );
      this.#scheduleReconnect();
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => {});
      throw error;
    }
    this.#client = client;
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#reconnect);
    this.#reconnect = setTimeout(() => {
      this.#connect().catch(() => this.#scheduleReconnect());
    }, RECONNECT_MS);
    this.#reconnect.unref();
  }
}
