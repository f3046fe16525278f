// Deploys TechEx with Ignition to a network and describes the result for the indexer and the web
// app: chain id, contract addresses and the block the deployment started at (where indexing
// starts). The embedded chain, test networks and a production chain all go through here.
import { rm } from "node:fs/promises";
import path from "node:path";
import hre, { network } from "hardhat";
import type { DeploymentParameters } from "@nomicfoundation/ignition-core";
import type { NetworkConnection } from "hardhat/types/network";
import { TechExLocalModule, TechExModule } from "./modules/TechEx.ts";

export const contractNames = ["manager", "token", "membership", "registry", "licences", "exchange"] as const;
export type ContractName = (typeof contractNames)[number];

export interface Deployment {
  chainId: string;
  deployBlock: number;
  addresses: Record<ContractName, string>;
}

export interface DeployOptions {
  /** A network entry of hardhat.config.ts (default "localhost"). */
  network?: string;
  /** Overrides the network entry's URL (the embedded chain's port is chosen at start). */
  rpcUrl?: string;
  /** Deploy TestVnd as the settlement token (embedded chain, test networks). */
  local: boolean;
  parameters?: DeploymentParameters;
  /** Ignition's journal folder under ignition/deployments; reusing one resumes that deployment. */
  deploymentId?: string;
  /** Start afresh: forget an earlier journal with the same id (the embedded chain is new each run). */
  fresh?: boolean;
  /** Deploy through this in-process connection (the embedded chain) instead of opening one. */
  connection?: NetworkConnection;
}

export async function deploy(options: DeployOptions): Promise<Deployment> {
  await hre.tasks.getTask("build").run({ quiet: true, noTests: true });
  const connection =
    options.connection ??
    (await network.create({
      network: options.network ?? "localhost",
      ...(options.rpcUrl ? { override: { url: options.rpcUrl } } : {}),
    }));
  try {
    const { chainId } = await connection.ethers.provider.getNetwork();
    const deploymentId = options.deploymentId ?? `techex-${chainId}`;
    if (options.fresh)
      await rm(path.join(hre.config.paths.ignition, "deployments", deploymentId), {
        recursive: true,
        force: true,
      });
    const startBlock = await connection.ethers.provider.getBlockNumber();
    const module = options.local ? TechExLocalModule : TechExModule;
    const contracts = await connection.ignition.deploy(module, {
      parameters: await withRoleDefaults(connection, module.id, options.parameters),
      deploymentId,
      displayUi: false,
      // Ignition polls for receipts once a second by default; the embedded chain mines at once.
      config: { blockPollingInterval: options.local ? 50 : 1_000 },
    });
    const addresses = {} as Record<ContractName, string>;
    for (const name of contractNames) addresses[name] = await contracts[name].getAddress();
    return { chainId: chainId.toString(), deployBlock: startBlock + 1, addresses };
  } finally {
    if (!options.connection) await connection.close();
  }
}

/**
 * The IP office, pauser and treasury default to the node's accounts 1–3 where it has them (the
 * embedded chain, `hardhat node`); with only a deployer key they must be named in the parameters.
 */
async function withRoleDefaults(
  connection: NetworkConnection,
  moduleId: string,
  parameters: DeploymentParameters = {},
): Promise<DeploymentParameters> {
  // a parameters file written for the production module serves the local one as well
  const given = {
    ...(parameters[moduleId] ?? (moduleId === "TechExLocal" ? parameters.TechEx : undefined) ?? {}),
  };
  const roles = ["ipOffice", "pauser", "treasury"] as const;
  const missing = roles.filter((name) => given[name] === undefined);
  if (missing.length === 0) return { ...parameters, [moduleId]: given };
  const accounts = (await connection.ethers.getSigners()).map((signer) => signer.address);
  roles.forEach((name, i) => {
    if (given[name] === undefined && accounts[i + 1]) given[name] = accounts[i + 1];
  });
  const stillMissing = roles.filter((name) => given[name] === undefined);
  if (stillMissing.length > 0) {
    throw new Error(
      `Name the ${stillMissing.join(", ")} address(es) in the deployment parameters under "${moduleId}": ` +
        "this network gives only the deployer's account.",
    );
  }
  return { ...parameters, [moduleId]: given };
}
