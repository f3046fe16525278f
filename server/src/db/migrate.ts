// Runs the Prisma CLI (and so `migrate deploy`) as a child process. It must be asynchronous: when the
// database is embedded PGlite, this very process serves it, and a synchronous child would block the
// event loop the CLI's queries need — a deadlock.
import { spawn } from "node:child_process";
import { readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PgAdapterFactory } from "./adapter.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));
const prismaCli = join(
  dirname(createRequire(import.meta.url).resolve("prisma/package.json")),
  "build/index.js",
);
const configPath = join(repoRoot, "prisma.config.ts");
const migrationsDir = join(repoRoot, "server/prisma/migrations");
// The WASM schema engine leaves timers armed after its work; without this preload every command
// lingers for 10–60 s (see the preload itself).
const timerPreload = join(repoRoot, "scripts/prisma/unref-wasm-timers.cjs");

const DEFAULT_TIMEOUT_MS = 120_000;

export interface PrismaRunOptions {
  databaseUrl: string;
  /** "inherit" streams the CLI's output; "pipe" (the default) collects it for the result or error. */
  stdio?: "inherit" | "pipe";
  timeoutMs?: number;
}

export interface PrismaRunResult {
  exitCode: number;
  output: string;
}

/** Runs `prisma <args>` with the repo's config against `databaseUrl` and resolves with its exit code. */
export function runPrisma(args: readonly string[], options: PrismaRunOptions): Promise<PrismaRunResult> {
  const { databaseUrl, stdio = "pipe", timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  const nodeOptions = [process.env.NODE_OPTIONS, `--require ${JSON.stringify(timerPreload)}`]
    .filter(Boolean)
    .join(" ");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [prismaCli, ...args, "--config", configPath], {
      cwd: repoRoot,
      stdio: ["ignore", stdio, stdio],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        NODE_OPTIONS: nodeOptions,
        CHECKPOINT_DISABLE: "1",
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
      },
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => (output += chunk));
    child.stderr?.on("data", (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ exitCode: code ?? (signal ? 128 : 1), output });
    });
  });
}

/** The names of the migrations in server/prisma/migrations, oldest first. */
export async function migrationNames(): Promise<string[]> {
  const entries = await readdir(migrationsDir, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/**
 * Migrations of the history that have not finished on the database (including a failed one, which
 * `migrate deploy` then reports). Asking costs one query instead of starting the Prisma CLI.
 */
export async function pendingMigrations(databaseUrl: string): Promise<string[]> {
  const adapter = await new PgAdapterFactory(databaseUrl).connect();
  try {
    const table = await adapter.queryRaw({
      sql: "SELECT to_regclass('_prisma_migrations')::text",
      args: [],
      argTypes: [],
    });
    const finished = new Set<string>();
    if (table.rows[0]?.[0] !== null) {
      const rows = await adapter.queryRaw({
        sql: "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
        args: [],
        argTypes: [],
      });
      for (const [name] of rows.rows) finished.add(String(name));
    }
    return (await migrationNames()).filter((name) => !finished.has(name));
  } finally {
    await adapter.dispose();
  }
}

/** Applies every pending migration in server/prisma/migrations; rejects with the CLI's output on failure. */
export async function migrateDeploy(databaseUrl: string): Promise<void> {
  const { exitCode, output } = await runPrisma(["migrate", "deploy"], { databaseUrl });
  if (exitCode !== 0) throw new Error(`prisma migrate deploy failed (exit ${exitCode}):\n${output.trim()}`);
}
