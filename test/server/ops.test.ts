// `npm run ops`: each command against a real chain with TechEx deployed by Ignition, and each
// refusal (wrong key, wrong network, wrong arguments) leaving the chain untouched.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { Contract, HDNodeWallet, JsonRpcProvider, Network } from "ethers";
import { abis } from "../../generated/techex.ts";
import { deploy, type Deployment } from "../../ignition/deploy.ts";
import { startEmbeddedChain, type EmbeddedChain } from "../../server/src/chain/embedded.ts";
import { OpsError, runOps } from "../../scripts/ops/ops.ts";
import { openDeadEnd } from "./helpers/dead-end.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const key = (i: number) => HDNodeWallet.fromPhrase(MNEMONIC, undefined, `m/44'/60'/0'/0/${i}`).privateKey;
const ADMIN_KEY = key(0);
const PAUSER_KEY = key(2);
const newcomer = HDNodeWallet.fromPhrase(MNEMONIC, undefined, "m/44'/60'/0'/0/15").address;
const ROLE = { IP_OFFICE: 1n, PAUSER: 2n, MEMBER: 3n, CONFIG: 6n };

describe("npm run ops", function () {
  this.timeout(120_000);
  let chain: EmbeddedChain;
  let deployment: Deployment;
  let provider: JsonRpcProvider;
  let dir: string;
  let deploymentFile: string;
  let contracts: Record<"manager" | "membership" | "exchange" | "registry" | "licences", Contract>;

  before(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "techex-ops-"));
    chain = await startEmbeddedChain("127.0.0.1", 0);
    deployment = await deploy({
      connection: chain.connection,
      local: true,
      fresh: true,
      deploymentId: "ops-test",
    });
    deploymentFile = path.join(dir, "deployment.json");
    writeFileSync(deploymentFile, JSON.stringify(deployment));
    provider = new JsonRpcProvider(chain.url, Network.from(31337), { staticNetwork: true, cacheTimeout: -1 });
    const at = (name: keyof typeof abis, address: string) =>
      new Contract(address, abis[name] as unknown as string[], provider);
    contracts = {
      manager: at("TechExAccessManager", deployment.addresses.manager),
      membership: at("Membership", deployment.addresses.membership),
      exchange: at("Exchange", deployment.addresses.exchange),
      registry: at("AssetRegistry", deployment.addresses.registry),
      licences: at("LicenceRegistry", deployment.addresses.licences),
    };
  });
  after(async () => {
    provider?.destroy();
    await chain?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const ops = async (args: string[], opsKey: string | undefined = ADMIN_KEY) => {
    const lines: string[] = [];
    await runOps(
      [...args, "--rpc-url", chain.url, "--deployment", deploymentFile],
      { OPS_PRIVATE_KEY: opsKey, DATA_DIR: dir },
      (line) => lines.push(line),
    );
    return lines.join("\n");
  };
  /** Runs a command that must be refused: returns the message and checks that no block was mined. */
  const refused = async (args: string[], opsKey?: string) => {
    const before = await provider.getBlockNumber();
    let message = "";
    try {
      await ops(args, opsKey);
    } catch (error) {
      expect(error).to.be.instanceOf(OpsError);
      message = (error as Error).message;
    }
    expect(message, `ops ${args.join(" ")} was not refused`).not.to.equal("");
    expect(await provider.getBlockNumber()).to.equal(before);
    return message;
  };

  it("status shows the deployment, fee, policy and the key's roles", async () => {
    const out = await ops(["status"]);
    expect(out).to.contain(`Chain 31337 at ${chain.url}`);
    expect(out).to.contain(deployment.addresses.exchange);
    expect(out).to.match(/Exchange: +running; fee 250 bps/);
    expect(out).to.contain("registration required for assignment, exclusive licence, within 30 days");
    expect(out).to.match(/Your key: +0xf39F\w+ holds admin, minter/);
  });

  it("admits a member with the SHA-256 of its profile document, then removes it", async () => {
    const profile = path.join(dir, "profile.json");
    writeFileSync(
      profile,
      JSON.stringify({ nameVi: "Viện Thử nghiệm", kind: "institute", province: "Đồng Nai" }),
    );
    const out = await ops(["admit", newcomer, profile]);
    expect(out).to.contain(`admitted ${newcomer}`);
    expect(await contracts.membership.isMember(newcomer)).to.equal(true);
    const [member] = await contracts.manager.hasRole(ROLE.MEMBER, newcomer);
    expect(member).to.equal(true);
    const expected = `0x${createHash("sha256")
      .update(JSON.stringify({ nameVi: "Viện Thử nghiệm", kind: "institute", province: "Đồng Nai" }))
      .digest("hex")}`;
    const admitted = await contracts.membership.queryFilter(contracts.membership.filters.MemberAdmitted());
    expect(admitted.map((e) => (e as unknown as { args: unknown[] }).args[1])).to.include(expected);

    expect(await refused(["admit", newcomer, profile])).to.equal(`${newcomer} is already a member.`);
    await ops(["remove", newcomer, "ngừng", "hoạt", "động"]);
    expect(await contracts.membership.isMember(newcomer)).to.equal(false);
    expect(await refused(["remove", newcomer, "again"])).to.equal(`${newcomer} is not a member.`);
  });

  it("grants and revokes a role", async () => {
    await ops(["grant", "ip-office", newcomer]);
    expect((await contracts.manager.hasRole(ROLE.IP_OFFICE, newcomer))[0]).to.equal(true);
    expect(await refused(["grant", "ip-office", newcomer])).to.contain("already holds IP_OFFICE");
    await ops(["revoke", "ip-office", newcomer]);
    expect((await contracts.manager.hasRole(ROLE.IP_OFFICE, newcomer))[0]).to.equal(false);
  });

  it("sets the fee and treasury within the cap", async () => {
    await ops(["set-fee", newcomer, "300"]);
    const [treasury, fee] = await contracts.exchange.config();
    expect([treasury, fee]).to.deep.equal([newcomer, 300n]);
    expect(await refused(["set-fee", newcomer, "1001"])).to.contain("at most 1000 basis points");
    expect(await refused(["set-fee", newcomer, "2.5"])).to.contain("whole number of basis points");
  });

  it("on a real network (the production module) the fee change is scheduled, then carried out after the 2-day delay", async () => {
    const production = await deploy({
      connection: chain.connection,
      local: false,
      fresh: true,
      deploymentId: "ops-production",
      parameters: { TechEx: { settlementToken: deployment.addresses.token } },
    });
    const file = path.join(dir, "production.json");
    writeFileSync(file, JSON.stringify(production));
    const manager = new Contract(
      production.addresses.manager,
      abis.TechExAccessManager as unknown as string[],
      provider,
    );
    const exchange = new Contract(
      production.addresses.exchange,
      abis.Exchange as unknown as string[],
      provider,
    );
    const admin = HDNodeWallet.fromPhrase(MNEMONIC, undefined, "m/44'/60'/0'/0/0").address;
    const twoDays = 2n * 86_400n;
    expect(await manager.hasRole(ROLE.CONFIG, admin)).to.deep.equal([true, twoDays]);
    for (const [target, fn] of [
      [exchange, "setFee"],
      [exchange, "setRegistrationPolicy"],
    ] as const)
      expect(
        await manager.getTargetFunctionRole(
          await target.getAddress(),
          target.interface.getFunction(fn)!.selector,
        ),
      ).to.equal(ROLE.CONFIG);
    const run = async (args: string[]) => {
      const lines: string[] = [];
      await runOps(
        [...args, "--rpc-url", chain.url, "--deployment", file],
        { OPS_PRIVATE_KEY: ADMIN_KEY, DATA_DIR: dir },
        (l) => lines.push(l),
      );
      return lines.join("\n");
    };
    const [, feeBefore] = await exchange.config();
    expect(await run(["set-fee", newcomer, "300"])).to.match(
      /scheduling it \(it can be carried out from \d\d\/\d\d\/\d{4} \d\d:\d\d UTC\)/,
    );
    expect((await exchange.config())[1]).to.equal(feeBefore);
    let early = "";
    try {
      await run(["set-fee", newcomer, "300"]);
    } catch (error) {
      early = (error as Error).message;
    }
    expect(early).to.contain("already scheduled and can be carried out from");
    await provider.send("evm_increaseTime", [Number(twoDays)]);
    await provider.send("evm_mine", []);
    expect(await run(["set-fee", newcomer, "300"])).to.contain("carrying it out");
    const [treasury, fee] = await exchange.config();
    expect([treasury, fee]).to.deep.equal([newcomer, 300n]);
  });

  it("pauses and unpauses with the pauser's key", async () => {
    await ops(["pause"], PAUSER_KEY);
    for (const name of ["exchange", "registry", "licences"] as const)
      expect(await contracts[name].paused(), name).to.equal(true);
    expect(await ops(["pause", "exchange"], PAUSER_KEY)).to.contain("exchange: already paused");
    await ops(["unpause", "all"], PAUSER_KEY);
    for (const name of ["exchange", "registry", "licences"] as const)
      expect(await contracts[name].paused(), name).to.equal(false);
    expect(await refused(["pause", "everything"], PAUSER_KEY)).to.contain(
      "exchange, registry, licences or all",
    );
  });

  it("refuses a key without the role, a malformed key and a missing key, naming what is wrong", async () => {
    expect(await refused(["pause"], ADMIN_KEY)).to.contain("does not hold the PAUSER role that pause needs");
    expect(await refused(["grant", "pauser", newcomer], PAUSER_KEY)).to.contain(
      "does not hold the ADMIN role that grantRole needs",
    );
    expect(await refused(["grant", "pauser", newcomer], "0x1234")).to.contain(
      "OPS_PRIVATE_KEY is not a private key",
    );
    expect(await refused(["grant", "pauser", newcomer], "")).to.contain("Set OPS_PRIVATE_KEY");
  });

  it("refuses wrong arguments: addresses, roles, commands, files", async () => {
    expect(await refused(["grant", "pauser", "0x123"])).to.contain(
      'must be a 0x address of 40 hex digits, not "0x123"',
    );
    expect(await refused(["grant", "wizard", newcomer])).to.contain('Unknown role "wizard"');
    expect(await refused(["grant", "member", newcomer])).to.contain(
      "admitted and removed with `admit` and `remove`",
    );
    expect(await refused(["admit", newcomer, "/no/such/profile.json"])).to.contain("neither");
    expect(await refused(["grant", "pauser"])).to.contain("Missing arguments");
    expect(await refused(["frobnicate"])).to.contain('Unknown command "frobnicate"');
  });

  it("refuses the wrong network: nothing listening, another chain's deployment, no contracts there", async () => {
    const failure = async (args: string[]) => {
      try {
        await runOps(args, {}, () => {});
      } catch (error) {
        expect(error).to.be.instanceOf(OpsError);
        return (error as Error).message;
      }
      throw new Error(`ops ${args.join(" ")} was not refused`);
    };
    const deadEnd = await openDeadEnd();
    try {
      expect(await failure(["status", "--rpc-url", deadEnd.url, "--deployment", deploymentFile])).to.include(
        `Cannot reach a chain at ${deadEnd.url}`,
      );
    } finally {
      await deadEnd.close();
    }
    const other = path.join(dir, "other.json");
    writeFileSync(other, JSON.stringify({ ...deployment, chainId: "1" }));
    expect(await failure(["status", "--rpc-url", chain.url, "--deployment", other])).to.match(
      /is for chain 1, but .* is chain 31337: wrong network/,
    );
    const elsewhere = path.join(dir, "elsewhere.json");
    writeFileSync(
      elsewhere,
      JSON.stringify({ ...deployment, addresses: { ...deployment.addresses, exchange: newcomer } }),
    );
    expect(await failure(["status", "--rpc-url", chain.url, "--deployment", elsewhere])).to.match(
      /no contract at .* is not on this network/,
    );
  });

  /** Runs `npm run ops`'s script as a process (the environment's RPC_URL never leaks in). */
  const opsCommand = (args: string[]) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, OPS_PRIVATE_KEY: ADMIN_KEY, DATA_DIR: dir };
      delete env.RPC_URL;
      const child = spawn(process.execPath, ["scripts/ops.ts", ...args], {
        env,
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
      child.on("exit", (code) => resolve({ code, stderr }));
    });

  it("as a command: exit code 1 and the sentence on stderr", async () => {
    const before = await provider.getBlockNumber();
    const result = await opsCommand([
      "set-fee",
      "nobody",
      "1",
      "--rpc-url",
      chain.url,
      "--deployment",
      deploymentFile,
    ]);
    expect(result.code).to.equal(1);
    expect(result.stderr).to.match(/must be a 0x address/);
    expect(await provider.getBlockNumber()).to.equal(before);
  });
});
