// Production mode as the README's runbook runs it: an external node (here a Hardhat EDR chain served
// over HTTP, as `hardhat node` would), PostgreSQL, and a deployer key. The first server deploys with
// Ignition, migrates and serves; a second server on the same database and chain reuses the recorded
// deployment and serves reads while the first one alone writes the index. All of it runs against two
// independent nodes: Hardhat's EDR and Foundry's anvil.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { HDNodeWallet, JsonRpcProvider, Network, ZeroAddress } from "ethers";
import { startEmbeddedChain } from "../../server/src/chain/embedded.ts";
import { startAnvil } from "./helpers/anvil.ts";
import { call, signIn } from "./helpers/api.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startServer, stopServer, type ServerProcess } from "./helpers/server-process.ts";

const account = (i: number) =>
  HDNodeWallet.fromPhrase(
    "test test test test test test test test test test test junk",
    undefined,
    `m/44'/60'/0'/0/${i}`,
  );
const deployerKey = account(0).privateKey;
// both servers are one exchange behind one balancer: sign-in messages name this origin
const publicUrl = "http://techex.test";

/** A server-sent event stream; `next` resolves with the data of the next event of that name. */
function openEventStream(url: string) {
  const abort = new AbortController();
  const response = fetch(url, { signal: abort.signal });
  let buffer = "";
  const waiting: { name: string; accept: (data: string) => boolean; resolve: (data: string) => void }[] = [];
  const seen: { name: string; data: string }[] = [];
  const deliver = () => {
    // events nobody waits for yet are kept for a later `next`
    for (const event of seen.splice(0)) {
      const i = waiting.findIndex((w) => w.name === event.name && w.accept(event.data));
      if (i >= 0) waiting.splice(i, 1)[0].resolve(event.data);
      else seen.push(event);
    }
  };
  void response
    .then(async (res) => {
      const decoder = new TextDecoder();
      for await (const chunk of res.body!) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name && data !== undefined) seen.push({ name, data });
        }
        deliver();
      }
    })
    .catch(() => {});
  return {
    next(name: string, accept: (data: string) => boolean = () => true): Promise<string> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no "${name}" event from ${url} within 20 s`)),
          20_000,
        );
        waiting.push({
          name,
          accept,
          resolve: (data) => {
            clearTimeout(timer);
            resolve(data);
          },
        });
        deliver();
      });
    },
    close: () => abort.abort(),
  };
}

/** The external node: Hardhat's (EDR over HTTP, as `hardhat node`) or Foundry's anvil. */
type NodeKind = "hardhat" | "anvil";
const startNode = (kind: NodeKind): Promise<{ url: string; close(): Promise<void> }> =>
  kind === "hardhat" ? startEmbeddedChain("127.0.0.1", 0) : startAnvil();

for (const nodeKind of ["hardhat", "anvil"] as const)
  describe(`production mode: external chain (${nodeKind}), PostgreSQL, several servers`, function () {
    this.timeout(240_000);
    const database = useTestDatabase("postgres", { migrate: false });
    let chain: { url: string; close(): Promise<void> };
    let dir: string;
    let env: Record<string, string>;
    const servers: ServerProcess[] = [];

    before(async () => {
      dir = mkdtempSync(path.join(os.tmpdir(), "techex-production-"));
      chain = await startNode(nodeKind);
      const parameters = path.join(dir, "parameters.json");
      writeFileSync(
        parameters,
        JSON.stringify({
          TechEx: {
            ipOffice: account(1).address,
            pauser: account(2).address,
            treasury: account(3).address,
            feeBps: 200,
          },
        }),
      );
      env = {
        DEPLOY_PARAMETERS: parameters,
        RPC_URL: chain.url,
        DATABASE_URL: database.url,
        DEPLOYER_KEY: deployerKey,
        DEPLOY_TEST_TOKEN: "true",
        DEPLOYMENTS_DIR: path.join(dir, "deployments"),
        DATA_DIR: path.join(dir, "data"),
        CONFIRMATIONS: "0",
        PUBLIC_URL: publicUrl,
      };
    });
    after(async () => {
      await Promise.all(servers.map(stopServer));
      await chain?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("the first server deploys, migrates and serves; a second shares the database and only one indexes", async () => {
      const first = await startServer(env);
      servers.push(first);
      expect(first.output()).to.contain("deploying with Ignition");
      const recorded = path.join(dir, "deployments", "31337.json");
      expect(existsSync(recorded)).to.equal(true);
      const deployment = JSON.parse(readFileSync(recorded, "utf8"));
      const status = await (await fetch(`${first.url}/api/status`)).json();
      expect(status.deployment.addresses).to.deep.equal(deployment.addresses);
      expect(status.database).to.deep.include({ ok: true, kind: "postgres" });

      const second = await startServer(env);
      servers.push(second);
      expect(second.output()).not.to.contain("deploying");
      const status2 = await (await fetch(`${second.url}/api/status`)).json();
      expect(status2.deployment.addresses).to.deep.equal(deployment.addresses);

      // exactly one of them holds the indexer's writer lock
      const writers = [first, second].filter((s) => s.output().includes("holds the writer lock"));
      expect(writers, first.output() + second.output()).to.have.lengthOf(1);

      // a change on the chain shows through both servers
      const provider = new JsonRpcProvider(chain.url, Network.from(31337), {
        staticNetwork: true,
        cacheTimeout: -1,
      });
      const admin = await provider.getSigner(0);
      const { Contract } = await import("ethers");
      const { abis } = await import("../../generated/techex.ts");
      const membership = new Contract(
        deployment.addresses.membership,
        abis.Membership as unknown as string[],
        admin,
      );
      const member = account(9).address;
      await (await membership.admit(member, `0x${"ab".repeat(32)}`)).wait();
      await (await admin.sendTransaction({ to: ZeroAddress, value: 1n })).wait();
      provider.destroy();
      for (const server of [first, second]) {
        const deadline = Date.now() + 30_000;
        let found = false;
        while (!found && Date.now() < deadline) {
          const response = await fetch(`${server.url}/api/organisations/${member.toLowerCase()}`);
          found = response.status === 200;
          if (!found) await new Promise((resolve) => setTimeout(resolve, 250));
        }
        expect(found, `${server.url} never showed the new member`).to.equal(true);
      }
    });

    it("live updates reach the clients of both servers, whichever one indexes", async () => {
      expect(servers, "the first test starts the two servers").to.have.lengthOf(2);
      const streams = servers.map((server) => openEventStream(`${server.url}/api/events`));
      try {
        await Promise.all(streams.map((stream) => stream.next("ready")));
        const provider = new JsonRpcProvider(chain.url, Network.from(31337), { staticNetwork: true });
        const signer = await provider.getSigner(0);
        const { Contract } = await import("ethers");
        const { abis } = await import("../../generated/techex.ts");
        const recorded = JSON.parse(readFileSync(path.join(dir, "deployments", "31337.json"), "utf8"));
        const membership = new Contract(
          recorded.addresses.membership,
          abis.Membership as unknown as string[],
          signer,
        );
        const receipt = await (await membership.admit(account(10).address, `0x${"cd".repeat(32)}`)).wait();
        provider.destroy();
        for (const stream of streams) {
          const batch = JSON.parse(await stream.next("batch", (data) => data.includes(receipt!.hash)));
          expect(batch.events.map((e: { txHash: string }) => e.txHash)).to.include(receipt!.hash);
        }
      } finally {
        for (const stream of streams) stream.close();
      }
    });

    it("a session made on one server works on the other, and the sign-in limit holds across both", async () => {
      const [first, second] = servers;
      // the limit counts per minute: start well inside one so the window cannot roll over mid-test
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 40_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
      const wallet = account(11);
      const cookie = await signIn(first.url, wallet, publicUrl);
      const me = await call(`${second.url}/api/auth/me`, { headers: { cookie } });
      expect([me.status, me.body.address]).to.deep.equal([200, wallet.address.toLowerCase()]);

      // signing in took a nonce and a verification: 28 more sign-in requests of the 30 a minute
      const statuses: number[] = [];
      for (let i = 0; i < 32; i++) {
        const server = servers[i % 2];
        statuses.push((await call(`${server.url}/api/auth/nonce`, { method: "POST" })).status);
      }
      expect(statuses.filter((status) => status === 200)).to.have.lengthOf(28);
      expect(statuses.slice(28)).to.deep.equal([429, 429, 429, 429]);
    });

    it("refuses to deploy without a settlement token, in a sentence", async () => {
      const fresh = await startNode(nodeKind);
      try {
        const failed = await startServer({
          ...env,
          RPC_URL: fresh.url,
          DEPLOY_TEST_TOKEN: "false",
          DEPLOYMENTS_DIR: path.join(dir, "other-deployments"),
        }).then(
          () => "",
          (error: Error) => error.message,
        );
        expect(failed).to.contain("no settlement token is named");
        const noRoles = path.join(dir, "no-roles.json");
        writeFileSync(
          noRoles,
          JSON.stringify({ TechEx: { settlementToken: ZeroAddress.replace(/0$/, "1") } }),
        );
        const failed2 = await startServer({
          ...env,
          RPC_URL: fresh.url,
          DEPLOY_TEST_TOKEN: "false",
          DEPLOY_PARAMETERS: noRoles,
          DEPLOYMENTS_DIR: path.join(dir, "other-deployments"),
        }).then(
          () => "",
          (error: Error) => error.message,
        );
        expect(failed2).to.contain("must name the ipOffice, pauser, treasury address(es)");
      } finally {
        await fresh.close();
      }
    });
  });
