// A co-owner's consent, collected for the seller: the co-owner opens the link the seller sent
// (offer number and document hash), connects their own wallet, checks what they are asked to agree
// to against the chain (and the PDF, if they have it) and signs the EIP-712 `AgreementConsent`.
// Nothing is sent anywhere: the signature is shown to copy back to the seller, who pastes it into
// the acceptance. No server route holds consents, and none is needed — the chain checks them.
import { useState, type ChangeEvent } from "react";
import { useLocation } from "../app/router.tsx";
import { RequireWallet, type ChainAccess } from "../chain/access.tsx";
import { coOwnersOf, dealTypeNames, needsCoOwnerConsent, offerById, sha256Hex } from "../chain/ledger.ts";
import { agreementConsentTypes } from "../../../generated/techex.ts";
import { describeFailure } from "../chain/revert.ts";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { AssetName } from "../shared/AssetName.tsx";
import { formatVnd } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { CopyButton, ErrorNotice, Field, Hash, Loading, StatusBadge } from "../shared/ui.tsx";
import { OrgName } from "../shared/OrgName.tsx";

export default function ConsentPage() {
  const { t } = useI18n();
  const { query } = useLocation();
  const agreementId = query.get("agreement") ?? "";
  const documentHash = query.get("document") ?? "";
  const complete = /^\d+$/.test(agreementId) && /^0x[0-9a-fA-F]{64}$/.test(documentHash);
  return (
    <section aria-labelledby="consent-title">
      <h1 id="consent-title">{t("consent.title")}</h1>
      <p className="lead">{t("consent.lead")}</p>
      {complete ? (
        <RequireWallet>
          {(access) => (
            <ConsentDesk
              access={access}
              agreementId={BigInt(agreementId)}
              documentHash={documentHash.toLowerCase()}
            />
          )}
        </RequireWallet>
      ) : (
        <p className="notice notice-error" role="alert">
          {t("consent.badLink")}
        </p>
      )}
    </section>
  );
}

function ConsentDesk({
  access,
  agreementId,
  documentHash,
}: {
  access: ChainAccess;
  agreementId: bigint;
  documentHash: string;
}) {
  const { t, locale } = useI18n();
  const [fileMatches, setFileMatches] = useState<boolean | null>(null);
  const [signature, setSignature] = useState<string | null>(null);
  const [signing, setSigning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const found = useAsync(async () => {
    const view = await offerById(access.read, access.fromBlock, agreementId);
    if (!view) return null;
    const [coOwners, approved] = await Promise.all([
      coOwnersOf(access.read, access.fromBlock, view.offer.assetId),
      access.read.exchange.approvedDocument(agreementId) as Promise<string>,
    ]);
    return { view, coOwners: coOwners.map((a) => a.toLowerCase()), approved: approved.toLowerCase() };
  }, [access, agreementId]);

  if (found.state === "loading") return <Loading />;
  if (found.state === "error") return <ErrorNotice error={found.error} />;
  if (!found.data)
    return (
      <p className="notice notice-error" role="alert">
        {t("consent.notFound", { id: agreementId.toString() })}
      </p>
    );
  const { view, coOwners, approved } = found.data;
  const isCoOwner = coOwners.includes(access.account.toLowerCase());
  const needed = needsCoOwnerConsent(view.offer.dealType);
  const open = view.status === "OPEN";

  const checkFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0];
    setFileMatches(file ? (await sha256Hex(await file.arrayBuffer())) === documentHash : null);
  };

  const sign = async () => {
    setSigning(true);
    setFailure(null);
    try {
      const { signer, contracts } = await access.signer();
      const domain = await contracts.exchange.eip712Domain();
      setSignature(
        await signer.signTypedData(
          {
            name: domain.name as string,
            version: domain.version as string,
            chainId: domain.chainId as bigint,
            verifyingContract: domain.verifyingContract as string,
          },
          agreementConsentTypes,
          { agreementId, documentHash },
        ),
      );
    } catch (error) {
      setFailure(describeFailure(error, t));
    } finally {
      setSigning(false);
    }
  };

  return (
    <div className="panel">
      <dl className="fields">
        <Field label={t("consent.offer")}>
          {t("offer.label", { id: agreementId.toString() })} <StatusBadge status={view.status} />
        </Field>
        <Field label={t("consent.asset")}>
          <AssetName id={view.offer.assetId.toString()} />
        </Field>
        <Field label={t("offer.dealType")}>
          {t(`deal.${dealTypeNames[Number(view.offer.dealType)]}` as MessageKey)}
        </Field>
        <Field label={t("cert.amount")}>{formatVnd(view.offer.amount, locale)}</Field>
        <Field label={t("agreement.buyer")}>
          <OrgName address={view.offer.buyer} />
        </Field>
        <Field label={t("agreement.document")}>
          <Hash value={documentHash} />
        </Field>
      </dl>
      <p className={approved === documentHash ? "muted" : "notice notice-warn"}>
        {approved === documentHash ? t("consent.buyerConsented") : t("consent.buyerNotConsented")}
      </p>
      {!needed ? <p className="notice notice-warn">{t("consent.notNeeded")}</p> : null}
      {!open ? <p className="notice notice-warn">{t("consent.notOpen")}</p> : null}
      {!isCoOwner ? (
        <p className="notice notice-error" role="alert">
          {t("consent.notCoOwner")}
        </p>
      ) : null}
      <label>
        {t("seller.checkDocument")}
        <input type="file" accept="application/pdf" onChange={checkFile} />
      </label>
      {fileMatches === true ? <p className="muted">{t("consent.documentMatches")}</p> : null}
      {fileMatches === false ? (
        <p className="notice notice-error" role="alert">
          {t("consent.documentMismatch")}
        </p>
      ) : null}
      <div className="actions">
        <button
          type="button"
          onClick={sign}
          disabled={signing || !isCoOwner || !needed || !open || fileMatches === false}
        >
          {t("consent.sign")}
        </button>
        <span className="muted">{t("consent.signNote")}</span>
      </div>
      {failure ? (
        <p className="notice notice-error" role="alert">
          {failure}
        </p>
      ) : null}
      {signature ? (
        <div className="signature">
          <label>
            {t("consent.signature")}
            <textarea readOnly rows={4} value={signature} spellCheck={false} />
          </label>
          <CopyButton text={signature} />
        </div>
      ) : null}
    </div>
  );
}
