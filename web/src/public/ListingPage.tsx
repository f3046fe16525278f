// A listing: the asset it offers, the prices per deal type, the licence terms, its history, and
// (for a connected member) the offer form, which loads with ethers only when needed.
import { lazy, Suspense } from "react";
import { api, type DealType } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { useReadyWallet } from "../chain/wallet.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatVnd } from "../shared/format.ts";
import { useRefresh } from "../shared/live.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Field, Loading, StatusBadge, Timeline } from "../shared/ui.tsx";
import { assetTitle } from "./Home.tsx";
import { OrgName } from "../shared/OrgName.tsx";

const OfferForm = lazy(() => import("../buyer/OfferForm.tsx"));
const ChainListing = lazy(() => import("../buyer/ChainListing.tsx"));

export function ListingPage({ id }: { id: string }) {
  const { t, language, locale } = useI18n();
  const wallet = useReadyWallet();
  const [version] = useRefresh();
  const result = useAsync(() => api.listing(id), [id, version]);
  if (result.state === "loading") return <Loading />;
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
  const days = listing.licenceDurationSeconds
    ? Math.round(Number(listing.licenceDurationSeconds) / 86_400)
    : null;
  return (
    <article>
      <p className="muted">{t("listing.label")}</p>
      <h1>{assetTitle(listing.asset, language, t)}</h1>
      <StatusBadge status={listing.state} />
      <section aria-labelledby="prices-title">
        <h2 id="prices-title">{t("listing.prices")}</h2>
        <dl className="fields">
          {offered.map(([deal, price]) => (
            <Field key={deal} label={t(`deal.${deal}` as MessageKey)}>
              {formatVnd(price, locale)}
            </Field>
          ))}
        </dl>
      </section>
      <section aria-labelledby="terms-title">
        <h2 id="terms-title">{t("listing.terms")}</h2>
        <dl className="fields">
          <Field label={t("terms.territory")}>{listing.territory ?? "—"}</Field>
          <Field label={t("terms.fieldOfUse")}>{listing.fieldOfUse ?? "—"}</Field>
          <Field label={t("terms.duration")}>
            {days === null || days === 0 ? t("terms.untilExpiry") : t("terms.days", { days })}
          </Field>
          <Field label={t("terms.sublicensing")}>
            {listing.sublicensingAllowed ? t("common.yes") : t("common.no")}
          </Field>
          <Field label={t("terms.royalty")}>
            {listing.royaltyBps === null ? "—" : `${listing.royaltyBps / 100}%`}
          </Field>
          <Field label={t("listing.seller")}>
            <OrgName address={listing.seller} />
          </Field>
          <Field label={t("listing.offers")}>{listing.offerCount}</Field>
        </dl>
        <p>
          <Link href={`/assets/${listing.assetTokenId}`}>{t("listing.seeAsset")}</Link>
        </p>
      </section>
      {listing.state === "OPEN" ? (
        <section aria-labelledby="offer-title" className="panel">
          <h2 id="offer-title">{t("offer.title")}</h2>
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
    </article>
  );
}
