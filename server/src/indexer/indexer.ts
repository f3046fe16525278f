// The chain indexer: mirrors the TechEx contracts' events into the database, restart- and reorg-safe.
//
// A poll: (1) compare the checkpoint's block hash with the chain's; on a mismatch walk the indexed
// blocks back to the common ancestor and roll back to it; (2) read logs from the checkpoint up to
// head − confirmations in adaptive block ranges; (3) per range, decode, fetch each block that has
// events once (time and transaction senders), apply the events in (block, logIndex) order to the
// projections in memory, and write events, history, projections, blocks and the moved checkpoint in
// ONE transaction. Ranges overlap: one is read while the one before is applied and the one before
// that written (see #sync). A crash anywhere loses nothing and repeats nothing: what is not
// committed is read again, what is committed moved the checkpoint with it.
//
// Reorgs roll back by deletion and replay: the raw events above the ancestor and their history rows
// are deleted, and every asset or organisation they had touched is rebuilt from its
// remaining stored events. Projections therefore never need per-field undo logs, and replay uses
// the same handlers as live indexing. Its cost is the history of the touched assets only.
import { EventEmitter } from "node:events";
import { ZeroHash } from "ethers";
import type { PrismaClient } from "../generated/prisma/client.ts";
import {
  EventDecoder,
  type ChainEventRecord,
  type ContractAddresses,
  type ContractName,
  type DecodedLog,
} from "./events.ts";
import { handlers } from "./handlers/all.ts";
import { WriterLock, WriterLockLostError } from "./lock.ts";
import { IndexInconsistentError, WorkingSet } from "./model.ts";
import {
  isRangeTooLarge,
  isRetryable,
  errorText,
  Rpc,
  RpcTimeoutError,
  type RawBlock,
  type RpcProvider,
} from "./rpc.ts";
import {
  activityStatements,
  blockStatements,
  CheckpointMovedError,
  eventStatements,
  indexedBlocksBelow,
  initCheckpoint,
  loadWorkingSet,
  moveCheckpoint,
  projectionStatements,
  pruneBlocks,
  readCheckpoint,
  rollBackAbove,
  runStatements,
  type BlockRef,
  type Checkpoint,
  type Sql,
  type Statement,
} from "./store.ts";

export interface IndexerOptions {
  /** JSON-RPC access to the chain (ethers' JsonRpcProvider, or anything with `send`). */
  provider: RpcProvider;
  prisma: PrismaClient;
  chainId: number;
  addresses: ContractAddresses;
  /** The block the contracts were deployed in: nothing before it is read. */
  fromBlock: number;
  /** Blocks to stay behind the head (0 on the embedded chain). */
  confirmations?: number;
  /** Pause between polls once caught up (default 500 ms). */
  pollIntervalMs?: number;
  /** A PostgreSQL URL: only the indexer holding an advisory lock on it writes. Omit for PGlite. */
  databaseUrl?: string;
  /**
   * First eth_getLogs block range (default 100); it halves when the node refuses or a range holds
   * more than targetLogsPerBatch logs, doubles while ranges hold less than half of it. Starting small
   * gets the first write under way early, so that reading, applying and writing overlap.
   */
  initialBlockRange?: number;
  maxBlockRange?: number;
  /** Ranges that return more logs than this make the next range smaller (default 5,000). */
  targetLogsPerBatch?: number;
  /**
   * Rows carried from one range to the next before they are dropped and read afresh (default
   * 50,000: tens of MB).
   */
  maxCarriedRows?: number;
  /** Indexed block hashes kept for finding a common ancestor (default 10,000 blocks). */
  maxReorgDepth?: number;
  /** Per JSON-RPC request (default 15 s). */
  requestTimeoutMs?: number;
  /** Backoff after retryable failures: initial × 2^(n−1), capped (defaults 250 ms, 15 s). */
  retryInitialDelayMs?: number;
  retryMaxDelayMs?: number;
  log?: (message: string) => void;
}

/** What a committed batch changed, for live clients (server-sent events). */
export interface BatchNotice {
  chainId: number;
  fromBlock: number;
  toBlock: number;
  events: {
    name: string;
    blockNumber: number;
    txHash: string;
    logIndex: number;
    ids: Record<string, string>;
  }[];
}

export interface ReorgNotice {
  chainId: number;
  /** The common ancestor: everything above it was rolled back and is being indexed again. */
  ancestor: number;
  rolledBackFrom: number;
}

export type IndexerRole = "idle" | "writer" | "standby" | "stopped" | "failed";

export interface IndexerStatus {
  role: IndexerRole;
  /** The chain's latest block at the last poll. */
  head: number | undefined;
  /** The last block whose events are in the database. */
  indexedBlock: number | undefined;
  /** head − indexedBlock. */
  lag: number | undefined;
  batches: number;
  events: number;
  reorgs: number;
  blockRange: number;
  lastError: string | undefined;
}

export interface SyncResult {
  role: IndexerRole;
  fromBlock: number | undefined;
  toBlock: number | undefined;
  events: number;
}

interface FetchedRange {
  from: number;
  to: number;
  /** The checkpoint after this range: its last block. */
  end: Checkpoint;
  events: ChainEventRecord[];
  blockRefs: BlockRef[];
}

/** A reorg happened while a range was being read; the next poll's hash check will roll it back. */
class ChainMovedError extends Error {}

/** Old indexed blocks are pruned when a range crosses a multiple of this. */
const PRUNE_EVERY_BLOCKS = 1_000;
/** Events applied between two yields to the range being written (a few milliseconds' work). */
const APPLY_SLICE = 500;
const yieldToWrites = () => new Promise<void>((resolve) => setImmediate(resolve));

const ID_ARGS = ["assetId", "offerId", "agreementId", "licenceId", "account"];

export class Indexer {
  readonly #options: Required<Omit<IndexerOptions, "databaseUrl" | "log">> & Pick<IndexerOptions, "log">;
  readonly #rpc: Rpc;
  readonly #decoder: EventDecoder;
  readonly #contractSetKey: string;
  readonly #contractOf = new Map<string, ContractName>();
  readonly #lock: WriterLock | undefined;
  readonly #emitter = new EventEmitter();
  #range: number;
  #rangeCeiling: number;
  #inFlight: Promise<unknown> = Promise.resolve();
  #loop: Promise<void> | undefined;
  #stopping = false;
  #wake: (() => void) | undefined;
  #status: IndexerStatus;

  constructor(options: IndexerOptions) {
    this.#options = {
      confirmations: 0,
      pollIntervalMs: 500,
      initialBlockRange: 100,
      maxBlockRange: 10_000,
      targetLogsPerBatch: 5_000,
      maxCarriedRows: 50_000,
      maxReorgDepth: 10_000,
      requestTimeoutMs: 15_000,
      retryInitialDelayMs: 250,
      retryMaxDelayMs: 15_000,
      ...options,
    };
    this.#rpc = new Rpc(options.provider, this.#options.requestTimeoutMs);
    this.#decoder = new EventDecoder(options.addresses);
    const names: ContractName[] = ["membership", "assetRegistry", "exchange", "licenceRegistry"];
    for (const name of names) this.#contractOf.set(options.addresses[name].toLowerCase(), name);
    this.#contractSetKey = names.map((name) => options.addresses[name].toLowerCase()).join(",");
    this.#lock = options.databaseUrl
      ? new WriterLock(options.databaseUrl, `${options.chainId}:${this.#contractSetKey}`)
      : undefined;
    this.#range = this.#options.initialBlockRange;
    this.#rangeCeiling = this.#options.maxBlockRange;
    this.#status = {
      role: "idle",
      head: undefined,
      indexedBlock: undefined,
      lag: undefined,
      batches: 0,
      events: 0,
      reorgs: 0,
      blockRange: this.#range,
      lastError: undefined,
    };
  }

  status(): IndexerStatus {
    return { ...this.#status, blockRange: this.#range };
  }

  /** Called after each committed batch. Returns the unsubscribe function. */
  onBatch(listener: (notice: BatchNotice) => void): () => void {
    this.#emitter.on("batch", listener);
    return () => this.#emitter.off("batch", listener);
  }

  /** Called after a reorg was rolled back (before the new branch is indexed). */
  onReorg(listener: (notice: ReorgNotice) => void): () => void {
    this.#emitter.on("reorg", listener);
    return () => this.#emitter.off("reorg", listener);
  }

  /** Called when the indexer stops on an error that retrying cannot fix. */
  onError(listener: (error: Error) => void): () => void {
    this.#emitter.on("fatal", listener);
    return () => this.#emitter.off("fatal", listener);
  }

  /** Polls until stopped: catches up, then follows the head every `pollIntervalMs`. */
  start(): void {
    if (this.#loop) return;
    this.#stopping = false;
    this.#loop = this.#run();
  }

  /** Stops polling; resolves once the batch in flight (if any) has committed or failed. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
    this.#loop = undefined;
    await this.#inFlight.catch(() => {});
    await this.#lock?.release();
    if (this.#status.role !== "failed") this.#status.role = "stopped";
  }

  /**
   * One poll: take the writer lock if needed, check for a reorg, and index up to the safe head.
   * Throws what went wrong (the poll loop retries what is retryable).
   */
  syncOnce(): Promise<SyncResult> {
    const run = this.#inFlight.catch(() => {}).then(() => this.#sync());
    this.#inFlight = run;
    return run;
  }

  async #run(): Promise<void> {
    let failures = 0;
    while (!this.#stopping) {
      let delay = this.#options.pollIntervalMs;
      try {
        await this.syncOnce();
        failures = 0;
        this.#status.lastError = undefined;
      } catch (error) {
        this.#status.lastError = errorText(error);
        if (!this.#isTransient(error)) {
          this.#status.role = "failed";
          this.#log(`stopped: ${errorText(error)}`);
          this.#emitter.emit("fatal", error);
          break;
        }
        failures += 1;
        delay = Math.min(
          this.#options.retryMaxDelayMs,
          this.#options.retryInitialDelayMs * 2 ** (failures - 1),
        );
        this.#log(`retrying in ${delay} ms after: ${errorText(error)}`);
      }
      await this.#sleep(delay);
    }
  }

  #isTransient(error: unknown): boolean {
    if (error instanceof IndexInconsistentError) return false;
    return (
      error instanceof ChainMovedError ||
      error instanceof CheckpointMovedError ||
      error instanceof WriterLockLostError ||
      isRetryable(error)
    );
  }

  #sleep(ms: number): Promise<void> {
    if (this.#stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.#wake = done;
    });
  }

  #log(message: string): void {
    this.#options.log?.(`[indexer] ${message}`);
  }

  async #sync(): Promise<SyncResult> {
    const { confirmations } = this.#options;
    if (this.#lock && !this.#lock.held) {
      if (!(await this.#lock.tryAcquire())) {
        this.#status.role = "standby";
        await this.#observeHead();
        return { role: "standby", fromBlock: undefined, toBlock: undefined, events: 0 };
      }
      this.#log("holds the writer lock");
    }
    this.#status.role = "writer";
    try {
      let checkpoint = await this.#checkpoint();
      const head = await this.#observeHead();
      checkpoint = await this.#rollBackIfReorged(checkpoint);
      const safeHead = head - confirmations;
      const fromBlock = checkpoint.number + 1;
      let events = 0;
      // Three ranges in flight: while one is written (PostgreSQL works), the next is applied and
      // its writes prepared (this process works) and the one after is read (the node works). The
      // rows a range read or wrote serve the next without being read again. An error ends this call
      // after the write in flight has finished, and the carried rows go with it.
      let carried: WorkingSet | undefined;
      let prefetch: Promise<FetchedRange | undefined> | undefined;
      let writing: Promise<void> | undefined;
      let writeFailure: { error: unknown } | undefined;
      let prepared = checkpoint;
      const fetchAfter = (at: Checkpoint) => {
        const next = this.#fetchRange(at, Math.min(safeHead, at.number + this.#range));
        next.catch(() => {}); // awaited (and so reported) by the next iteration, unless it never comes
        return next;
      };
      try {
        while (prepared.number < safeHead && !this.#stopping && !writeFailure) {
          const fetched = await (prefetch ?? fetchAfter(prepared));
          prefetch = undefined;
          if (!fetched) continue;
          if (fetched.to < safeHead) prefetch = fetchAfter(fetched.end);
          // A fresh set waits for the write in flight: it reads rows that write may still change.
          // On the embedded database (one connection) every range waits for the last.
          if (!carried || carried.size > this.#options.maxCarriedRows) {
            await writing;
            carried = new WorkingSet(this.#options.addresses.settlementToken);
          } else if (!this.#lock) {
            await writing;
          }
          const statements = await this.#prepareRange(carried, fetched);
          const before = prepared;
          prepared = fetched.end;
          const previous = writing;
          writing = (async () => {
            await previous;
            await this.#writeRange(before, fetched, statements);
          })();
          writing.catch((error: unknown) => (writeFailure ??= { error }));
          events += fetched.events.length;
        }
        await writing;
      } catch (error) {
        await writing?.catch(() => {});
        throw error;
      }
      checkpoint = prepared;
      this.#status.indexedBlock = checkpoint.number;
      this.#status.lag = Math.max(0, head - checkpoint.number);
      return { role: "writer", fromBlock, toBlock: checkpoint.number, events };
    } catch (error) {
      if (error instanceof CheckpointMovedError || error instanceof WriterLockLostError) {
        // Someone else writes now: give up the role (and the lock, if we still had it).
        await this.#lock?.release();
        this.#status.role = "standby";
      }
      throw error;
    }
  }

  async #observeHead(): Promise<number> {
    const head = await this.#rpc.blockNumber();
    this.#status.head = head;
    if (this.#status.indexedBlock !== undefined)
      this.#status.lag = Math.max(0, head - this.#status.indexedBlock);
    return head;
  }

  /** The stored checkpoint, created at the block before `fromBlock` on first run. */
  async #checkpoint(): Promise<Checkpoint> {
    const { prisma, chainId, fromBlock } = this.#options;
    const existing = await readCheckpoint(prisma, chainId, this.#contractSetKey);
    if (existing) return existing;
    const base = fromBlock - 1;
    let hash = ZeroHash;
    const blocks: BlockRef[] = [];
    if (base >= 0) {
      const block = await this.#rpc.block(base);
      if (!block)
        throw new Error(
          `the chain has no block ${base}: is fromBlock ${fromBlock} right for chain ${chainId}?`,
        );
      hash = block.hash;
      blocks.push(blockRef(block));
    }
    await prisma.$transaction(async (tx) => {
      await initCheckpoint(tx, chainId, this.#contractSetKey, { number: base, hash });
      await runStatements(tx, blockStatements(chainId, blocks));
    });
    return (await readCheckpoint(prisma, chainId, this.#contractSetKey))!;
  }

  async #rollBackIfReorged(checkpoint: Checkpoint): Promise<Checkpoint> {
    if (checkpoint.number < 0) return checkpoint;
    const current = await this.#rpc.block(checkpoint.number);
    if (current?.hash === checkpoint.hash) return checkpoint;

    const { prisma, chainId, fromBlock } = this.#options;
    let ancestor: Checkpoint | undefined;
    for (let below = checkpoint.number - 1; !ancestor && below >= fromBlock - 1;) {
      const candidates = await indexedBlocksBelow(prisma, chainId, below, 100);
      if (candidates.length === 0) break;
      for (const candidate of candidates) {
        if ((await this.#rpc.block(candidate.number))?.hash === candidate.hash) {
          ancestor = candidate;
          break;
        }
      }
      below = candidates[candidates.length - 1].number - 1;
    }
    if (!ancestor) {
      // Even the block before the deployment changed: start over from the deployment.
      const base = fromBlock - 1;
      ancestor = {
        number: base,
        hash: base >= 0 ? ((await this.#rpc.block(base))?.hash ?? ZeroHash) : ZeroHash,
      };
    }
    const target = ancestor;
    this.#log(`reorg: block ${checkpoint.number} changed; rolling back to block ${target.number}`);
    const result = await this.#write(async (tx) => {
      await moveCheckpoint(tx, chainId, this.#contractSetKey, checkpoint, target);
      return rollBackAbove(
        tx,
        chainId,
        target.number,
        (events) => this.#apply(events),
        (a) => this.#contractOf.get(a)!,
      );
    });
    this.#log(
      `reorg: removed ${result.events} events, rebuilt ${result.assets} assets and ${result.organisations} organisations`,
    );
    this.#status.reorgs += 1;
    this.#status.indexedBlock = target.number;
    this.#emitter.emit("reorg", {
      chainId,
      ancestor: target.number,
      rolledBackFrom: checkpoint.number,
    } satisfies ReorgNotice);
    return target;
  }

  /**
   * One write transaction that commits only while this indexer is the writer: on PostgreSQL on the
   * writer lock's own connection, on the embedded database through Prisma.
   */
  #write<T>(work: (tx: Sql) => Promise<T>): Promise<T> {
    if (this.#lock) return this.#lock.transaction(work);
    return this.#options.prisma.$transaction((tx: Sql) => work(tx), { timeout: 120_000, maxWait: 30_000 });
  }

  #apply(
    events: readonly ChainEventRecord[],
    set = new WorkingSet(this.#options.addresses.settlementToken),
  ): WorkingSet {
    for (const event of events) {
      const handler = handlers[event.contract]?.[event.name];
      if (!handler) throw new Error(`no handler for ${event.contract}.${event.name}`);
      handler(set, event);
    }
    return set;
  }

  /**
   * Reads, decodes and dates the events of blocks checkpoint+1…to; undefined when the node refused the
   * range (it was halved: read again). Touches no database state, so the next range can be read while
   * this one is written.
   */
  async #fetchRange(checkpoint: Checkpoint, to: number): Promise<FetchedRange | undefined> {
    const from = checkpoint.number + 1;
    const endBefore = await this.#rpc.block(to);
    if (!endBefore) throw new ChainMovedError(`block ${to} disappeared`);
    let logs;
    try {
      logs = await this.#rpc.getLogs(this.#decoder.addresses, from, to);
    } catch (error) {
      if (
        (isRangeTooLarge(error) || (error instanceof Error && /timed out/.test(error.message))) &&
        to > from
      ) {
        // The refused size becomes a ceiling, so growing again does not ask for it over and over.
        this.#rangeCeiling = Math.max(1, to - from);
        this.#range = Math.max(1, Math.floor((to - from + 1) / 2));
        this.#log(`eth_getLogs ${from}–${to} refused (${errorText(error)}); range now ${this.#range} blocks`);
        return undefined;
      }
      throw error;
    }
    const decoded = logs
      .filter((log) => !log.removed)
      .map((log) => this.#decoder.decode(log))
      .filter((log): log is DecodedLog => log !== undefined)
      .sort((a, b) => a.blockNumber - b.blockNumber || a.logIndex - b.logIndex);

    // Each block with events once, for its time and its transactions' senders. Re-reading the range's
    // last block and the checkpoint's block proves the logs came from the branch we checkpoint.
    const eventBlockNumbers = [...new Set(decoded.map((e) => e.blockNumber))];
    const [eventBlocks, endAfter, start] = await this.#shrinkOnTimeout(
      from,
      to,
      Promise.all([
        this.#rpc.blocks(eventBlockNumbers, true),
        this.#rpc.block(to),
        checkpoint.number >= 0 ? this.#rpc.block(checkpoint.number) : Promise.resolve(undefined),
      ]),
    );
    if (endAfter?.hash !== endBefore.hash || (checkpoint.number >= 0 && start?.hash !== checkpoint.hash)) {
      throw new ChainMovedError(`the chain reorganised while blocks ${from}–${to} were read`);
    }
    const blocks = new Map<number, RawBlock>();
    const senders = new Map<string, string>();
    eventBlocks.forEach((block, i) => {
      if (!block) throw new ChainMovedError(`block ${eventBlockNumbers[i]} disappeared`);
      blocks.set(eventBlockNumbers[i], block);
      for (const tx of block.transactions)
        if (typeof tx === "object") senders.set(tx.hash, tx.from.toLowerCase());
    });
    const events: ChainEventRecord[] = decoded.map((log) => {
      const block = blocks.get(log.blockNumber)!;
      if (block.hash !== log.blockHash)
        throw new ChainMovedError(`block ${log.blockNumber} changed while it was read`);
      return {
        ...log,
        txFrom: senders.get(log.txHash) ?? null,
        blockTime: new Date(Number(block.timestamp) * 1000),
      };
    });

    if (logs.length > this.#options.targetLogsPerBatch) {
      this.#range = Math.max(1, Math.floor(this.#range / 2));
    } else if (logs.length < this.#options.targetLogsPerBatch / 2) {
      this.#range = Math.min(this.#rangeCeiling, this.#range * 2);
    }
    const blockRefs = [...blocks.values(), ...(blocks.has(to) ? [] : [endBefore])].map(blockRef);
    return { from, to, end: { number: to, hash: endBefore.hash }, events, blockRefs };
  }

  /** A range whose blocks the node cannot serve in time is halved before the error is retried. */
  async #shrinkOnTimeout<T>(from: number, to: number, work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      if (error instanceof RpcTimeoutError && to > from)
        this.#range = Math.max(1, Math.floor((to - from + 1) / 2));
      throw error;
    }
  }

  /**
   * Applies a fetched range to `set` (reading what it lacks) and prepares its writes. The writes
   * carry their own copy of the rows, so `set` can take the next range while they run.
   */
  async #prepareRange(set: WorkingSet, fetched: FetchedRange): Promise<Statement[]> {
    const { prisma, chainId } = this.#options;
    const { events, blockRefs } = fetched;
    await loadWorkingSet(prisma, set, events);
    // This work is synchronous, and the range being written needs this thread between its
    // statements: it is done in slices, yielding between them, so PostgreSQL is not kept waiting.
    for (let at = 0; at < events.length; at += APPLY_SLICE) {
      this.#apply(events.slice(at, at + APPLY_SLICE), set);
      await yieldToWrites();
    }
    // The writer's own PostgreSQL connection takes COPY; the embedded database gets INSERTs.
    const copy = this.#lock !== undefined;
    const statements = eventStatements(chainId, events, copy);
    await yieldToWrites();
    statements.push(...activityStatements(chainId, set.activities, copy));
    await yieldToWrites();
    statements.push(...projectionStatements(set, copy), ...blockStatements(chainId, blockRefs));
    set.settle();
    return statements;
  }

  /** Commits a prepared range on top of `checkpoint`, with the checkpoint moved to its end. */
  async #writeRange(checkpoint: Checkpoint, fetched: FetchedRange, statements: Statement[]): Promise<void> {
    const { chainId } = this.#options;
    const { from, to, events, end: next } = fetched;
    await this.#write(async (tx) => {
      await moveCheckpoint(tx, chainId, this.#contractSetKey, checkpoint, next);
      await runStatements(tx, statements);
      if (to % PRUNE_EVERY_BLOCKS < to - from + 1)
        await pruneBlocks(tx, chainId, to - this.#options.maxReorgDepth);
    });

    this.#status.batches += 1;
    this.#status.events += events.length;
    this.#status.indexedBlock = to;
    if (events.length > 0) {
      this.#emitter.emit("batch", {
        chainId,
        fromBlock: from,
        toBlock: to,
        events: events.map((e) => ({
          name: e.name,
          blockNumber: e.blockNumber,
          txHash: e.txHash,
          logIndex: e.logIndex,
          ids: Object.fromEntries(
            ID_ARGS.filter((k) => typeof e.args[k] === "string").map((k) => [k, e.args[k] as string]),
          ),
        })),
      } satisfies BatchNotice);
    }
  }
}

function blockRef(block: RawBlock): BlockRef {
  return {
    number: Number(block.number),
    hash: block.hash,
    parentHash: block.parentHash,
    timestamp: new Date(Number(block.timestamp) * 1000),
  };
}
