// Runs after every `npm install`.
// 1. npm running under a Node older than 22 silently skips optional packages whose `engines`
//    exclude it — among them EDR's native binding, without which Hardhat cannot start. When that
//    happened, install again with the Node 24 that the first pass fetched from npm
//    (node_modules/.bin/node) first on PATH; npm then keeps the binding, and that inner install
//    runs this script again, which does step 2.
// 2. Generate what the code imports but git does not hold: the Prisma client, the compiled
//    contracts, generated/techex.ts (ABIs and deployments) and the built web app (web/dist).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root =
  process.env.INIT_CWD && existsSync(path.join(process.env.INIT_CWD, "package.json"))
    ? process.env.INIT_CWD
    : process.cwd();
const bin = path.join(root, "node_modules", ".bin");
const require = createRequire(path.join(root, "package.json"));

function edrBindingPresent() {
  try {
    require.resolve("@nomicfoundation/edr");
  } catch {
    return true; // EDR is not installed at all (e.g. a production install without Hardhat)
  }
  const edrRequire = createRequire(require.resolve("@nomicfoundation/edr"));
  const platformPackage = `@nomicfoundation/edr-${process.platform}-${process.arch}${process.platform === "linux" ? "-gnu" : ""}`;
  try {
    edrRequire.resolve(`${platformPackage}/package.json`);
    return true;
  } catch {
    return false;
  }
}

if (edrBindingPresent()) {
  generate();
  process.exit(0);
}

if (process.env.TECHEX_TOOLCHAIN_REPAIR === "1") {
  console.error("techex: EDR's native binding is still missing after reinstalling under Node 24.");
  console.error("techex: check that the npm registry is reachable and run `npm install` again.");
  process.exit(1);
}

const node24 = path.join(bin, "node");
if (!existsSync(node24)) {
  console.error("techex: node_modules/.bin/node (Node 24 from npm) is missing; cannot repair the install.");
  process.exit(1);
}
const npmNode = /node\/(v[\d.]+)/.exec(process.env.npm_config_user_agent ?? "")?.[1] ?? "older than 22";
console.log(`techex: npm ran under Node ${npmNode}, which skips Hardhat's native EDR binding;`);
console.log("techex: reinstalling with Node 24 from node_modules/.bin first on PATH…");
const npmCli = process.env.npm_execpath;
const result = spawnSync(
  node24,
  npmCli ? [npmCli, "install", "--no-audit", "--no-fund"] : ["-e", "process.exit(2)"],
  {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}`, TECHEX_TOOLCHAIN_REPAIR: "1" },
  },
);
process.exit(result.status ?? 1);

function generate() {
  const node = existsSync(path.join(bin, "node")) ? path.join(bin, "node") : process.execPath;
  const env = { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH}` };
  for (const [what, args] of [
    ["Prisma client", ["scripts/prisma/cli.ts", "generate"]],
    ["contracts", [path.join(bin, "hardhat"), "compile", "--quiet"]],
    ["contract module", ["scripts/generate-module.ts"]],
    ["web app", [path.join(bin, "vite"), "build", "--config", "web/vite.config.ts", "--logLevel", "warn"]],
  ]) {
    const step = spawnSync(node, args, { cwd: root, stdio: "inherit", env });
    if (step.status !== 0) {
      console.error(`techex: generating the ${what} failed (exit ${step.status}).`);
      process.exit(step.status ?? 1);
    }
  }
}
