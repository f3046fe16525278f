// Keeps each API process's search index equal to the database. Before a search is answered the
// index asks one question — the latest change to assets, listings, organisations and the indexer's
// checkpoint — and reads again only the assets changed since (several API processes share one
// database, so a change may come from any of them or from the indexer). Searches that arrive while
// that question is out wait for the next one, so a search never misses a change committed before
// it arrived, and a burst of searches shares one round trip. A checkpoint that moved back (a reorg
// rolled the index back, deleting rows) rebuilds the index from scratch.
import type { ApiContext } from "../context.ts";
import { listingJson } from "../sql.ts";
import { SearchIndex, type AssetRow } from "./index.ts";

const rowsSql = (where: string) => `
  select a.token_id::text as "tokenId", a.kind::text as kind, a.status::text as status, a.owner,
         a.title, a.title_en as "titleEn", a.abstract, a.abstract_en as "abstractEn", a.field, a.trl::int as trl,
         a.registered_block::text as "registeredBlock", o.name_vi as "organisationVi",
         o.name_en as "organisationEn", o.province,
         (select ${listingJson("l")}::text from listings l
           where l.asset_token_id = a.token_id and l.state = 'OPEN' order by l.epoch desc limit 1) as listing
  from assets a left join organisations o on o.address = a.owner ${where}`;

const markerSql = `select (select max(updated_at) from assets)::text as assets,
  (select max(updated_at) from listings)::text as listings,
  (select max(updated_at) from organisations)::text as organisations,
  (select coalesce(string_agg(block_number::text || ':' || block_hash, ',' order by chain_id, contract_set_key), '')
     from indexer_checkpoints) as checkpoint`;

// Rows are stamped when their transaction starts and seen when it commits: a transaction that began
// before one already seen may commit after it. Changes are read again this far back to catch them.
const COMMIT_SKEW = "5 seconds";
const changedSql = `
  select token_id::text as id from assets where updated_at > $1::timestamptz - interval '${COMMIT_SKEW}'
  union select asset_token_id::text from listings where updated_at > $2::timestamptz - interval '${COMMIT_SKEW}'
  union select a.token_id::text from assets a join organisations o on o.address = a.owner
        where o.updated_at > $3::timestamptz - interval '${COMMIT_SKEW}'`;
/** More changed assets than this at once are read by rebuilding the index. */
const MAX_INCREMENTAL = 20_000;

interface Marker {
  assets: string | null;
  listings: string | null;
  organisations: string | null;
  checkpoint: string;
}

const movedBack = (before: string, after: string) => {
  const blocks = (text: string) => text.split(",").map((entry) => entry.split(":"));
  const old = blocks(before);
  return blocks(after).some(([block, hash], i) => {
    const [oldBlock, oldHash] = old[i] ?? [];
    if (oldBlock === undefined) return false;
    return BigInt(block) < BigInt(oldBlock) || (block === oldBlock && hash !== oldHash);
  });
};

export class LiveSearchIndex {
  index = new SearchIndex();
  private marker?: Marker;
  private running?: Promise<void>;
  private queued?: Promise<void>;
  /** Called after any change reached the index (cached results are then stale). */
  onChange: () => void = () => {};

  private readonly ctx: ApiContext;

  constructor(ctx: ApiContext) {
    this.ctx = ctx;
  }

  /** The index, once it holds every change committed before this call. */
  async fresh(): Promise<SearchIndex> {
    if (!this.running) await this.start();
    else {
      // the check out now may have asked before this call: wait for one that starts after it
      this.queued ??= this.running
        .catch(() => {})
        .then(() => {
          this.queued = undefined;
          return this.start();
        });
      await this.queued;
    }
    return this.index;
  }

  private start(): Promise<void> {
    const run = this.check().finally(() => {
      if (this.running === run) this.running = undefined;
    });
    this.running = run;
    return run;
  }

  private async check(): Promise<void> {
    const [marker] = await this.ctx.sql<Marker>(markerSql, [], "techex_search_marker");
    const before = this.marker;
    if (
      before &&
      before.assets === marker.assets &&
      before.listings === marker.listings &&
      before.organisations === marker.organisations &&
      before.checkpoint === marker.checkpoint
    )
      return;
    if (!before || movedBack(before.checkpoint, marker.checkpoint)) await this.rebuild();
    else {
      const since = (value: string | null) => value ?? "-infinity";
      const changed = await this.ctx.sql<{ id: string }>(changedSql, [
        since(before.assets),
        since(before.listings),
        since(before.organisations),
      ]);
      if (changed.length > MAX_INCREMENTAL) await this.rebuild();
      else if (changed.length > 0) {
        const ids = changed.map((row) => row.id);
        const rows = await this.ctx.sql<AssetRow>(
          rowsSql("where a.token_id = any(string_to_array($1, ',')::numeric[])"),
          [ids.join(",")],
        );
        const present = new Set(rows.map((row) => row.tokenId));
        for (const row of rows) this.index.put(row);
        for (const id of ids) if (!present.has(id)) this.index.remove(id);
      }
    }
    this.marker = marker;
    this.onChange();
  }

  private async rebuild(): Promise<void> {
    const index = new SearchIndex();
    for (const row of await this.ctx.sql<AssetRow>(rowsSql(""), [])) index.put(row);
    this.index = index;
  }
}

const live = new WeakMap<ApiContext, LiveSearchIndex>();

/** This app's search index (one per process and database). */
export function liveSearchIndex(ctx: ApiContext): LiveSearchIndex {
  let index = live.get(ctx);
  if (!index) live.set(ctx, (index = new LiveSearchIndex(ctx)));
  return index;
}
