// Holds every change to the gas of the six key operations to the committed .gas-snapshot.json:
// a rise fails the suite. When a rise is intended (or a saving is to be locked in), run
// `npm run bench:gas -- --update-snapshot` and commit the new snapshot with the reason.
import { readFileSync } from "node:fs";
import { expect } from "chai";
import { network } from "hardhat";
import { gasTargets, measureGas, type GasOperation } from "../../scripts/bench/gas-scenarios.ts";

const { ethers } = await network.create();

// Timestamps, deadlines and signatures in calldata differ from run to run, and each zero byte
// among them costs 4 gas instead of 16: a few dozen gas of noise that is not a regression.
const CALLDATA_NOISE = 120;
const snapshot = JSON.parse(
  readFileSync(new URL("../../.gas-snapshot.json", import.meta.url), "utf8"),
) as Record<string, number>;

describe("Gas snapshot", function () {
  let measured: Record<GasOperation, bigint>;

  before(async function () {
    measured = await measureGas(ethers);
  });

  for (const operation of Object.keys(gasTargets) as GasOperation[]) {
    it(`${operation} costs no more than the committed snapshot`, function () {
      expect(snapshot, `.gas-snapshot.json has no entry for ${operation}`).to.have.property(operation);
      expect(
        Number(measured[operation]),
        `${operation} rose from ${snapshot[operation]} to ${measured[operation]} gas; if intended, run ` +
          "`npm run bench:gas -- --update-snapshot` and commit the snapshot",
      ).to.be.at.most(snapshot[operation] + CALLDATA_NOISE);
    });
  }
});
