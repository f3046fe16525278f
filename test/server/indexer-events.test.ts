// The indexer decodes with its own copy of the contracts' event signatures; a signature that drifts
// from the contracts would make it skip that event silently. This pins the copy to the compiled ABI.
import { readFile } from "node:fs/promises";
import { expect } from "chai";
import { EventFragment, Interface } from "ethers";
import { EVENT_SIGNATURES, type ContractName } from "../../server/src/indexer/events.ts";

const interfaces: Record<ContractName, string> = {
  membership: "IMembership",
  assetRegistry: "IAssetRegistry",
  exchange: "IExchange",
  licenceRegistry: "ILicenceRegistry",
};

describe("Indexer event signatures", function () {
  for (const [contract, name] of Object.entries(interfaces) as [ContractName, string][]) {
    it(`match every event of ${name}`, async function () {
      const artifact = JSON.parse(
        await readFile(
          new URL(`../../artifacts/contracts/interfaces/${name}.sol/${name}.json`, import.meta.url),
          "utf8",
        ),
      ) as { abi: unknown[] };
      const compiled = new Interface(artifact.abi as never);
      const onChain: string[] = [];
      compiled.forEachEvent((event) => onChain.push(event.topicHash));
      const ours = EVENT_SIGNATURES[contract].map((signature) => EventFragment.from(signature).topicHash);
      expect(ours.sort()).to.deep.equal(onChain.sort());
    });
  }
});
