// `npm start` as a user runs it: a real process, a real embedded chain and database, stopped
// with Ctrl-C (SIGINT), then started again on the same data directory.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
}

function startProcess(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, ["server/src/index.ts"], {
    env: { ...process.env, PORT: "0", CHAIN_PORT: "0", DATA_DIR: dataDir, DATABASE_URL: "", RPC_URL: "" },
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

async function status(url: string) {
  const response = await fetch(`${url}/api/status`);
  expect(response.status).to.equal(200);
  return (await response.json()) as {
    chain: { ok: boolean; chainId: string; latestBlock: number };
    database: { ok: boolean; kind: string };
  };
}

describe("npm start", function () {
  this.timeout(120_000);
  let dataDir: string;

  before(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), "techex-start-"));
  });
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it("serves the chain and database status, stops on Ctrl-C, and starts again on the same data", async function () {
    for (const run of [1, 2]) {
      const started = await startProcess(dataDir);
      const s = await status(started.url);
      expect(s.chain, `run ${run}`).to.include({ ok: true, chainId: "31337" });
      expect(s.database, `run ${run}`).to.deep.equal({ ok: true, kind: "embedded" });
      const page = await fetch(started.url);
      expect(await page.text()).to.contain("TechEx");
      expect(await stop(started.child), started.output()).to.equal(0);
      expect(started.output()).to.contain("Stopped.");
    }
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
