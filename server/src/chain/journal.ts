// Gives the embedded chain a life across restarts. EDR keeps its state in memory only, so every
// block the chain mines is appended to a journal (one JSON line per block: number, hash, timestamp
// and its transactions, signed and serialised). On the next start the journal is replayed into the
// fresh chain block by block — same timestamps, same signed transactions — which rebuilds the very
// same blocks, hashes included; so the database's index of them stays valid.
//
// Nothing is lost on a crash that matters: a block is journaled after it is mined, so at worst the
// last blocks mined before a crash are missing from the replayed chain, and the indexer, finding
// its checkpoint's hash no longer on the chain, rolls the index back to match (a reorg).
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  writeFileSync,
  type WriteStream,
} from "node:fs";
import path from "node:path";
import { Transaction, type JsonRpcProvider } from "ethers";

export interface JournaledBlock {
  number: number;
  hash: string;
  timestamp: number;
  transactions: string[];
}

interface RpcTransaction {
  type: string;
  chainId?: string;
  nonce: string;
  to: string | null;
  value: string;
  input: string;
  gas: string;
  gasPrice?: string;
  maxFeePerGas?: string;
  maxPriorityFeePerGas?: string;
  accessList?: Array<{ address: string; storageKeys: string[] }>;
  r: string;
  s: string;
  v: string;
  yParity?: string;
  hash: string;
}

interface RpcBlock {
  number: string;
  hash: string;
  timestamp: string;
  transactions: RpcTransaction[];
}

/** The signed transaction exactly as it was sent, rebuilt from the node's JSON view of it. */
export function serialiseTransaction(tx: RpcTransaction): string {
  const type = Number(tx.type);
  const rebuilt = Transaction.from({
    type,
    chainId: tx.chainId === undefined ? undefined : BigInt(tx.chainId),
    nonce: Number(tx.nonce),
    to: tx.to,
    value: BigInt(tx.value),
    data: tx.input,
    gasLimit: BigInt(tx.gas),
    ...(type >= 2
      ? { maxFeePerGas: BigInt(tx.maxFeePerGas!), maxPriorityFeePerGas: BigInt(tx.maxPriorityFeePerGas!) }
      : { gasPrice: BigInt(tx.gasPrice!) }),
    ...(type >= 1 ? { accessList: tx.accessList ?? [] } : {}),
    signature: {
      r: tx.r,
      s: tx.s,
      v: Number(tx.v),
      ...(tx.yParity === undefined ? {} : { yParity: Number(tx.yParity) as 0 | 1 }),
    },
  });
  if (rebuilt.hash !== tx.hash) {
    throw new Error(`Cannot journal transaction ${tx.hash}: its rebuilt form hashes to ${rebuilt.hash}.`);
  }
  return rebuilt.serialized;
}

export function readJournal(file: string): JournaledBlock[] {
  if (!existsSync(file)) return [];
  const blocks: JournaledBlock[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      blocks.push(JSON.parse(line) as JournaledBlock);
    } catch {
      break; // a line cut short by a crash ends the journal
    }
  }
  return blocks;
}

export interface ReplayResult {
  replayed: number;
  /** Blocks of the journal that could not be rebuilt identically (dropped from the journal). */
  dropped: number;
}

/**
 * Replays the journal into a fresh chain. Stops at the first block that does not come out with its
 * recorded hash, and rewrites the journal to what was actually rebuilt.
 */
export async function replayJournal(
  provider: JsonRpcProvider,
  file: string,
  progress: (done: number, total: number) => void = () => {},
): Promise<ReplayResult> {
  const blocks = readJournal(file);
  if (blocks.length === 0) return { replayed: 0, dropped: 0 };
  await provider.send("evm_setAutomine", [false]);
  let replayed = 0;
  try {
    for (const block of blocks) {
      await provider.send("evm_setNextBlockTimestamp", [block.timestamp]);
      for (const raw of block.transactions) await provider.send("eth_sendRawTransaction", [raw]);
      await provider.send("evm_mine", []);
      const rebuilt = (await provider.send("eth_getBlockByNumber", [
        `0x${block.number.toString(16)}`,
        false,
      ])) as RpcBlock | null;
      if (rebuilt?.hash !== block.hash) break;
      replayed++;
      if (replayed % 50 === 0 || replayed === blocks.length) progress(replayed, blocks.length);
    }
  } finally {
    await provider.send("evm_setAutomine", [true]);
  }
  if (replayed < blocks.length) {
    writeFileSync(
      file,
      blocks
        .slice(0, replayed)
        .map((b) => `${JSON.stringify(b)}\n`)
        .join(""),
    );
  }
  return { replayed, dropped: blocks.length - replayed };
}

/** Appends every newly mined block to the journal until `stop()`; `flush()` catches up at once. */
export class JournalRecorder {
  private readonly out: WriteStream;
  private next: number;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private running?: Promise<void>;
  private readonly provider: JsonRpcProvider;
  private readonly intervalMs: number;

  constructor(provider: JsonRpcProvider, file: string, nextBlock: number, intervalMs = 200) {
    mkdirSync(path.dirname(file), { recursive: true });
    this.provider = provider;
    this.out = createWriteStream(file, { flags: "a" });
    this.next = nextBlock;
    this.intervalMs = intervalMs;
  }

  start() {
    const tick = async () => {
      await this.flush().catch((error: Error) => console.error(`[techex] chain journal: ${error.message}`));
      // stop() may have come while this tick was flushing: then it must not arm another
      if (!this.stopped) this.timer = setTimeout(tick, this.intervalMs);
    };
    this.timer = setTimeout(tick, this.intervalMs);
  }

  flush(): Promise<void> {
    this.running ??= this.catchUp().finally(() => (this.running = undefined));
    return this.running;
  }

  private async catchUp() {
    const head = await this.provider.getBlockNumber();
    for (; this.next <= head; this.next++) {
      const block = (await this.provider.send("eth_getBlockByNumber", [
        `0x${this.next.toString(16)}`,
        true,
      ])) as RpcBlock;
      const line: JournaledBlock = {
        number: Number(block.number),
        hash: block.hash,
        timestamp: Number(block.timestamp),
        transactions: block.transactions.map(serialiseTransaction),
      };
      await new Promise<void>((resolve, reject) =>
        this.out.write(`${JSON.stringify(line)}\n`, (error) => (error ? reject(error) : resolve())),
      );
    }
  }

  async stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.flush().catch(() => {});
    await new Promise<void>((resolve) => this.out.end(resolve));
  }
}
