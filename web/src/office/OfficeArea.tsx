// The IP office clerk's desk: assets waiting for verification against the national register,
// agreements waiting for registration, the register of verified assets (suspend, reinstate,
// revoke) and licence revocation. Each queue is read from the chain, searchable, filterable and
// paged; each row shows what the clerk checks (registration number, documents, parties); every act
// is confirmed in words first and carries a reason, whose hash goes on-chain.
import { useCallback, useRef, useState } from "react";
import { api, type AssetSummary, type Organisation } from "../api/client.ts";
import { RequireWallet, type ChainAccess } from "../chain/access.tsx";
import {
  agreementsWhere,
  assetsWhere,
  dealTypeNames,
  type AgreementView,
  type AssetView,
} from "../chain/ledger.ts";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { assetTitle } from "../public/Home.tsx";
import { ConfirmDialog, type Confirmation } from "../shared/ConfirmDialog.tsx";
import { organisationName, organisationOf } from "../shared/OrgName.tsx";
import { shortAddress } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Loading } from "../shared/ui.tsx";
import { AgreementRow } from "./AgreementRow.tsx";
import { AssetRow } from "./AssetRow.tsx";
import { LicenceRevocation } from "./LicenceRevocation.tsx";
import { QueueControls, QueuePager } from "./QueueControls.tsx";
import { useQueue } from "./useQueue.ts";

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

/** What the desk knows beside the chain: titles from the index, names of the members. */
export interface DeskContext {
  access: ChainAccess;
  titles: Map<string, AssetSummary>;
  organisations: Map<string, Organisation | null>;
  titleOf(id: bigint | string): string;
  nameOf(address: string): string;
  confirm(request: Confirmation): void;
  onChange(): void;
}

interface DeskData {
  assets: AssetView[];
  agreements: AgreementView[];
  titles: Map<string, AssetSummary>;
  organisations: Map<string, Organisation | null>;
}

async function indexedAssets(): Promise<Map<string, AssetSummary>> {
  const titles = new Map<string, AssetSummary>();
  for (let page = 1; page <= 50; page++) {
    const result = await api.assets({ page, limit: 100 }).catch(() => null);
    if (!result) break;
    for (const asset of result.items) titles.set(asset.tokenId, asset);
    if (page * result.limit >= result.total) break;
  }
  return titles;
}

function OfficeDesk({ access }: { access: ChainAccess }) {
  const { t, language } = useI18n();
  const [version, setVersion] = useState(0);
  const [request, setRequest] = useState<Confirmation | null>(null);
  const onChange = useCallback(() => setVersion((v) => v + 1), []);
  const data = useAsync(async (): Promise<DeskData> => {
    const [assets, agreements, titles] = await Promise.all([
      assetsWhere(access.read, access.fromBlock),
      agreementsWhere(access.read, access.fromBlock, {}),
      indexedAssets(),
    ]);
    const addresses = new Set<string>();
    for (const asset of assets) addresses.add(asset.owner.toLowerCase());
    for (const view of agreements) {
      addresses.add(view.agreement.seller.toLowerCase());
      addresses.add(view.agreement.offer.buyer.toLowerCase());
    }
    const organisations = new Map(
      await Promise.all([...addresses].map(async (a) => [a, await organisationOf(a)] as const)),
    );
    return { assets, agreements, titles, organisations };
  }, [access, version]);
  // after an act the desk reloads behind the rows already shown, rather than blanking the page
  const shown = useRef<DeskData | null>(null);
  if (data.state === "ok") shown.current = data.data;
  if (data.state === "error") return <ErrorNotice error={data.error} />;
  if (!shown.current) return <Loading lines={6} />;
  const { assets, agreements, titles, organisations } = shown.current;
  const desk: DeskContext = {
    access,
    titles,
    organisations,
    titleOf: (id) => {
      const summary = titles.get(id.toString());
      return summary
        ? assetTitle(summary, language, t)
        : t("asset.untitledId", { id: id.toString().slice(0, 8) });
    },
    nameOf: (address) =>
      organisationName(organisations.get(address.toLowerCase()) ?? null, language) ?? shortAddress(address),
    confirm: setRequest,
    onChange,
  };
  return (
    <>
      <AssetQueue
        id="queue-assets"
        title={(count) => t("office.assetQueue", { count })}
        empty={t("office.noAssets")}
        assets={assets.filter((asset) => asset.status === "PENDING")}
        desk={desk}
        byStatus={false}
      />
      <AgreementQueue
        agreements={agreements.filter(
          (view) => view.status === "ACCEPTED" && view.agreement.registrationDeadline !== 0n,
        )}
        desk={desk}
      />
      <AssetQueue
        id="registered-assets"
        title={(count) => t("office.registeredCount", { count })}
        empty={t("office.noRegistered")}
        assets={assets.filter((asset) => asset.status !== "PENDING" && asset.status !== "NONE")}
        desk={desk}
        byStatus
      />
      <LicenceRevocation desk={desk} />
      <ConfirmDialog request={request} onClose={() => setRequest(null)} />
    </>
  );
}

function AssetQueue({
  id,
  title,
  empty,
  assets,
  desk,
  byStatus,
}: {
  id: string;
  title(count: number): string;
  empty: string;
  assets: AssetView[];
  desk: DeskContext;
  byStatus: boolean;
}) {
  const { t } = useI18n();
  const text = useCallback(
    (asset: AssetView) =>
      [
        desk.titleOf(asset.id),
        desk.titles.get(asset.id.toString())?.titleEn ?? "",
        desk.titles.get(asset.id.toString())?.field ?? "",
        desk.nameOf(asset.owner),
        asset.owner,
        asset.id.toString(),
      ].join(" "),
    [desk],
  );
  const filterOf = useCallback((asset: AssetView) => (byStatus ? asset.status : asset.kind), [byStatus]);
  const queue = useQueue(assets, text, filterOf);
  const options: [string, string][] = byStatus
    ? ["VERIFIED", "SUSPENDED", "REVOKED", "REJECTED"].map((s) => [s, t(`status.${s}` as MessageKey)])
    : [...new Set(assets.map((a) => a.kind))].map((k) => [k, t(`kind.${k}` as MessageKey)]);
  return (
    <section aria-labelledby={id} className="queue">
      <h2 id={id}>{title(assets.length)}</h2>
      {assets.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <QueuePager queue={queue} label={title(assets.length)}>
          <QueueControls
            id={id}
            title={title(assets.length)}
            queue={queue}
            filterLabel={byStatus ? t("filter.status") : t("filter.kind")}
            options={options}
          />
          <ul className="rows">
            {queue.visible.map((asset) => (
              <AssetRow key={asset.id.toString()} asset={asset} desk={desk} />
            ))}
          </ul>
        </QueuePager>
      )}
    </section>
  );
}

function AgreementQueue({ agreements, desk }: { agreements: AgreementView[]; desk: DeskContext }) {
  const { t } = useI18n();
  const text = useCallback(
    (view: AgreementView) =>
      [
        `#${view.id}`,
        view.id.toString(),
        desk.titleOf(view.agreement.offer.assetId),
        desk.nameOf(view.agreement.seller),
        desk.nameOf(view.agreement.offer.buyer),
      ].join(" "),
    [desk],
  );
  const filterOf = useCallback(
    (view: AgreementView) => dealTypeNames[Number(view.agreement.offer.dealType)],
    [],
  );
  const queue = useQueue(agreements, text, filterOf);
  const title = t("office.agreementQueue", { count: agreements.length });
  return (
    <section aria-labelledby="queue-agreements" className="queue">
      <h2 id="queue-agreements">{title}</h2>
      {agreements.length === 0 ? (
        <p className="muted">{t("office.noAgreements")}</p>
      ) : (
        <QueuePager queue={queue} label={title}>
          <QueueControls
            id="agreements"
            title={title}
            queue={queue}
            filterLabel={t("filter.dealType")}
            options={dealTypeNames.map((d) => [d, t(`deal.${d}` as MessageKey)])}
          />
          <ul className="rows">
            {queue.visible.map((view) => (
              <AgreementRow key={view.id.toString()} view={view} desk={desk} />
            ))}
          </ul>
        </QueuePager>
      )}
    </section>
  );
}
