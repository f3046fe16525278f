// Production mode as the README's runbook runs it: an external node (here a Hardhat EDR chain served
// over HTTP, as `hardhat node` would), PostgreSQL, and a deployer key. The first server deploys with
// Ignition, migrates and serves; a second server on the same database and chain reuses the recorded
// deployment and serves reads while the first one alone writes the index.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { HDNodeWallet, JsonRpcProvider, Network, ZeroAddress } from "ethers";
import { startEmbeddedChain, type EmbeddedChain } from "../../server/src/chain/embedded.ts";
import { useTestDatabase } from "./helpers/database.ts";
import { startServer, stopServer, type ServerProcess } from "./helpers/server-process.ts";

const account = (i: number) =>
  HDNodeWallet.fromPhrase(
    "test test test test test test test test test test test junk",
    undefined,
    `m/44'/60'/0'/0/${i}`,
  );
const deployerKey = account(0).privateKey;

describe("production mode: external chain, PostgreSQL, several servers", function () {
  this.timeout(240_000);
  const database = useTestDatabase("postgres", { migrate: false });
  let chain: EmbeddedChain;
  let dir: string;
  let env: Record<string, string>;
  const servers: ServerProcess[] = [];

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "techex-production-"));
    chain = await startEmbeddedChain("127.0.0.1", 0);
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

  it("refuses to deploy without a settlement token, in a sentence", async () => {
    const fresh = await startEmbeddedChain("127.0.0.1", 0);
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
      writeFileSync(noRoles, JSON.stringify({ TechEx: { settlementToken: ZeroAddress.replace(/0$/, "1") } }));
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
