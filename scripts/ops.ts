// `npm run ops -- <command>`: the operator's tools (see scripts/ops/ops.ts and the README).
import { OpsError, runOps } from "./ops/ops.ts";

try {
  await runOps(process.argv.slice(2), process.env);
} catch (error) {
  console.error(error instanceof OpsError ? error.message : `ops failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
}
