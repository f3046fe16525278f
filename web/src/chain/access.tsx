// What a persona area needs from the chain: contracts reading through the wallet, the signer for
// transactions, the block to start event queries from. Areas render `RequireWallet` first.
import { useMemo, type ReactNode } from "react";
import type { DeploymentRecord } from "../../../generated/techex.ts";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { browserProvider, signedTechex, techex, type TechExContracts } from "./contracts.ts";
import type { Eip1193Provider } from "./eip1193.ts";
import { useReadyWallet, useWallet, type Role } from "./wallet.tsx";

export interface ChainAccess {
  account: string;
  deployment: DeploymentRecord;
  fromBlock: number;
  read: TechExContracts;
  provider: Eip1193Provider;
  /** Contracts that send as the connected account (asks the wallet for its signer). */
  write(): Promise<TechExContracts>;
  signer(): ReturnType<typeof signedTechex>;
}

export function useChainAccess(): ChainAccess | null {
  const wallet = useReadyWallet();
  const provider = wallet?.provider;
  const account = wallet?.account;
  const deployment = wallet?.status.deployment;
  return useMemo(() => {
    if (!provider || !account || !deployment) return null;
    return {
      account,
      deployment,
      fromBlock: deployment.deployBlock,
      provider,
      read: techex(deployment, browserProvider(provider)),
      write: async () => (await signedTechex(provider, deployment, account)).contracts,
      signer: () => signedTechex(provider, deployment, account),
    };
  }, [provider, account, deployment]);
}

/** Shows its children once a wallet is connected to the right chain; says what is missing otherwise. */
export function RequireWallet({
  role,
  children,
}: {
  role?: Role;
  children: (access: ChainAccess) => ReactNode;
}) {
  const { t } = useI18n();
  const wallet = useWallet();
  const access = useChainAccess();
  if (!access) {
    return (
      <div className="panel">
        <p>{wallet.account ? t("persona.wrongChain") : t("persona.connect")}</p>
        {!wallet.account ? (
          <button type="button" onClick={() => wallet.connect()} disabled={wallet.busy}>
            {t("wallet.connect")}
          </button>
        ) : null}
      </div>
    );
  }
  return (
    <>
      {role && !wallet.roles.includes(role) ? (
        <p className="notice notice-warn" role="note">
          {t("persona.missingRole", { role: t(`role.${role}` as MessageKey) })}
        </p>
      ) : null}
      {children(access)}
    </>
  );
}
