// The rules search ranks by, as specifications, on both databases: words rather than substrings,
// exact diacritics above folded ones, adjacent words above words apart, title above field above
// abstract above organisation, ties by recency, English through titles, field names and the
// glossary, one typo forgiven, facet counts and highlighted words. Each asset below is made for one
// rule, and made newer than the asset the rule must rank first, so newest-first order fails it.
import { expect } from "chai";
import { databaseKinds, useTestDatabase, type DatabaseKind } from "./helpers/database.ts";
import { call, startReadApi, type RunningApi } from "./helpers/api.ts";

interface Seed {
  id: number;
  title: string;
  titleEn?: string;
  abstract?: string;
  abstractEn?: string;
  field?: string;
  owner?: "institute" | "university";
  kind?: "PATENT" | "SOFTWARE" | "LAYOUT_DESIGN";
  status?: "VERIFIED" | "PENDING";
  trl?: number;
  /** asking prices of an open listing: assignment, non-exclusive licence */
  prices?: [bigint | null, bigint | null];
}

const addresses = {
  institute: `0x${"1".repeat(40)}`,
  university: `0x${"2".repeat(40)}`,
};

// Block = id: a higher id is newer.
const seeds: Seed[] = [
  // words, not substrings
  { id: 1, title: "Mô hình AI dự báo năng suất", field: "Trí tuệ nhân tạo", prices: [9n, 2n] },
  { id: 2, title: "Hai giải pháp mài đá tại Đại học", field: "Cơ khí" },
  { id: 3, title: "Giao thức định danh cho văn bằng số", field: "Chuỗi khối (blockchain)" },
  // exact diacritics above folded; adjacent above apart
  { id: 10, title: "Vật liệu bán dẫn công suất", field: "Vật liệu mới", kind: "PATENT", prices: [5n, null] },
  { id: 11, title: "Ứng dụng bạn dân cùng xây", field: "Phần mềm", kind: "SOFTWARE" },
  { id: 12, title: "Bán lẻ thiết bị dẫn nhiệt", field: "Vật liệu mới" },
  // title > field > abstract > organisation (the newest matches only through its owner)
  { id: 20, title: "Máy lọc nước nano", field: "Môi trường", status: "PENDING", trl: 2, prices: [3n, null] },
  { id: 21, title: "Thiết bị đo mực nước", field: "Nano", trl: 5, prices: [7n, 1n] },
  { id: 22, title: "Thiết bị đo độ mặn", abstract: "Dùng cảm biến nano bạc", field: "Môi trường", trl: 8 },
  { id: 23, title: "Thiết bị đo độ đục", field: "Môi trường", owner: "university", trl: 8 },
  // English: titles, field names, glossary both ways, stemming, one typo
  {
    id: 30,
    title: "Mạch tích hợp xử lý ảnh",
    titleEn: "Image-processing integrated circuit",
    field: "Bán dẫn",
    kind: "LAYOUT_DESIGN",
  },
  { id: 31, title: "Thiết bị bay không người lái phun thuốc", field: "UAV và hệ thống tự hành" },
  { id: 32, title: "Bộ điều khiển cho drone giao hàng", field: "UAV và hệ thống tự hành" },
  { id: 33, title: "Vắc-xin phòng bệnh cho tôm", titleEn: "Shrimp vaccine", field: "Công nghệ sinh học" },
];

const university = "Trường Đại học Nano Phương Nam";

for (const kind of databaseKinds) {
  describe(`Search ranking (${kind})`, function () {
    this.timeout(60_000);
    const db = useTestDatabase(kind);
    let api: RunningApi;

    before(async () => {
      await db.prisma.organisation.createMany({
        data: [
          {
            address: addresses.institute,
            nameVi: "Viện Cơ điện",
            nameEn: "Electromechanics Institute",
            province: "Bình Dương",
            kind: "INSTITUTE",
          },
          {
            address: addresses.university,
            nameVi: university,
            nameEn: "Southern Nano University",
            province: "TP. Hồ Chí Minh",
            kind: "UNIVERSITY",
          },
        ],
      });
      await db.prisma.asset.createMany({
        data: seeds.map((s) => ({
          tokenId: String(s.id),
          kind: s.kind ?? "PATENT",
          registrationNumberHash: `0x${String(s.id).padStart(64, "0")}`,
          contentHash: `0x${String(s.id).padStart(64, "f")}`,
          status: s.status ?? "VERIFIED",
          owner: addresses[s.owner ?? "institute"],
          registrant: addresses[s.owner ?? "institute"],
          title: s.title,
          titleEn: s.titleEn ?? null,
          abstract: s.abstract ?? null,
          abstractEn: s.abstractEn ?? null,
          field: s.field ?? null,
          trl: s.trl ?? 6,
          registeredAt: new Date(Date.UTC(2026, 0, s.id)),
          registeredBlock: BigInt(s.id),
        })),
      });
      await db.prisma.listing.createMany({
        data: seeds
          .filter((s) => s.prices)
          .map((s) => ({
            id: `${s.id}-1`,
            assetTokenId: String(s.id),
            epoch: 1,
            seller: addresses[s.owner ?? "institute"],
            paymentToken: `0x${"f".repeat(40)}`,
            assignmentPrice: s.prices![0]?.toString() ?? null,
            nonExclusiveLicencePrice: s.prices![1]?.toString() ?? null,
            state: "OPEN" as const,
            openedAt: new Date(Date.UTC(2026, 1, s.id)),
            openedBlock: BigInt(100 + s.id),
          })),
      });
      api = await startReadApi(db);
      // recorded for the comparison of the two databases below
      orders[kind] = {};
      for (const q of comparedQueries) orders[kind]![q] = await found(q);
    });
    after(async () => {
      await api?.close();
    });

    const search = async (query: string) => {
      const { status, body } = await call(`${api.url}/api/search?${query}`);
      expect(status, JSON.stringify(body)).to.equal(200);
      return body;
    };
    const found = async (q: string, more = "") =>
      (await search(`q=${encodeURIComponent(q)}${more}`)).items.map((a: { tokenId: string }) =>
        Number(a.tokenId),
      );

    describe("words, not substrings", () => {
      it('"AI" matches the word AI, never inside "hai", "mài" or "Đại"', async () => {
        expect(await found("AI")).to.deep.equal([1]);
      });

      it('"ban dan" does not match "văn bằng … định danh"', async () => {
        expect(await found("ban dan")).to.not.include(3);
        expect(await found("danh")).to.deep.equal([3]);
      });
    });

    describe("ranking", () => {
      it("ranks an exact diacritic match above a folded one, and adjacent words above words apart", async () => {
        const order = await found("bán dẫn");
        expect(order).to.include.members([10, 11, 12]);
        expect(order.indexOf(10)).to.be.below(order.indexOf(11));
        expect(order.indexOf(10)).to.be.below(order.indexOf(12));
      });

      it("ranks adjacent words above the same words apart when typed without diacritics", async () => {
        const order = await found("ban dan");
        expect(order).to.include.members([10, 12]);
        expect(order.indexOf(10)).to.be.below(order.indexOf(12));
      });

      it("ranks a match in the title above the field, the abstract and the organisation", async () => {
        expect(await found("nano")).to.deep.equal([20, 21, 22, 23]);
      });

      it("breaks ties by recency", async () => {
        expect(await found("thiet bi do")).to.deep.equal([23, 22, 21]);
      });

      it("sorts by newest or by price when asked", async () => {
        expect(await found("nano", "&sort=newest")).to.deep.equal([23, 22, 21, 20]);
        // a deal type keeps the assets that offer it, and sorts by its price
        expect(await found("nano", "&sort=price_asc&dealType=ASSIGNMENT")).to.deep.equal([20, 21]);
        expect(await found("nano", "&sort=price_desc&dealType=ASSIGNMENT")).to.deep.equal([21, 20]);
        // without one, by the lowest (or highest) price offered; the unpriced last, by relevance
        expect(await found("nano", "&sort=price_asc")).to.deep.equal([21, 20, 22, 23]);
        expect(await found("nano", "&sort=price_desc")).to.deep.equal([21, 20, 22, 23]);
      });
    });

    describe("across the two languages", () => {
      it("finds assets through their English titles and their fields' English names", async () => {
        expect(await found("shrimp vaccine")).to.deep.equal([33]);
        expect(await found("semiconductors")).to.deep.equal([10, 30]);
      });

      it("expands the glossary both ways, the words typed ranking first", async () => {
        expect(await found("drone")).to.deep.equal([32, 31]);
        expect(await found("máy bay không người lái")).to.deep.equal([31, 32]);
        expect(await found("trí tuệ nhân tạo")).to.deep.equal([1]);
      });

      it("stems English words", async () => {
        expect(await found("integrated circuits")).to.deep.equal([30]);
      });
    });

    describe("typing mistakes", () => {
      it("forgives one edit in a word of five letters or more, not in shorter ones, and says which word it took", async () => {
        const body = await search("q=semiconducter");
        expect(body.items.map((a: { tokenId: string }) => Number(a.tokenId))).to.deep.equal([10, 30]);
        expect(body.corrections).to.deep.equal([{ from: "semiconducter", to: "semiconductor" }]);
        expect(await found("dron")).to.deep.equal([]);
        expect(await found("semiconductxx")).to.deep.equal([]);
      });

      it('finds "vắc-xin" typed "vắc xin" or "vac xin"', async () => {
        expect(await found("vắc xin")).to.deep.equal([33]);
        expect(await found("vac xin")).to.deep.equal([33]);
      });
    });

    describe("facets and snippets", () => {
      /** The counts by rule: matches passing every filter but the facet's own. */
      const expectedCounts = (
        ids: number[],
        filters: Partial<Record<"field" | "status" | "trl", string>>,
      ) => {
        const band = (trl: number) => (trl <= 3 ? "1-3" : trl <= 6 ? "4-6" : "7-9");
        const values = {
          field: (s: Seed) => s.field!,
          status: (s: Seed) => s.status ?? "VERIFIED",
          trl: (s: Seed) => band(s.trl ?? 6),
        };
        const counts: Record<string, Record<string, number>> = {};
        for (const facet of Object.keys(values) as (keyof typeof values)[]) {
          counts[facet] = {};
          for (const s of seeds.filter((seed) => ids.includes(seed.id))) {
            const passes = Object.entries(filters).every(
              ([name, value]) => name === facet || values[name as keyof typeof values](s) === value,
            );
            if (passes) counts[facet][values[facet](s)] = (counts[facet][values[facet](s)] ?? 0) + 1;
          }
        }
        return counts;
      };
      const asCounts = (list: { value: string; count: number }[]) =>
        Object.fromEntries(list.map(({ value, count }) => [value, count]));

      it("counts each facet's values for the query, with the other filters applied", async () => {
        const body = await search("q=nano&field=M%C3%B4i%20tr%C6%B0%E1%BB%9Dng&trl=7-9");
        expect(body.items.map((a: { tokenId: string }) => Number(a.tokenId))).to.deep.equal([22, 23]);
        expect(body.total).to.equal(2);
        const counts = expectedCounts([20, 21, 22, 23], { field: "Môi trường", trl: "7-9" });
        expect(asCounts(body.facets.field)).to.deep.equal(counts.field);
        expect(asCounts(body.facets.status)).to.deep.equal(counts.status);
        expect(asCounts(body.facets.trl)).to.deep.equal(counts.trl);
        expect(asCounts(body.facets.province)).to.deep.equal({ "Bình Dương": 1, "TP. Hồ Chí Minh": 1 });
      });

      it("counts deal types and the price range of the matches", async () => {
        const body = await search("q=nano");
        expect(asCounts(body.facets.dealType)).to.deep.equal({ ASSIGNMENT: 2, NON_EXCLUSIVE_LICENCE: 1 });
        expect(body.facets.price).to.deep.equal({ min: "1", max: "7" });
        expect(await found("nano", "&dealType=ASSIGNMENT&minPrice=8")).to.deep.equal([]);
        expect(await found("nano", "&dealType=ASSIGNMENT&minPrice=7&maxPrice=7")).to.deep.equal([21]);
      });

      it("marks the matched words in the title and in a snippet of the abstract", async () => {
        const [first] = (await search("q=cam%20bien%20nano")).items;
        expect(first.tokenId).to.equal("22");
        expect(first.highlights.snippet).to.deep.equal({
          field: "abstract",
          parts: [
            { text: "Dùng ", match: false },
            { text: "cảm biến nano", match: true },
            { text: " bạc", match: false },
          ],
        });
        const [vaccine] = (await search("q=vaccine")).items;
        expect(vaccine.highlights.title).to.deep.equal([
          { text: "Vắc-xin", match: true },
          { text: " phòng bệnh cho tôm", match: false },
        ]);
        expect(vaccine.highlights.titleEn).to.deep.equal([
          { text: "Shrimp ", match: false },
          { text: "vaccine", match: true },
        ]);
      });
    });

    describe("a changed index", () => {
      it("finds an asset written after the last search, and not its old title", async () => {
        expect(await found("graphene")).to.deep.equal([]);
        await db.prisma.asset.update({
          where: { tokenId: "12" },
          data: { title: "Màng graphene dẫn nhiệt" },
        });
        expect(await found("graphene")).to.deep.equal([12]);
        expect(await found("ban le")).to.deep.equal([]);
      });
    });
  });
}

const comparedQueries = ["bán dẫn", "ban dan", "nano", "drone", "semiconducter", "thiet bi", "vac xin"];
const orders: Partial<Record<DatabaseKind, Record<string, number[]>>> = {};

describe("Search ranking on both databases", () => {
  it("gives the same results in the same order on the embedded database and on PostgreSQL", function () {
    if (!orders.embedded || !orders.postgres) this.skip();
    expect(orders.postgres).to.deep.equal(orders.embedded);
    expect(Object.values(orders.embedded!).flat().length).to.be.above(10);
  });
});
