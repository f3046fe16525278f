// A member organisation: its profile and what it has registered.
import { api } from "../api/client.ts";
import { Link } from "../app/router.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { formatDate } from "../shared/format.ts";
import { useAsync } from "../shared/useAsync.ts";
import { Address, ErrorNotice, Field, Loading, StatusBadge, Timeline } from "../shared/ui.tsx";
import { assetTitle } from "./Home.tsx";

export function OrganisationPage({ address }: { address: string }) {
  const { t, language, locale } = useI18n();
  const organisation = useAsync(() => api.organisation(address), [address]);
  const assets = useAsync(() => api.assets({ owner: address.toLowerCase(), limit: 50 }), [address]);
  return (
    <article>
      {organisation.state === "loading" ? <Loading /> : null}
      {organisation.state === "error" ? (
        <>
          <h1>
            <Address value={address} />
          </h1>
          <ErrorNotice error={organisation.error} />
        </>
      ) : null}
      {organisation.state === "ok" ? (
        <>
          <h1>
            {(language === "en"
              ? (organisation.data.nameEn ?? organisation.data.nameVi)
              : organisation.data.nameVi) ?? address}
          </h1>
          <dl className="fields">
            <Field label={t("org.address")}>
              <Address value={organisation.data.address} />
            </Field>
            <Field label={t("org.kind")}>
              {organisation.data.kind
                ? t(`org.kind.${organisation.data.kind.toLowerCase()}` as MessageKey)
                : "—"}
            </Field>
            <Field label={t("org.province")}>{organisation.data.province ?? "—"}</Field>
            <Field label={t("org.admitted")}>{formatDate(organisation.data.admittedAt, locale)}</Field>
            {organisation.data.website ? (
              <Field label={t("org.website")}>
                <a href={organisation.data.website} rel="noopener noreferrer">
                  {organisation.data.website}
                </a>
              </Field>
            ) : null}
          </dl>
        </>
      ) : null}
      <section aria-labelledby="org-assets">
        <h2 id="org-assets">{t("org.assets")}</h2>
        {assets.state === "loading" ? <Loading /> : null}
        {assets.state === "error" ? <ErrorNotice error={assets.error} /> : null}
        {assets.state === "ok" ? (
          assets.data.items.length === 0 ? (
            <p className="muted">{t("org.noAssets")}</p>
          ) : (
            <ul>
              {assets.data.items.map((asset) => (
                <li key={asset.tokenId}>
                  <Link href={`/assets/${asset.tokenId}`}>{assetTitle(asset, language, t)}</Link>{" "}
                  <StatusBadge status={asset.status} />
                </li>
              ))}
            </ul>
          )
        ) : null}
      </section>
      {organisation.state === "ok" && organisation.data.history ? (
        <section aria-labelledby="org-history">
          <h2 id="org-history">{t("history.title")}</h2>
          <Timeline entries={organisation.data.history} />
        </section>
      ) : null}
    </article>
  );
}
