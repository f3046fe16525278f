// Prisma CLI configuration. Prisma 6.19's native schema engine must be downloaded, which this project
// cannot do, so the CLI runs its WASM engine ("js") through the same driver adapter as the app.
// Run it via `node scripts/prisma/cli.ts …`, which supplies DATABASE_URL (a throw-away embedded
// database when none is set) and the timer preload.
import { defineConfig } from "prisma/config";
import { adapterFromEnvironment } from "./server/src/db/adapter.ts";

export default defineConfig({
  schema: "server/prisma/schema.prisma",
  migrations: { path: "server/prisma/migrations" },
  experimental: { adapter: true },
  engine: "js",
  adapter: async () => adapterFromEnvironment(),
});
