// Search paging over thousands of assets whose matches all rank alike (the same words in the same
// places), so ties fall to recency: early pages, deep pages, a rare word held only by an old asset,
// and exact totals. The expected pages are computed here from the same rule (every word matches,
// newest first), not read back from the database.
import { expect } from "chai";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";
import { call, startReadApi, type RunningApi } from "./helpers/api.ts";

const ASSETS = 3_000;
// Every asset has "beta"; one in four "alpha"; each a unique reference "ref00042x".
const text = (i: number) => `beta ${i % 4 === 0 ? "alpha " : ""}ref${String(i).padStart(5, "0")}x`;

for (const kind of databaseKinds) {
  describe(`Search paging beyond the newest assets (${kind})`, function () {
    this.timeout(60_000);
    const db = useTestDatabase(kind);
    let api: RunningApi;

    before(async () => {
      await db.prisma.$executeRawUnsafe(`
        insert into assets (token_id, kind, registration_number_hash, content_hash, status, owner, registrant,
                            title, search_text, search_text_folded, registered_at, registered_block, updated_at)
        select i, 'PATENT', '0x' || lpad(to_hex(i), 64, '0'), '0x' || lpad(to_hex(i), 64, 'f'), 'VERIFIED',
               '0x' || lpad('a', 40, '0'), '0x' || lpad('a', 40, '0'),
               t, t, t, now(), i, now()
        from (select i, 'beta ' || case when i % 4 = 0 then 'alpha ' else '' end
                        || 'ref' || lpad(i::text, 5, '0') || 'x' as t
              from generate_series(1, ${ASSETS}) i) s`);
      api = await startReadApi(db);
    });
    after(async () => {
      await api?.close();
    });

    const search = async (q: string, page: number, limit = 20) => {
      const { status, body } = await call(
        `${api.url}/api/search?q=${encodeURIComponent(q)}&page=${page}&limit=${limit}`,
      );
      expect(status).to.equal(200);
      return {
        ids: body.items.map((a: { tokenId: string }) => Number(a.tokenId)),
        total: body.total,
      };
    };
    /** The page by the rule: assets whose text has every word, newest (highest block) first. */
    const expected = (words: string[], page: number, limit = 20) => {
      const matches: number[] = [];
      for (let i = ASSETS; i >= 1; i--)
        if (words.every((w) => text(i).split(" ").includes(w))) matches.push(i);
      return matches.slice((page - 1) * limit, page * limit);
    };

    it("serves the first pages of a common word, newest first, with the exact total", async () => {
      expect(await search("beta", 1)).to.deep.equal({ ids: expected(["beta"], 1), total: ASSETS });
      expect((await search("alpha beta", 3)).ids).to.deep.equal(expected(["alpha", "beta"], 3));
    });

    it("finds a deep page", async () => {
      // alpha is in one asset in four: its 30th page (matches 581–600) starts below asset 700
      expect(await search("alpha", 30)).to.deep.equal({
        ids: expected(["alpha"], 30),
        total: 750,
      });
      expect((await search("BETA", 149)).ids).to.deep.equal(expected(["beta"], 149));
    });

    it("tells the exact total from a short last page and from a page past the end", async () => {
      const last = await search("alpha", 38);
      expect(last).to.deep.equal({ ids: expected(["alpha"], 38), total: 750 });
      expect(last.ids).to.have.length(10);
      expect(await search("alpha", 40)).to.deep.equal({ ids: [], total: 750 });
    });

    it("finds a rare word held only by an old asset, on its page and not past it", async () => {
      expect(await search("ref00042x", 1)).to.deep.equal({ ids: [42], total: 1 });
      expect(await search("ref00042x", 2)).to.deep.equal({ ids: [], total: 1 });
      expect(await search("ref02999x alpha", 1)).to.deep.equal({ ids: [], total: 0 });
      expect(await search("ref02996x alpha", 1)).to.deep.equal({
        ids: [2996],
        total: 1,
      });
    });
  });
}
