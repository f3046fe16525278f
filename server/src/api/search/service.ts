// Search over title, abstract and field (the assets' folded search column) and over the owning
// organisation's names. Both sides are folded with the indexer's own function, so "ban dan" finds
// "bán dẫn" and "Bán Dẫn" alike; English is matched the same way.
import { createHash } from "node:crypto";
import { foldSearchText } from "../../db/search-text.ts";
import type { Prisma, PrismaClient } from "../../generated/prisma/client.ts";
import type { ApiContext } from "../context.ts";
import { JsonText } from "../../http/json.ts";
import { listingJson } from "../sql.ts";

/** Words of the query, folded; LIKE wildcards in them are escaped (Prisma's `contains` does not). */
export function searchTerms(query: string): string[] {
  return foldSearchText(query)
    .split(" ")
    .filter(Boolean)
    .slice(0, 8)
    .map((word) => word.replace(/[\\%_]/g, (c) => `\\${c}`));
}

// Member organisations number in the hundreds and change rarely: their folded names are kept for a
// few seconds instead of being read on every search.
const NAMES_TTL_MS = 5_000;
const nameCache = new WeakMap<
  PrismaClient,
  { at: number; names: Promise<{ address: string; folded: string }[]> }
>();

function organisationNames(prisma: PrismaClient) {
  const cached = nameCache.get(prisma);
  if (cached && Date.now() - cached.at < NAMES_TTL_MS) return cached.names;
  const names = prisma.organisation
    .findMany({
      where: { OR: [{ nameVi: { not: null } }, { nameEn: { not: null } }] },
      select: { address: true, nameVi: true, nameEn: true },
    })
    .then((rows) =>
      rows.map((o) => ({
        address: o.address,
        folded: foldSearchText(`${o.nameVi ?? ""} ${o.nameEn ?? ""}`),
      })),
    );
  names.catch(() => nameCache.delete(prisma));
  nameCache.set(prisma, { at: Date.now(), names });
  return names;
}

/** Addresses of organisations whose Vietnamese or English name contains every term. */
async function organisationsMatching(prisma: PrismaClient, terms: string[]): Promise<string[]> {
  const plain = terms.map((term) => term.replace(/\\(.)/g, "$1"));
  return (await organisationNames(prisma))
    .filter((o) => plain.every((term) => o.folded.includes(term)))
    .map((o) => o.address);
}

/** A filter on assets for the query: every term in the asset's text, or the owner's name matching. */
export async function assetSearchFilter(
  prisma: PrismaClient,
  query: string,
): Promise<Prisma.AssetWhereInput> {
  const terms = searchTerms(query);
  if (terms.length === 0) return {};
  const owners = await organisationsMatching(prisma, terms);
  const textMatch: Prisma.AssetWhereInput = {
    AND: terms.map((term) => ({ searchTextFolded: { contains: term } })),
  };
  return owners.length ? { OR: [textMatch, { owner: { in: owners } }] } : textMatch;
}

export const SEARCH_TOTAL_CAP = 1_000;
/** How many of the newest assets a page is first sought among (see `search`). */
const RECENT_WINDOW = 2_000;

// Counting up to the cap costs a common word tens of milliseconds (every candidate row is matched
// again), many times the page itself. Those capped counts are kept for a few seconds per filter: a
// results page then shows a total up to that old, which is all "1000+" promises. Small result sets
// never reach this: their total is the page itself.
const TOTAL_TTL_MS = 10_000;
const TOTALS_KEPT = 1_000;
const totalCache = new WeakMap<ApiContext, Map<string, { at: number; total: Promise<number> }>>();

function cappedTotal(ctx: ApiContext, filter: string, values: unknown[]): Promise<number> {
  let totals = totalCache.get(ctx);
  if (!totals) totalCache.set(ctx, (totals = new Map()));
  const key = `${filter}\u0000${JSON.stringify(values)}`;
  const now = Date.now();
  const cached = totals.get(key);
  if (cached && now - cached.at < TOTAL_TTL_MS) return cached.total;
  const total = ctx
    .sql<{ total: number }>(
      `select count(*)::int as total from (select 1 from assets a where ${filter} limit ${SEARCH_TOTAL_CAP + 1}) matches`,
      values,
    )
    .then(([row]) => row.total);
  total.catch(() => totals.delete(key));
  totals.delete(key);
  if (totals.size >= TOTALS_KEPT) totals.delete(totals.keys().next().value!);
  totals.set(key, { at: now, total });
  return total;
}

const statementNames = new Map<string, string>();
/** A prepared statement's name for this text (the same text always gets the same name). */
function statementName(sql: string): string {
  let name = statementNames.get(sql);
  if (!name) {
    name = `search-${createHash("sha256").update(sql).digest("hex").slice(0, 16)}`;
    statementNames.set(sql, name);
  }
  return name;
}

export interface SearchQuery {
  q: string;
  page: number;
  limit: number;
  listedOnly: boolean;
}

/**
 * Assets matching the query, each with its open listing if any, newest first. Each word is a
 * `like '%word%'` on the folded column, which the trigram index serves; the newest-first order has
 * its own index, so a common word's first page stops after a few rows.
 */
export async function search(ctx: ApiContext, query: SearchQuery) {
  const terms = searchTerms(query.q);
  if (terms.length === 0)
    return { items: [], page: query.page, limit: query.limit, total: 0, totalCapped: false };
  const owners = await organisationsMatching(ctx.prisma(), terms);
  const values: unknown[] = [];
  const param = (value: unknown) => {
    values.push(value);
    return `$${values.length}`;
  };
  const text = terms.map((term) => `a.search_text_folded like ${param(`%${term}%`)}`).join(" and ");
  let filter = owners.length ? `((${text}) or a.owner = any(${param(owners)}))` : `(${text})`;
  if (query.listedOnly)
    filter += ` and exists (select 1 from listings l where l.asset_token_id = a.token_id and l.state = 'OPEN')`;
  const filterValues = [...values];
  const offset = (query.page - 1) * query.limit;
  // The planner guesses the selectivity of several `like` terms as tiny and then reads every match
  // through the trigram index and sorts them (30–40 ms for a common phrase), where walking the
  // newest-first index would fill the page after a few hundred rows. So the page is first sought
  // among the newest RECENT_WINDOW assets, in order: if it is full there, those are exactly the
  // first matches overall. Only a page not found there (rare words, deep pages) asks the whole table.
  // Each query takes the first offset + limit matches (`hits`), not only the page: when fewer are
  // found in the whole table, their number is the total, and no count is needed.
  const pageSql = (source: string) => `with hits as (
       select a.* from ${source} a where ${filter}
       order by a.registered_block desc, a.token_id asc
       limit $${values.length + 1}),
     page as (select * from hits order by registered_block desc, token_id asc offset $${values.length + 2})
     select coalesce(json_agg(json_build_object(
              'tokenId', a.token_id::text, 'kind', a.kind, 'status', a.status, 'owner', a.owner, 'title', a.title,
              'titleEn', a.title_en, 'abstract', a.abstract, 'abstractEn', a.abstract_en, 'field', a.field, 'trl', a.trl,
              'openListing', (select ${listingJson("l")} from listings l
                where l.asset_token_id = a.token_id and l.state = 'OPEN' order by l.epoch desc limit 1))
            order by a.registered_block desc, a.token_id asc), '[]')::text as items,
            (select count(*)::int from hits) as found
     from page a`;
  const pageValues = [...values, offset + query.limit, offset];
  // The window's statement is prepared on each connection (named by its text, which varies only with
  // the number of terms and the options): planning it would cost as much as running it, and its one
  // plan, the newest-first walk, is right for every value. The whole-table query stays unprepared:
  // PostgreSQL's generic plan for `like $1` reads every match through the trigram index (18 ms for
  // a deep page of a common phrase, where the plan made for the actual words walks the index in 1).
  const run = (sql: string, name?: string) =>
    ctx.sql<{ items: string; found: number }>(sql, pageValues, name);
  const windowSql = pageSql(
    `(select * from assets order by registered_block desc, token_id asc limit ${RECENT_WINDOW})`,
  );
  let [page] = await run(windowSql, statementName(windowSql));
  if (page.found < offset + query.limit) [page] = await run(pageSql("assets"));
  // Fewer than offset + limit matches in the whole table: that is the total.
  const total = page.found < offset + query.limit ? page.found : await cappedTotal(ctx, filter, filterValues);
  // The items are PostgreSQL's JSON text, sent unchanged.
  return new JsonText(
    `{"items":${page.items},"page":${query.page},"limit":${query.limit},` +
      `"total":${Math.min(total, SEARCH_TOTAL_CAP)},"totalCapped":${total > SEARCH_TOTAL_CAP}}`,
  );
}
