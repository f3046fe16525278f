// A listing: what is offered and by whom, the price and the way to offer first (pinned to the
// bottom of a phone's screen), then the abstract, the licence terms in words and the history. The
// offer form loads with ethers only when needed, and never on one's own listing.
import { lazy, Suspense } from "react";
import { api, type DealType } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { useReadyWallet } from "../chain/wallet.tsx";
import { isMessageKey, useI18n, type MessageKey, type Translate } from "../i18n/i18n.tsx";
import { durationParts, formatVnd } from "../shared/format.ts";
import { useRefresh } from "../shared/live.tsx";
import { OrgName } from "../shared/OrgName.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Field, Loading, StatusBadge, Timeline } from "../shared/ui.tsx";
import { assetTitle } from "./Home.tsx";

const OfferForm = lazy(() => import("../buyer/OfferForm.tsx"));
const ChainListing = lazy(() => import("../buyer/ChainListing.tsx"));

/** "VN" and the like in words; anything else as the seller wrote it. */
export function territoryInWords(territory: string | null, t: Translate): string {
  if (!territory) return "—";
  const code = territory.trim().toUpperCase();
  const key = `territory.${code === "GLOBAL" || code === "WW" || code === "*" ? "WORLD" : code}`;
  return isMessageKey(key) ? t(key) : territory;
}

export function durationInWords(seconds: string | null, t: Translate): string {
  if (!seconds || Number(seconds) === 0) return t("terms.untilExpiry");
  const { unit, n } = durationParts(seconds);
  return t(`terms.${unit}` as MessageKey, { n });
}

export function ListingPage({ id }: { id: string }) {
  const { t, language, locale } = useI18n();
  const wallet = useReadyWallet();
  const [version] = useRefresh();
  const result = useAsync(() => api.listing(id), [id, version]);
  const assetId = result.state === "ok" ? result.data.assetTokenId : null;
  const asset = useAsync(() => (assetId ? api.asset(assetId) : Promise.resolve(null)), [assetId]);
  if (result.state === "loading") return <Loading lines={8} />;
  if (result.state === "error") {
    return (
      <>
        <ErrorNotice error={result.error} />
        {wallet ? (
          <Suspense fallback={<Loading />}>
            <ChainListing assetId={id.split("-")[0]} />
          </Suspense>
        ) : null}
      </>
    );
  }
  const listing = result.data;
  const prices: [DealType, string | null][] = [
    ["ASSIGNMENT", listing.assignmentPrice],
    ["EXCLUSIVE_LICENCE", listing.exclusiveLicencePrice],
    ["NON_EXCLUSIVE_LICENCE", listing.nonExclusiveLicencePrice],
  ];
  const offered = prices.filter(([, price]) => price !== null) as [DealType, string][];
  const lowest = offered.reduce<bigint | null>(
    (low, [, price]) => (low === null || BigInt(price) < low ? BigInt(price) : low),
    null,
  );
  const own = wallet?.account.toLowerCase() === listing.seller.toLowerCase();
  const canOffer = listing.state === "OPEN" && !own;
  const details = asset.state === "ok" ? asset.data : null;
  const abstract = details
    ? language === "en"
      ? (details.abstractEn ?? details.abstract)
      : (details.abstract ?? details.abstractEn)
    : null;
  return (
    <article className="listing">
      <p className="muted">{t("listing.label")}</p>
      <h1>{assetTitle(listing.asset, language, t)}</h1>
      <p className="listing-meta">
        <StatusBadge status={listing.state} /> {t(`kind.${listing.asset.kind}` as MessageKey)}
        {listing.asset.field ? ` · ${listing.asset.field}` : ""}
        {listing.asset.trl ? ` · TRL ${listing.asset.trl}` : ""}
      </p>
      <p>
        {t("listing.seller")}: <OrgName address={listing.seller} />
      </p>
      <section aria-labelledby="prices-title" className="panel deal-summary">
        <h2 id="prices-title">{t("listing.prices")}</h2>
        <dl className="prices">
          {offered.map(([deal, price]) => (
            <div key={deal}>
              <dt>{t(`deal.${deal}` as MessageKey)}</dt>
              <dd>{formatVnd(price, locale)}</dd>
            </div>
          ))}
        </dl>
        {canOffer ? (
          <a className="button" href="#offer-title">
            {t("offer.toForm")}
          </a>
        ) : null}
        {own ? <p className="muted">{t("offer.own")}</p> : null}
      </section>
      {abstract ? (
        <section aria-labelledby="abstract-title">
          <h2 id="abstract-title">{t("listing.abstract")}</h2>
          <p>{abstract}</p>
        </section>
      ) : null}
      <section aria-labelledby="terms-title">
        <h2 id="terms-title">{t("listing.terms")}</h2>
        <dl className="fields">
          <Field label={t("terms.territory")}>{territoryInWords(listing.territory, t)}</Field>
          <Field label={t("terms.fieldOfUse")}>{listing.fieldOfUse ?? "—"}</Field>
          <Field label={t("terms.duration")}>{durationInWords(listing.licenceDurationSeconds, t)}</Field>
          <Field label={t("terms.sublicensing")}>
            {listing.sublicensingAllowed ? t("common.yes") : t("common.no")}
          </Field>
          <Field label={t("terms.royalty")}>
            {listing.royaltyBps === null ? "—" : `${listing.royaltyBps / 100}%`}
          </Field>
          <Field label={t("listing.offers")}>{listing.offerCount}</Field>
        </dl>
        <p>
          <Link href={`/assets/${listing.assetTokenId}`}>{t("listing.seeAsset")}</Link>
        </p>
      </section>
      {canOffer ? (
        <section aria-labelledby="offer-title" className="panel" id="offer">
          <h2 id="offer-title" tabIndex={-1}>
            {t("offer.title")}
          </h2>
          {wallet ? (
            <Suspense fallback={<Loading />}>
              <OfferForm assetId={listing.assetTokenId} prices={offered} />
            </Suspense>
          ) : (
            <p>{t("offer.connectFirst")}</p>
          )}
        </section>
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history.title")}</h2>
        <Timeline entries={listing.history} />
      </section>
      {canOffer && lowest !== null ? (
        <div className="offer-bar" data-testid="offer-bar">
          <span>{t("listing.from", { price: formatVnd(lowest, locale) })}</span>
          <a className="button" href="#offer-title">
            {t("offer.toForm")}
          </a>
        </div>
      ) : null}
    </article>
  );
}
