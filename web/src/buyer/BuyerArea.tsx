// The buyer's area: its offers (withdraw, consent to the agreement document), agreements, licences
// and held assets, read from the chain.
import { useState, type FormEvent } from "react";
import { formatUnits } from "ethers";
import { api } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { RequireWallet, type ChainAccess } from "../chain/access.tsx";
import {
  agreementsWhere,
  assetsWhere,
  dealTypeNames,
  licencesOf,
  offersWhere,
  sha256Hex,
  type OfferView,
} from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDate, formatDateTime, formatVnd } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { Badge, ErrorNotice, Hash, Loading, StatusBadge } from "../shared/ui.tsx";
import { AssetName } from "../shared/AssetName.tsx";

export default function BuyerArea() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="buyer-title">
      <h1 id="buyer-title">{t("buyer.title")}</h1>
      <p className="lead">{t("buyer.lead")}</p>
      <RequireWallet role="MEMBER">{(access) => <BuyerDesk access={access} />}</RequireWallet>
    </section>
  );
}

const agreementStatusOf = (status: string, deadline: bigint) =>
  status === "ACCEPTED" ? (deadline === 0n ? "SETTLED" : "AWAITING_REGISTRATION") : status;

/** Closed without a deal: the escrow went back to the buyer in full. */
const refundedStatuses = new Set(["WITHDRAWN", "REJECTED", "EXPIRED", "REFUSED", "RECLAIMED"]);

function BuyerDesk({ access }: { access: ChainAccess }) {
  const { t, locale } = useI18n();
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const data = useAsync(async () => {
    const [offers, agreements, licences, assets, balance] = await Promise.all([
      offersWhere(access.read, access.fromBlock, { buyer: access.account }),
      agreementsWhere(access.read, access.fromBlock, { buyer: access.account }),
      licencesOf(access.read, access.fromBlock, access.account),
      assetsWhere(access.read, access.fromBlock, access.account),
      access.read.token.balanceOf(access.account) as Promise<bigint>,
    ]);
    return { offers, agreements, licences, assets, balance };
  }, [access, version]);

  if (data.state === "loading") return <Loading />;
  if (data.state === "error") return <ErrorNotice error={data.error} />;
  const { offers, agreements, licences, assets, balance } = data.data;
  const open = offers.filter((offer) => offer.status === "OPEN");
  return (
    <>
      <p className="panel" data-testid="balance">
        {t("buyer.balance", { amount: formatVnd(formatUnits(balance, 0), locale) })}
      </p>
      <section aria-labelledby="my-offers">
        <h2 id="my-offers">{t("buyer.offers")}</h2>
        {open.length === 0 ? <p className="muted">{t("buyer.noOffers")}</p> : null}
        <ul className="rows">
          {open.map((view) => (
            <BuyerOffer key={view.id.toString()} view={view} access={access} onChange={refresh} />
          ))}
        </ul>
        {offers.length > open.length ? (
          <details>
            <summary>{t("buyer.closedOffers", { count: offers.length - open.length })}</summary>
            <ul>
              {offers
                .filter((offer) => offer.status !== "OPEN")
                .map((offer) => (
                  <li key={offer.id.toString()} data-offer-id={offer.id.toString()}>
                    {t("offer.label", { id: offer.id.toString() })} · {formatVnd(offer.offer.amount, locale)}{" "}
                    · <StatusBadge status={offer.status} />
                    {refundedStatuses.has(offer.status) ? ` · ${t("buyer.refundedShort")}` : null}
                  </li>
                ))}
            </ul>
          </details>
        ) : null}
      </section>
      <section aria-labelledby="my-agreements">
        <h2 id="my-agreements">{t("buyer.agreements")}</h2>
        {agreements.length === 0 ? <p className="muted">{t("buyer.noAgreements")}</p> : null}
        <ul className="rows">
          {agreements.map((view) => (
            <li className="row" key={view.id.toString()} data-agreement-id={view.id.toString()}>
              <div className="row-head">
                <strong>{t("agreement.label", { id: view.id.toString() })}</strong>
                <span>{t(`deal.${dealTypeNames[Number(view.agreement.offer.dealType)]}` as MessageKey)}</span>
                <span>{formatVnd(view.agreement.offer.amount, locale)}</span>
                <StatusBadge status={agreementStatusOf(view.status, view.deadline)} />
              </div>
              {refundedStatuses.has(view.status) ? (
                <p>{t("buyer.refunded", { amount: formatVnd(view.agreement.offer.amount, locale) })}</p>
              ) : null}
              <p className="muted">
                <AssetName id={view.agreement.offer.assetId.toString()} /> · {t("agreement.document")}{" "}
                <Hash value={view.agreement.documentHash} /> ·{" "}
                <Link href={`/audit?agreement=${view.id}`} className="nowrap">
                  {t("agreement.verify")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="my-licences">
        <h2 id="my-licences">{t("buyer.licences")}</h2>
        {licences.length === 0 ? <p className="muted">{t("buyer.noLicences")}</p> : null}
        <ul className="rows">
          {licences.map((licence) => (
            <li className="row" key={licence.id.toString()} data-licence-id={licence.id.toString()}>
              <div className="row-head">
                <strong>{t("licence.label", { id: licence.id.toString() })}</strong>
                <span>{licence.exclusive ? t("licence.exclusive") : t("licence.nonExclusive")}</span>
                <Badge tone={licence.active ? "ok" : "bad"}>
                  {licence.active ? t("licence.active") : t("licence.inactive")}
                </Badge>
              </div>
              <p className="muted">
                <Link href={`/assets/${licence.assetId}`}>
                  <AssetName id={licence.assetId.toString()} />
                </Link>{" "}
                · {licence.territory} ·{" "}
                {t("licence.period", {
                  from: formatDate(Number(licence.start), locale),
                  to: formatDate(Number(licence.end), locale),
                })}
              </p>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="my-held">
        <h2 id="my-held">{t("buyer.assets")}</h2>
        {assets.length === 0 ? <p className="muted">{t("buyer.noAssets")}</p> : null}
        <ul className="rows">
          {assets.map((asset) => (
            <li className="row" key={asset.id.toString()} data-held-asset={asset.id.toString()}>
              <Link href={`/assets/${asset.id}`}>
                <AssetName id={asset.id.toString()} />
              </Link>{" "}
              <StatusBadge status={asset.status} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function BuyerOffer({ view, access, onChange }: { view: OfferView; access: ChainAccess; onChange(): void }) {
  const { t, locale } = useI18n();
  const tx = useTransaction();
  const consent = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("document");
    if (!(file instanceof File) || file.size === 0) return;
    const documentHash = await sha256Hex(await file.arrayBuffer());
    // the signed agreement is private to its parties, the IP office and auditors
    api.uploadDocument(file, file.name, { private: true }).catch(() => undefined);
    if (
      await tx.run(async () =>
        (await access.write()).exchange.approveAgreement(view.id, view.offer, documentHash),
      )
    )
      onChange();
  };
  const withdraw = async () => {
    if (await tx.run(async () => (await access.write()).exchange.withdrawOffer(view.id, view.offer)))
      onChange();
  };
  return (
    <li className="row" data-offer-id={view.id.toString()}>
      <div className="row-head">
        <strong>{t("offer.label", { id: view.id.toString() })}</strong>
        <span>{t(`deal.${dealTypeNames[Number(view.offer.dealType)]}` as MessageKey)}</span>
        <span>{formatVnd(view.offer.amount, locale)}</span>
        <StatusBadge status={view.status} />
      </div>
      <p className="muted">
        <Link href={`/assets/${view.offer.assetId}`}>
          <AssetName id={view.offer.assetId.toString()} />
        </Link>{" "}
        · {t("offer.expires", { date: formatDateTime(Number(view.offer.expiry), locale) })}
      </p>
      <form className="inline-form" onSubmit={consent}>
        <label>
          {t("buyer.consentDocument")}
          <input type="file" name="document" accept="application/pdf" required />
        </label>
        <button type="submit" disabled={tx.busy}>
          {t("buyer.consent")}
        </button>
      </form>
      <button type="button" className="button-danger" onClick={withdraw} disabled={tx.busy}>
        {t("buyer.withdraw")}
      </button>
      <TxStatus state={tx.state} onClose={tx.clear} />
    </li>
  );
}
