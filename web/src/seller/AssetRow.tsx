// One of the seller's assets: its status, and for a verified one the listing it has or the form
// that lists it (deal types, prices, licence terms).
import { useState, type FormEvent } from "react";
import type { ChainAccess } from "../chain/access.tsx";
import type { AssetView } from "../chain/ledger.ts";
import { TxStatus, useTransaction } from "../chain/tx.tsx";
import { dealTypes } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDate } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { StatusBadge } from "../shared/ui.tsx";
import { AssetName } from "../shared/AssetName.tsx";

const listingStatusNames = ["NONE", "OPEN", "PAUSED", "CLOSED"] as const;

export function AssetRow({
  asset,
  access,
  onChange,
}: {
  asset: AssetView;
  access: ChainAccess;
  onChange(): void;
}) {
  const { t, locale } = useI18n();
  const tx = useTransaction();
  const [listingOpen, setListingOpen] = useState(false);
  const listing = useAsync(async () => {
    const record = await access.read.exchange.listing(asset.id);
    return { status: listingStatusNames[Number(record.status)] ?? "NONE", epoch: record.epoch as bigint };
  }, [asset.id, access, tx.state.phase]);
  const id = asset.id.toString();

  const list = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    let mask = 0;
    const prices: [bigint, bigint, bigint] = [0n, 0n, 0n];
    dealTypes.forEach((deal, index) => {
      const price = String(form.get(`price-${deal}`) ?? "").trim();
      if (form.get(`deal-${deal}`) && price) {
        mask |= 1 << index;
        prices[index] = BigInt(price);
      }
    });
    const terms = {
      territory: String(form.get("territory") ?? "VN"),
      fieldOfUse: String(form.get("fieldOfUse") ?? ""),
      duration: BigInt(Number(form.get("durationDays") ?? 0) * 86_400),
      sublicensing: form.get("sublicensing") === "on",
      royaltyBps: BigInt(Math.round(Number(form.get("royalty") ?? 0) * 100)),
    };
    const receipt = await tx.run(async () =>
      (await access.write()).exchange.createListing(asset.id, mask, prices, terms),
    );
    if (receipt) {
      setListingOpen(false);
      onChange();
    }
  };

  const setStatus = (status: number) =>
    tx.run(async () => (await access.write()).exchange.setListingStatus(asset.id, status)).then(onChange);

  const listingStatus = listing.state === "ok" ? listing.data.status : "NONE";
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
        {listingStatus !== "NONE" ? (
          <span>
            {t("seller.listing")} <StatusBadge status={listingStatus} />
          </span>
        ) : null}
      </div>
      <p className="muted">
        {t("seller.protectedUntil", { date: formatDate(Number(asset.protectionExpiry), locale) })}
      </p>
      <div className="actions">
        {asset.status === "VERIFIED" && (listingStatus === "NONE" || listingStatus === "CLOSED") ? (
          <button type="button" onClick={() => setListingOpen(!listingOpen)} aria-expanded={listingOpen}>
            {t("seller.list")}
          </button>
        ) : null}
        {listingStatus === "OPEN" ? (
          <>
            <Link href={`/listings/${id}-${listing.state === "ok" ? listing.data.epoch : 1}`}>
              {t("seller.seeListing")}
            </Link>
            <button type="button" className="button-quiet" onClick={() => setStatus(2)} disabled={tx.busy}>
              {t("seller.pause")}
            </button>
          </>
        ) : null}
        {listingStatus === "PAUSED" ? (
          <button type="button" className="button-quiet" onClick={() => setStatus(1)} disabled={tx.busy}>
            {t("seller.reopen")}
          </button>
        ) : null}
        {listingStatus === "OPEN" || listingStatus === "PAUSED" ? (
          <button type="button" className="button-quiet" onClick={() => setStatus(3)} disabled={tx.busy}>
            {t("seller.close")}
          </button>
        ) : null}
      </div>
      {listingOpen ? (
        <form className="grid-form" onSubmit={list} aria-label={t("seller.listForm")}>
          {dealTypes.map((deal) => (
            <fieldset key={deal} className="deal">
              <legend>{t(`deal.${deal}` as MessageKey)}</legend>
              <label className="check">
                <input type="checkbox" name={`deal-${deal}`} defaultChecked />
                {t("seller.offerThis")}
              </label>
              <label>
                {t("seller.price")}
                <input
                  name={`price-${deal}`}
                  inputMode="numeric"
                  pattern="[0-9]*"
                  defaultValue={
                    deal === "ASSIGNMENT"
                      ? "5000000000"
                      : deal === "EXCLUSIVE_LICENCE"
                        ? "2000000000"
                        : "500000000"
                  }
                />
              </label>
            </fieldset>
          ))}
          <label>
            {t("terms.territory")}
            <input name="territory" defaultValue="VN" required />
          </label>
          <label>
            {t("terms.fieldOfUse")}
            <input name="fieldOfUse" defaultValue="" />
          </label>
          <label>
            {t("seller.durationDays")}
            <input name="durationDays" type="number" min={0} defaultValue={730} />
          </label>
          <label>
            {t("seller.royaltyPercent")}
            <input name="royalty" type="number" min={0} max={100} step="0.01" defaultValue={3} />
          </label>
          <label className="check">
            <input type="checkbox" name="sublicensing" />
            {t("terms.sublicensing")}
          </label>
          <div className="wide">
            <button type="submit" disabled={tx.busy}>
              {t("seller.listSubmit")}
            </button>
          </div>
        </form>
      ) : null}
      <TxStatus state={tx.state} onClose={tx.clear} />
    </li>
  );
}
