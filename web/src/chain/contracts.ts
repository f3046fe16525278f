// ethers v6 over the connected wallet, and the TechEx contracts of the running deployment.
import { BrowserProvider, Contract, type ContractRunner } from "ethers";
import { abis, type DeploymentRecord } from "../../../generated/techex.ts";
import type { Eip1193Provider } from "./eip1193.ts";

const providers = new WeakMap<Eip1193Provider, BrowserProvider>();

export function browserProvider(provider: Eip1193Provider): BrowserProvider {
  let wrapped = providers.get(provider);
  if (!wrapped) {
    wrapped = new BrowserProvider(provider);
    providers.set(provider, wrapped);
  }
  return wrapped;
}

export function techex(deployment: DeploymentRecord, runner: ContractRunner) {
  const { addresses } = deployment;
  return {
    manager: new Contract(addresses.manager, abis.TechExAccessManager, runner),
    membership: new Contract(addresses.membership, abis.Membership, runner),
    registry: new Contract(addresses.registry, abis.AssetRegistry, runner),
    licences: new Contract(addresses.licences, abis.LicenceRegistry, runner),
    exchange: new Contract(addresses.exchange, abis.Exchange, runner),
    token: new Contract(addresses.token, abis.TestVnd, runner),
  };
}

export type TechExContracts = ReturnType<typeof techex>;

/** Contracts that read through the wallet and send as its account. */
export async function signedTechex(provider: Eip1193Provider, deployment: DeploymentRecord, account: string) {
  const signer = await browserProvider(provider).getSigner(account);
  return { signer, contracts: techex(deployment, signer) };
}
