// `npm run bench [-- --json]`: the gas, indexer and API benchmarks in one go, one table with each
// figure beside its target. Each benchmark runs as its own process (`--json`), so one that fails
// is reported as such and the others still run. --json prints one object merging theirs.
import { spawn } from "node:child_process";
import path from "node:path";

interface Figure {
  key: string;
  label: string;
  target: number;
  /** "max": the figure must not exceed the target; "min": it must reach it. */
  kind: "max" | "min";
  unit: string;
}

const benchmarks: Array<{ name: string; script: string; figures: Figure[] }> = [
  {
    name: "gas",
    script: "scripts/bench/gas.ts",
    figures: [
      { key: "register", label: "register an asset", target: 90_000, kind: "max", unit: "gas" },
      { key: "verify", label: "verify an asset", target: 50_000, kind: "max", unit: "gas" },
      { key: "list", label: "list an asset", target: 46_000, kind: "max", unit: "gas" },
      { key: "offerWithPermit", label: "offer with permit", target: 100_000, kind: "max", unit: "gas" },
      { key: "settleLicence", label: "accept + settle licence", target: 65_000, kind: "max", unit: "gas" },
      {
        key: "settleAssignment",
        label: "register + settle assignment",
        target: 95_000,
        kind: "max",
        unit: "gas",
      },
    ],
  },
  {
    name: "indexer",
    script: "scripts/bench/indexer.ts",
    figures: [
      { key: "eventsPerSecond", label: "backfill", target: 10_000, kind: "min", unit: "events/s" },
      { key: "liveLagP95Ms", label: "live lag p95", target: 500, kind: "max", unit: "ms" },
      { key: "events", label: "events backfilled", target: 20_000, kind: "min", unit: "events" },
    ],
  },
  {
    name: "api",
    script: "scripts/bench/api.ts",
    figures: [
      { key: "detailRps", label: "listing detail", target: 2_500, kind: "min", unit: "req/s" },
      { key: "detailP99Ms", label: "listing detail p99", target: 50, kind: "max", unit: "ms" },
      { key: "searchRps", label: "search", target: 1_000, kind: "min", unit: "req/s" },
      { key: "searchP99Ms", label: "search p99", target: 100, kind: "max", unit: "ms" },
    ],
  },
];

function runJson(script: string): Promise<{ result?: Record<string, number>; error?: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [script, "--json"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c: Buffer) => (out += c));
    child.stderr.on("data", (c: Buffer) => {
      err += c;
      if (!json) process.stderr.write(c);
    });
    child.on("close", (code) => {
      const line = out
        .trim()
        .split("\n")
        .reverse()
        .find((l) => l.startsWith("{"));
      if (code === 0 && line) {
        try {
          resolve({ result: JSON.parse(line) });
          return;
        } catch {
          // fall through to the error below
        }
      }
      resolve({ error: `exit ${code}: ${(err || out).trim().split("\n").slice(-3).join(" | ")}` });
    });
  });
}

const json = process.argv.includes("--json");
const merged: Record<string, number> = {};
const rows: string[][] = [];
let missed = 0;
for (const bench of benchmarks) {
  if (!json) console.error(`Running the ${bench.name} benchmark (${path.basename(bench.script)})…`);
  const { result, error } = await runJson(bench.script);
  if (!result) {
    missed++;
    rows.push([bench.name, "FAILED", "", "", error ?? ""]);
    continue;
  }
  Object.assign(merged, result);
  for (const figure of bench.figures) {
    const value = result[figure.key];
    const met =
      value !== undefined && (figure.kind === "max" ? value <= figure.target : value >= figure.target);
    if (!met) missed++;
    rows.push([
      bench.name,
      figure.label,
      value === undefined ? "—" : `${Math.round(value * 10) / 10} ${figure.unit}`,
      `${figure.kind === "max" ? "≤" : "≥"} ${figure.target} ${figure.unit}`,
      met ? "ok" : "MISSED",
    ]);
  }
}

if (json) {
  console.log(JSON.stringify(merged));
} else {
  const widths = [0, 1, 2, 3, 4].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length), 6));
  const header = ["bench", "figure", "measured", "target", "verdict"];
  for (const row of [header, ...rows])
    console.log(row.map((cell, i) => (cell ?? "").padEnd(widths[i])).join("  "));
  console.log(`\n${missed === 0 ? "Every target met." : `${missed} target(s) missed or not measured.`}`);
}
