// `npm run ops -- backup <dir>` / `restore <dir>`, end to end: an exchange with members, sessions and
// documents (public and private) is backed up, restored onto a "fresh machine" (a new data directory,
// database, document store and deployments directory), and started there: it is the same exchange —
// the same chain, the same index, the same sessions, the same documents by SHA-256. A damaged backup
// is refused before anything is written.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { HDNodeWallet } from "ethers";
import pg from "pg";
import { startEmbeddedChain, type EmbeddedChain } from "../../server/src/chain/embedded.ts";
import { call, sampleFiles, signIn } from "./helpers/api.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startServer, stopServer, type ServerProcess } from "./helpers/server-process.ts";

const account = (i: number) =>
  HDNodeWallet.fromPhrase(
    "test test test test test test test test test test test junk",
    undefined,
    `m/44'/60'/0'/0/${i}`,
  );
const publicUrl = "http://techex.test";
const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** `npm run ops -- …` as a process: its exit code and what it printed. */
function ops(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, ["scripts/ops.ts", ...args], {
      env: { ...process.env, DATABASE_URL: "", RPC_URL: "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** A member admitted on-chain, a session, and a public and a private document. */
async function populate(server: ServerProcess, opsEnv: Record<string, string>, opsFlags: string[] = []) {
  const member = account(12).address;
  const admitted = await ops(["admit", member, `0x${"ef".repeat(32)}`, ...opsFlags], opsEnv);
  expect(admitted.code, admitted.stderr).to.equal(0);
  const cookie = await signIn(server.url, account(13), publicUrl);
  const files = [
    { bytes: sampleFiles.pdf(`backup ${server.url}`), type: "application/pdf", query: "" },
    { bytes: sampleFiles.png(), type: "image/png", query: "?private=true" },
  ];
  const hashes: string[] = [];
  for (const file of files) {
    const stored = await call(`${server.url}/api/documents${file.query}`, {
      method: "POST",
      headers: { "content-type": file.type, cookie },
      body: new Uint8Array(file.bytes),
    });
    expect(stored.status, JSON.stringify(stored.body)).to.be.oneOf([200, 201]);
    expect(stored.body.sha256).to.equal(sha256(file.bytes));
    hashes.push(stored.body.sha256);
  }
  // the index has caught up with the admission before anything is compared
  await eventually(
    async () => (await call(`${server.url}/api/organisations/${member.toLowerCase()}`)).status === 200,
  );
  return { member: member.toLowerCase(), cookie, hashes };
}

async function eventually(check: () => Promise<boolean>, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** What a client sees of the exchange: the member, the signed-in wallet, each document's SHA-256. */
async function view(url: string, seeded: Awaited<ReturnType<typeof populate>>) {
  const organisation = await call(`${url}/api/organisations/${seeded.member}`);
  const me = await call(`${url}/api/auth/me`, { headers: { cookie: seeded.cookie } });
  const documents: string[] = [];
  for (const hash of seeded.hashes) {
    const response = await fetch(`${url}/api/documents/${hash}`, { headers: { cookie: seeded.cookie } });
    expect(response.status, `document ${hash}`).to.equal(200);
    documents.push(sha256(new Uint8Array(await response.arrayBuffer())));
  }
  const status = await call(`${url}/api/status`);
  return {
    organisation: organisation.body,
    me: [me.status, me.body.address],
    documents,
    deployment: status.body.deployment,
  };
}

function damagedCopy(backupDir: string, into: string): void {
  cpSync(backupDir, into, { recursive: true });
  const documents = path.join(into, "documents");
  const shard = readdirSync(documents)[0];
  const file = path.join(documents, shard, readdirSync(path.join(documents, shard))[0]);
  const bytes = readFileSync(file);
  bytes[bytes.length - 1] ^= 1;
  writeFileSync(file, bytes);
}

describe("npm run ops -- backup / restore", function () {
  this.timeout(300_000);
  let dir: string;
  const servers: ServerProcess[] = [];

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "techex-backup-"));
  });
  afterEach(async () => {
    await Promise.all(servers.splice(0).map(stopServer));
    rmSync(dir, { recursive: true, force: true });
  });

  it("embedded: refused while the exchange runs; once stopped, restored into a new DATA_DIR it is the same exchange", async () => {
    const original = path.join(dir, "original");
    const env = { DATA_DIR: original, CHAIN_PORT: "0", DEMO_DATA: "false", PUBLIC_URL: publicUrl };
    const server = await startServer(env);
    servers.push(server);
    const rpcUrl = /chain RPC (http:\/\/\S+)\)/.exec(server.output())![1];
    const seeded = await populate(server, { DATA_DIR: original, RPC_URL: rpcUrl });
    const before = await view(server.url, seeded);
    const head = await rpc(rpcUrl, "eth_getBlockByNumber", ["latest", false]);

    const backupDir = path.join(dir, "backup");
    const whileRunning = await ops(["backup", backupDir], { DATA_DIR: original });
    expect(whileRunning.code).to.equal(1);
    expect(whileRunning.stderr).to.contain("The embedded exchange is running");
    expect(existsSync(backupDir)).to.equal(false);

    expect(await stopServer(server)).to.equal(0);
    const made = await ops(["backup", backupDir], { DATA_DIR: original });
    expect(made.code, made.stderr).to.equal(0);
    expect(made.stdout).to.contain("2 document(s)");

    const damaged = path.join(dir, "damaged");
    damagedCopy(backupDir, damaged);
    const refused = await ops(["restore", damaged], { DATA_DIR: path.join(dir, "elsewhere") });
    expect(refused.code).to.equal(1);
    expect(refused.stderr).to.match(/The backup is damaged: documents\/.* does not have the SHA-256/);
    expect(existsSync(path.join(dir, "elsewhere"))).to.equal(false);

    const fresh = path.join(dir, "fresh");
    const restored = await ops(["restore", backupDir], { DATA_DIR: fresh });
    expect(restored.code, restored.stderr).to.equal(0);
    const again = await ops(["restore", backupDir], { DATA_DIR: fresh });
    expect([again.code, again.stderr]).to.deep.equal([
      1,
      `${path.join(fresh, "chain")} already holds an exchange: restore into a new DATA_DIR (or delete it first).\n`,
    ]);

    rmSync(original, { recursive: true, force: true });
    const second = await startServer({ ...env, DATA_DIR: fresh });
    servers.push(second);
    expect(second.output()).to.contain("Replaying the embedded chain's journal");
    expect(second.output()).not.to.contain("Deploying");
    const secondRpc = /chain RPC (http:\/\/\S+)\)/.exec(second.output())![1];
    const replayed = await rpc(secondRpc, "eth_getBlockByNumber", [head.number, false]);
    expect(replayed.hash).to.equal(head.hash);
    expect(await view(second.url, seeded)).to.deep.equal(before);
    expect(before.documents).to.deep.equal(seeded.hashes);
  });

  describe("PostgreSQL", () => {
    const live = useTestDatabase("postgres", { migrate: false });
    const replacement = useTestDatabase("postgres", { migrate: false });
    let chain: EmbeddedChain;

    before(async () => {
      chain = await startEmbeddedChain("127.0.0.1", 0);
    });
    after(async () => chain?.close());

    it("backed up while the servers run, restored into a new database it is the same exchange, table by table", async () => {
      const parameters = path.join(dir, "parameters.json");
      writeFileSync(
        parameters,
        JSON.stringify({
          TechEx: { ipOffice: account(1).address, pauser: account(2).address, treasury: account(3).address },
        }),
      );
      const machine = (name: string, databaseUrl: string) => ({
        RPC_URL: chain.url,
        DATABASE_URL: databaseUrl,
        DEPLOYMENTS_DIR: path.join(dir, name, "deployments"),
        DOCUMENTS_DIR: path.join(dir, name, "documents"),
        DATA_DIR: path.join(dir, name, "data"),
        PUBLIC_URL: publicUrl,
        CONFIRMATIONS: "0",
      });
      const first = machine("first", live.url);
      const server = await startServer({
        ...first,
        DEPLOYER_KEY: account(0).privateKey,
        DEPLOY_TEST_TOKEN: "true",
        DEPLOY_PARAMETERS: parameters,
      });
      servers.push(server);
      const seeded = await populate(server, { OPS_PRIVATE_KEY: account(0).privateKey, RPC_URL: chain.url }, [
        "--deployment",
        path.join(first.DEPLOYMENTS_DIR, "31337.json"),
      ]);
      const before = await view(server.url, seeded);

      const backupDir = path.join(dir, "backup");
      const made = await ops(["backup", backupDir], first);
      expect(made.code, made.stderr).to.equal(0);
      expect(existsSync(path.join(backupDir, "database.dump"))).to.equal(true);

      const second = machine("second", replacement.url);
      const wrongMode = await ops(["restore", backupDir], { ...second, DATABASE_URL: "" });
      expect(wrongMode.stderr).to.contain("The backup is of a PostgreSQL exchange");
      const restored = await ops(["restore", backupDir], second);
      expect(restored.code, restored.stderr).to.equal(0);
      const notEmpty = await ops(["restore", backupDir], second);
      expect(notEmpty.stderr).to.contain("is not empty: restore into a new, empty database");

      expect(await stopServer(server)).to.equal(0);
      expect(await tableContents(replacement.url)).to.deep.equal(await tableContents(live.url));

      const restoredServer = await startServer(second);
      servers.push(restoredServer);
      expect(restoredServer.output()).not.to.contain("deploying");
      expect(await view(restoredServer.url, seeded)).to.deep.equal(before);
    });
  });
});

async function rpc(url: string, method: string, params: unknown[]) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  return ((await response.json()) as { result: { number: string; hash: string } }).result;
}

/** Every public table's rows, as sorted JSON lines per table. */
async function tableContents(url: string): Promise<Record<string, string[]>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const contents: Record<string, string[]> = {};
    for (const { tablename } of tables) {
      const { rows } = await client.query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
      contents[tablename] = rows.map((r: { row: string }) => r.row).sort();
    }
    return contents;
  } finally {
    await client.end();
  }
}
