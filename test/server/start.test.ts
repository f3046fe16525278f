// `npm start` as a user runs it: a real process, a real embedded chain and database, stopped
// with Ctrl-C (SIGINT), then started again on the same data directory.
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { JsonRpcProvider, ZeroAddress } from "ethers";
import { useTestDatabase } from "./helpers/database.ts";
import { startServer, stopServer, type ServerProcess } from "./helpers/server-process.ts";

type Started = ServerProcess;

const startProcess = (dataDir: string, databaseUrl = "") =>
  startServer({ CHAIN_PORT: "0", DATA_DIR: dataDir, DATABASE_URL: databaseUrl, RPC_URL: "" });

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

interface Page<T> {
  items: T[];
  total: number;
}
const get = async <T>(url: string): Promise<T> => {
  const response = await fetch(url);
  expect(response.status, url).to.equal(200);
  return (await response.json()) as T;
};

/** What the demo exchange shows through the API, for comparing one start with the next. */
async function demoContents(url: string) {
  const organisations = await get<Page<{ nameVi: string | null; kind: string }>>(
    `${url}/api/organisations?limit=100`,
  );
  const assets = await get<
    Page<{
      tokenId: string;
      status: string;
      title: string | null;
      field: string | null;
      protectionExpiresAt: string;
    }>
  >(`${url}/api/assets?limit=100`);
  const offers = await get<Page<{ id: string; state: string; expiresAt: string }>>(
    `${url}/api/offers?limit=100`,
  );
  const agreements = await get<Page<{ id: string; status: string; dealType: string }>>(
    `${url}/api/agreements?limit=100`,
  );
  const licences = await get<
    Page<{ id: string; exclusive: boolean; revokedAt: string | null; endsAt: string }>
  >(`${url}/api/licences?limit=100`);
  const listings = await get<Page<{ id: string; state: string }>>(`${url}/api/listings?limit=100`);
  return { organisations, assets, offers, agreements, licences, listings };
}

describe("npm start", function () {
  this.timeout(300_000);
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

    // A new install seeds the demo exchange once and prints each persona's wallet.
    expect(first.output()).to.contain("Seeding the demo exchange");
    for (const persona of [
      "Operator (admin)",
      "IP office",
      "Auditor",
      "Seller (institute)",
      "Buyer / seller (company)",
    ])
      expect(first.output()).to.contain(persona);
    expect(first.output()).to.match(/0x70997970C51812dc3A010C7d01b50e0d17dc79C8\s+0x59c6995e998f97a5/);
    const demo = await demoContents(first.url);
    expect(demo.organisations.total).to.be.at.least(8);
    expect(demo.organisations.items.every((o) => o.nameVi)).to.equal(true);
    expect(new Set(demo.organisations.items.map((o) => o.kind))).to.deep.equal(
      new Set(["INSTITUTE", "UNIVERSITY", "COMPANY"]),
    );
    expect(demo.assets.total).to.equal(40);
    expect(demo.assets.items.every((a) => a.title)).to.equal(true);
    expect(new Set(demo.assets.items.map((a) => a.field))).to.have.lengthOf(8);
    expect(new Set(demo.assets.items.map((a) => a.status))).to.deep.equal(
      new Set(["PENDING", "VERIFIED", "REJECTED", "SUSPENDED", "REVOKED"]),
    );
    expect(demo.assets.items.some((a) => Date.parse(a.protectionExpiresAt) < Date.now())).to.equal(true);
    expect(new Set(demo.listings.items.map((l) => l.state))).to.include.members(["OPEN", "PAUSED", "CLOSED"]);
    expect(new Set(demo.offers.items.map((o) => o.state))).to.include.members([
      "OPEN",
      "WITHDRAWN",
      "REJECTED",
      "EXPIRED",
      "ACCEPTED",
    ]);
    expect(
      demo.offers.items.some((o) => o.state === "OPEN" && Date.parse(o.expiresAt) < Date.now()),
    ).to.equal(true);
    expect(new Set(demo.agreements.items.map((a) => a.status))).to.deep.equal(
      new Set(["SETTLED", "AWAITING_REGISTRATION", "REFUSED", "RECLAIMED"]),
    );
    expect(new Set(demo.agreements.items.map((a) => a.dealType))).to.have.lengthOf(3);
    expect(demo.licences.items.some((l) => l.exclusive)).to.equal(true);
    expect(demo.licences.items.some((l) => l.revokedAt)).to.equal(true);
    expect(demo.licences.items.some((l) => Date.parse(l.endsAt) < Date.now())).to.equal(true);
    // searching without diacritics finds the semiconductor technologies
    const search = await get<Page<unknown>>(`${first.url}/api/search?q=ban%20dan`);
    expect(search.total).to.be.at.least(1);
    // an agreement's audit, recomputed from the chain, holds
    const registered = demo.agreements.items.find(
      (a) => a.status === "SETTLED" && a.dealType === "ASSIGNMENT",
    )!;
    const audit = await get<{ verified: boolean; document: { matches: boolean } }>(
      `${first.url}/api/audit/agreements/${registered.id}`,
    );
    expect(audit.verified, JSON.stringify(audit)).to.equal(true);
    expect(audit.document.matches).to.equal(true);

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
    expect(second.output()).not.to.contain("Seeding");
    // the same exchange, not an empty or different one
    const again1 = await demoContents(second.url);
    expect(again1.assets).to.deep.equal(demo.assets);
    expect(again1.agreements).to.deep.equal(demo.agreements);
    expect(again1.organisations).to.deep.equal(demo.organisations);
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

    expect(await stopServer(second), second.output()).to.equal(0);
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
        expect(await stopServer(started), started.output()).to.equal(0);
      }
    });
  });

  it("refuses a bad environment with a sentence naming the variable", async function () {
    const failure = await startServer({ PORT: "not-a-port", DATA_DIR: dataDir }).then(
      () => "it started",
      (error: Error) => error.message,
    );
    expect(failure).to.match(/^exited 1 before it was ready/);
    expect(failure).to.contain("PORT");
  });
});
