// `npm run deploy -- --network <name> [--parameters file.json] [--local]`
// Deploys TechEx with Ignition to a network entry of hardhat.config.ts and records the result in
// deployments/<chainId>.json (and generated/techex.ts), where the server and the web app find it.
// --local deploys the test VND token as the settlement token (test networks only); otherwise the
// parameters file must name `settlementToken` under "TechEx", e.g.
//   { "TechEx": { "settlementToken": "0x…", "admin": "0x…", "ipOffice": "0x…", "treasury": "0x…" } }
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { deploy } from "../ignition/deploy.ts";
import { recordDeployment } from "./generate-module.ts";

const { values } = parseArgs({
  options: {
    network: { type: "string", default: "localhost" },
    parameters: { type: "string" },
    local: { type: "boolean", default: false },
  },
});

try {
  const parameters = values.parameters ? JSON.parse(readFileSync(values.parameters, "utf8")) : undefined;
  if (!values.local && !parameters?.TechEx?.settlementToken) {
    throw new Error(
      'Name the settlement token: --parameters file.json with { "TechEx": { "settlementToken": "0x…" } }, ' +
        "or pass --local to deploy the test VND token (test networks only).",
    );
  }
  console.log(`Deploying TechEx to network "${values.network}"…`);
  const deployment = await deploy({ network: values.network, local: values.local, parameters });
  recordDeployment(deployment);
  console.log(`Deployed on chain ${deployment.chainId} from block ${deployment.deployBlock}:`);
  for (const [name, address] of Object.entries(deployment.addresses))
    console.log(`  ${name.padEnd(11)} ${address}`);
  console.log(`Recorded in deployments/${deployment.chainId}.json.`);
} catch (error) {
  console.error(`Deployment failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
