// Connect, switch chain, sign in (SIWE) and see the roles the contracts grant this account.
import { useWallet } from "../chain/wallet.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { Badge } from "../shared/ui.tsx";
import { OrgName } from "../shared/OrgName.tsx";

export function WalletPanel() {
  const { t } = useI18n();
  const wallet = useWallet();
  const wrongChain =
    wallet.account && wallet.expectedChainId !== null && wallet.chainId !== wallet.expectedChainId;
  return (
    <section className="wallet" aria-label={t("wallet.label")}>
      {!wallet.account ? (
        <div className="wallet-row">
          {wallet.wallets.length > 1 ? (
            wallet.wallets.map((found) => (
              <button
                key={found.info.uuid}
                type="button"
                onClick={() => wallet.connect(found)}
                disabled={wallet.busy}
              >
                {t("wallet.connectWith", { name: found.info.name })}
              </button>
            ))
          ) : (
            <button type="button" onClick={() => wallet.connect()} disabled={wallet.busy}>
              {wallet.wallets[0]?.info.name
                ? t("wallet.connectWith", { name: wallet.wallets[0].info.name })
                : t("wallet.connect")}
            </button>
          )}
        </div>
      ) : (
        <div className="wallet-row">
          <span>
            {t("wallet.account")} <OrgName address={wallet.account} />
          </span>
          {wrongChain ? (
            <button type="button" onClick={wallet.switchChain}>
              {t("wallet.switch", { chainId: wallet.expectedChainId ?? "" })}
            </button>
          ) : null}
          <span className="roles" data-testid="roles">
            {wallet.roles.length === 0 ? (
              <span className="muted">{t("role.none")}</span>
            ) : (
              wallet.roles.map((role) => (
                <Badge key={role} tone="info">
                  {t(`role.${role}` as MessageKey)}
                </Badge>
              ))
            )}
          </span>
          {wallet.signedIn ? (
            <button type="button" className="button-quiet" onClick={wallet.signOut}>
              {t("wallet.signOut")}
            </button>
          ) : (
            <button
              type="button"
              className="button-quiet"
              onClick={wallet.signIn}
              disabled={wallet.busy || Boolean(wrongChain)}
            >
              {t("wallet.signIn")}
            </button>
          )}
          <button type="button" className="button-quiet" onClick={wallet.disconnect}>
            {t("wallet.disconnect")}
          </button>
        </div>
      )}
      {wallet.signedIn ? <p className="muted">{t("wallet.signedIn")}</p> : null}
      {wallet.problem ? (
        <p className="notice notice-error" role="alert">
          {t(`wallet.problem.${wallet.problem}` as MessageKey)}
        </p>
      ) : null}
      {wallet.statusError ? (
        <p className="notice notice-error" role="alert">
          {t("wallet.noStatus")}
        </p>
      ) : null}
    </section>
  );
}
