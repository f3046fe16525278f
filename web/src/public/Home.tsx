// Home: browse the listings, filtered by field, kind, deal type, price and status (the fields to
// choose from are the search's facet); or search the technologies (Vietnamese with or without
// diacritics, or English), narrowed by the facets of the results (SearchResults).
import type { FormEvent } from "react";
import {
  api,
  assetKinds,
  dealTypes,
  listingStates,
  type AssetKind,
  type DealType,
  type ListingFilters,
  type ListingState,
  type ListingSummary,
} from "../api/client.ts";
import { Link, navigate, useLocation } from "../app/router.tsx";
import { useI18n, type MessageKey, type Translate } from "../i18n/i18n.tsx";
import { formatVnd, shortId } from "../shared/format.ts";
import { useRefresh } from "../shared/live.tsx";
import { Pager } from "../shared/Pager.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Loading, StatusBadge } from "../shared/ui.tsx";
import { SearchResults } from "./SearchResults.tsx";

const PAGE_SIZE = 12;

function filtersFrom(query: URLSearchParams): ListingFilters {
  const dealType = (query.get("dealType") as DealType | null) ?? undefined;
  return {
    q: query.get("q") ?? undefined,
    field: query.get("field") ?? undefined,
    kind: (query.get("kind") as AssetKind | null) ?? undefined,
    dealType,
    minPrice: dealType ? (query.get("minPrice") ?? undefined) : undefined,
    maxPrice: dealType ? (query.get("maxPrice") ?? undefined) : undefined,
    state: (query.get("state") as ListingState | null) ?? "OPEN",
    page: Number(query.get("page") ?? 1) || 1,
    limit: PAGE_SIZE,
  };
}

export function Home() {
  const { t } = useI18n();
  const { query } = useLocation();
  const searching = Boolean(query.get("q")?.trim());

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const [name, value] of form.entries())
      if (typeof value === "string" && value.trim()) next.set(name, value.trim());
    navigate(`/?${next.toString()}`);
  };

  return (
    <>
      <section className="hero">
        <h1>{t("home.title")}</h1>
        <p>{t("home.lead")}</p>
      </section>
      <form className="search" role="search" onSubmit={submit} aria-label={t("home.searchLabel")}>
        <div className="search-row">
          <label htmlFor="q" className="visually-hidden">
            {t("home.searchLabel")}
          </label>
          <input
            id="q"
            name="q"
            type="search"
            key={query.get("q") ?? ""}
            defaultValue={query.get("q") ?? undefined}
            placeholder={t("home.searchPlaceholder")}
          />
          <button type="submit">{t("home.search")}</button>
        </div>
        {searching ? null : <Filters filters={filtersFrom(query)} />}
      </form>
      {searching ? <SearchResults query={query} /> : <Listings query={query} />}
    </>
  );
}

function Listings({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const filters = filtersFrom(query);
  const [version] = useRefresh();
  const result = useAsync(() => api.listings(filters), [query.toString(), version]);
  return (
    <section aria-labelledby="results-title">
      <h2 id="results-title">{t("home.results")}</h2>
      {result.state === "loading" ? <Loading cards={6} /> : null}
      {result.state === "error" ? <ErrorNotice error={result.error} /> : null}
      {result.state === "ok" ? (
        <>
          <p className="muted" role="status">
            {t("home.count", { count: result.data.total })}
          </p>
          {result.data.items.length === 0 ? <p>{t("home.none")}</p> : null}
          <ul className="cards">
            {result.data.items.map((listing) => (
              <ListingCard key={listing.id} listing={listing} />
            ))}
          </ul>
          <Pager
            page={result.data.page}
            total={result.data.total}
            limit={result.data.limit}
            href={(target) => pageHref(query, target)}
          />
        </>
      ) : null}
    </section>
  );
}

function Filters({ filters }: { filters: ListingFilters }) {
  const { t } = useI18n();
  // the fields assets are filed under, as the search counts them
  const fields = useAsync(() => api.search({ limit: 1 }), []);
  const known = fields.state === "ok" ? fields.data.facets.field.map((f) => f.value) : [];
  const fieldChoices = filters.field && !known.includes(filters.field) ? [...known, filters.field] : known;
  return (
    <details className="filters" open={Boolean(filters.kind || filters.dealType || filters.field)}>
      <summary>{t("home.filters")}</summary>
      <div className="grid-form">
        <label>
          {t("filter.field")}
          <select name="field" defaultValue={filters.field ?? ""} key={fieldChoices.join("\n")}>
            <option value="">{t("filter.any")}</option>
            {fieldChoices.map((field) => (
              <option key={field} value={field}>
                {field}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filter.kind")}
          <select name="kind" defaultValue={filters.kind ?? ""}>
            <option value="">{t("filter.any")}</option>
            {assetKinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`kind.${kind}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filter.dealType")}
          <select name="dealType" defaultValue={filters.dealType ?? ""}>
            <option value="">{t("filter.any")}</option>
            {dealTypes.map((deal) => (
              <option key={deal} value={deal}>
                {t(`deal.${deal}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t("filter.minPrice")}
          <input
            name="minPrice"
            inputMode="numeric"
            pattern="[0-9]*"
            defaultValue={filters.minPrice}
            aria-describedby="price-hint"
          />
        </label>
        <label>
          {t("filter.maxPrice")}
          <input
            name="maxPrice"
            inputMode="numeric"
            pattern="[0-9]*"
            defaultValue={filters.maxPrice}
            aria-describedby="price-hint"
          />
        </label>
        <label>
          {t("filter.status")}
          <select name="state" defaultValue={filters.state ?? "OPEN"}>
            {listingStates.map((state) => (
              <option key={state} value={state}>
                {t(`status.${state}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p id="price-hint" className="muted">
        {t("filter.priceHint")}
      </p>
    </details>
  );
}

/** The title in the user's language; before the asset's description reaches the index, its short id. */
export function assetTitle(
  asset: { title: string | null; titleEn: string | null; tokenId?: string },
  language: string,
  t: Translate,
): string {
  const title = language === "en" ? (asset.titleEn ?? asset.title) : (asset.title ?? asset.titleEn);
  return (
    title ?? (asset.tokenId ? t("asset.untitledId", { id: shortId(asset.tokenId) }) : t("asset.untitled"))
  );
}

function ListingCard({ listing }: { listing: ListingSummary }) {
  const { t, language, locale } = useI18n();
  const prices: [DealType, string | null][] = [
    ["ASSIGNMENT", listing.assignmentPrice],
    ["EXCLUSIVE_LICENCE", listing.exclusiveLicencePrice],
    ["NON_EXCLUSIVE_LICENCE", listing.nonExclusiveLicencePrice],
  ];
  return (
    <li className="card">
      <h3>
        <Link href={`/listings/${listing.id}`}>{assetTitle(listing.asset, language, t)}</Link>
      </h3>
      <p className="muted">
        {t(`kind.${listing.asset.kind}` as MessageKey)}
        {listing.asset.field ? ` · ${listing.asset.field}` : ""}
        {listing.asset.trl ? ` · TRL ${listing.asset.trl}` : ""}
      </p>
      <dl className="prices">
        {prices
          .filter(([, price]) => price !== null)
          .map(([deal, price]) => (
            <div key={deal}>
              <dt>{t(`deal.${deal}` as MessageKey)}</dt>
              <dd>{formatVnd(price, locale)}</dd>
            </div>
          ))}
      </dl>
      <StatusBadge status={listing.state} />
    </li>
  );
}

/** The home page's URL for page `target` of the current query. */
export function pageHref(query: URLSearchParams, target: number): string {
  const next = new URLSearchParams(query);
  next.set("page", String(target));
  return `/?${next.toString()}`;
}
