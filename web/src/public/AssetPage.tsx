// An asset's verified record, its documents, owner, licences and on-chain history.
import { api } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDate, shortId } from "../shared/format.ts";
import { useRefresh } from "../shared/live.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Field, Hash, Loading, StatusBadge, Timeline } from "../shared/ui.tsx";
import { assetTitle } from "./Home.tsx";
import { OrgName } from "../shared/OrgName.tsx";

export function AssetPage({ id }: { id: string }) {
  const { t, language, locale } = useI18n();
  const [version] = useRefresh();
  const result = useAsync(() => api.asset(id), [id, version]);
  if (result.state === "loading") return <Loading />;
  if (result.state === "error") return <ErrorNotice error={result.error} />;
  const asset = result.data;
  const abstract =
    language === "en" ? (asset.abstractEn ?? asset.abstract) : (asset.abstract ?? asset.abstractEn);
  const documentLink = asset.metadataUri?.startsWith("/api/documents/")
    ? asset.metadataUri
    : api.documentUrl(asset.contentHash);
  return (
    <article>
      <p className="muted">{t("asset.label", { id: shortId(asset.tokenId) })}</p>
      <h1>{assetTitle(asset, language, t)}</h1>
      <StatusBadge status={asset.status} />
      {abstract ? <p>{abstract}</p> : null}
      <section aria-labelledby="record-title">
        <h2 id="record-title">{t("asset.record")}</h2>
        <dl className="fields">
          <Field label={t("asset.kind")}>{t(`kind.${asset.kind}` as MessageKey)}</Field>
          <Field label={t("asset.field")}>{asset.field ?? "—"}</Field>
          <Field label={t("asset.trl")}>{asset.trl ?? "—"}</Field>
          <Field label={t("asset.owner")}>
            <OrgName address={asset.owner} />
          </Field>
          <Field label={t("asset.protectionEnds")}>{formatDate(asset.protectionExpiresAt, locale)}</Field>
          <Field label={t("asset.registered")}>{formatDate(asset.registeredAt, locale)}</Field>
          <Field label={t("asset.verified")}>{formatDate(asset.verifiedAt, locale)}</Field>
          <Field label={t("asset.registrationHash")}>
            <Hash value={asset.registrationNumberHash} />
          </Field>
          {asset.coOwners.length > 0 ? (
            <Field label={t("asset.coOwners")}>
              {asset.coOwners.map((co) => (
                <OrgName key={co.address} address={co.address} />
              ))}
            </Field>
          ) : null}
        </dl>
      </section>
      <section aria-labelledby="documents-title">
        <h2 id="documents-title">{t("asset.documents")}</h2>
        <p>
          <a href={documentLink}>{t("asset.metadataDocument")}</a> — <Hash value={asset.contentHash} />
        </p>
        <p className="muted">{t("asset.documentsHint")}</p>
      </section>
      {asset.currentListing ? (
        <p>
          <Link className="button" href={`/listings/${asset.currentListing.id}`}>
            {t("asset.seeListing")}
          </Link>
        </p>
      ) : null}
      {asset.licences.length > 0 ? (
        <section aria-labelledby="licences-title">
          <h2 id="licences-title">{t("asset.licences")}</h2>
          <ul>
            {asset.licences.map((licence) => (
              <li key={licence.id}>
                #{licence.id} · <OrgName address={licence.licensee} /> ·{" "}
                {licence.exclusive ? t("licence.exclusive") : t("licence.nonExclusive")} ·{" "}
                {t("licence.until", { date: formatDate(licence.endsAt, locale) })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t("history.title")}</h2>
        <Timeline entries={asset.history} />
      </section>
    </article>
  );
}
