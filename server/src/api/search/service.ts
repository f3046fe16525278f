// Search: the query is parsed (words, glossary concepts, corrections), matched and ranked in the
// process's index (index.ts), filtered and counted by facet (facets.ts), and the page's results get
// their matched words highlighted (snippet.ts). Results are kept until the index changes: a page of
// a popular query is then one map lookup.
import { JsonText } from "../../http/json.ts";
import type { ApiContext } from "../context.ts";
import { filterAndCount, pricesOf, type Facets, type SearchFilters } from "./facets.ts";
import type { CompiledQuery, DealType, IndexedAsset, SearchIndex } from "./index.ts";
import { parseQuery, type ParsedQuery } from "./query.ts";
import { highlightsOf } from "./snippet.ts";
import { liveSearchIndex, type LiveSearchIndex } from "./sync.ts";

export type SearchSort = "relevance" | "newest" | "price_asc" | "price_desc";

export interface SearchQuery {
  q?: string;
  page: number;
  limit: number;
  sort?: SearchSort;
  listedOnly: boolean;
  field?: string;
  kind?: string;
  status?: string;
  province?: string;
  trl?: string;
  dealType?: DealType;
  minPrice?: string;
  maxPrice?: string;
}

interface Ranked {
  asset: IndexedAsset;
  score: number;
}

interface Results {
  compiled: CompiledQuery | null;
  corrections: ParsedQuery["corrections"];
  ranked: Ranked[];
  facets: Facets;
}

const RESULTS_KEPT = 500;
const PAGES_KEPT = 2_000;

/** Results and pages of this process's searches, dropped whenever the index changes. */
class SearchCache {
  results = new Map<string, Results>();
  pages = new Map<string, string>();
  constructor(live: LiveSearchIndex) {
    live.onChange = () => {
      this.results.clear();
      this.pages.clear();
    };
  }
}
const caches = new WeakMap<LiveSearchIndex, SearchCache>();

function remember<V>(map: Map<string, V>, key: string, value: V, max: number): V {
  if (map.size >= max) map.delete(map.keys().next().value!);
  map.set(key, value);
  return value;
}

const newestFirst = (a: Ranked, b: Ranked) =>
  b.asset.block - a.asset.block || (a.asset.tokenOrder < b.asset.tokenOrder ? -1 : 1);
const byRelevance = (a: Ranked, b: Ranked) => b.score - a.score || newestFirst(a, b);

function sorter(sort: SearchSort, dealType: DealType | undefined) {
  if (sort === "newest") return newestFirst;
  if (sort === "relevance") return byRelevance;
  // without a deal type: the lowest price offered going up, the highest going down
  const direction = sort === "price_asc" ? 1n : -1n;
  const priceOf = (ranked: Ranked) => {
    const prices = pricesOf(ranked.asset, dealType);
    if (prices.length === 0) return undefined;
    return prices.reduce((a, b) => ((b - a) * direction < 0n ? b : a));
  };
  return (a: Ranked, b: Ranked) => {
    const pa = priceOf(a);
    const pb = priceOf(b);
    // results without a price of that kind come last, whichever the direction
    if (pa === undefined || pb === undefined)
      return pa === pb ? byRelevance(a, b) : pa === undefined ? 1 : -1;
    return pa === pb ? byRelevance(a, b) : (pa - pb) * direction < 0n ? -1 : 1;
  };
}

function rank(index: SearchIndex, query: SearchQuery, filters: SearchFilters): Results {
  const parsed = query.q ? parseQuery(query.q, index.lexicon) : undefined;
  const compiled = parsed ? index.compile(parsed) : null;
  let matches: Ranked[] = [];
  if (!compiled) {
    for (const asset of index.assets) if (asset) matches.push({ asset, score: 0 });
  } else if (compiled.concepts.length > 0) {
    for (const slot of index.candidates(compiled)) {
      const score = index.score(slot, compiled);
      if (score > 0) matches.push({ asset: index.assets[slot]!, score });
    }
  }
  const { results, facets } = filterAndCount(matches, filters);
  matches = results.sort(sorter(query.sort ?? (compiled ? "relevance" : "newest"), filters.dealType));
  return { compiled, corrections: parsed?.corrections ?? [], ranked: matches, facets };
}

function itemJson(asset: IndexedAsset): string {
  const { row } = asset;
  asset.json ??=
    JSON.stringify({
      tokenId: row.tokenId,
      kind: row.kind,
      status: row.status,
      owner: row.owner,
      title: row.title,
      titleEn: row.titleEn,
      abstract: row.abstract,
      abstractEn: row.abstractEn,
      field: row.field,
      trl: row.trl,
    }).slice(0, -1) + `,"openListing":${row.listing ?? "null"}`;
  return asset.json;
}

export async function search(ctx: ApiContext, query: SearchQuery): Promise<JsonText> {
  const live = liveSearchIndex(ctx);
  const index = await live.fresh();
  let cache = caches.get(live);
  if (!cache) caches.set(live, (cache = new SearchCache(live)));
  const filters: SearchFilters = {
    field: query.field,
    kind: query.kind,
    status: query.status,
    province: query.province,
    trl: query.trl,
    dealType: query.dealType,
    minPrice: query.minPrice === undefined ? undefined : BigInt(query.minPrice),
    maxPrice: query.maxPrice === undefined ? undefined : BigInt(query.maxPrice),
    listedOnly: query.listedOnly,
  };
  const { page, limit, ...rest } = query;
  const resultsKey = JSON.stringify(rest);
  const pageKey = `${page}/${limit}/${resultsKey}`;
  const cached = cache.pages.get(pageKey);
  if (cached !== undefined) return new JsonText(cached);
  const results =
    cache.results.get(resultsKey) ??
    remember(cache.results, resultsKey, rank(index, query, filters), RESULTS_KEPT);
  const items = results.ranked.slice((page - 1) * limit, page * limit).map(({ asset, score }) => {
    const highlights = results.compiled ? highlightsOf(asset, results.compiled) : null;
    return `${itemJson(asset)},"score":${Math.round(score * 1000) / 1000},"highlights":${JSON.stringify(highlights)}}`;
  });
  const body =
    `{"items":[${items.join(",")}],"page":${page},"limit":${limit},"total":${results.ranked.length},` +
    `"facets":${JSON.stringify(results.facets)},"corrections":${JSON.stringify(results.corrections)}}`;
  return new JsonText(remember(cache.pages, pageKey, body, PAGES_KEPT));
}

/** At most this many of the best matches filter the asset and listing lists (one query parameter each). */
export const LIST_MATCHES_KEPT = 10_000;

/**
 * The token ids of the assets matching a query, best first, for the asset and listing lists' `q`
 * (which filter and order by their own columns): the LIST_MATCHES_KEPT best.
 */
export async function assetsMatching(ctx: ApiContext, q: string): Promise<string[]> {
  const index = await liveSearchIndex(ctx).fresh();
  const { ranked } = rank(index, { q, page: 1, limit: 1, listedOnly: false }, { listedOnly: false });
  return ranked.slice(0, LIST_MATCHES_KEPT).map((r) => r.asset.row.tokenId);
}
