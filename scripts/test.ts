// `npm test`: the whole suite, one step after another, each step's output streamed as it runs.
// Counts what every test runner reports and ends with one plain line "tests: N passed, N failed,
// N skipped", so a reader (or CI) never has to scroll for the verdict. With CI=true nothing may
// be skipped silently: each runner fails when something it needs (a browser, PostgreSQL) is
// missing, and this script fails if any step fails.
import { spawn } from "node:child_process";
import path from "node:path";

interface Step {
  name: string;
  command: string[];
  /** how the step's runner reports its counts: mocha's "N passing (3s)" or Hardhat's recap */
  counts?: "mocha" | "hardhat";
}

const bin = path.resolve("node_modules/.bin");
const steps: Step[] = [
  // Compiling first generates the contract typings the typecheck reads.
  { name: "compile", command: ["hardhat", "compile"] },
  { name: "generate contract module", command: ["node", "scripts/generate-module.ts"] },
  { name: "typecheck", command: ["tsc", "--noEmit", "-p", "tsconfig.json"] },
  { name: "typecheck (web)", command: ["tsc", "--noEmit", "-p", "web/tsconfig.json"] },
  { name: "lint (TypeScript)", command: ["eslint", "."] },
  {
    name: "database drift (schema vs migrations)",
    command: [
      "node",
      "scripts/prisma/cli.ts",
      "migrate",
      "diff",
      "--from-migrations",
      "server/prisma/migrations",
      "--to-schema-datamodel",
      "server/prisma/schema.prisma",
      "--exit-code",
    ],
  },
  { name: "lint (Solidity)", command: ["solhint", "--max-warnings", "0", "contracts/**/*.sol"] },
  { name: "contract tests", command: ["hardhat", "test"], counts: "hardhat" },
  {
    name: "server tests",
    command: ["mocha", "--extension", "ts", "test/server/**/*.test.ts"],
    counts: "mocha",
  },
  {
    name: "build web app",
    command: ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"],
  },
  {
    name: "browser tests",
    command: ["mocha", "--extension", "ts", "test/web/**/*.test.ts"],
    counts: "mocha",
  },
];

const only = process.argv.slice(2);
const selected = only.length ? steps.filter((s) => only.some((o) => s.name.includes(o))) : steps;
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps: string[] = [];

function run(step: Step): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const [command, ...args] = step.command;
    const child = spawn(path.join(bin, command), args, {
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`, FORCE_COLOR: "0" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
      process.stderr.write(chunk);
    });
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

// mocha's summary lines: "  12 passing (3s)", "  1 pending". `hardhat test` runs mocha and the
// Solidity tests and recaps both: "40 passing (30 mocha, 10 solidity)" — the only lines that
// count there, since the Solidity runner prints no summary of its own under it.
const summaryLine = {
  mocha: (word: string) => new RegExp(`^\\s*(\\d+) ${word}(?: \\(\\d+(?:ms|s|m|h)\\))?$`, "gm"),
  hardhat: (word: string) => new RegExp(`^(\\d+) ${word} \\((?:\\d+ [a-z]+(?:, )?)+\\)$`, "gm"),
};
const words = {
  mocha: { passed: "passing", failed: "failing", skipped: "pending" },
  hardhat: { passed: "passing", failed: "failing", skipped: "skipped" },
};

function sum(output: string, runner: "mocha" | "hardhat", outcome: "passed" | "failed" | "skipped"): number {
  let total = 0;
  for (const match of output.matchAll(summaryLine[runner](words[runner][outcome]))) total += Number(match[1]);
  return total;
}

const started = performance.now();
for (const step of selected) {
  const stepStarted = performance.now();
  console.log(`\n━━ ${step.name}: ${step.command.join(" ")}`);
  const { code, output } = await run(step);
  const seconds = ((performance.now() - stepStarted) / 1000).toFixed(1);
  if (step.counts) {
    const passed = sum(output, step.counts, "passed");
    const failed = sum(output, step.counts, "failed");
    const skipped = sum(output, step.counts, "skipped");
    totals.passed += passed;
    totals.failed += failed;
    totals.skipped += skipped;
    console.log(`━━ ${step.name}: ${passed} passed, ${failed} failed, ${skipped} skipped (${seconds} s)`);
    if (code === 0 && passed === 0) {
      failedSteps.push(`${step.name} (ran no test)`);
      continue;
    }
  } else {
    console.log(`━━ ${step.name}: ${code === 0 ? "ok" : "FAILED"} (${seconds} s)`);
  }
  if (code !== 0) failedSteps.push(step.name);
}

const minutes = ((performance.now() - started) / 60_000).toFixed(1);
console.log(`\nSuite finished in ${minutes} min.`);
if (failedSteps.length) console.log(`Failed steps: ${failedSteps.join(", ")}`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failedSteps.length ? 1 : 0);
