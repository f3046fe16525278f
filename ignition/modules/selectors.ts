// Function selectors for AccessManager wiring, read from the compiled artifacts so that a changed
// signature can never leave a role pointing at a selector that no longer exists.
import { readFileSync } from "node:fs";
import { Interface } from "ethers";

const artifactsRoot = new URL("../../artifacts/contracts/", import.meta.url);

export function selectors(contractName: string, functionNames: string[]): string[] {
  const artifactUrl = new URL(`${contractName}.sol/${contractName}.json`, artifactsRoot);
  let abi: unknown[];
  try {
    abi = JSON.parse(readFileSync(artifactUrl, "utf8")).abi;
  } catch (error) {
    throw new Error(`No compiled artifact for ${contractName}: run \`npx hardhat compile\` first.`, {
      cause: error,
    });
  }
  const contract = new Interface(abi as never);
  return functionNames.map((name) => {
    const fragment = contract.getFunction(name);
    if (!fragment) throw new Error(`${contractName} has no function ${name}`);
    return fragment.selector;
  });
}
