// `npm run bench:gas [-- --json] [-- --update-snapshot]`: gas of the ledger's key operations
// against the targets. The table is for people; --json prints one object
// { operation: gas } for machines (npm run bench); --update-snapshot rewrites .gas-snapshot.json,
// which the contract tests hold every change to (a rise fails `npm test`).
import { writeFileSync } from "node:fs";
import { network } from "hardhat";
import { gasDescriptions, gasTargets, measureGas, type GasOperation } from "./gas-scenarios.ts";

const json = process.argv.includes("--json");
const connection = await network.create();
try {
  const measured = await measureGas(connection.ethers);
  if (process.argv.includes("--update-snapshot")) {
    const snapshot = Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Number(v)]));
    writeFileSync(".gas-snapshot.json", `${JSON.stringify(snapshot, null, 2)}\n`);
    console.error("Wrote .gas-snapshot.json");
  }
  if (json) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(measured).map(([k, v]) => [k, Number(v)]))));
  } else {
    console.log("operation          gas      target   margin  what");
    for (const op of Object.keys(gasTargets) as GasOperation[]) {
      const gas = measured[op];
      const target = gasTargets[op];
      const margin = Number(target - gas);
      console.log(
        `${op.padEnd(17)} ${String(gas).padStart(7)}  ${String(target).padStart(7)}  ${(margin >= 0 ? "+" : "") + margin}`.padEnd(
          44,
        ) + `${gas <= target ? "ok  " : "OVER"}  ${gasDescriptions[op]}`,
      );
    }
  }
} finally {
  await connection.close();
}
