// The Prisma CLI, offline: `node scripts/prisma/cli.ts <prisma arguments>`.
//
// Uses DATABASE_URL when it is set. Otherwise it starts a throw-away in-memory PGlite for the
// command, so schema work (`migrate dev --create-only`, `migrate diff`, the CI drift check) needs no
// database server. Against that throw-away database `migrate dev` first replays the existing history,
// because Prisma 6.19's `migrate dev` refuses to run with pending migrations through an adapter.
import { startEmbeddedServer, type EmbeddedServer } from "../../server/src/db/embedded.ts";
import { runPrisma } from "../../server/src/db/migrate.ts";

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error("usage: node scripts/prisma/cli.ts <prisma arguments>   e.g.  migrate dev --create-only --name add_x");
  process.exit(2);
}

let throwAway: EmbeddedServer | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  throwAway = await startEmbeddedServer();
  databaseUrl = throwAway.url;
}

let exitCode: number;
try {
  const isMigrateDev = args[0] === "migrate" && args[1] === "dev";
  if (throwAway && isMigrateDev) {
    const deployed = await runPrisma(["migrate", "deploy"], { databaseUrl, stdio: "inherit" });
    if (deployed.exitCode !== 0) process.exit(deployed.exitCode);
  }
  ({ exitCode } = await runPrisma(args, { databaseUrl, stdio: "inherit", timeoutMs: 10 * 60_000 }));
} finally {
  await throwAway?.stop();
}
process.exitCode = exitCode;
