// `npm start` as a user runs it: a real process, a real embedded chain and database, stopped
// with Ctrl-C (SIGINT), then started again on the same data directory.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { JsonRpcProvider, ZeroAddress } from "ethers";
import { useTestDatabase } from "./helpers/database.ts";

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startProcess(dataDir: string, databaseUrl = ""): Promise<Started> {
  const child = spawn(process.execPath, ["server/src/index.ts"], {
    env: {
      ...process.env,
      PORT: "0",
      CHAIN_PORT: "0",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      RPC_URL: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk;
      const ready = /Ready: (http:\/\/\S+)/.exec(output);
      if (ready) resolve({ child, url: ready[1], output: () => output });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`exited ${code} before it was ready:\n${output}`)));
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("did not stop within 20 s of SIGINT")), 20_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    child.kill("SIGINT");
  });
}

function rpcUrlOf(started: Started): string {
  return /chain RPC (http:\/\/\S+)\)/.exec(started.output())![1];
}

async function status(url: string) {
  const response = await fetch(`${url}/api/status`);
  expect(response.status).to.equal(200);
  return (await response.json()) as {
    chain: { ok: boolean; chainId: string; latestBlock: number };
    database: { ok: boolean; kind: string };
    deployment: { chainId: string; deployBlock: number; addresses: Record<string, string> };
  };
}

describe("npm start", function () {
  this.timeout(120_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "techex-start-"));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves the chain and database status; after a crash (SIGKILL) the next start keeps the chain; Ctrl-C stops it", async function () {
    const first = await startProcess(dataDir);
    const s1 = await status(first.url);
    expect(s1.chain).to.include({ ok: true, chainId: "31337" });
    expect(s1.database).to.deep.equal({ ok: true, kind: "embedded" });
    expect(await (await fetch(first.url)).text()).to.contain("TechEx");

    // A user's transaction after the deployment; it must survive the crash and the restart.
    const provider = new JsonRpcProvider(rpcUrlOf(first), undefined, { staticNetwork: true });
    const sent = await (await provider.getSigner(7)).sendTransaction({ to: ZeroAddress, value: 12_345n });
    const mined = (await sent.wait())!;
    provider.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500)); // the journal records within 200 ms
    await new Promise<void>((resolve) => {
      first.child.once("exit", () => resolve());
      first.child.kill("SIGKILL");
    });

    const second = await startProcess(dataDir);
    expect(second.output()).to.contain("Replaying the embedded chain's journal");
    expect(second.output()).not.to.contain("Deploying");
    const s2 = await status(second.url);
    expect(s2.deployment).to.deep.equal(s1.deployment);
    expect(s2.database.ok).to.equal(true);
    const again = new JsonRpcProvider(rpcUrlOf(second), undefined, { staticNetwork: true });
    const block = await again.getBlock(mined.blockNumber);
    expect(block!.hash).to.equal(mined.blockHash);
    expect(block!.transactions).to.include(mined.hash);
    // and the chain goes on from there, on the wall clock
    const next = await (
      await (await again.getSigner(7)).sendTransaction({ to: ZeroAddress, value: 1n })
    ).wait();
    const nextBlock = await again.getBlock(next!.blockNumber);
    expect(nextBlock!.timestamp).to.be.closeTo(Math.floor(Date.now() / 1000), 30);
    again.destroy();

    expect(await stop(second.child), second.output()).to.equal(0);
    expect(second.output()).to.contain("Stopped.");
  });

  describe("with DATABASE_URL", function () {
    const database = useTestDatabase("postgres", { migrate: false });

    it("applies the migrations to PostgreSQL, indexes the chain there and serves from it", async function () {
      const started = await startProcess(dataDir, database.url);
      try {
        const s = await status(started.url);
        expect(s.database).to.deep.equal({ ok: true, kind: "postgres" });
        const ready = await (await fetch(`${started.url}/readyz`)).json();
        expect(ready.ready, JSON.stringify(ready)).to.equal(true);
        const [{ count }] = await database.prisma.$queryRaw<
          { count: bigint }[]
        >`SELECT count(*) FROM chain_events`;
        expect(Number(count)).to.be.greaterThan(0);
      } finally {
        expect(await stop(started.child), started.output()).to.equal(0);
      }
    });
  });

  it("refuses a bad environment with a sentence naming the variable", async function () {
    const child = spawn(process.execPath, ["server/src/index.ts"], {
      env: { ...process.env, PORT: "not-a-port", DATA_DIR: dataDir },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr!.on("data", (c: Buffer) => (output += c));
    const code = await new Promise((resolve) => child.once("exit", resolve));
    expect(code).to.equal(1);
    expect(output).to.contain("PORT");
  });
});
