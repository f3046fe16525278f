// `npm run bench:gas [-- --json] [-- --update-snapshot]`: gas of the ledger's key operations
// against the targets. The table is for people; --json prints one object
// { operation: gas } for machines (npm run bench); --update-snapshot rewrites .gas-snapshot.json,
// which the contract tests hold every change to (a rise fails `npm test`).
import { writeFileSync } from "node:fs";
import { network } from "hardhat";
import { gasDescriptions, gasTargets, measureFloor, measureGas, type GasOperation } from "./gas-scenarios.ts";

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
    const floor = await measureFloor(connection.ethers);
    console.log(
      "\nthe floor: the same calls on contracts/test/GasFloor.sol, one contract doing only the required work",
    );
    for (const op of Object.keys(floor) as (keyof typeof floor)[]) {
      const verdict = floor[op] > gasTargets[op] ? "the target is below what any design can do" : "";
      console.log(
        `${op.padEnd(17)} ${String(floor[op]).padStart(7)}  ${String(gasTargets[op]).padStart(7)}  ours ${measured[op]}, ${measured[op] - floor[op]} above the floor  ${verdict}`.trimEnd(),
      );
    }
  }
} finally {
  await connection.close();
}
