// The IP office: assets waiting for verification against the national register, agreements waiting
// for registration, and suspension or revocation of assets and licences. Every act carries a reason,
// whose hash goes on-chain.
import { useState, type FormEvent } from "react";
import { id as keccakText } from "ethers";
import { Link } from "../app/router.tsx";
import { RequireWallet, type ChainAccess } from "../chain/access.tsx";
import {
  agreementsWhere,
  assetsWhere,
  dealTypeNames,
  listingTerms,
  type AgreementView,
  type AssetView,
} from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDateTime, formatVnd } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Hash, Loading, StatusBadge } from "../shared/ui.tsx";
import { AssetName } from "../shared/AssetName.tsx";
import { OrgName } from "../shared/OrgName.tsx";

const AssetStatusId = { VERIFIED: 2, REJECTED: 3, SUSPENDED: 4, REVOKED: 5 } as const;

export default function OfficeArea() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="office-title">
      <h1 id="office-title">{t("office.title")}</h1>
      <p className="lead">{t("office.lead")}</p>
      <RequireWallet role="IP_OFFICE">{(access) => <OfficeDesk access={access} />}</RequireWallet>
    </section>
  );
}

function OfficeDesk({ access }: { access: ChainAccess }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const data = useAsync(async () => {
    const [assets, agreements] = await Promise.all([
      assetsWhere(access.read, access.fromBlock),
      agreementsWhere(access.read, access.fromBlock, {}),
    ]);
    return { assets, agreements };
  }, [access, version]);
  if (data.state === "loading") return <Loading />;
  if (data.state === "error") return <ErrorNotice error={data.error} />;
  const pending = data.data.assets.filter((asset) => asset.status === "PENDING");
  const registered = data.data.assets.filter(
    (asset) => asset.status === "VERIFIED" || asset.status === "SUSPENDED",
  );
  const toRegister = data.data.agreements.filter(
    (view) => view.status === "ACCEPTED" && view.agreement.registrationDeadline !== 0n,
  );
  return (
    <>
      <section aria-labelledby="queue-assets">
        <h2 id="queue-assets">{t("office.assetQueue", { count: pending.length })}</h2>
        {pending.length === 0 ? <p className="muted">{t("office.noAssets")}</p> : null}
        <ul className="rows">
          {pending.map((asset) => (
            <AssetDecision key={asset.id.toString()} asset={asset} access={access} onChange={refresh} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="queue-agreements">
        <h2 id="queue-agreements">{t("office.agreementQueue", { count: toRegister.length })}</h2>
        {toRegister.length === 0 ? <p className="muted">{t("office.noAgreements")}</p> : null}
        <ul className="rows">
          {toRegister.map((view) => (
            <AgreementDecision key={view.id.toString()} view={view} access={access} onChange={refresh} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="registered-assets">
        <h2 id="registered-assets">{t("office.registered")}</h2>
        <ul className="rows">
          {registered.map((asset) => (
            <AssetDecision key={asset.id.toString()} asset={asset} access={access} onChange={refresh} />
          ))}
        </ul>
      </section>
      <LicenceRevocation access={access} />
    </>
  );
}

function AssetDecision({
  asset,
  access,
  onChange,
}: {
  asset: AssetView;
  access: ChainAccess;
  onChange(): void;
}) {
  const { t } = useI18n();
  const tx = useTransaction();
  const act =
    (to: number) =>
    async (
      event: FormEvent<HTMLFormElement> | { preventDefault(): void; currentTarget: HTMLFormElement | null },
    ) => {
      event.preventDefault();
      const form = event.currentTarget;
      const reason = form ? String(new FormData(form).get("reason") ?? "").trim() : "";
      if (to !== AssetStatusId.VERIFIED && !reason) {
        tx.fail(t("office.reasonRequired"));
        return;
      }
      if (
        await tx.run(async () =>
          (await access.write()).registry.setStatus(
            asset.id,
            to,
            keccakText(reason || "verified against the national register"),
          ),
        )
      )
        onChange();
    };
  const id = asset.id.toString();
  return (
    <li className="row" data-asset-id={id}>
      <div className="row-head">
        <strong>
          <Link href={`/assets/${id}`}>
            <AssetName id={id} />
          </Link>
        </strong>
        <span>{t(`kind.${asset.kind}` as MessageKey)}</span>
        <StatusBadge status={asset.status} />
      </div>
      <p className="muted">
        {t("asset.owner")} <OrgName address={asset.owner} /> · {t("asset.content")}{" "}
        <Hash value={asset.contentHash} />
      </p>
      <form className="inline-form" onSubmit={act(AssetStatusId.REJECTED)}>
        <label>
          {t("common.reason")}
          <input name="reason" />
        </label>
        {asset.status === "PENDING" ? (
          <>
            <button
              type="button"
              onClick={(event) =>
                act(AssetStatusId.VERIFIED)({ preventDefault() {}, currentTarget: event.currentTarget.form })
              }
              disabled={tx.busy}
            >
              {t("office.verify")}
            </button>
            <button type="submit" className="button-danger" disabled={tx.busy}>
              {t("office.reject")}
            </button>
          </>
        ) : null}
        {asset.status === "VERIFIED" ? (
          <button
            type="button"
            className="button-danger"
            onClick={(event) =>
              act(AssetStatusId.SUSPENDED)({ preventDefault() {}, currentTarget: event.currentTarget.form })
            }
            disabled={tx.busy}
          >
            {t("office.suspend")}
          </button>
        ) : null}
        {asset.status === "SUSPENDED" ? (
          <button
            type="button"
            onClick={(event) =>
              act(AssetStatusId.VERIFIED)({ preventDefault() {}, currentTarget: event.currentTarget.form })
            }
            disabled={tx.busy}
          >
            {t("office.reinstate")}
          </button>
        ) : null}
        {asset.status !== "PENDING" ? (
          <button
            type="button"
            className="button-danger"
            onClick={(event) =>
              act(AssetStatusId.REVOKED)({ preventDefault() {}, currentTarget: event.currentTarget.form })
            }
            disabled={tx.busy}
          >
            {t("office.revoke")}
          </button>
        ) : null}
      </form>
      <TxStatus state={tx.state} />
    </li>
  );
}

function AgreementDecision({
  view,
  access,
  onChange,
}: {
  view: AgreementView;
  access: ChainAccess;
  onChange(): void;
}) {
  const { t, locale } = useI18n();
  const tx = useTransaction();
  const register = async () => {
    const terms = await listingTerms(
      access.read,
      access.fromBlock,
      view.agreement.offer.assetId,
      view.agreement.offer.listingEpoch,
    );
    if (
      await tx.run(async () =>
        (await access.write()).exchange.registerAgreement(view.id, view.agreement, terms),
      )
    )
      onChange();
  };
  const refuse = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!reason) {
      tx.fail(t("office.reasonRequired"));
      return;
    }
    if (
      await tx.run(async () =>
        (await access.write()).exchange.refuseAgreement(view.id, view.agreement, keccakText(reason)),
      )
    )
      onChange();
  };
  return (
    <li className="row" data-agreement-id={view.id.toString()}>
      <div className="row-head">
        <strong>{t("agreement.label", { id: view.id.toString() })}</strong>
        <span>{t(`deal.${dealTypeNames[Number(view.agreement.offer.dealType)]}` as MessageKey)}</span>
        <span>{formatVnd(view.agreement.offer.amount, locale)}</span>
      </div>
      <p className="muted">
        {t("agreement.seller")} <OrgName address={view.agreement.seller} /> · {t("agreement.buyer")}{" "}
        <OrgName address={view.agreement.offer.buyer} /> · {t("agreement.document")}{" "}
        <Hash value={view.agreement.documentHash} />
      </p>
      <p className="muted">
        {t("office.deadline", { date: formatDateTime(Number(view.agreement.registrationDeadline), locale) })}
      </p>
      <div className="actions">
        <button type="button" onClick={register} disabled={tx.busy}>
          {t("office.register")}
        </button>
        <Link href={`/audit?agreement=${view.id}`}>{t("agreement.verify")}</Link>
      </div>
      <form className="inline-form" onSubmit={refuse}>
        <label>
          {t("common.reason")}
          <input name="reason" />
        </label>
        <button type="submit" className="button-danger" disabled={tx.busy}>
          {t("office.refuse")}
        </button>
      </form>
      <TxStatus state={tx.state} />
    </li>
  );
}

function LicenceRevocation({ access }: { access: ChainAccess }) {
  const { t } = useI18n();
  const tx = useTransaction();
  const revoke = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const licenceId = String(form.get("licenceId") ?? "").trim();
    const reason = String(form.get("reason") ?? "").trim();
    if (!/^\d+$/.test(licenceId) || !reason) {
      tx.fail(t("office.reasonRequired"));
      return;
    }
    await tx.run(async () => (await access.write()).licences.revoke(BigInt(licenceId), keccakText(reason)));
  };
  return (
    <section aria-labelledby="revoke-licence" className="panel">
      <h2 id="revoke-licence">{t("office.revokeLicence")}</h2>
      <form className="grid-form" onSubmit={revoke}>
        <label>
          {t("office.licenceId")}
          <input name="licenceId" inputMode="numeric" required />
        </label>
        <label>
          {t("common.reason")}
          <input name="reason" required />
        </label>
        <div className="wide">
          <button type="submit" className="button-danger" disabled={tx.busy}>
            {t("office.revoke")}
          </button>
        </div>
      </form>
      <TxStatus state={tx.state} />
    </section>
  );
}
