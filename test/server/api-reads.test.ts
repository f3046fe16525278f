// The read API over an index seeded as the indexer fills it: lists, details with history, search
// with and without Vietnamese diacritics, stats, and the error shape for every bad input.
import { expect } from "chai";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";
import { call, rowCounts, seedProjection, seeded, startReadApi, type RunningApi } from "./helpers/api.ts";

for (const kind of databaseKinds) {
  describe(`API reads (${kind})`, function () {
    this.timeout(60_000);
    const db = useTestDatabase(kind);
    let api: RunningApi;

    // PostgreSQL serves the hot reads through a direct pool, as in production; PGlite through Prisma.
    before(async () => {
      await seedProjection(db.prisma);
      api = await startReadApi(db);
    });
    after(async () => {
      await api?.close();
    });

    const get = (path: string) => call(`${api.url}${path}`);

    describe("lists", () => {
      it("pages assets with bounds, newest first, ids as strings", async () => {
        const { status, body } = await get("/api/assets?limit=2");
        expect(status).to.equal(200);
        expect(body).to.include({ page: 1, limit: 2, total: 3 });
        expect(body.items.map((a: { tokenId: string }) => a.tokenId)).to.deep.equal([
          seeded.bigAsset,
          seeded.aquacultureAsset,
        ]);
        expect(body.items[0].registeredBlock).to.equal("12");
        const second = await get("/api/assets?limit=2&page=2");
        expect(second.body.items.map((a: { tokenId: string }) => a.tokenId)).to.deep.equal([
          seeded.semiconductorAsset,
        ]);
      });

      it("filters listings by deal type and price and sorts by that price; prices are exact strings", async () => {
        const { body } = await get("/api/listings?dealType=NON_EXCLUSIVE_LICENCE&sort=price_asc");
        expect(body.items.map((l: { id: string }) => l.id)).to.deep.equal([
          `${seeded.aquacultureAsset}-1`,
          seeded.semiconductorListing,
        ]);
        const cheap = await get("/api/listings?dealType=NON_EXCLUSIVE_LICENCE&maxPrice=200000000");
        expect(cheap.body.total).to.equal(1);
        const assignment = await get("/api/listings?dealType=ASSIGNMENT");
        expect(assignment.body.items[0].assignmentPrice).to.equal("5000000000000000000000000000");
        expect(assignment.body.items[0].asset.title).to.equal("Vật liệu bán dẫn nhiệt độ cao");
      });

      it("filters offers, agreements (by party) and licences (active)", async () => {
        expect((await get(`/api/offers?buyer=${seeded.company}`)).body.total).to.equal(1);
        expect(
          (await get(`/api/agreements?party=${seeded.company.toUpperCase().replace("0X", "0x")}`)).body.total,
        ).to.equal(1);
        expect((await get("/api/agreements?status=REFUSED")).body.total).to.equal(0);
        expect((await get("/api/licences?active=true")).body.total).to.equal(1);
        expect((await get("/api/licences?active=false")).body.total).to.equal(0);
      });

      it("filters organisations by kind and finds them by name without diacritics", async () => {
        const { body } = await get("/api/organisations?kind=university");
        expect(body.items.map((o: { address: string }) => o.address)).to.deep.equal([seeded.university]);
        const byName = await get("/api/organisations?q=vien sinh hoc");
        expect(byName.body.items.map((o: { address: string }) => o.address)).to.deep.equal([
          seeded.institute,
        ]);
      });
    });

    describe("details", () => {
      it("an asset with its current listing, owner organisation and on-chain history", async () => {
        const { status, body } = await get(`/api/assets/${seeded.semiconductorAsset}`);
        expect(status).to.equal(200);
        expect(body.currentListing.id).to.equal(seeded.semiconductorListing);
        expect(body.ownerOrganisation.nameEn).to.equal("University of Technology");
        expect(body.history).to.have.length(1);
        expect(body.history[0]).to.include({
          action: "AgreementAccepted",
          txHash: seeded.txHash,
          blockNumber: "16",
          actor: seeded.university,
        });
        expect(body.history[0].time).to.equal("2026-10-06T00:00:00.000Z");
        expect(body).not.to.have.property("searchTextFolded");
      });

      it("a uint256 id beyond 2^53 round-trips exactly", async () => {
        const { status, body } = await get(`/api/assets/${seeded.bigAsset}`);
        expect(status).to.equal(200);
        expect(body.tokenId).to.equal(seeded.bigAsset);
      });

      it("a listing, an offer, an agreement, a licence and an organisation", async () => {
        const listing = await get(`/api/listings/${seeded.semiconductorListing}`);
        expect(listing.body).to.include({
          offerCount: 1,
          exclusiveLicencePrice: "2000000000",
          openedBlock: "13",
          state: "OPEN",
          assetTokenId: seeded.semiconductorAsset,
        });
        expect(listing.body.openedAt).to.equal("2026-10-04T00:00:00.000Z");
        expect(listing.body.asset).to.include({
          tokenId: seeded.semiconductorAsset,
          title: "Vật liệu bán dẫn nhiệt độ cao",
          status: "VERIFIED",
        });
        expect(listing.body.history[0]).to.include({
          blockNumber: "16",
          time: "2026-10-06T00:00:00.000Z",
          actor: seeded.university,
        });
        expect(listing.body.history[0].txHash).to.equal(seeded.txHash);
        const offer = await get(`/api/offers/${seeded.offer}`);
        expect(offer.body.agreement).to.include({ id: seeded.agreement, status: "SETTLED" });
        const agreement = await get(`/api/agreements/${seeded.agreement}`);
        expect(agreement.body).to.include({
          documentHash: seeded.documentHash,
          fee: "50000000",
          sellerProceeds: "1950000000",
        });
        expect(agreement.body.licences).to.have.length(1);
        const licence = await get(`/api/licences/${seeded.licence}`);
        expect(licence.body).to.include({ active: true, exclusive: true });
        const organisation = await get(`/api/organisations/${seeded.university}`);
        expect(organisation.body).to.include({
          nameVi: "Trường Đại học Bách khoa",
          kind: "UNIVERSITY",
          assetCount: 1,
          agreementCount: 1,
        });
      });
    });

    describe("search", () => {
      const found = async (q: string) =>
        (await get(`/api/search?q=${encodeURIComponent(q)}`)).body.items.map(
          (a: { tokenId: string }) => a.tokenId,
        );

      it('finds "bán dẫn" typed without diacritics, with them, in capitals, and in English', async () => {
        expect(await found("ban dan")).to.deep.equal([seeded.semiconductorAsset]);
        expect(await found("bán dẫn")).to.deep.equal([seeded.semiconductorAsset]);
        expect(await found("BÁN DẪN")).to.deep.equal([seeded.semiconductorAsset]);
        expect(await found("semiconductor")).to.deep.equal([seeded.semiconductorAsset]);
      });

      it("matches the abstract, the field and the owning organisation's name", async () => {
        expect(await found("men vi sinh")).to.deep.equal([seeded.aquacultureAsset]);
        expect(await found("thuy san")).to.deep.equal([seeded.aquacultureAsset]);
        expect(await found("bach khoa")).to.deep.equal([seeded.semiconductorAsset]);
        expect(await found("tropical biology")).to.deep.equal([seeded.bigAsset, seeded.aquacultureAsset]);
      });

      it("returns each asset's open listing, and listings can be searched too", async () => {
        const { body } = await get("/api/search?q=ban%20dan&listedOnly=true");
        expect(body.items[0].openListing).to.include({
          id: seeded.semiconductorListing,
          assignmentPrice: "5000000000000000000000000000",
          openedBlock: "13",
        });
        expect(body.items[0]).to.include({
          tokenId: seeded.semiconductorAsset,
          kind: "PATENT",
          title: "Vật liệu bán dẫn nhiệt độ cao",
          trl: 6,
        });
        expect((await get("/api/listings?q=lua chiu man")).body.total).to.equal(0);
        expect((await get("/api/listings?q=thuc an")).body.total).to.equal(1);
      });

      it("counts all matches across pages, past the last page too", async () => {
        const first = await get("/api/search?q=tropical&limit=1");
        expect([first.body.total, first.body.items.length]).to.deep.equal([2, 1]);
        const beyond = await get("/api/search?q=tropical&limit=1&page=5");
        expect([beyond.body.total, beyond.body.items.length]).to.deep.equal([2, 0]);
      });

      it("treats LIKE wildcards as plain characters", async () => {
        expect(await found("%")).to.deep.equal([]);
        expect(await found("_")).to.deep.equal([]);
      });
    });

    it("stats: counts, volume by field and by month, amounts as strings", async () => {
      const { status, body } = await get("/api/stats");
      expect(status).to.equal(200);
      expect(body.counts).to.deep.include({ organisations: 3, openListings: 2, offers: 1, licences: 1 });
      expect(body.counts.assets).to.deep.equal({ VERIFIED: 3 });
      expect(body.volumeByField).to.deep.equal([{ field: "Bán dẫn", deals: 1, volume: "2000000000" }]);
      expect(body.volumeByMonth).to.deep.equal([{ month: "2026-10", deals: 1, volume: "2000000000" }]);
    });

    describe("bad input", () => {
      const cases: [string, number, string][] = [
        ["/api/assets?page=0", 400, "VALIDATION_FAILED"],
        ["/api/assets?page=10001", 400, "VALIDATION_FAILED"],
        ["/api/assets?limit=101", 400, "VALIDATION_FAILED"],
        ["/api/assets?limit=abc", 400, "VALIDATION_FAILED"],
        ["/api/assets?status=LOST", 400, "VALIDATION_FAILED"],
        ["/api/assets?owner=0x123", 400, "VALIDATION_FAILED"],
        ["/api/assets/-1", 400, "VALIDATION_FAILED"],
        ["/api/assets/1e3", 400, "VALIDATION_FAILED"],
        [`/api/assets/1${"0".repeat(78)}`, 400, "VALIDATION_FAILED"],
        ["/api/assets/424242", 404, "ASSET_NOT_FOUND"],
        ["/api/listings/1001", 400, "VALIDATION_FAILED"],
        ["/api/listings/1001-9", 404, "LISTING_NOT_FOUND"],
        ["/api/listings?sort=price_asc", 400, "VALIDATION_FAILED"],
        ["/api/listings?dealType=ASSIGNMENT&minPrice=-5", 400, "VALIDATION_FAILED"],
        ["/api/offers/99", 404, "OFFER_NOT_FOUND"],
        ["/api/agreements/99", 404, "AGREEMENT_NOT_FOUND"],
        ["/api/licences/99", 404, "LICENCE_NOT_FOUND"],
        ["/api/licences?active=maybe", 400, "VALIDATION_FAILED"],
        [`/api/organisations/0x${"9".repeat(40)}`, 404, "ORGANISATION_NOT_FOUND"],
        ["/api/organisations/..%2F..%2Fetc", 400, "VALIDATION_FAILED"],
        ["/api/search?q=", 400, "VALIDATION_FAILED"],
        ["/api/search?q=chip&minPrice=9&maxPrice=1", 400, "VALIDATION_FAILED"],
        ["/api/search?trl=10", 400, "VALIDATION_FAILED"],
        [`/api/search?q=${"x".repeat(201)}`, 400, "VALIDATION_FAILED"],
        // PostgreSQL text cannot hold U+0000: refused by name, not a 500 from the database
        ["/api/search?q=ban%00dan", 400, "VALIDATION_FAILED"],
        ["/api/assets/%E0%A4%A", 400, "BAD_REQUEST"],
        ["/api/organisations/%ZZ", 400, "BAD_REQUEST"],
        ["/api/assets?q=%00", 400, "VALIDATION_FAILED"],
        ["/api/nothing-here", 404, "ROUTE_NOT_FOUND"],
      ];
      for (const [path, status, code] of cases) {
        it(`GET ${path.slice(0, 60)} → ${status} ${code}`, async () => {
          const response = await get(path);
          expect(response.status).to.equal(status);
          expect(response.body.error.code).to.equal(code);
          expect(response.body.error).to.have.keys("code", "message", "details");
        });
      }

      it("malformed JSON, a wrong-typed body and a wrong profile write nothing", async () => {
        const before = await rowCounts(db.prisma);
        const put = (body: string, type = "application/json") =>
          call(`${api.url}/api/organisations/${seeded.university}/profile`, {
            method: "PUT",
            headers: { "content-type": type },
            body,
          });
        const malformed = await put("{not json");
        expect([malformed.status, malformed.body.error.code]).to.deep.equal([400, "MALFORMED_JSON"]);
        const wrongTypes = await put(JSON.stringify({ nameVi: 5, kind: "bank", province: [] }));
        expect([wrongTypes.status, wrongTypes.body.error.code]).to.deep.equal([400, "VALIDATION_FAILED"]);
        expect(wrongTypes.body.error.details.issues.map((i: { path: string }) => i.path)).to.include.members([
          "body.nameVi",
          "body.kind",
        ]);
        const notTheChainsHash = await put(
          JSON.stringify({ nameVi: "Giả mạo", kind: "company", province: "Hà Nội" }),
        );
        expect([notTheChainsHash.status, notTheChainsHash.body.error.code]).to.deep.equal([
          409,
          "HASH_MISMATCH",
        ]);
        const notGzip = await call(`${api.url}/api/organisations/${seeded.university}/profile`, {
          method: "PUT",
          headers: { "content-type": "application/json", "content-encoding": "gzip" },
          body: "{}",
        });
        expect([notGzip.status, notGzip.body.error.code, notGzip.body.error.message]).to.deep.equal([
          400,
          "BAD_REQUEST",
          "The request could not be read.",
        ]);
        const tooLarge = await put(JSON.stringify({ nameVi: "x".repeat(200_000) }));
        expect([tooLarge.status, tooLarge.body.error.code]).to.deep.equal([413, "PAYLOAD_TOO_LARGE"]);
        expect(await rowCounts(db.prisma)).to.deep.equal(before);
        expect((await get(`/api/organisations/${seeded.university}`)).body.nameVi).to.equal(
          "Trường Đại học Bách khoa",
        );
      });
    });

    it("answers an audit with 503 CHAIN_UNAVAILABLE when the chain cannot be reached", async () => {
      // This API's provider points at a port nothing listens on; an audit reads the chain itself.
      const answers = [
        await get("/api/audit/agreements/1"),
        await get(`/api/audit/tx/0x${"ab".repeat(32)}`),
        await call(`${api.url}/api/audit/document`, {
          method: "POST",
          headers: { "content-type": "application/pdf" },
          body: "%PDF-1.4 agreement",
        }),
      ];
      for (const { status, body } of answers) {
        expect([status, body.error.code, body.error.message]).to.deep.equal([
          503,
          "CHAIN_UNAVAILABLE",
          "The chain could not be reached to verify this; try again shortly.",
        ]);
      }
    });

    it("accepts the metadata document whose SHA-256 is the asset's content hash, and makes it searchable", async () => {
      const { createHash } = await import("node:crypto");
      const metadata = JSON.stringify({
        title: "Cảm biến độ mặn",
        titleEn: "Salinity sensor",
        field: "Môi trường",
        trl: 7,
      });
      const hash = `0x${createHash("sha256").update(metadata).digest("hex")}`;
      await db.prisma.asset.update({ where: { tokenId: seeded.bigAsset }, data: { contentHash: hash } });
      const put = (body: string, id = seeded.bigAsset) =>
        call(`${api.url}/api/assets/${id}/metadata`, {
          method: "PUT",
          headers: { "content-type": "application/json" },
          body,
        });
      const before = await rowCounts(db.prisma);
      const wrong = await put(JSON.stringify({ title: "Cảm biến độ mặn", trl: 7 }));
      expect([wrong.status, wrong.body.error.code]).to.deep.equal([409, "HASH_MISMATCH"]);
      const badTrl = await put(JSON.stringify({ title: "x", trl: 12 }));
      expect([badTrl.status, badTrl.body.error.code]).to.deep.equal([400, "VALIDATION_FAILED"]);
      const nul = await put(JSON.stringify({ title: "Cảm biến\u0000", trl: 7 }));
      expect([nul.status, nul.body.error.message]).to.deep.equal([
        400,
        "Invalid body: body.title: must not contain the NUL character (U+0000)",
      ]);
      expect((await put(metadata, "4242")).body.error.code).to.equal("ASSET_NOT_FOUND");
      expect(await rowCounts(db.prisma)).to.deep.equal(before);
      const { status, body } = await put(metadata);
      expect(status).to.equal(200);
      expect(body).to.include({ title: "Cảm biến độ mặn", titleEn: "Salinity sensor", trl: 7 });
      expect(
        (await get("/api/search?q=cam bien do man")).body.items.map((a: { tokenId: string }) => a.tokenId),
      ).to.deep.equal([seeded.bigAsset]);
    });

    it("accepts the profile document whose SHA-256 the chain holds, and serves it", async () => {
      const { createHash } = await import("node:crypto");
      const profile = JSON.stringify({
        nameVi: "Công ty Thủy sản Mekong",
        nameEn: "Mekong Seafood Co.",
        kind: "company",
        province: "Cần Thơ",
        website: "https://mekong.example.vn",
      });
      const hash = `0x${createHash("sha256").update(profile).digest("hex")}`;
      await db.prisma.organisation.update({
        where: { address: seeded.company },
        data: { profileHash: hash },
      });
      const { status, body } = await call(`${api.url}/api/organisations/${seeded.company}/profile`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: profile,
      });
      expect(status).to.equal(200);
      expect(body).to.include({
        nameEn: "Mekong Seafood Co.",
        province: "Cần Thơ",
        profileDocument: `/api/documents/${hash.slice(2)}`,
      });
      const stored = await db.prisma.document.findUnique({ where: { sha256: hash } });
      expect(stored).to.include({ mimeType: "application/json", isPrivate: false });
    });
  });
}
