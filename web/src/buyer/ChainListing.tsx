// A listing read straight from the chain (its `ListingCreated` event and current state), for when
// the index cannot answer: a member with a wallet can still see the terms and make an offer.
import type { DealType } from "../api/client.ts";
import { useChainAccess } from "../chain/access.tsx";
import { dealTypeNames } from "../chain/ledger.ts";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatVnd } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { Field, Loading, StatusBadge } from "../shared/ui.tsx";
import OfferForm from "./OfferForm.tsx";

const listingStatusNames = ["NONE", "OPEN", "PAUSED", "CLOSED"] as const;

export default function ChainListing({ assetId }: { assetId: string }) {
  const { t, locale } = useI18n();
  const access = useChainAccess();
  const listing = useAsync(async () => {
    if (!access) return null;
    const id = BigInt(assetId);
    const record = await access.read.exchange.listing(id);
    const logs = await access.read.exchange.queryFilter(
      access.read.exchange.filters.ListingCreated(id),
      access.fromBlock,
    );
    const created = logs.reverse().find((log) => "args" in log && log.args.epoch === record.epoch);
    if (!created || !("args" in created)) return null;
    const mask = Number(created.args.dealTypes);
    const prices = dealTypeNames
      .map(
        (deal, index) =>
          [deal, (created.args.askingPrices[index] as bigint).toString(), (mask >> index) & 1] as const,
      )
      .filter(([, , listed]) => listed === 1)
      .map(([deal, price]) => [deal, price] as [DealType, string]);
    return { status: listingStatusNames[Number(record.status)] ?? "NONE", prices, terms: created.args.terms };
  }, [assetId, access]);
  if (listing.state === "loading") return <Loading />;
  if (listing.state !== "ok" || !listing.data) return null;
  const { status, prices, terms } = listing.data;
  return (
    <section aria-labelledby="chain-listing" className="panel">
      <h2 id="chain-listing">{t("listing.fromChain")}</h2>
      <StatusBadge status={status} />
      <dl className="fields">
        {prices.map(([deal, price]) => (
          <Field key={deal} label={t(`deal.${deal}` as MessageKey)}>
            {formatVnd(price, locale)}
          </Field>
        ))}
        <Field label={t("terms.territory")}>{String(terms.territory)}</Field>
        <Field label={t("terms.fieldOfUse")}>{String(terms.fieldOfUse) || "—"}</Field>
      </dl>
      {status === "OPEN" ? (
        <>
          <h3>{t("offer.title")}</h3>
          <OfferForm assetId={assetId} prices={prices} />
        </>
      ) : null}
    </section>
  );
}
