// The Prisma CLI, offline: `node scripts/prisma/cli.ts <prisma arguments>`.
//
// Uses DATABASE_URL when it is set. Otherwise it starts a throw-away in-memory PGlite for the
// command, so schema work needs no database server:
//   new migration   node scripts/prisma/cli.ts migrate dev --name <what_changed>
//   drift check     node scripts/prisma/cli.ts migrate diff --from-migrations server/prisma/migrations
//                     --to-schema-datamodel server/prisma/schema.prisma --exit-code
// Against the throw-away database `migrate dev` first replays the existing history, because Prisma
// 6.19's `migrate dev` refuses to run with pending migrations through a driver adapter; what it then
// applies is thrown away with the database. (`--create-only` writes the migration too, but 6.19.3
// then exits 1 with "null pointer passed to rust", a double free in its WASM engine.)
import { startEmbeddedServer, type EmbeddedServer } from "../../server/src/db/embedded.ts";
import { runPrisma } from "../../server/src/db/migrate.ts";

const NO_TIMEOUT_TO_SPEAK_OF = 60 * 60_000;

async function main(args: string[]): Promise<number> {
  if (args.length === 0) {
    console.error("usage: node scripts/prisma/cli.ts <prisma arguments>   e.g.  migrate dev --name add_x");
    return 2;
  }
  let throwAway: EmbeddedServer | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    throwAway = await startEmbeddedServer();
    databaseUrl = throwAway.url;
  }
  const run = (prismaArgs: string[]) =>
    runPrisma(prismaArgs, { databaseUrl, stdio: "inherit", timeoutMs: NO_TIMEOUT_TO_SPEAK_OF });
  try {
    if (throwAway && args[0] === "migrate" && args[1] === "dev") {
      const deployed = await run(["migrate", "deploy"]);
      if (deployed.exitCode !== 0) return deployed.exitCode;
    }
    return (await run(args)).exitCode;
  } finally {
    await throwAway?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
