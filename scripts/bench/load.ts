// `npm run bench:load [-- --orgs 50 --seconds 180 --readers 10 --mode embedded|production|both --json]`:
// the exchange as a whole under a busy day's load.
//
// The exchange runs as `npm start` does, in its own process: embedded (its own chain and PGlite), or
// production (PostgreSQL and an external node — Hardhat's EDR served over HTTP in a third process —
// deployed to by the server itself with a deployer key). N member organisations then play the whole
// story concurrently for the given time, each as seller to the next: register an asset, have the IP
// office verify it, list it, receive an offer with a permit, accept it (the buyer's consent signed
// over the agreement's document hash), have the IP office register the agreement, and audit it
// through the API. Readers meanwhile search and open pages.
//
// Every transaction is signed here with its account's next nonce and sent raw; the node mines each
// on arrival. "Visible" is when a server-sent event announces the batch holding the transaction's
// block (the batch is committed to the index before it is announced, so the API shows it from then).
// Figures: transactions per second sustained, p50/p95/p99 mined→visible, client-side p99 per API route,
// errors by kind (a 5xx is a server error), the server's RSS (its /metrics) and the database's size.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import {
  AbiCoder,
  HDNodeWallet,
  Interface,
  JsonRpcProvider,
  Signature,
  Wallet,
  ZeroHash,
  id as keccakText,
  keccak256,
  parseEther,
} from "ethers";
import pg from "pg";
import { abis, agreementConsentTypes, exchangeDomain, permitTypes } from "../../generated/techex.ts";

type Mode = "embedded" | "production";

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

/** The production mode's external node: Hardhat's EDR over HTTP, in its own process. */
async function serveChain(): Promise<void> {
  const { startEmbeddedChain } = await import("../../server/src/chain/embedded.ts");
  const chain = await startEmbeddedChain("127.0.0.1", 0);
  process.send!({ url: chain.url });
  process.on("message", () => void chain.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const json = args.includes("--json");
  const orgs = Number(option("orgs", "50"));
  const seconds = Number(option("seconds", "180"));
  const readers = Number(option("readers", "10"));
  const modeArg = option("mode", "both");
  if (!Number.isInteger(orgs) || orgs < 2) throw new Error("--orgs must be a whole number of at least 2");
  if (!(seconds > 0)) throw new Error("--seconds must be positive");
  const modes: Mode[] = modeArg === "both" ? ["embedded", "production"] : [modeArg as Mode];
  if (!modes.every((m) => m === "embedded" || m === "production"))
    throw new Error('--mode must be "embedded", "production" or "both"');
  const say = (line: string) => (json ? undefined : console.log(line));

  const results: Record<string, Result> = {};
  for (const mode of modes) {
    say(`\n== ${mode}: ${orgs} organisations, ${readers} readers, ${seconds} s ==`);
    results[mode] = await runMode(mode, { orgs, seconds, readers }, say);
    if (!json) printResult(results[mode]);
  }
  if (json) {
    const first = results[modes[0]];
    console.log(JSON.stringify({ ...first, modes: results }));
  }
  process.exit(0);
}

interface Result {
  mode: Mode;
  organisations: number;
  seconds: number;
  transactions: number;
  stories: number;
  txPerSecond: number;
  visibleP50Ms: number;
  visibleP95Ms: number;
  visibleP99Ms: number;
  /** the worst route's client-side p99 */
  apiP99Ms: number;
  apiP99MsByRoute: Record<string, { requests: number; p50Ms: number; p99Ms: number }>;
  errors: Record<string, number>;
  serverErrors: number;
  serverRssMb: number;
  databaseMb: number;
}

function printResult(r: Result): void {
  console.table({
    "transactions / s sustained": { value: r.txPerSecond, target: "≥ 100 (embedded)" },
    "mined → visible p50 (ms)": { value: r.visibleP50Ms, target: "" },
    "mined → visible p95 (ms)": { value: r.visibleP95Ms, target: "≤ 1000" },
    "mined → visible p99 (ms)": { value: r.visibleP99Ms, target: "" },
    "API p99, worst route (ms)": { value: r.apiP99Ms, target: "≤ 100" },
    "server errors (5xx)": { value: r.serverErrors, target: "0" },
    "server RSS (MB)": { value: r.serverRssMb, target: "" },
    "database (MB)": { value: r.databaseMb, target: "" },
  });
  console.table(r.apiP99MsByRoute);
  console.log(`transactions: ${r.transactions}, whole stories: ${r.stories}`);
  console.log(`errors by kind: ${Object.keys(r.errors).length ? JSON.stringify(r.errors) : "none"}`);
}

const MNEMONIC = "test test test test test test test test test test test junk";
const hardhatKey = (i: number) =>
  HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey;
const DAY = 86_400;
const TERMS = {
  territory: "VN",
  fieldOfUse: "bench",
  duration: 365 * DAY,
  sublicensing: false,
  royaltyBps: 0,
};
const TERMS_HASH = keccak256(
  AbiCoder.defaultAbiCoder().encode(
    ["tuple(string territory,string fieldOfUse,uint32 duration,bool sublicensing,uint16 royaltyBps)"],
    [TERMS],
  ),
);
const EXCLUSIVE_LICENCE = 1;
const PRICE = 2_000_000n;
const ALL_DEAL_TYPES = 0b111;
const VERIFIED = 2;
const GAS = {
  register: 400_000,
  verify: 200_000,
  list: 400_000,
  offer: 400_000,
  accept: 700_000,
  settle: 700_000,
};

async function runMode(
  mode: Mode,
  { orgs, seconds, readers }: { orgs: number; seconds: number; readers: number },
  say: (line: string) => void,
): Promise<Result> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `techex-load-${mode}-`));
  const stops: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => {});
  };
  try {
    const env: Record<string, string> = {
      PORT: "0",
      CHAIN_PORT: "0",
      DATA_DIR: path.join(dir, "data"),
      DEMO_DATA: "false",
      LOG_LEVEL: "warn",
      CONFIRMATIONS: "0",
    };
    let databaseUrl: string | undefined;
    if (mode === "production") {
      const chain = fork(fileURLToPath(import.meta.url), ["--chain"], {
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      stops.push(async () => {
        chain.send("exit");
        await once(chain, "exit");
      });
      const [{ url }] = (await once(chain, "message")) as [{ url: string }];
      const admin = new pg.Client({
        connectionString: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
      });
      await admin.connect();
      const name = `techex_load_${Date.now()}`;
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const base = new URL(process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres");
      base.pathname = `/${name}`;
      databaseUrl = base.toString();
      stops.push(async () => {
        const drop = new pg.Client({
          connectionString: process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
        });
        await drop.connect();
        await drop.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await drop.end();
      });
      const parameters = path.join(dir, "parameters.json");
      const address = (i: number) => new Wallet(hardhatKey(i)).address;
      writeFileSync(
        parameters,
        JSON.stringify({ TechEx: { ipOffice: address(1), pauser: address(2), treasury: address(3) } }),
      );
      Object.assign(env, {
        RPC_URL: url,
        DATABASE_URL: databaseUrl,
        DEPLOYER_KEY: hardhatKey(0),
        DEPLOY_TEST_TOKEN: "true",
        DEPLOY_PARAMETERS: parameters,
        DEPLOYMENTS_DIR: path.join(dir, "deployments"),
      });
    }
    say("Starting the exchange…");
    const server = await startServer(env);
    stops.push(() => stopServer(server.child));
    const status = (await (await fetch(`${server.url}/api/status`)).json()) as {
      deployment: { addresses: Record<string, string> };
    };
    const rpcUrl = env.RPC_URL ?? server.rpcUrl;
    const driver = await Driver.connect(rpcUrl, server.url, status.deployment.addresses);
    stops.push(async () => driver.close());
    say(`Admitting and funding ${orgs} organisations…`);
    await driver.setUp(orgs);
    say(`Running for ${seconds} s…`);
    const measured = await driver.run(seconds * 1000, readers);

    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    const rss = Number(/^process_resident_memory_bytes (\d+)/m.exec(metrics)?.[1] ?? 0);
    let databaseBytes = 0;
    if (databaseUrl) {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      databaseBytes = Number(
        (await client.query("SELECT pg_database_size(current_database()) AS n")).rows[0].n,
      );
      await client.end();
    } else {
      databaseBytes = directorySize(path.join(env.DATA_DIR, "db"));
    }
    await stopAll();
    return {
      mode,
      organisations: orgs,
      ...measured,
      serverRssMb: Math.round(rss / 1e6),
      databaseMb: Math.round(databaseBytes / 1e6),
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function directorySize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile()) total += statSync(path.join(entry.parentPath, entry.name)).size;
  return total;
}

function startServer(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; rpcUrl: string }> {
  const child = spawn(process.execPath, ["server/src/index.ts"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const ready = /Ready: (http:\/\/\S+) +\(chain RPC (http:\/\/[^\s)]+)\)/.exec(output);
      if (ready) resolve({ child, url: ready[1], rpcUrl: ready[2] });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`the server exited (${code}) before it was ready:\n${output}`)),
    );
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.kill("SIGINT");
  await once(child, "exit");
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)]);
}

/** One account sending raw transactions: nonces counted here, sends queued so they arrive in order. */
class Sender {
  readonly wallet: Wallet;
  #nonce = 0;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(wallet: Wallet) {
    this.wallet = wallet;
  }

  async init(provider: JsonRpcProvider): Promise<void> {
    this.#nonce = await provider.getTransactionCount(this.wallet.address, "pending");
  }

  /** Signs and sends; resolves with the transaction hash once the node has accepted it. */
  send(driver: Driver, to: string, data: string, gasLimit: number, value = 0n): Promise<string> {
    const sent = this.#queue.then(async () => {
      const raw = await this.wallet.signTransaction({
        to,
        data,
        value,
        gasLimit,
        nonce: this.#nonce,
        chainId: driver.chainId,
        type: 2,
        maxFeePerGas: 100_000_000_000n,
        maxPriorityFeePerGas: 1_000_000_000n,
      });
      const hash = (await driver.provider.send("eth_sendRawTransaction", [raw])) as string;
      this.#nonce += 1;
      return hash;
    });
    this.#queue = sent.catch(() => {});
    return sent;
  }
}

interface Receipt {
  status: string;
  blockNumber: string;
  logs: { topics: string[]; data: string; address: string }[];
}

class Driver {
  readonly provider: JsonRpcProvider;
  readonly apiUrl: string;
  readonly chainId: bigint;
  readonly addresses: Record<string, string>;
  readonly exchange = new Interface(abis.Exchange as unknown as string[]);
  readonly registry = new Interface(abis.AssetRegistry as unknown as string[]);
  readonly admin: Sender;
  readonly ipOffice: Sender;
  members: Sender[] = [];
  #permitNonces = new Map<string, bigint>();
  // the visibility clock: blocks mined (by us) and not yet announced, with their receipt times
  #pendingBlocks = new Map<number, number[]>();
  #visible: number[] = [];
  #errors: Record<string, number> = {};
  #latencies = new Map<string, number[]>();
  #events: AbortController | undefined;
  #serial = 0;

  private constructor(
    provider: JsonRpcProvider,
    apiUrl: string,
    chainId: bigint,
    addresses: Record<string, string>,
  ) {
    this.provider = provider;
    this.apiUrl = apiUrl;
    this.chainId = chainId;
    this.addresses = addresses;
    this.admin = new Sender(new Wallet(hardhatKey(0)));
    this.ipOffice = new Sender(new Wallet(hardhatKey(1)));
  }

  static async connect(rpcUrl: string, apiUrl: string, addresses: Record<string, string>): Promise<Driver> {
    const provider = new JsonRpcProvider(rpcUrl, undefined, {
      staticNetwork: true,
      batchMaxCount: 1,
      cacheTimeout: -1,
    });
    const { chainId } = await provider.getNetwork();
    const driver = new Driver(provider, apiUrl, chainId, addresses);
    await driver.admin.init(provider);
    await driver.ipOffice.init(provider);
    return driver;
  }

  close(): void {
    this.#events?.abort();
    this.provider.destroy();
  }

  /** Fresh member wallets: gas money, membership and test VND for their offers. */
  async setUp(count: number): Promise<void> {
    const membership = new Interface(abis.Membership as unknown as string[]);
    const token = new Interface(abis.TestVnd as unknown as string[]);
    this.members = Array.from(
      { length: count },
      () => new Sender(Wallet.createRandom() as unknown as Wallet),
    );
    const funded = await Promise.all(
      this.members.map((m) => this.admin.send(this, m.wallet.address, "0x", 21_000, parseEther("100"))),
    );
    await Promise.all(funded.map((hash) => this.receipt(hash)));
    const sends: Promise<string>[] = [];
    for (const member of this.members) {
      const address = member.wallet.address;
      sends.push(
        this.admin.send(
          this,
          this.addresses.membership,
          membership.encodeFunctionData("admit", [address, keccakText(address)]),
          300_000,
        ),
        this.admin.send(
          this,
          this.addresses.token,
          token.encodeFunctionData("mint", [address, PRICE * 10_000n]),
          200_000,
        ),
      );
    }
    for (const hash of await Promise.all(sends)) {
      const receipt = await this.receipt(hash);
      if (receipt.status !== "0x1") throw new Error(`setting up the members failed in ${hash}`);
    }
    await Promise.all(this.members.map((m) => m.init(this.provider)));
  }

  async receipt(hash: string): Promise<Receipt> {
    for (;;) {
      const receipt = (await this.provider.send("eth_getTransactionReceipt", [hash])) as Receipt | null;
      if (receipt) return receipt;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Sends, waits for the receipt, and starts the visibility clock of its block. */
  async transact(
    label: string,
    sender: Sender,
    to: string,
    data: string,
    gas: number,
  ): Promise<Receipt | undefined> {
    let hash: string;
    try {
      hash = await sender.send(this, to, data, gas);
    } catch (error) {
      this.#error(`send ${label}: ${shortError(error)}`);
      return undefined;
    }
    const receipt = await this.receipt(hash);
    const mined = performance.now();
    if (receipt.status !== "0x1") {
      this.#error(`reverted: ${label}`);
      return undefined;
    }
    const block = Number(receipt.blockNumber);
    // announced before its receipt even came back (a slow receipt under load): visible at once
    if (block <= this.#announcedUpTo) {
      this.#visible.push(0);
      this.transactions += 1;
      return receipt;
    }
    const waiting = this.#pendingBlocks.get(block);
    if (waiting) waiting.push(mined);
    else this.#pendingBlocks.set(block, [mined]);
    this.transactions += 1;
    return receipt;
  }

  transactions = 0;
  stories = 0;

  #error(kind: string): void {
    this.#errors[kind] = (this.#errors[kind] ?? 0) + 1;
  }

  async get(route: string, url: string): Promise<unknown> {
    const started = performance.now();
    try {
      const response = await fetch(`${this.apiUrl}${url}`);
      const body = await response.text();
      const ms = performance.now() - started;
      const list = this.#latencies.get(route);
      if (list) list.push(ms);
      else this.#latencies.set(route, [ms]);
      if (response.status >= 400) this.#error(`HTTP ${response.status} ${route}`);
      return response.ok ? JSON.parse(body) : undefined;
    } catch (error) {
      this.#error(`request ${route}: ${shortError(error)}`);
      return undefined;
    }
  }

  /** Listens to /api/events: each announced batch makes its blocks' transactions visible. */
  async #listen(): Promise<void> {
    this.#events = new AbortController();
    const response = await fetch(`${this.apiUrl}/api/events`, { signal: this.#events.signal });
    const decoder = new TextDecoder();
    let buffer = "";
    void (async () => {
      try {
        for await (const chunk of response.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end: number;
          while ((end = buffer.indexOf("\n\n")) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            if (!block.includes("event: batch")) continue;
            const data = JSON.parse(/^data: (.*)$/m.exec(block)![1]) as {
              fromBlock: string;
              toBlock: string;
            };
            const now = performance.now();
            this.#announcedUpTo = Math.max(this.#announcedUpTo, Number(data.toBlock));
            for (const entry of this.#blockWaiters)
              if (entry[0] <= this.#announcedUpTo) {
                this.#blockWaiters.delete(entry);
                entry[1]();
              }
            for (let b = Number(data.fromBlock); b <= Number(data.toBlock); b++) {
              const mined = this.#pendingBlocks.get(b);
              if (!mined) continue;
              this.#pendingBlocks.delete(b);
              for (const at of mined) this.#visible.push(now - at);
            }
          }
        }
      } catch {
        // aborted at the end
      }
    })();
  }

  /** The whole story, seller `i` to buyer `i + 1`, once. */
  async story(i: number): Promise<void> {
    const seller = this.members[i];
    const buyer = this.members[(i + 1) % this.members.length];
    const serial = this.#serial++;
    const registrationHash = keccakText(`VN-load-${Date.now()}-${serial}-${seller.wallet.address}`);
    const assetId = BigInt(registrationHash);
    const now = Math.floor(Date.now() / 1000);
    const a = this.addresses;
    if (
      !(await this.transact(
        "register",
        seller,
        a.registry,
        this.registry.encodeFunctionData("register", [
          0,
          registrationHash,
          keccakText(`meta-${serial}`),
          `ipfs://load/${serial}`,
          now + 10 * 365 * DAY,
          [],
        ]),
        GAS.register,
      ))
    )
      return;
    if (
      !(await this.transact(
        "verify",
        this.ipOffice,
        a.registry,
        this.registry.encodeFunctionData("setStatus", [assetId, VERIFIED, ZeroHash]),
        GAS.verify,
      ))
    )
      return;
    if (
      !(await this.transact(
        "list",
        seller,
        a.exchange,
        this.exchange.encodeFunctionData("createListing", [
          assetId,
          ALL_DEAL_TYPES,
          [PRICE, PRICE, PRICE],
          TERMS,
        ]),
        GAS.list,
      ))
    )
      return;
    const expiry = BigInt(now + 30 * DAY);
    const permitNonce = this.#permitNonces.get(buyer.wallet.address) ?? 0n;
    this.#permitNonces.set(buyer.wallet.address, permitNonce + 1n);
    const permit = Signature.from(
      await buyer.wallet.signTypedData(
        { name: "TechEx Test VND", version: "1", chainId: this.chainId, verifyingContract: a.token },
        permitTypes,
        {
          owner: buyer.wallet.address,
          spender: a.exchange,
          value: PRICE,
          nonce: permitNonce,
          deadline: expiry,
        },
      ),
    );
    const offered = await this.transact(
      "offer with permit",
      buyer,
      a.exchange,
      this.exchange.encodeFunctionData("makeOfferWithPermit", [
        assetId,
        EXCLUSIVE_LICENCE,
        PRICE,
        expiry,
        TERMS_HASH,
        expiry,
        permit.v,
        permit.r,
        permit.s,
      ]),
      GAS.offer,
    );
    if (!offered) return;
    const made = this.#event(offered, "OfferMade");
    const offerId = made.args.offerId as bigint;
    const offer = {
      assetId,
      buyer: buyer.wallet.address,
      listingEpoch: made.args.listingEpoch,
      dealType: EXCLUSIVE_LICENCE,
      amount: PRICE,
      expiry,
      termsHash: TERMS_HASH,
    };
    const documentHash = keccakText(`agreement-${serial}`);
    const consent = await buyer.wallet.signTypedData(
      { ...exchangeDomain, chainId: this.chainId, verifyingContract: a.exchange },
      agreementConsentTypes,
      { agreementId: offerId, documentHash },
    );
    const accepted = await this.transact(
      "accept",
      seller,
      a.exchange,
      this.exchange.encodeFunctionData("acceptOffer", [
        offerId,
        offer,
        { documentHash, buyerSignature: consent, coOwners: [], coOwnerSignatures: [] },
        TERMS,
      ]),
      GAS.accept,
    );
    if (!accepted) return;
    const agreementEvent = this.#event(accepted, "AgreementAccepted");
    const agreement = {
      offer,
      seller: seller.wallet.address,
      documentHash,
      registrationDeadline: agreementEvent.args.registrationDeadline,
      feeBps: agreementEvent.args.feeBps,
    };
    const registered = await this.transact(
      "register agreement",
      this.ipOffice,
      a.exchange,
      this.exchange.encodeFunctionData("registerAgreement", [offerId, agreement, TERMS]),
      GAS.settle,
    );
    if (!registered) return;
    // the auditor opens the agreement once the exchange shows it
    await this.visible(Number(registered.blockNumber));
    await this.get("/api/audit/agreements/:id", `/api/audit/agreements/${offerId}`);
    this.stories += 1;
    this.#recent.push({ asset: assetId.toString(), listing: `${assetId}-${made.args.listingEpoch}` });
    if (this.#recent.length > 200) this.#recent.shift();
  }

  #recent: { asset: string; listing: string }[] = [];
  #announcedUpTo = 0;
  #blockWaiters = new Set<[number, () => void]>();

  /** Resolves once a batch up to `block` has been announced (or after 30 s). */
  visible(block: number): Promise<void> {
    if (block <= this.#announcedUpTo) return Promise.resolve();
    return new Promise((resolve) => {
      const entry: [number, () => void] = [block, resolve];
      this.#blockWaiters.add(entry);
      setTimeout(() => {
        if (this.#blockWaiters.delete(entry)) resolve();
      }, 30_000).unref();
    });
  }

  #event(receipt: Receipt, name: string) {
    for (const log of receipt.logs) {
      const parsed = this.exchange.parseLog(log);
      if (parsed?.name === name) return parsed;
    }
    throw new Error(`no ${name} in the receipt`);
  }

  async read(): Promise<void> {
    const words = ["bench", "ipfs", "load", "VN", "công nghệ"];
    const known = this.#recent[Math.floor(Math.random() * this.#recent.length)];
    const pick = Math.random();
    if (pick < 0.3)
      await this.get(
        "/api/search",
        `/api/search?q=${encodeURIComponent(words[Math.floor(Math.random() * words.length)])}`,
      );
    else if (pick < 0.5) await this.get("/api/listings", "/api/listings?limit=20");
    else if (pick < 0.7 && known) await this.get("/api/listings/:id", `/api/listings/${known.listing}`);
    else if (pick < 0.9 && known) await this.get("/api/assets/:id", `/api/assets/${known.asset}`);
    else await this.get("/api/stats", "/api/stats");
  }

  async run(ms: number, readers: number) {
    await this.#listen();
    const started = performance.now();
    const deadline = started + ms;
    const loops: Promise<void>[] = [];
    for (let i = 0; i < this.members.length; i++)
      loops.push(
        (async () => {
          while (performance.now() < deadline) {
            await this.story(i).catch((error: unknown) => this.#error(`story: ${shortError(error)}`));
          }
        })(),
      );
    for (let r = 0; r < readers; r++)
      loops.push(
        (async () => {
          while (performance.now() < deadline) {
            await this.read();
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
        })(),
      );
    await Promise.all(loops);
    const elapsed = (performance.now() - started) / 1000;
    const transactions = this.transactions;
    // the last blocks get their announcement a poll later
    const waitUntil = performance.now() + 10_000;
    while (this.#pendingBlocks.size > 0 && performance.now() < waitUntil)
      await new Promise((r) => setTimeout(r, 50));
    if (this.#pendingBlocks.size > 0) this.#error(`never announced: ${this.#pendingBlocks.size} block(s)`);
    const visible = [...this.#visible].sort((x, y) => x - y);
    const apiP99MsByRoute: Result["apiP99MsByRoute"] = {};
    for (const [route, list] of [...this.#latencies].sort()) {
      const sorted = [...list].sort((x, y) => x - y);
      apiP99MsByRoute[route] = {
        requests: sorted.length,
        p50Ms: percentile(sorted, 0.5),
        p99Ms: percentile(sorted, 0.99),
      };
    }
    return {
      seconds: Math.round(elapsed),
      transactions,
      stories: this.stories,
      txPerSecond: Math.round(transactions / elapsed),
      visibleP50Ms: percentile(visible, 0.5),
      visibleP95Ms: percentile(visible, 0.95),
      visibleP99Ms: percentile(visible, 0.99),
      apiP99Ms: Math.max(0, ...Object.values(apiP99MsByRoute).map((r) => r.p99Ms)),
      apiP99MsByRoute,
      errors: this.#errors,
      serverErrors: Object.entries(this.#errors)
        .filter(([kind]) => /^HTTP 5/.test(kind))
        .reduce((sum, [, n]) => sum + n, 0),
    };
  }
}

function shortError(error: unknown): string {
  const message =
    (error as { shortMessage?: string; message?: string }).shortMessage ??
    (error as Error).message ??
    String(error);
  return message.replace(/0x[0-9a-fA-F]{8,}/g, "0x…").slice(0, 120);
}

// last: the classes above must be initialised before the top-level await runs
if (args[0] === "--chain") await serveChain();
else await main();
