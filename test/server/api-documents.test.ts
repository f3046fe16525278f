// Documents: content-addressed uploads with type and size limits, and private documents served
// only to the parties, the IP office and auditors — roles read from a real chain.
import { createHash } from "node:crypto";
import { readdir } from "node:fs/promises";
import { expect } from "chai";
import { Wallet } from "ethers";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";
import {
  call,
  rowCounts,
  sampleFiles,
  signIn,
  startApi,
  startTestChain,
  type RunningApi,
  type TestChain,
} from "./helpers/api.ts";

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

describe("API documents", function () {
  this.timeout(120_000);
  let chain: TestChain;
  before(async () => {
    chain = await startTestChain();
  });
  after(async () => chain?.close());

  for (const kind of databaseKinds) {
    describe(`on ${kind}`, () => {
      const db = useTestDatabase(kind);
      let api: RunningApi;
      const seller = Wallet.createRandom();
      const buyer = Wallet.createRandom();
      const coOwner = Wallet.createRandom();
      const stranger = Wallet.createRandom();
      const auditor = Wallet.createRandom();
      const cookies: Record<string, string> = {};

      before(async () => {
        api = await startApi(db.prisma, {
          provider: chain.provider,
          deployment: chain.deployment,
          auditors: [auditor.address],
          limits: { uploadBytes: 256 * 1024, signInPerMinute: 10_000, uploadsPerMinute: 10_000 },
        });
        for (const [name, signer] of Object.entries({
          seller,
          buyer,
          coOwner,
          stranger,
          auditor,
          ipOffice: chain.techEx.accounts.ipOffice,
        })) {
          cookies[name] = await signIn(api.url, signer);
        }
      });
      after(async () => api?.close());

      const upload = (bytes: Buffer, type: string, cookie: string | undefined, query = "") =>
        call(`${api.url}/api/documents${query}`, {
          method: "POST",
          headers: { "content-type": type, ...(cookie ? { cookie } : {}) },
          body: new Uint8Array(bytes),
        });
      const download = (hash: string, cookie?: string) =>
        fetch(`${api.url}/api/documents/${hash}`, { headers: cookie ? { cookie } : {} });

      it("stores a PDF by its SHA-256 and returns the hex digest and the bytes32 to anchor", async () => {
        const pdf = sampleFiles.pdf(`agreement ${kind}`);
        const { status, body } = await upload(
          pdf,
          "application/pdf",
          cookies.seller,
          "?filename=hop-dong.pdf",
        );
        expect(status).to.equal(201);
        expect(body).to.deep.include({
          sha256: sha256(pdf),
          bytes32: `0x${sha256(pdf)}`,
          size: pdf.length,
          mimeType: "application/pdf",
          private: false,
          created: true,
        });
        const response = await download(sha256(pdf));
        expect(response.status).to.equal(200);
        expect(response.headers.get("content-type")).to.equal("application/pdf");
        expect(response.headers.get("x-content-type-options")).to.equal("nosniff");
        expect(Buffer.from(await response.arrayBuffer())).to.deep.equal(pdf);
      });

      it("accepts PNG, JPEG and WebP, recognised by their bytes", async () => {
        for (const [type, bytes] of [
          ["image/png", sampleFiles.png()],
          ["image/jpeg", sampleFiles.jpeg()],
          ["image/webp", sampleFiles.webp()],
        ] as const) {
          const { status, body } = await upload(bytes, type, cookies.seller);
          expect([status, body.mimeType]).to.deep.equal([201, type]);
        }
      });

      it("stores the same bytes once", async () => {
        const pdf = sampleFiles.pdf(`twice ${kind}`);
        expect((await upload(pdf, "application/pdf", cookies.seller)).status).to.equal(201);
        const again = await upload(pdf, "application/pdf", cookies.buyer);
        expect([again.status, again.body.created]).to.deep.equal([200, false]);
        expect(await db.prisma.document.count({ where: { sha256: `0x${sha256(pdf)}` } })).to.equal(1);
        expect(await readdir(`${api.documentsDir}/${sha256(pdf).slice(0, 2)}`)).to.include(sha256(pdf));
      });

      describe("a private agreement document", () => {
        const pdf = sampleFiles.pdf(`private agreement ${kind}`);
        const hash = sha256(pdf);
        before(async () => {
          expect((await upload(pdf, "application/pdf", cookies.seller, "?private=true")).status).to.equal(
            201,
          );
          const tokenId = kind === "embedded" ? "501" : "502";
          await db.prisma.asset.create({
            data: {
              tokenId,
              kind: "PATENT",
              registrationNumberHash: `0x${tokenId.padStart(64, "0")}`,
              contentHash: `0x${tokenId.padStart(64, "1")}`,
              owner: seller.address.toLowerCase(),
              registrant: seller.address.toLowerCase(),
              registeredAt: new Date(),
              registeredBlock: 1n,
            },
          });
          await db.prisma.listing.create({
            data: {
              id: `${tokenId}-1`,
              assetTokenId: tokenId,
              epoch: 1,
              seller: seller.address.toLowerCase(),
              paymentToken: seller.address.toLowerCase(),
              openedAt: new Date(),
              openedBlock: 1n,
            },
          });
          await db.prisma.offer.create({
            data: {
              id: tokenId,
              listingId: `${tokenId}-1`,
              listingEpoch: 1,
              assetTokenId: tokenId,
              buyer: buyer.address.toLowerCase(),
              dealType: "ASSIGNMENT",
              amount: "1",
              expiresAt: new Date(),
              termsHash: `0x${"0".repeat(64)}`,
              madeAt: new Date(),
              madeBlock: 1n,
            },
          });
          await db.prisma.agreement.create({
            data: {
              id: tokenId,
              offerId: tokenId,
              listingId: `${tokenId}-1`,
              assetTokenId: tokenId,
              seller: seller.address.toLowerCase(),
              buyer: buyer.address.toLowerCase(),
              coOwners: [coOwner.address.toLowerCase()],
              dealType: "ASSIGNMENT",
              documentHash: `0x${hash}`,
              registrationRequired: true,
              amount: "1",
              createdAtChain: new Date(),
              createdBlock: 1n,
            },
          });
        });

        for (const who of ["seller", "buyer", "coOwner", "ipOffice", "auditor"]) {
          it(`is served to the ${who}`, async () => {
            const response = await download(hash, cookies[who]);
            expect(response.status).to.equal(200);
            expect(response.headers.get("cache-control")).to.match(/no-store/);
            expect(Buffer.from(await response.arrayBuffer())).to.deep.equal(pdf);
          });
        }

        it("is refused to a stranger (403) and to an anonymous reader (401)", async () => {
          const strangers = await download(hash, cookies.stranger);
          expect([
            strangers.status,
            ((await strangers.json()) as { error: { code: string } }).error.code,
          ]).to.deep.equal([403, "FORBIDDEN"]);
          const anonymous = await download(hash);
          expect([
            anonymous.status,
            ((await anonymous.json()) as { error: { code: string } }).error.code,
          ]).to.deep.equal([401, "UNAUTHENTICATED"]);
        });
      });

      describe("refuses, storing nothing", () => {
        const cases: [
          string,
          () => Promise<{ status: number; body: { error: { code: string } } }>,
          number,
          string,
        ][] = [
          [
            "an upload without a session",
            () => upload(sampleFiles.pdf("anon"), "application/pdf", undefined),
            401,
            "UNAUTHENTICATED",
          ],
          [
            "an HTML file declared as PDF",
            () =>
              upload(
                Buffer.from("<html><script>alert(1)</script></html>"),
                "application/pdf",
                cookies.seller,
              ),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
          ],
          [
            "a PNG declared as PDF",
            () => upload(sampleFiles.png(), "application/pdf", cookies.seller),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
          ],
          [
            "an executable",
            () =>
              upload(
                Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]),
                "application/octet-stream",
                cookies.seller,
              ),
            415,
            "UNSUPPORTED_MEDIA_TYPE",
          ],
          [
            "an empty body",
            () => upload(Buffer.alloc(0), "application/pdf", cookies.seller),
            400,
            "BAD_REQUEST",
          ],
          [
            "a file over the size limit",
            () =>
              upload(
                Buffer.concat([sampleFiles.pdf("big"), Buffer.alloc(256 * 1024)]),
                "application/pdf",
                cookies.seller,
              ),
            413,
            "PAYLOAD_TOO_LARGE",
          ],
          [
            "a file name with a path",
            () =>
              upload(
                sampleFiles.pdf("path"),
                "application/pdf",
                cookies.seller,
                "?filename=..%2F..%2Fetc%2Fpasswd",
              ),
            400,
            "VALIDATION_FAILED",
          ],
          [
            "a private flag that is not a boolean",
            () => upload(sampleFiles.pdf("flag"), "application/pdf", cookies.seller, "?private=yes"),
            400,
            "VALIDATION_FAILED",
          ],
        ];
        for (const [name, request, status, code] of cases) {
          it(name, async () => {
            const before = await rowCounts(db.prisma);
            const response = await request();
            expect([response.status, response.body.error.code]).to.deep.equal([status, code]);
            expect(await rowCounts(db.prisma)).to.deep.equal(before);
          });
        }
      });

      describe("downloads by a bad hash", () => {
        const cases: [string, number, string][] = [
          ["..%2F..%2F..%2Fetc%2Fpasswd", 400, "VALIDATION_FAILED"],
          // URL normalisation resolves a dot segment before routing: it never reaches the store
          ["%2E%2E", 404, "ROUTE_NOT_FOUND"],
          [`0x${"a".repeat(64)}`, 400, "VALIDATION_FAILED"],
          ["A".repeat(64), 400, "VALIDATION_FAILED"],
          ["a".repeat(63), 400, "VALIDATION_FAILED"],
          [`${"a".repeat(62)}%00`, 400, "VALIDATION_FAILED"],
          ["f".repeat(64), 404, "DOCUMENT_NOT_FOUND"],
        ];
        for (const [hash, status, code] of cases) {
          it(`${hash.slice(0, 30)} → ${status} ${code}`, async () => {
            const response = await call(`${api.url}/api/documents/${hash}`);
            expect([response.status, response.body.error.code]).to.deep.equal([status, code]);
          });
        }
      });
    });
  }

  describe("rate limit", () => {
    const db = useTestDatabase("embedded");
    it("answers 429 RATE_LIMITED past the upload limit", async () => {
      const api = await startApi(db.prisma, {
        provider: chain.provider,
        deployment: chain.deployment,
        limits: { uploadsPerMinute: 2 },
      });
      try {
        const cookie = await signIn(api.url, Wallet.createRandom());
        const statuses = [];
        for (let i = 0; i < 3; i++) {
          statuses.push(
            (
              await call(`${api.url}/api/documents`, {
                method: "POST",
                headers: { "content-type": "application/pdf", cookie },
                body: new Uint8Array(sampleFiles.pdf(`rate ${i}`)),
              })
            ).status,
          );
        }
        expect(statuses).to.deep.equal([201, 201, 429]);
      } finally {
        await api.close();
      }
    });
  });
});
