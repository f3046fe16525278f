// `npm run bench:search [-- --json] [--queries FILE] [--postgres]`: search quality on the demo
// exchange. It starts the exchange `npm start` would (embedded chain, demo data, and the embedded
// database, or a fresh PostgreSQL database with --postgres), runs each judged query of
// ../shared/search-quality/queries.json through GET /api/search, and prints NDCG@10, precision@3 and
// MRR per query and overall, beside MiniSearch (BM25, diacritics folded) indexing the same fields of
// the same assets. --json prints {"ndcg10","p3","mrr"} (ours) and the baseline's as "baseline".
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { id } from "ethers";
import pg from "pg";
import { assets as demoAssets } from "../../server/src/demo/data.ts";
import { withDatabaseName } from "../../server/src/db/adapter.ts";
import { loadConfig } from "../../server/src/config.ts";
import { startExchange } from "../../server/src/exchange.ts";
import { baseline, mean, scoreRanking, type JudgedQuery, type Scores } from "./search-metrics.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
// ../shared beside the main checkout (a worktree's is found through the repository it shares)
const mainCheckout = path.dirname(
  path.resolve(execFileSync("git", ["rev-parse", "--git-common-dir"], { encoding: "utf8" }).trim()),
);
const queriesFile =
  option("--queries") ?? path.resolve(mainCheckout, "../shared/search-quality/queries.json");
const usePostgres = args.includes("--postgres");
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const say = (line: string) => {
  if (!json) console.error(line);
};

interface Item {
  tokenId: string;
  owner: string;
  title: string | null;
  titleEn: string | null;
  abstract: string | null;
  abstractEn: string | null;
  field: string | null;
}

async function getJson<T>(url: string): Promise<T> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function main() {
  const queries = (JSON.parse(readFileSync(queriesFile, "utf8")) as { queries: JudgedQuery[] }).queries;
  const registrationOf = new Map(
    demoAssets.map((a) => [BigInt(id(a.registrationNumber)).toString(), a.registrationNumber]),
  );
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "techex-bench-search-"));
  const databaseName = `techex_bench_search_${process.pid}`;
  if (usePostgres) await admin(`create database "${databaseName}"`);
  say("Starting the demo exchange (the first start seeds it: about a minute)…");
  const exchange = await startExchange(
    loadConfig({
      PORT: "0",
      CHAIN_PORT: "0",
      DATA_DIR: dataDir,
      DEMO_DATA: "true",
      LOG_LEVEL: "error",
      ...(usePostgres ? { DATABASE_URL: withDatabaseName(adminUrl, databaseName) } : {}),
    }),
  );
  try {
    const all = await getJson<{ items: Item[] }>(`${exchange.url}/api/search?limit=100`);
    const organisations = await getJson<{
      items: { address: string; nameVi: string | null; nameEn: string | null }[];
    }>(`${exchange.url}/api/organisations?limit=100`);
    const orgName = new Map(
      organisations.items.map((o) => [o.address, `${o.nameVi ?? ""} ${o.nameEn ?? ""}`]),
    );
    const theirs = baseline(
      all.items.map((a) => ({
        id: registrationOf.get(a.tokenId) ?? a.tokenId,
        title: a.title ?? "",
        titleEn: a.titleEn ?? "",
        abstract: a.abstract ?? "",
        abstractEn: a.abstractEn ?? "",
        field: a.field ?? "",
        organisation: orgName.get(a.owner) ?? "",
      })),
    );
    say(`${all.items.length} assets; ${queries.length} judged queries.\n`);
    say(`${"query".padEnd(28)}  ours: NDCG@10   P@3   MRR   MiniSearch: NDCG@10   P@3   MRR`);
    const ours: Scores[] = [];
    const base: Scores[] = [];
    const row = (s: Scores) => `${s.ndcg10.toFixed(3).padStart(7)} ${s.p3.toFixed(3)} ${s.mrr.toFixed(3)}`;
    for (const query of queries) {
      const { items } = await getJson<{ items: Item[] }>(
        `${exchange.url}/api/search?q=${encodeURIComponent(query.q)}&limit=10`,
      );
      const mine = scoreRanking(
        items.map((item) => registrationOf.get(item.tokenId) ?? item.tokenId),
        query.judgements,
      );
      const other = scoreRanking(theirs(query.q).slice(0, 10), query.judgements);
      ours.push(mine);
      base.push(other);
      say(`${query.q.padEnd(28)}       ${row(mine)}              ${row(other)}`);
    }
    const total = mean(ours);
    const baselineTotal = mean(base);
    say(`${"overall".padEnd(28)}       ${row(total)}              ${row(baselineTotal)}`);
    const beats = (["ndcg10", "p3", "mrr"] as const).every((key) => total[key] > baselineTotal[key]);
    say(
      `\nGoal NDCG@10 ≥ 0.90 and MRR ≥ 0.90: ${total.ndcg10 >= 0.9 && total.mrr >= 0.9 ? "met" : "NOT met"}; beats MiniSearch on every metric: ${beats ? "yes" : "NO"}.`,
    );
    if (json) console.log(JSON.stringify({ ...round(total), baseline: round(baselineTotal) }));
  } finally {
    await exchange.close();
    rmSync(dataDir, { recursive: true, force: true });
    if (usePostgres) await admin(`drop database if exists "${databaseName}" with (force)`);
  }
}

const round = (s: Scores) => ({
  ndcg10: Number(s.ndcg10.toFixed(4)),
  p3: Number(s.p3.toFixed(4)),
  mrr: Number(s.mrr.toFixed(4)),
});

await main();
