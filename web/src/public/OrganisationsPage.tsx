// The directory of member organisations: who they are, where, and how to reach them.
import type { FormEvent } from "react";
import { api } from "../api/client.ts";
import { Link, navigate, useLocation } from "../app/router.tsx";
import { useI18n, type MessageKey } from "../i18n/i18n.tsx";
import { organisationName } from "../shared/OrgName.tsx";
import { Pager } from "../shared/Pager.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { CopyButton, ErrorNotice, Loading } from "../shared/ui.tsx";

const PAGE_SIZE = 20;

export function OrganisationsPage() {
  const { t, language } = useI18n();
  const { query } = useLocation();
  const q = query.get("q") ?? "";
  const page = Number(query.get("page") ?? 1) || 1;
  const result = useAsync(() => api.organisations({ q: q || undefined, page, limit: PAGE_SIZE }), [q, page]);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    navigate(text ? `/organisations?q=${encodeURIComponent(text)}` : "/organisations");
  };
  return (
    <section aria-labelledby="directory-title">
      <h1 id="directory-title">{t("directory.title")}</h1>
      <p className="lead">{t("directory.lead")}</p>
      <form className="search-row" role="search" onSubmit={submit} aria-label={t("directory.search")}>
        <label htmlFor="directory-q" className="visually-hidden">
          {t("directory.search")}
        </label>
        <input id="directory-q" name="q" type="search" defaultValue={q} />
        <button type="submit">{t("home.search")}</button>
      </form>
      {result.state === "loading" ? <Loading cards={4} /> : null}
      {result.state === "error" ? <ErrorNotice error={result.error} /> : null}
      {result.state === "ok" ? (
        <>
          <p className="muted" role="status">
            {t("home.count", { count: result.data.total })}
          </p>
          <ul className="cards" data-testid="directory">
            {result.data.items.map((organisation) => (
              <li key={organisation.address} className="card" data-address={organisation.address}>
                <h2 className="card-title">
                  <Link href={`/organisations/${organisation.address}`}>
                    {organisationName(organisation, language) ?? organisation.address}
                  </Link>
                </h2>
                <p className="muted">
                  {organisation.kind ? t(`org.kind.${organisation.kind.toLowerCase()}` as MessageKey) : null}
                  {organisation.province ? ` · ${organisation.province}` : ""}
                </p>
                <ul className="contact">
                  {organisation.contactEmail ? (
                    <li>
                      <a href={`mailto:${organisation.contactEmail}`}>{organisation.contactEmail}</a>
                    </li>
                  ) : null}
                  {organisation.contactPhone ? (
                    <li>
                      <a href={`tel:${organisation.contactPhone.replace(/[^+\d]/g, "")}`}>
                        {organisation.contactPhone}
                      </a>
                    </li>
                  ) : null}
                  {organisation.website ? (
                    <li>
                      <a href={organisation.website} rel="noopener noreferrer">
                        {organisation.website.replace(/^https?:\/\//, "")}
                      </a>
                    </li>
                  ) : null}
                  <li>
                    <code className="address break">{organisation.address}</code>{" "}
                    <CopyButton text={organisation.address} />
                  </li>
                </ul>
              </li>
            ))}
          </ul>
          <Pager
            page={result.data.page}
            total={result.data.total}
            limit={result.data.limit}
            href={(target) => {
              const next = new URLSearchParams(query);
              next.set("page", String(target));
              return `/organisations?${next.toString()}`;
            }}
          />
        </>
      ) : null}
    </section>
  );
}
