// The operator's tools: admit and remove members, grant and revoke roles, set the fee and treasury,
// pause and unpause, and show where a deployment stands. Every command checks what it can before
// it sends anything (the key, the network, the deployment, the role the call needs, the arguments)
// and says in a sentence what is wrong; nothing is sent when a check fails.
import { existsSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import {
  Contract,
  Interface,
  JsonRpcProvider,
  Network,
  Wallet,
  formatUnits,
  getAddress,
  id as keccakText,
  isAddress,
  isHexString,
  type ContractTransactionResponse,
} from "ethers";
import { abis, deployments, type DeploymentRecord } from "../../generated/techex.ts";
import { backup, restore, type BackupEnv } from "./backup.ts";
import { OpsError } from "./errors.ts";

export { OpsError };

/** Role ids, as in contracts/utils/Roles.sol. */
export const roles = {
  admin: 0n,
  "ip-office": 1n,
  pauser: 2n,
  member: 3n,
  membership: 4n,
  minter: 5n,
  config: 6n,
} as const;
type RoleName = keyof typeof roles;
const roleName = (id: bigint) =>
  (Object.entries(roles).find(([, v]) => v === id)?.[0] ?? `role ${id}`).toUpperCase().replace("-", "_");

/** The development mnemonic's operator and pauser keys: the embedded demo chain only. */
const DEMO_KEYS = {
  admin: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  pauser: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdab365a",
};

export const usage = `Usage: npm run ops -- <command> [arguments] [--rpc-url URL] [--deployment FILE]

Commands:
  status                              where the deployment stands (no key needed)
  admit <address> <profile.json|0xhash>  admit a member organisation with its profile document's hash
  remove <address> <reason>           remove a member; the reason's hash is recorded
  grant <role> <address>              grant admin, ip-office, pauser or minter
  revoke <role> <address>             revoke it
  set-fee <treasury> <bps>            the exchange fee (basis points, at most 1000) and its treasury
  pause [exchange|registry|licences|all]    stop trading (default all)
  unpause [exchange|registry|licences|all]  resume it
  mint <address> <amount>             test VND to an account (local and test deployments only)
  backup <dir>                        the database, document store and deployment record, into <dir>
  restore <dir>                       a backup, onto a fresh machine (an empty database / DATA_DIR)

The key comes from OPS_PRIVATE_KEY (0x + 64 hex). The network from --rpc-url, else RPC_URL, else the
embedded chain at http://127.0.0.1:8545, where the demo's operator and pauser keys are used when
OPS_PRIVATE_KEY is unset. The deployment from --deployment, else the embedded chain's
(DATA_DIR/chain/deployment.json), else deployments/<chain id>.json.

backup and restore need no key or chain: they read DATABASE_URL (PostgreSQL, dumped with pg_dump;
without it the embedded exchange in DATA_DIR, which must be stopped), DOCUMENTS_DIR and
DEPLOYMENTS_DIR, as npm start does.`;

export interface OpsEnv extends BackupEnv {
  OPS_PRIVATE_KEY?: string;
  RPC_URL?: string;
  DATA_DIR?: string;
}

interface Context {
  provider: JsonRpcProvider;
  rpcUrl: string;
  chainId: bigint;
  deployment: DeploymentRecord;
  deploymentSource: string;
  embedded: boolean;
  contracts: {
    manager: Contract;
    membership: Contract;
    registry: Contract;
    licences: Contract;
    exchange: Contract;
    token: Contract;
  };
  env: OpsEnv;
  say: (line: string) => void;
}

const errorsInterface = new Interface(
  Object.values(abis).flatMap((abi) =>
    (abi as readonly { type: string }[]).filter((f) => f.type === "error"),
  ),
);

/** Runs one command; returns what it printed. Throws OpsError with a sentence for the user. */
export async function runOps(argv: string[], env: OpsEnv, say: (line: string) => void = console.log) {
  const { positional, flags } = parseArgs(argv);
  const [command, ...args] = positional;
  if (!command || command === "help" || flags.help !== undefined) {
    say(usage);
    return;
  }
  const known = ["status", "admit", "remove", "grant", "revoke", "set-fee", "pause", "unpause", "mint"];
  if (command === "backup" || command === "restore") {
    const [dir] = need(args, 1, `${command} <dir>`);
    return command === "backup" ? backup(dir, env, say) : restore(dir, env, say);
  }
  if (!known.includes(command)) throw new OpsError(`Unknown command "${command}".\n\n${usage}`);

  const ctx = await connect(flags, env, say);
  try {
    switch (command) {
      case "status":
        return await status(ctx);
      case "admit": {
        const [account, profile] = need(args, 2, "admit <address> <profile.json|0xhash>");
        const member = address(account, "the member's address");
        const profileHash = profileHashOf(profile);
        if (await ctx.contracts.membership.isMember(member))
          throw new OpsError(`${member} is already a member.`);
        return await send(
          ctx,
          "admin",
          ctx.contracts.membership,
          "admit",
          [member, profileHash],
          `admitted ${member}`,
        );
      }
      case "remove": {
        const [account, ...reason] = need(args, 2, "remove <address> <reason>");
        const member = address(account, "the member's address");
        if (!(await ctx.contracts.membership.isMember(member)))
          throw new OpsError(`${member} is not a member.`);
        return await send(
          ctx,
          "admin",
          ctx.contracts.membership,
          "remove",
          [member, keccakText(reason.join(" "))],
          `removed ${member}`,
        );
      }
      case "grant":
      case "revoke": {
        const [role, account] = need(args, 2, `${command} <role> <address>`);
        const roleId = roleOf(role);
        const who = address(account, "the account");
        const [has] = (await ctx.contracts.manager.hasRole(roleId, who)) as [boolean, bigint];
        if (command === "grant" && has) throw new OpsError(`${who} already holds ${roleName(roleId)}.`);
        if (command === "revoke" && !has) throw new OpsError(`${who} does not hold ${roleName(roleId)}.`);
        return command === "grant"
          ? await send(
              ctx,
              "admin",
              ctx.contracts.manager,
              "grantRole",
              [roleId, who, 0],
              `granted ${roleName(roleId)} to ${who}`,
            )
          : await send(
              ctx,
              "admin",
              ctx.contracts.manager,
              "revokeRole",
              [roleId, who],
              `revoked ${roleName(roleId)} from ${who}`,
            );
      }
      case "set-fee": {
        const [treasuryArg, bpsArg] = need(args, 2, "set-fee <treasury> <bps>");
        const treasury = address(treasuryArg, "the treasury");
        if (!/^\d+$/.test(bpsArg))
          throw new OpsError(`The fee must be a whole number of basis points, not "${bpsArg}".`);
        const bps = BigInt(bpsArg);
        const max = (await ctx.contracts.exchange.MAX_FEE_BPS()) as bigint;
        if (bps > max)
          throw new OpsError(
            `The fee is at most ${max} basis points (${Number(max) / 100} %); ${bps} is too high.`,
          );
        return await send(
          ctx,
          "admin",
          ctx.contracts.exchange,
          "setFee",
          [treasury, bps],
          `fee ${bps} bps to ${treasury}`,
        );
      }
      case "pause":
      case "unpause": {
        const which = args[0] ?? "all";
        const targets = {
          exchange: ["exchange"],
          registry: ["registry"],
          licences: ["licences"],
          all: ["exchange", "registry", "licences"],
        }[which];
        if (!targets)
          throw new OpsError(`${command} takes exchange, registry, licences or all, not "${which}".`);
        for (const name of targets as ("exchange" | "registry" | "licences")[]) {
          const contract = ctx.contracts[name];
          const paused = (await contract.paused()) as boolean;
          if (paused === (command === "pause")) {
            say(`${name}: already ${paused ? "paused" : "running"}`);
            continue;
          }
          await send(
            ctx,
            "pauser",
            contract,
            command,
            [],
            `${name} ${command === "pause" ? "paused" : "running again"}`,
          );
        }
        return;
      }
      case "mint": {
        const [account, amountArg] = need(args, 2, "mint <address> <amount>");
        const to = address(account, "the recipient");
        if (!/^\d+$/.test(amountArg))
          throw new OpsError(`The amount must be a whole number of VND, not "${amountArg}".`);
        const selector = ctx.contracts.token.interface.getFunction("mint");
        if (!selector || (await ctx.provider.getCode(ctx.deployment.addresses.token)) === "0x")
          throw new OpsError("This deployment's settlement token cannot be minted.");
        return await send(
          ctx,
          "admin",
          ctx.contracts.token,
          "mint",
          [to, BigInt(amountArg)],
          `minted ${amountArg} VND to ${to}`,
        );
      }
    }
  } finally {
    ctx.provider.destroy();
  }
}

function parseArgs(argv: string[]) {
  const positional: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") flags.help = "";
    else if (arg.startsWith("--")) {
      const [name, inline] = arg.slice(2).split("=", 2);
      if (!["rpc-url", "deployment"].includes(name))
        throw new OpsError(`Unknown option --${name}.\n\n${usage}`);
      const value = inline ?? argv[++i];
      if (value === undefined) throw new OpsError(`--${name} needs a value.`);
      flags[name] = value;
    } else positional.push(arg);
  }
  return { positional, flags };
}

function need(args: string[], count: number, form: string): string[] {
  if (args.length < count) throw new OpsError(`Missing arguments. Usage: npm run ops -- ${form}`);
  return args;
}

function address(value: string, what: string): string {
  if (!isAddress(value))
    throw new OpsError(
      `${what[0].toUpperCase()}${what.slice(1)} must be a 0x address of 40 hex digits, not "${value}".`,
    );
  return getAddress(value.toLowerCase());
}

function roleOf(value: string): bigint {
  const name = value.toLowerCase().replace("_", "-") as RoleName;
  if (name === "member" || name === "membership")
    throw new OpsError(
      "Members are admitted and removed with `admit` and `remove`, which record their profile.",
    );
  if (!(name in roles))
    throw new OpsError(`Unknown role "${value}": use admin, ip-office, pauser or minter.`);
  return roles[name];
}

function profileHashOf(value: string): string {
  if (isHexString(value, 32)) return value;
  if (!existsSync(value))
    throw new OpsError(
      `The profile must be a JSON file or a 0x hash of 64 hex digits; "${value}" is neither.`,
    );
  const bytes = readFileSync(value);
  try {
    JSON.parse(bytes.toString("utf8"));
  } catch {
    throw new OpsError(`${value} is not JSON: the profile document is the organisation's JSON profile.`);
  }
  return `0x${createHash("sha256").update(bytes).digest("hex")}`;
}

async function connect(
  flags: Record<string, string>,
  env: OpsEnv,
  say: (line: string) => void,
): Promise<Context> {
  const rpcUrl = flags["rpc-url"] ?? env.RPC_URL ?? "http://127.0.0.1:8545";
  if (!/^https?:\/\//.test(rpcUrl))
    throw new OpsError(`The RPC URL must start with http:// or https://, not "${rpcUrl}".`);
  let chainId: bigint;
  try {
    const response = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await response.json()) as { result?: string; error?: { message: string } };
    if (!body.result) throw new Error(body.error?.message ?? `HTTP ${response.status}`);
    chainId = BigInt(body.result);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new OpsError(
      `Cannot reach a chain at ${rpcUrl} (${cause}). Is \`npm start\` running, or is --rpc-url / RPC_URL the right node?`,
    );
  }
  const provider = new JsonRpcProvider(rpcUrl, Network.from(chainId), {
    staticNetwork: true,
    batchMaxCount: 1,
    cacheTimeout: -1,
  });
  const embeddedFile = path.resolve(env.DATA_DIR ?? "data", "chain", "deployment.json");
  let deployment: DeploymentRecord | undefined;
  let deploymentSource: string;
  if (flags.deployment) {
    if (!existsSync(flags.deployment)) throw new OpsError(`No deployment file at ${flags.deployment}.`);
    deployment = JSON.parse(readFileSync(flags.deployment, "utf8")) as DeploymentRecord;
    deploymentSource = flags.deployment;
  } else if (chainId === 31337n && existsSync(embeddedFile)) {
    deployment = JSON.parse(readFileSync(embeddedFile, "utf8")) as DeploymentRecord;
    deploymentSource = embeddedFile;
  } else {
    deployment = deployments[chainId.toString()];
    deploymentSource = `deployments/${chainId}.json`;
  }
  if (!deployment) {
    provider.destroy();
    throw new OpsError(
      `No TechEx deployment is known for chain ${chainId} at ${rpcUrl}. Pass --deployment FILE, or deploy with ` +
        "`npm run deploy -- --network <name>`.",
    );
  }
  if (String(deployment.chainId) !== chainId.toString()) {
    provider.destroy();
    throw new OpsError(
      `The deployment in ${deploymentSource} is for chain ${deployment.chainId}, but ${rpcUrl} is chain ${chainId}: wrong network?`,
    );
  }
  if ((await provider.getCode(deployment.addresses.exchange)) === "0x") {
    provider.destroy();
    throw new OpsError(
      `There is no contract at ${deployment.addresses.exchange} on chain ${chainId} (${rpcUrl}): ` +
        `the deployment in ${deploymentSource} is not on this network.`,
    );
  }
  const at = (name: keyof typeof abis, address: string) =>
    new Contract(address, abis[name] as unknown as string[], provider);
  const a = deployment.addresses;
  return {
    provider,
    rpcUrl,
    chainId,
    deployment,
    deploymentSource,
    embedded: deploymentSource === embeddedFile,
    contracts: {
      manager: at("TechExAccessManager", a.manager),
      membership: at("Membership", a.membership),
      registry: at("AssetRegistry", a.registry),
      licences: at("LicenceRegistry", a.licences),
      exchange: at("Exchange", a.exchange),
      token: at("TestVnd", a.token),
    },
    env,
    say,
  };
}

function signerFor(ctx: Context, kind: "admin" | "pauser"): Wallet {
  const key = ctx.env.OPS_PRIVATE_KEY?.trim();
  if (!key) {
    if (ctx.embedded) {
      ctx.say(
        `(OPS_PRIVATE_KEY is unset: using the demo ${kind === "admin" ? "operator" : "pauser"} account of the embedded chain)`,
      );
      return new Wallet(DEMO_KEYS[kind], ctx.provider);
    }
    throw new OpsError("Set OPS_PRIVATE_KEY to the operator's private key (0x + 64 hex digits).");
  }
  if (!/^(0x)?[0-9a-fA-F]{64}$/.test(key))
    throw new OpsError("OPS_PRIVATE_KEY is not a private key: it must be 0x followed by 64 hex digits.");
  return new Wallet(key.startsWith("0x") ? key : `0x${key}`, ctx.provider);
}

async function send(
  ctx: Context,
  kind: "admin" | "pauser",
  contract: Contract,
  method: string,
  args: unknown[],
  done: string,
) {
  const signer = signerFor(ctx, kind);
  const target = await contract.getAddress();
  const fragment = contract.interface.getFunction(method)!;
  const [immediate, delay] = (await ctx.contracts.manager.canCall(
    signer.address,
    target,
    fragment.selector,
  )) as [boolean, bigint];
  if (!immediate && delay === 0n) {
    const role = (await ctx.contracts.manager.getTargetFunctionRole(target, fragment.selector)) as bigint;
    throw new OpsError(
      `The key's account ${signer.address} does not hold the ${roleName(role)} role that ${method} needs on chain ${ctx.chainId}. ` +
        "Use the key of an account that holds it (OPS_PRIVATE_KEY).",
    );
  }
  if ((await ctx.provider.getBalance(signer.address)) === 0n)
    throw new OpsError(
      `The key's account ${signer.address} has no ether on chain ${ctx.chainId} to pay for gas.`,
    );
  // A role held with an execution delay (CONFIG on a real network): the change is scheduled first
  // and executed once the delay has passed, by running the same command again.
  const data = contract.interface.encodeFunctionData(method, args);
  let via: "direct" | "schedule" | "execute" = "direct";
  if (!immediate) {
    const manager = ctx.contracts.manager;
    const operation = (await manager.hashOperation(signer.address, target, data)) as string;
    const readyAt = (await manager.getSchedule(operation)) as bigint;
    const now = BigInt((await ctx.provider.getBlock("latest"))!.timestamp);
    if (readyAt === 0n) via = "schedule";
    else if (readyAt > now)
      throw new OpsError(
        `${method} is already scheduled and can be carried out from ${when(readyAt)}; run this command again then. Nothing was changed.`,
      );
    else via = "execute";
    ctx.say(
      via === "schedule"
        ? `${method} needs a delay of ${delay} s: scheduling it (it can be carried out from ${when(now + delay)})`
        : `${method} was scheduled and its delay has passed: carrying it out`,
    );
  }
  let tx: ContractTransactionResponse;
  try {
    const manager = ctx.contracts.manager.connect(signer) as Contract;
    tx = (
      via === "direct"
        ? await (contract.connect(signer) as Contract).getFunction(method)(...args)
        : via === "schedule"
          ? await manager.getFunction("schedule")(target, data, 0)
          : await manager.getFunction("execute")(target, data)
    ) as ContractTransactionResponse;
  } catch (error) {
    throw new OpsError(`The chain refused ${method}: ${reason(error)}. Nothing was changed.`);
  }
  ctx.say(`sent ${via === "direct" ? method : `${via} ${method}`}: ${tx.hash}`);
  const receipt = await tx.wait();
  if (receipt?.status !== 1) throw new OpsError(`${method} reverted in block ${receipt?.blockNumber}.`);
  ctx.say(
    via === "schedule"
      ? `${method} scheduled (block ${receipt.blockNumber}); nothing changes until it is carried out`
      : `${done} (block ${receipt.blockNumber})`,
  );
}

/** A chain time as dd/mm/yyyy HH:mm (UTC). */
function when(seconds: bigint): string {
  const d = new Date(Number(seconds) * 1000);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} UTC`;
}

function reason(error: unknown): string {
  const e = error as {
    data?: string;
    info?: { error?: { data?: string } };
    shortMessage?: string;
    message?: string;
  };
  const data = e.data ?? e.info?.error?.data;
  if (typeof data === "string" && data.length >= 10) {
    try {
      const parsed = errorsInterface.parseError(data);
      if (parsed) return `${parsed.name}(${parsed.args.map(String).join(", ")})`;
    } catch {
      // not one of ours
    }
  }
  return e.shortMessage ?? e.message ?? String(error);
}

async function status(ctx: Context) {
  const { contracts: c, deployment: d, say } = ctx;
  const block = await ctx.provider.getBlock("latest");
  const [treasury, feeBps, mask, period] = (await c.exchange.config()) as [string, bigint, bigint, bigint];
  const dealTypes = ["assignment", "exclusive licence", "non-exclusive licence"];
  const needing = dealTypes.filter((_, i) => (Number(mask) >> i) & 1);
  const tokenCode = await ctx.provider.getCode(d.addresses.token);
  const escrow = tokenCode === "0x" ? 0n : ((await c.token.balanceOf(d.addresses.exchange)) as bigint);
  const lines = [
    `Chain ${ctx.chainId} at ${ctx.rpcUrl}: block ${block?.number} (${new Date((block?.timestamp ?? 0) * 1000).toISOString()})`,
    `Deployment (${ctx.deploymentSource}), from block ${d.deployBlock}:`,
    ...Object.entries(d.addresses).map(([name, addr]) => `  ${name.padEnd(11)} ${addr}`),
    `Exchange:   ${(await c.exchange.paused()) ? "PAUSED" : "running"}; fee ${feeBps} bps (${Number(feeBps) / 100} %) to ${treasury}`,
    `            registration required for ${needing.join(", ") || "no deal type"}, within ${Number(period) / 86_400} days`,
    `            escrow held ${formatUnits(escrow, 0)} VND; fees accrued ${formatUnits((await c.exchange.accruedFees()) as bigint, 0)} VND`,
    `Registry:   ${(await c.registry.paused()) ? "PAUSED" : "running"}`,
    `Licences:   ${(await c.licences.paused()) ? "PAUSED" : "running"}`,
  ];
  const key = ctx.env.OPS_PRIVATE_KEY?.trim();
  if (key && /^(0x)?[0-9a-fA-F]{64}$/.test(key)) {
    const who = new Wallet(key.startsWith("0x") ? key : `0x${key}`).address;
    const held: string[] = [];
    for (const [name, id] of Object.entries(roles)) {
      const [has] = (await c.manager.hasRole(id, who)) as [boolean, bigint];
      if (has) held.push(name);
    }
    lines.push(`Your key:   ${who} holds ${held.join(", ") || "no role"}`);
  }
  for (const line of lines) say(line);
}
