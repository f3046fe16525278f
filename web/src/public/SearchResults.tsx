// Results of a search on the home page: most relevant first (or newest, or by price), the matched
// words highlighted in each title and in a passage of its abstract, and beside them the facets of
// the current query as choices — each value with how many results choosing it would give.
import {
  api,
  type AssetKind,
  type AssetStatus,
  type DealType,
  type SearchFacetName,
  type SearchFilters,
  type SearchHit,
  type SearchPage,
  type SearchSort,
  type TextPart,
} from "../api/client.ts";
import { Link, navigate } from "../app/router.tsx";
import { isMessageKey, useI18n, type MessageKey, type Translate } from "../i18n/i18n.tsx";
import { formatVnd } from "../shared/format.ts";
import { useRefresh } from "../shared/live.tsx";
import { useAsync } from "../shared/useAsync.ts";
import { ErrorNotice, Loading, StatusBadge } from "../shared/ui.tsx";
import { Pager } from "../shared/Pager.tsx";
import { assetTitle, pageHref } from "./Home.tsx";

const PAGE_SIZE = 12;
const sorts: readonly SearchSort[] = ["relevance", "newest", "price_asc", "price_desc"];
const facetOrder: readonly SearchFacetName[] = ["field", "kind", "dealType", "province", "status", "trl"];

export function searchFiltersFrom(query: URLSearchParams): SearchFilters {
  const text = (name: string) => query.get(name) ?? undefined;
  return {
    q: text("q"),
    field: text("field"),
    kind: text("kind") as AssetKind | undefined,
    dealType: text("dealType") as DealType | undefined,
    province: text("province"),
    status: text("status") as AssetStatus | undefined,
    trl: text("trl"),
    minPrice: text("minPrice"),
    maxPrice: text("maxPrice"),
    sort: text("sort") as SearchSort | undefined,
    page: Number(query.get("page") ?? 1) || 1,
    limit: PAGE_SIZE,
  };
}

/** The home page's address with one parameter set (or removed), back on the first page. */
function withParam(query: URLSearchParams, name: string, value: string | undefined): string {
  const next = new URLSearchParams(query);
  if (value === undefined) next.delete(name);
  else next.set(name, value);
  next.delete("page");
  return `/?${next.toString()}`;
}

/** A facet value as the user reads it: kinds, deal types and statuses translated, TRL as a band. */
function facetLabel(facet: SearchFacetName, value: string, t: Translate): string {
  const key = { kind: `kind.${value}`, dealType: `deal.${value}`, status: `status.${value}` }[
    facet as "kind" | "dealType" | "status"
  ];
  if (key && isMessageKey(key)) return t(key);
  if (facet === "trl") return t("search.trlBand", { band: value.replace("-", "–") });
  return value;
}

export function SearchResults({ query }: { query: URLSearchParams }) {
  const { t } = useI18n();
  const filters = searchFiltersFrom(query);
  const [version] = useRefresh();
  const result = useAsync(() => api.search(filters), [query.toString(), version]);
  if (result.state === "loading") return <Loading />;
  if (result.state === "error") return <ErrorNotice error={result.error} />;
  const { data } = result;
  return (
    <div className="search-layout">
      <Facets page={data} query={query} filters={filters} />
      <section aria-labelledby="results-title">
        <h2 id="results-title">{t("search.results")}</h2>
        <div className="search-summary">
          <p className="muted" role="status">
            {t("home.count", { count: data.total })}
          </p>
          <label>
            {t("search.sort")}{" "}
            <select
              value={filters.sort ?? "relevance"}
              onChange={(event) =>
                navigate(
                  withParam(
                    query,
                    "sort",
                    event.target.value === "relevance" ? undefined : event.target.value,
                  ),
                )
              }
            >
              {sorts.map((sort) => (
                <option key={sort} value={sort}>
                  {t(`search.sort.${sort}` as MessageKey)}
                </option>
              ))}
            </select>
          </label>
        </div>
        {data.corrections.map((c) => (
          <p key={c.from} className="muted">
            {t("search.corrected", { from: c.from, to: c.to })}
          </p>
        ))}
        {data.items.length === 0 ? <p>{t("search.none")}</p> : null}
        <ul className="rows search-hits">
          {data.items.map((hit) => (
            <Hit key={hit.tokenId} hit={hit} />
          ))}
        </ul>
        <Pager
          page={data.page}
          total={data.total}
          limit={data.limit}
          href={(target) => pageHref(query, target)}
        />
      </section>
    </div>
  );
}

function Facets({
  page,
  query,
  filters,
}: {
  page: SearchPage;
  query: URLSearchParams;
  filters: SearchFilters;
}) {
  const { t, locale } = useI18n();
  return (
    <aside className="facets" aria-label={t("search.facets")}>
      {facetOrder.map((facet) => {
        const chosen = filters[facet];
        const values = page.facets[facet];
        if (values.length === 0 && !chosen) return null;
        return (
          <nav key={facet} aria-label={t(`search.facet.${facet}` as MessageKey)}>
            <h3>{t(`search.facet.${facet}` as MessageKey)}</h3>
            <ul>
              {values.map(({ value, count }) => (
                <li key={value}>
                  <Link
                    href={withParam(query, facet, chosen === value ? undefined : value)}
                    aria-current={chosen === value ? "true" : undefined}
                  >
                    {facetLabel(facet, value, t)} <span className="muted">({count})</span>
                  </Link>
                </li>
              ))}
              {chosen ? (
                <li>
                  <Link href={withParam(query, facet, undefined)}>{t("search.clear")}</Link>
                </li>
              ) : null}
            </ul>
          </nav>
        );
      })}
      {page.facets.price ? (
        <p className="muted">
          {t("search.priceRange", {
            min: formatVnd(page.facets.price.min, locale),
            max: formatVnd(page.facets.price.max, locale),
          })}
        </p>
      ) : null}
    </aside>
  );
}

function Marked({ parts }: { parts: TextPart[] }) {
  return (
    <>
      {parts.map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </>
  );
}

function Hit({ hit }: { hit: SearchHit }) {
  const { t, language, locale } = useI18n();
  const english = language === "en" && Boolean(hit.titleEn);
  const titleParts = hit.highlights ? (english ? hit.highlights.titleEn : hit.highlights.title) : null;
  const href = hit.openListing ? `/listings/${hit.openListing.id}` : `/assets/${hit.tokenId}`;
  const prices: [DealType, string | null][] = hit.openListing
    ? [
        ["ASSIGNMENT", hit.openListing.assignmentPrice],
        ["EXCLUSIVE_LICENCE", hit.openListing.exclusiveLicencePrice],
        ["NON_EXCLUSIVE_LICENCE", hit.openListing.nonExclusiveLicencePrice],
      ]
    : [];
  return (
    <li className="row search-hit">
      <h3>
        <Link href={href}>
          {titleParts && titleParts.length > 0 ? <Marked parts={titleParts} /> : assetTitle(hit, language, t)}
        </Link>
      </h3>
      <p className="muted">
        {t(`kind.${hit.kind}` as MessageKey)}
        {hit.field ? ` · ${hit.field}` : ""}
        {hit.trl ? ` · TRL ${hit.trl}` : ""} <StatusBadge status={hit.status} />
      </p>
      {hit.highlights?.snippet ? (
        <p className="snippet">
          <Marked parts={hit.highlights.snippet.parts} />
        </p>
      ) : null}
      {prices.some(([, price]) => price !== null) ? (
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
      ) : null}
    </li>
  );
}
