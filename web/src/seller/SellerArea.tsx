// The seller's area: register assets, list verified ones, answer offers and accept them with the
// agreement document the buyer consented to.
import { useState } from "react";
import { RequireWallet, type ChainAccess } from "../chain/access.tsx";
import { assetsWhere, offersWhere, type AssetView, type OfferView } from "../chain/ledger.ts";
import { useI18n } from "../i18n/i18n.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Loading } from "../shared/ui.tsx";
import { AssetRow } from "./AssetRow.tsx";
import { OfferRow } from "./OfferRow.tsx";
import { RegisterAsset } from "./RegisterAsset.tsx";

export default function SellerArea() {
  const { t } = useI18n();
  return (
    <section aria-labelledby="seller-title">
      <h1 id="seller-title">{t("seller.title")}</h1>
      <p className="lead">{t("seller.lead")}</p>
      <RequireWallet role="MEMBER">{(access) => <SellerDesk access={access} />}</RequireWallet>
    </section>
  );
}

function SellerDesk({ access }: { access: ChainAccess }) {
  const { t } = useI18n();
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);
  const data = useAsync(async () => {
    const assets = await assetsWhere(access.read, access.fromBlock, access.account);
    const offers = (
      await Promise.all(
        assets.map((asset) => offersWhere(access.read, access.fromBlock, { assetId: asset.id })),
      )
    ).flat();
    return { assets, offers };
  }, [access, version]);

  return (
    <>
      <RegisterAsset access={access} onDone={refresh} />
      <section aria-labelledby="my-assets">
        <h2 id="my-assets">{t("seller.myAssets")}</h2>
        {data.state === "loading" ? <Loading /> : null}
        {data.state === "error" ? <ErrorNotice error={data.error} /> : null}
        {data.state === "ok" ? (
          <AssetList assets={data.data.assets} access={access} onChange={refresh} />
        ) : null}
      </section>
      <section aria-labelledby="incoming-offers">
        <h2 id="incoming-offers">{t("seller.offers")}</h2>
        {data.state === "ok" ? (
          <OfferList offers={data.data.offers} access={access} onChange={refresh} />
        ) : null}
      </section>
    </>
  );
}

function AssetList({
  assets,
  access,
  onChange,
}: {
  assets: AssetView[];
  access: ChainAccess;
  onChange(): void;
}) {
  const { t } = useI18n();
  if (assets.length === 0) return <p className="muted">{t("seller.noAssets")}</p>;
  return (
    <ul className="rows">
      {assets.map((asset) => (
        <AssetRow key={asset.id.toString()} asset={asset} access={access} onChange={onChange} />
      ))}
    </ul>
  );
}

function OfferList({
  offers,
  access,
  onChange,
}: {
  offers: OfferView[];
  access: ChainAccess;
  onChange(): void;
}) {
  const { t } = useI18n();
  const open = offers.filter((offer) => offer.status === "OPEN");
  if (open.length === 0) return <p className="muted">{t("seller.noOffers")}</p>;
  return (
    <ul className="rows">
      {open.map((offer) => (
        <OfferRow key={offer.id.toString()} view={offer} access={access} onChange={onChange} />
      ))}
    </ul>
  );
}
