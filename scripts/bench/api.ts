// `node scripts/bench/api.ts [--json] [--listings N]`: the API's read path under load. A fresh
// PostgreSQL database is seeded with N listings (default 100,000) on as many assets, the API runs
// in a child process (as in production: its own core), and autocannon drives 50 connections at
//   - the listing detail of a random listing, and
//   - search for a Vietnamese phrase typed without diacritics.
// --keep-database leaves the seeded database in place and prints its URL (for EXPLAIN or profiling).
// --json prints {"detailRps","detailP99Ms","searchRps","searchP99Ms"}.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { foldSearchText } from "../../server/src/db/search-text.ts";
import { withDatabaseName } from "../../server/src/db/adapter.ts";
import { migrateDeploy } from "../../server/src/db/migrate.ts";
import { createLogger } from "../../server/src/log.ts";

const args = process.argv.slice(2);
const json = args.includes("--json");
const listings = Number(args[args.indexOf("--listings") + 1] || 100_000) || 100_000;
const keepDatabase = args.includes("--keep-database");
const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const adminUrl = process.env.TEST_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const say = (line: string) => {
  if (!json) console.error(line);
};

const templates = [
  [
    "Vật liệu bán dẫn nhiệt độ cao",
    "High-temperature semiconductor material",
    "Chất bán dẫn cho thiết bị công suất",
    "Bán dẫn",
  ],
  ["Thức ăn nuôi trồng thủy sản", "Aquaculture feed", "Men vi sinh cho tôm và cá", "Thủy sản"],
  [
    "Giống lúa chịu mặn",
    "Salt-tolerant rice variety",
    "Giống lúa cho đồng bằng sông Cửu Long",
    "Nông nghiệp",
  ],
  ["Pin lithium tái chế", "Recycled lithium battery", "Quy trình tái chế pin xe điện", "Năng lượng"],
  ["Vắc-xin thú y", "Veterinary vaccine", "Vắc-xin phòng bệnh cho gia cầm", "Công nghệ sinh học"],
  [
    "Phần mềm quản lý bệnh viện",
    "Hospital management software",
    "Hệ thống hồ sơ bệnh án điện tử",
    "Phần mềm",
  ],
  ["Cảm biến chất lượng nước", "Water quality sensor", "Cảm biến IoT đo độ mặn và pH", "Môi trường"],
  ["Robot hàn tự động", "Automatic welding robot", "Robot hàn cho dây chuyền đóng tàu", "Cơ khí"],
];

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function seed(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `create temp table templates (n int, title text, title_en text, abstract text, field text, st text, stf text)`,
    );
    for (const [n, [title, titleEn, abstract, field]] of templates.entries()) {
      const st = [title, titleEn, abstract, field].join(" ").toLowerCase();
      await client.query(`insert into templates values ($1,$2,$3,$4,$5,$6,$7)`, [
        n,
        title,
        titleEn,
        abstract,
        field,
        st,
        foldSearchText(st),
      ]);
    }
    await client.query(`
      insert into organisations (address, name_vi, name_en, kind, province, admitted_at, updated_at)
      select '0x' || lpad(to_hex(o), 40, '0'), 'Viện nghiên cứu số ' || o, 'Research institute ' || o,
             (array['INSTITUTE','UNIVERSITY','COMPANY'])[1 + o % 3]::organisation_kind, 'Hồ Chí Minh', now(), now()
      from generate_series(1, 200) o`);
    await client.query(`
      insert into assets (token_id, kind, registration_number_hash, content_hash, status, owner, registrant, title, title_en,
                          abstract, field, trl, search_text, search_text_folded, registered_at, registered_block, updated_at)
      select i, 'PATENT', '0x' || lpad(to_hex(i), 64, '0'), '0x' || lpad(to_hex(i), 64, 'f'), 'VERIFIED',
             '0x' || lpad(to_hex(1 + i % 200), 40, '0'), '0x' || lpad(to_hex(1 + i % 200), 40, '0'),
             t.title || ' ' || i, t.title_en || ' ' || i, t.abstract, t.field, 1 + i % 9,
             t.st || ' ' || i, t.stf || ' ' || i, now() - (i || ' minutes')::interval, i, now()
      from generate_series(1, ${listings}) i join templates t on t.n = i % ${templates.length}`);
    await client.query(`
      insert into listings (id, asset_token_id, epoch, seller, payment_token, assignment_price, exclusive_licence_price,
                            non_exclusive_licence_price, territory, field_of_use, state, opened_at, opened_block, updated_at)
      select i || '-1', i, 1, '0x' || lpad(to_hex(1 + i % 200), 40, '0'), '0x' || lpad('f', 40, '0'),
             i::numeric * 1000000, i::numeric * 400000, i::numeric * 100000, 'VN', 'all', 'OPEN',
             now() - (i || ' minutes')::interval, i + 1, now()
      from generate_series(1, ${listings}) i`);
    await client.query("analyze");
  } finally {
    await client.end();
  }
}

function startServer(url: string): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, "--serve", url], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk;
      const match = /listening (\d+)/.exec(out);
      if (match) resolve({ child, port: Number(match[1]) });
    });
    child.once("exit", (code) => reject(new Error(`the API exited (${code}) before listening`)));
  });
}

async function load(title: string, port: number, path: () => string) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 50,
    duration: durationSeconds,
    requests: [{ setupRequest: (request) => ({ ...request, path: path() }) }],
  });
  const non2xx = result.non2xx + result.errors;
  say(
    `${title}: ${Math.round(result.requests.average)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ${non2xx} failed`,
  );
  if (non2xx > 0) throw new Error(`${title}: ${non2xx} requests failed`);
  return { rps: Math.round(result.requests.average), p99: result.latency.p99 };
}

async function main() {
  const name = `techex_bench_${randomBytes(4).toString("hex")}`;
  await admin(`create database "${name}"`);
  const url = withDatabaseName(adminUrl, name);
  let server: ChildProcess | undefined;
  try {
    say(`Migrating ${name} and seeding ${listings} listings…`);
    await migrateDeploy(url);
    const seeded = performance.now();
    await seed(url);
    say(`Seeded in ${((performance.now() - seeded) / 1000).toFixed(1)} s.`);
    const started = await startServer(url);
    server = started.child;
    const randomListing = () => `/api/listings/${1 + Math.floor(Math.random() * listings)}-1`;
    // A mix like real users': common words with and without diacritics, Vietnamese and English,
    // across the first three result pages, and one search in four for a rare term (a registration
    // number) that only the trigram index finds quickly and no cached count serves.
    const queries = [
      "ban dan",
      "bán dẫn",
      "thuy san",
      "thức ăn thủy sản",
      "lua chiu man",
      "giong lua",
      "pin lithium",
      "tai che pin",
      "robot han",
      "semiconductor",
      "aquaculture feed",
      "cam bien nuoc",
      "chat luong nuoc",
      "vac-xin",
      "vaccine",
      "benh vien",
    ];
    const pick = <T>(items: readonly T[]) => items[Math.floor(Math.random() * items.length)];
    const randomSearch = () => {
      const q = Math.random() < 0.25 ? String(1 + Math.floor(Math.random() * listings)) : pick(queries);
      return `/api/search?q=${encodeURIComponent(q)}&limit=20&page=${pick([1, 1, 2, 3])}`;
    };
    // The first search builds the process's search index from the database (as the first search
    // after a start does in production); it is timed apart from the load.
    const building = performance.now();
    const warm = await fetch(`http://127.0.0.1:${started.port}/api/search?q=warm`);
    if (!warm.ok) throw new Error(`the first search failed: ${warm.status}`);
    say(
      `Search index of ${listings} assets built in ${((performance.now() - building) / 1000).toFixed(1)} s.`,
    );
    await load("warm-up", started.port, randomListing);
    const detail = await load("listing detail", started.port, randomListing);
    const search = await load("search", started.port, randomSearch);
    const figures = {
      detailRps: detail.rps,
      detailP99Ms: detail.p99,
      searchRps: search.rps,
      searchP99Ms: search.p99,
    };
    if (json) console.log(JSON.stringify(figures));
  } finally {
    server?.kill();
    if (keepDatabase) console.error(`Kept the seeded database: ${url}`);
    else await admin(`drop database if exists "${name}" with (force)`);
  }
}

// Last, so that everything above is initialised when it runs.
if (args[0] === "--serve") {
  // The child: the API alone on the seeded database.
  const { createApp } = await import("../../server/src/app.ts");
  const { createPrismaClient } = await import("../../server/src/db/client.ts");
  const { poolConfigFor } = await import("../../server/src/db/adapter.ts");
  const { JsonRpcProvider } = await import("ethers");
  const url = args[1];
  const prisma = createPrismaClient(`${url}?connection_limit=10`);
  // the pool exchange.ts opens in production (poolConfigFor's default size)
  const readPool = new pg.Pool(poolConfigFor(url));
  const zero = "0x0000000000000000000000000000000000000000";
  const app = createApp({
    provider: new JsonRpcProvider("http://127.0.0.1:9", 31337, { staticNetwork: true }),
    database: { kind: "postgres", ping: async () => void (await prisma.$queryRaw`select 1`) },
    deployment: {
      chainId: "31337",
      deployBlock: 1,
      addresses: {
        manager: zero,
        token: zero,
        membership: zero,
        registry: zero,
        licences: zero,
        exchange: zero,
      },
    },
    prisma,
    readPool,
    logger: createLogger({ level: "silent" }),
  });
  const server = app.listen(0, "127.0.0.1", () => {
    process.stdout.write(`listening ${(server.address() as { port: number }).port}\n`);
  });
} else {
  await main();
}
