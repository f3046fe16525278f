// `npm run ops -- backup <dir>` and `restore <dir>`: everything an exchange holds besides the chain,
// so that a restore on a fresh machine gives the same exchange.
//
// - PostgreSQL (DATABASE_URL set): a pg_dump of the database — one snapshot, consistent while the
//   servers run — then the document store, then the deployment records. The dump comes first: a
//   document is stored before its row is written, so every row the dump holds has its file.
// - Embedded: the chain's journal and deployment record (DATA_DIR/chain), the PGlite database
//   (DATA_DIR/db) and the document store, with the exchange stopped: PGlite's files are consistent
//   only once its process has closed them (its lock file says whether it has).
//
// `manifest.json` lists every file with its SHA-256; a restore checks them all, and that every
// document's bytes hash to its name, before it writes anything, and refuses to write over an
// existing exchange.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { cp, mkdir, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { OpsError } from "./errors.ts";

export interface BackupEnv {
  DATABASE_URL?: string;
  DATA_DIR?: string;
  DOCUMENTS_DIR?: string;
  DEPLOYMENTS_DIR?: string;
}

interface Manifest {
  format: 1;
  createdAt: string;
  mode: "embedded" | "postgres";
  /** relative path → SHA-256 hex of the file's bytes */
  files: Record<string, string>;
  documents: number;
}

const MANIFEST = "manifest.json";
const DUMP = "database.dump";
const LOCK_FILE = "techex.lock";

interface Places {
  mode: "embedded" | "postgres";
  databaseUrl?: string;
  dataDir: string;
  documentsDir: string;
  deploymentsDir: string;
}

function placesOf(env: BackupEnv): Places {
  // as for npm start, an empty variable is an unset one
  const set = (value: string | undefined) => (value === "" ? undefined : value);
  const dataDir = path.resolve(set(env.DATA_DIR) ?? "data");
  const databaseUrl = set(env.DATABASE_URL);
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new OpsError(`DATABASE_URL must be a postgresql:// URL, not "${databaseUrl}".`);
  return {
    mode: databaseUrl ? "postgres" : "embedded",
    databaseUrl,
    dataDir,
    documentsDir: path.resolve(set(env.DOCUMENTS_DIR) ?? path.join(dataDir, "documents")),
    deploymentsDir: path.resolve(set(env.DEPLOYMENTS_DIR) ?? "deployments"),
  };
}

export async function backup(target: string | undefined, env: BackupEnv, say: (line: string) => void) {
  if (!target) throw new OpsError("Name the directory to back up into: npm run ops -- backup <dir>.");
  const places = placesOf(env);
  const dir = path.resolve(target);
  if (existsSync(dir) && (await readdir(dir)).length > 0)
    throw new OpsError(`${dir} is not empty: a backup goes into a new or empty directory.`);
  if (places.mode === "embedded") {
    if (!existsSync(path.join(places.dataDir, "chain", "deployment.json")))
      throw new OpsError(
        `No embedded exchange in ${places.dataDir} (no chain/deployment.json): nothing to back up.`,
      );
    const holder = await runningHolder(path.join(places.dataDir, "db"));
    if (holder)
      throw new OpsError(
        `The embedded exchange is running (process ${holder}). Stop it (Ctrl-C) and back up again: ` +
          "its database files are consistent only once it has closed them.",
      );
  }
  await mkdir(dir, { recursive: true });
  try {
    if (places.mode === "postgres") {
      say("Dumping the PostgreSQL database (one consistent snapshot)…");
      await run("pg_dump", [
        "--format=custom",
        "--no-owner",
        "--no-privileges",
        `--file=${path.join(dir, DUMP)}`,
        libpqUrl(places.databaseUrl!),
      ]);
      await copyTree(places.deploymentsDir, path.join(dir, "deployments"), (name) => name.endsWith(".json"));
    } else {
      say("Copying the embedded chain's journal and database…");
      await copyTree(path.join(places.dataDir, "chain"), path.join(dir, "chain"));
      await copyTree(path.join(places.dataDir, "db"), path.join(dir, "db"), (name) => name !== LOCK_FILE);
    }
    say("Copying the document store…");
    const documents = await copyTree(places.documentsDir, path.join(dir, "documents"), (name) =>
      /^[0-9a-f]{64}$/.test(name),
    );
    const files: Record<string, string> = {};
    for (const file of await listFiles(dir)) files[file] = await sha256OfFile(path.join(dir, file));
    const manifest: Manifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      mode: places.mode,
      files,
      documents,
    };
    await writeFile(path.join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    say(
      `Backed up to ${dir}: ${places.mode} database, ${documents} document(s), ${Object.keys(files).length} file(s) in all.`,
    );
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}

export async function restore(source: string | undefined, env: BackupEnv, say: (line: string) => void) {
  if (!source) throw new OpsError("Name the backup directory to restore: npm run ops -- restore <dir>.");
  const dir = path.resolve(source);
  const manifestFile = path.join(dir, MANIFEST);
  if (!existsSync(manifestFile)) throw new OpsError(`${dir} is not a TechEx backup: it has no ${MANIFEST}.`);
  let manifest: Manifest;
  try {
    manifest = JSON.parse(await readFile(manifestFile, "utf8")) as Manifest;
  } catch {
    throw new OpsError(`${manifestFile} is not JSON: the backup is damaged.`);
  }
  if (manifest.format !== 1)
    throw new OpsError(`${manifestFile} is of an unknown format (${manifest.format}).`);
  const places = placesOf(env);
  if (manifest.mode !== places.mode)
    throw new OpsError(
      manifest.mode === "postgres"
        ? "The backup is of a PostgreSQL exchange: set DATABASE_URL to the (new, empty) database to restore into."
        : "The backup is of an embedded exchange: unset DATABASE_URL and set DATA_DIR to restore it.",
    );

  say("Checking the backup's files against its manifest…");
  const present = new Set(await listFiles(dir));
  present.delete(MANIFEST);
  for (const [file, digest] of Object.entries(manifest.files)) {
    if (!present.delete(file)) throw new OpsError(`The backup is incomplete: ${file} is missing.`);
    if ((await sha256OfFile(path.join(dir, file))) !== digest)
      throw new OpsError(`The backup is damaged: ${file} does not have the SHA-256 the manifest records.`);
    const name = path.basename(file);
    if (file.startsWith("documents/") && digest !== name)
      throw new OpsError(`The backup is damaged: document ${name} does not hash to its name.`);
  }
  if (present.size > 0)
    throw new OpsError(`The backup holds files its manifest does not list: ${[...present][0]}.`);

  if (places.mode === "postgres") {
    await requireEmptyDatabase(places.databaseUrl!);
    await requireRestorableRecords(path.join(dir, "deployments"), places.deploymentsDir);
    say("Restoring the PostgreSQL database…");
    await run("pg_restore", [
      "--no-owner",
      "--no-privileges",
      "--exit-on-error",
      `--dbname=${libpqUrl(places.databaseUrl!)}`,
      path.join(dir, DUMP),
    ]);
    await copyTree(path.join(dir, "deployments"), places.deploymentsDir);
  } else {
    for (const part of ["chain", "db"])
      if (
        existsSync(path.join(places.dataDir, part)) &&
        (await readdir(path.join(places.dataDir, part))).length > 0
      )
        throw new OpsError(
          `${path.join(places.dataDir, part)} already holds an exchange: restore into a new DATA_DIR (or delete it first).`,
        );
    say("Restoring the embedded chain's journal and database…");
    await copyTree(path.join(dir, "chain"), path.join(places.dataDir, "chain"));
    await copyTree(path.join(dir, "db"), path.join(places.dataDir, "db"));
  }
  say("Restoring the document store…");
  // content-addressed: a document already there under its name is the same bytes
  await copyTree(path.join(dir, "documents"), places.documentsDir);
  say(
    `Restored ${manifest.documents} document(s) and the ${manifest.mode} database from ${dir} (backed up ${manifest.createdAt}).`,
  );
}

/** The pid holding the embedded database's lock, if that process still runs. */
async function runningHolder(dbDir: string): Promise<number | undefined> {
  const pid = Number(await readFile(path.join(dbDir, LOCK_FILE), "utf8").catch(() => ""));
  if (!(pid > 0)) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM" ? pid : undefined;
  }
}

async function requireEmptyDatabase(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: libpqUrl(url) });
  try {
    await client.connect();
  } catch (error) {
    throw new OpsError(
      `Cannot connect to DATABASE_URL (${(error as Error).message}). Create the database first.`,
    );
  }
  try {
    const { rows } = await client.query<{ n: string }>(
      "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
    );
    if (Number(rows[0].n) > 0)
      throw new OpsError("DATABASE_URL's database is not empty: restore into a new, empty database.");
  } finally {
    await client.end().catch(() => {});
  }
}

/** Deployment records restore beside existing ones, but never replace a different record. */
async function requireRestorableRecords(from: string, to: string): Promise<void> {
  for (const file of existsSync(from) ? await readdir(from) : []) {
    const existing = path.join(to, file);
    if (!existsSync(existing)) continue;
    const [a, b] = await Promise.all([readFile(path.join(from, file), "utf8"), readFile(existing, "utf8")]);
    if (JSON.stringify(JSON.parse(a)) !== JSON.stringify(JSON.parse(b)))
      throw new OpsError(`${existing} records another deployment than the backup's: move it aside first.`);
  }
}

/** pg_dump and pg_restore take libpq URLs: Prisma's own query parameters (connection_limit…) go. */
function libpqUrl(url: string): string {
  const parsed = new URL(url);
  for (const key of [...parsed.searchParams.keys()])
    if (!["sslmode", "sslrootcert", "sslcert", "sslkey", "application_name"].includes(key))
      parsed.searchParams.delete(key);
  return parsed.toString();
}

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk));
    child.once("error", (error: NodeJS.ErrnoException) =>
      reject(
        new OpsError(
          error.code === "ENOENT"
            ? `${command} is not installed: install PostgreSQL's client tools (apt-get install postgresql-client), of the server's major version or newer.`
            : `${command} failed: ${error.message}`,
        ),
      ),
    );
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new OpsError(`${command} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}

/**
 * Copies the tree under `from` to `to`, directories included even when empty (PostgreSQL's data
 * directory needs its empty ones), files only when their name passes `keep`; returns the file count.
 */
async function copyTree(
  from: string,
  to: string,
  keep: (name: string) => boolean = () => true,
): Promise<number> {
  await mkdir(to, { recursive: true });
  if (!existsSync(from)) return 0;
  let copied = 0;
  await cp(from, to, {
    recursive: true,
    errorOnExist: false,
    filter: async (source) => {
      if ((await stat(source)).isDirectory()) return true;
      const copy = keep(path.basename(source));
      if (copy) copied += 1;
      return copy;
    },
  });
  return copied;
}

/** Every regular file under `dir`, as paths relative to it with forward slashes, sorted. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const full = path.join(entry.parentPath, entry.name);
    if ((await stat(full)).isFile()) files.push(path.relative(dir, full).split(path.sep).join("/"));
  }
  return files.sort();
}

function sha256OfFile(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}
