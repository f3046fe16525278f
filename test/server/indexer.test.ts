// The chain indexer against a real chain (EDR over HTTP JSON-RPC) and a real database (embedded PGlite
// and PostgreSQL): a scripted history mirrored field by field, reorgs, an RPC outage, a writer lock.
import { expect } from "chai";
import type { PrismaClient } from "../../server/src/generated/prisma/client.ts";
import { Indexer, type BatchNotice, type IndexerOptions } from "../../server/src/indexer/indexer.ts";
import {
  AssetStatus,
  DEFAULT_TERMS,
  DealType,
  acceptOffer,
  hashTerms,
  listedAsset,
  makeOffer,
  registerAsset,
} from "../contracts/fixtures.ts";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";
import { startTestChain, TcpProxy, type TestChain } from "./helpers/chain.ts";

function indexerFor(chain: TestChain, prisma: PrismaClient, extra: Partial<IndexerOptions> = {}): Indexer {
  return new Indexer({
    provider: chain.jsonRpc(),
    prisma,
    chainId: chain.chainId,
    addresses: chain.addresses,
    fromBlock: chain.deployBlock,
    pollIntervalMs: 50,
    ...extra,
  });
}

const lower = (address: string) => address.toLowerCase();
const dec = (value: unknown) => String(value);

/** Everything the projections hold, in a stable order, for comparing two indexes. */
async function snapshotTables(prisma: PrismaClient) {
  const plain = (value: unknown) =>
    JSON.parse(
      JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
    ) as unknown;
  const strip = <T extends { createdAt?: unknown; updatedAt?: unknown }>(rows: T[]) =>
    rows.map(({ createdAt: _c, updatedAt: _u, ...rest }) => plain(rest));
  return {
    organisations: strip(await prisma.organisation.findMany({ orderBy: { address: "asc" } })),
    assets: strip(await prisma.asset.findMany({ orderBy: { tokenId: "asc" }, include: { coOwners: true } })),
    listings: strip(await prisma.listing.findMany({ orderBy: { id: "asc" } })),
    offers: strip(await prisma.offer.findMany({ orderBy: { id: "asc" } })),
    agreements: strip(await prisma.agreement.findMany({ orderBy: { id: "asc" } })),
    licences: strip(await prisma.licence.findMany({ orderBy: { id: "asc" } })),
    events: (
      await prisma.chainEvent.findMany({ orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }] })
    ).map(({ createdAt: _c, ...rest }) => plain(rest)),
    activities: (
      await prisma.activity.findMany({
        orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }, { entityType: "asc" }, { entityId: "asc" }],
      })
    ).map((row) => plain(row)),
  };
}

for (const kind of databaseKinds) {
  describe(`Indexer (${kind})`, function () {
    this.timeout(120_000);
    const db = useTestDatabase(kind);
    /** On PostgreSQL, the writer lock on its own connection, as in production. */
    const writerLock = () => (kind === "postgres" ? { databaseUrl: db.url } : {});

    describe("a scripted history", function () {
      let chain: TestChain;
      const script: Record<string, bigint | string> = {};
      const notices: BatchNotice[] = [];

      before(async function () {
        chain = await startTestChain();
        const t = chain.techex;
        const { ipOffice, seller, buyer, other, coOwner, stranger, admin } = t.accounts;
        const { ethers } = t;

        await t.membership.connect(admin).admit(stranger.address, ethers.id("profile:stranger"));
        await t.membership.connect(admin).remove(stranger.address, ethers.id("expelled"));

        // Asset A: listed, offers withdrawn and rejected, a licence issued and revoked, an assignment
        // refused by the IP office, then one registered (the asset moves to the buyer).
        const assetA = await listedAsset(t, { coOwners: [coOwner.address] });
        script.assetA = assetA;
        const withdrawn = await makeOffer(t, assetA, DealType.NonExclusiveLicence, { amount: 111n });
        await t.exchange.connect(buyer).withdrawOffer(withdrawn.offerId, withdrawn.offer);
        script.withdrawn = withdrawn.offerId;
        const rejected = await makeOffer(t, assetA, DealType.ExclusiveLicence, { amount: 222n });
        await t.exchange.connect(seller).rejectOffer(rejected.offerId, rejected.offer, ethers.id("too low"));
        script.rejected = rejected.offerId;
        const licensed = await makeOffer(t, assetA, DealType.NonExclusiveLicence, { amount: 500_000_000n });
        await acceptOffer(t, licensed.offerId, licensed.offer);
        script.licensed = licensed.offerId;
        await t.licences.connect(ipOffice).revoke(licensed.offerId, ethers.id("court order"));
        const refused = await makeOffer(t, assetA, DealType.Assignment, {
          buyer: other,
          amount: 4_000_000_000n,
        });
        const refusedAgreement = await acceptOffer(t, refused.offerId, refused.offer, {
          coOwners: [coOwner],
        });
        await t.exchange
          .connect(ipOffice)
          .refuseAgreement(refused.offerId, refusedAgreement.agreement, ethers.id("missing documents"));
        script.refused = refused.offerId;
        const assigned = await makeOffer(t, assetA, DealType.Assignment, { amount: 5_000_000_000n });
        const assignedAgreement = await acceptOffer(t, assigned.offerId, assigned.offer, {
          coOwners: [coOwner],
        });
        await t.exchange
          .connect(ipOffice)
          .registerAgreement(assigned.offerId, assignedAgreement.agreement, DEFAULT_TERMS);
        script.assigned = assigned.offerId;
        script.assignedDeadline = assignedAgreement.agreement.registrationDeadline;

        // Asset B verified then suspended; asset C rejected.
        const assetB = await registerAsset(t, seller, { kind: 4 });
        await t.registry.connect(ipOffice).setStatus(assetB, AssetStatus.Verified, ethers.id("ok"));
        await t.registry.connect(ipOffice).setStatus(assetB, AssetStatus.Suspended, ethers.id("invalidated"));
        script.assetB = assetB;
        const assetC = await registerAsset(t, other);
        await t.registry.connect(ipOffice).setStatus(assetC, AssetStatus.Rejected, ethers.id("not novel"));
        script.assetC = assetC;

        // On PostgreSQL as in production: the writer lock's own connection, which COPYs new rows.
        const indexer = indexerFor(chain, db.prisma, { initialBlockRange: 7, ...writerLock() });
        indexer.onBatch((notice) => notices.push(notice));
        const result = await indexer.syncOnce();
        expect(result.toBlock).to.equal(await chain.ethers.provider.getBlockNumber());
        await indexer.stop();
      });

      after(async () => {
        await chain?.close();
      });

      it("mirrors the organisations admitted and removed", async function () {
        const { seller, stranger } = chain.techex.accounts;
        const member = await db.prisma.organisation.findUniqueOrThrow({
          where: { address: lower(seller.address) },
        });
        expect(member.profileHash).to.equal(chain.ethers.id(`profile:${seller.address}`));
        expect(member.admittedAt).to.be.instanceOf(Date);
        expect(member.removedAt).to.equal(null);
        const removed = await db.prisma.organisation.findUniqueOrThrow({
          where: { address: lower(stranger.address) },
        });
        expect(removed.removedAt).to.be.instanceOf(Date);
        expect(removed.removalReason).to.equal(chain.ethers.id("expelled"));
        expect(await db.prisma.organisation.count()).to.equal(5);
      });

      it("mirrors each asset's record, status and owner", async function () {
        const { seller, buyer, other, ipOffice } = chain.techex.accounts;
        const a = await db.prisma.asset.findUniqueOrThrow({
          where: { tokenId: dec(script.assetA) },
          include: { coOwners: true },
        });
        expect(a.tokenId.toFixed()).to.equal(dec(script.assetA));
        expect(a.registrationNumberHash).to.equal(chain.ethers.toBeHex(script.assetA as bigint, 32));
        expect(a.status).to.equal("VERIFIED");
        expect(a.owner).to.equal(lower(buyer.address));
        expect(a.registrant).to.equal(lower(seller.address));
        expect(a.coOwners).to.deep.equal([], "co-owners are cleared by the assignment");
        expect(a.kind).to.equal("PATENT");
        const onChain = await chain.techex.registry.asset(script.assetA as bigint);
        expect(a.contentHash).to.equal(onChain.contentHash);
        expect(a.protectionExpiresAt!.getTime()).to.equal(Number(onChain.protectionExpiry) * 1000);
        expect(a.verifiedAt).to.be.instanceOf(Date);

        const b = await db.prisma.asset.findUniqueOrThrow({ where: { tokenId: dec(script.assetB) } });
        expect([b.status, b.kind, b.owner, b.statusReason]).to.deep.equal([
          "SUSPENDED",
          "SOFTWARE",
          lower(seller.address),
          chain.ethers.id("invalidated"),
        ]);
        const c = await db.prisma.asset.findUniqueOrThrow({ where: { tokenId: dec(script.assetC) } });
        expect([c.status, c.owner, c.verifiedAt]).to.deep.equal(["REJECTED", lower(other.address), null]);

        const history = await db.prisma.activity.findMany({
          where: { entityType: "ASSET", entityId: dec(script.assetB) },
          orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
        });
        expect(history.map((h) => [h.action, h.actor])).to.deep.equal([
          ["AssetRegistered", lower(seller.address)],
          ["AssetStatusChanged", lower(ipOffice.address)],
          ["AssetStatusChanged", lower(ipOffice.address)],
        ]);
        for (const entry of history) {
          const receipt = await chain.ethers.provider.getTransactionReceipt(entry.txHash);
          expect(Number(entry.blockNumber)).to.equal(receipt!.blockNumber);
          const block = await chain.ethers.provider.getBlock(receipt!.blockNumber);
          expect(entry.blockTime.getTime()).to.equal(block!.timestamp * 1000);
        }
        const historyA = await db.prisma.activity.findMany({
          where: { entityType: "ASSET", entityId: dec(script.assetA) },
        });
        expect(historyA.length).to.be.greaterThan(15);
        // the assignment: ERC-721 Transfer (the owner moves) beside AgreementSettled, in the IP office's transaction
        const moved = historyA.filter((h) => h.action === "Transfer");
        expect(moved.map((h) => h.actor)).to.deep.equal([lower(ipOffice.address)]);
        expect(
          historyA.some((h) => h.action === "AgreementSettled" && h.txHash === moved[0]!.txHash),
        ).to.equal(true);
      });

      it("mirrors the listing's terms and state", async function () {
        const listings = await db.prisma.listing.findMany({ where: { assetTokenId: dec(script.assetA) } });
        expect(listings).to.have.length(1);
        const [listing] = listings;
        expect(listing.id).to.equal(`${dec(script.assetA)}-1`);
        expect(listing.epoch).to.equal(1);
        expect(listing.seller).to.equal(lower(chain.techex.accounts.seller.address));
        expect(listing.paymentToken).to.equal(lower(chain.addresses.settlementToken));
        expect(
          [listing.assignmentPrice, listing.exclusiveLicencePrice, listing.nonExclusiveLicencePrice].map(
            (p) => p!.toFixed(),
          ),
        ).to.deep.equal(["5000000000", "2000000000", "500000000"]);
        expect(listing.territory).to.equal(DEFAULT_TERMS.territory);
        expect(listing.fieldOfUse).to.equal(DEFAULT_TERMS.fieldOfUse);
        expect(listing.licenceDurationSeconds).to.equal(DEFAULT_TERMS.duration);
        expect(listing.sublicensingAllowed).to.equal(false);
        expect(listing.royaltyBps).to.equal(300);
        expect(listing.termsHash).to.equal(hashTerms(chain.ethers, DEFAULT_TERMS));
        expect(listing.state).to.equal("CLOSED", "the assignment closed it");
      });

      it("mirrors offers withdrawn, rejected and accepted", async function () {
        const offers = await db.prisma.offer.findMany({ orderBy: { id: "asc" } });
        const byId = new Map(offers.map((o) => [o.id.toFixed(), o]));
        expect(offers).to.have.length(5);
        const withdrawn = byId.get(dec(script.withdrawn))!;
        expect([
          withdrawn.state,
          withdrawn.dealType,
          withdrawn.amount.toFixed(),
          withdrawn.buyer,
        ]).to.deep.equal([
          "WITHDRAWN",
          "NON_EXCLUSIVE_LICENCE",
          "111",
          lower(chain.techex.accounts.buyer.address),
        ]);
        expect(withdrawn.closedAt).to.be.instanceOf(Date);
        expect(withdrawn.termsHash).to.equal(hashTerms(chain.ethers, DEFAULT_TERMS));
        expect(withdrawn.listingId).to.equal(`${dec(script.assetA)}-1`);
        const rejected = byId.get(dec(script.rejected))!;
        expect([rejected.state, rejected.rejectionReason]).to.deep.equal([
          "REJECTED",
          chain.ethers.id("too low"),
        ]);
        for (const id of [script.licensed, script.refused, script.assigned])
          expect(byId.get(dec(id))!.state).to.equal("ACCEPTED");
        for (const offer of offers) {
          const [status] = await chain.techex.exchange.offerState(BigInt(offer.id.toFixed()));
          expect(Number(status)).to.be.greaterThan(1);
        }
      });

      it("mirrors agreements settled and refused, with their history", async function () {
        const { seller, buyer, other, ipOffice, coOwner, treasury } = chain.techex.accounts;
        const licensed = await db.prisma.agreement.findUniqueOrThrow({ where: { id: dec(script.licensed) } });
        expect(licensed.status).to.equal("SETTLED");
        expect(licensed.registrationRequired).to.equal(false);
        expect(licensed.registrar).to.equal(null);
        expect(licensed.fee!.toFixed()).to.equal("12500000"); // 2.5 % of 500,000,000
        expect(licensed.sellerProceeds!.toFixed()).to.equal("487500000");
        expect(licensed.treasury).to.equal(lower(treasury.address));
        expect(licensed.documentHash).to.equal(chain.ethers.id(`agreement:${dec(script.licensed)}`));

        const refused = await db.prisma.agreement.findUniqueOrThrow({ where: { id: dec(script.refused) } });
        expect([
          refused.status,
          refused.buyer,
          refused.seller,
          refused.registrar,
          refused.refusalReason,
        ]).to.deep.equal([
          "REFUSED",
          lower(other.address),
          lower(seller.address),
          lower(ipOffice.address),
          chain.ethers.id("missing documents"),
        ]);
        expect(refused.coOwners).to.deep.equal([lower(coOwner.address)]);

        const assigned = await db.prisma.agreement.findUniqueOrThrow({ where: { id: dec(script.assigned) } });
        expect([
          assigned.status,
          assigned.dealType,
          assigned.amount.toFixed(),
          assigned.registrar,
          assigned.buyer,
        ]).to.deep.equal([
          "SETTLED",
          "ASSIGNMENT",
          "5000000000",
          lower(ipOffice.address),
          lower(buyer.address),
        ]);
        expect(assigned.deadline!.getTime()).to.equal(Number(script.assignedDeadline) * 1000);
        const history = await db.prisma.activity.findMany({
          where: { entityType: "AGREEMENT", entityId: dec(script.assigned) },
          orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
        });
        expect(history.map((h) => [h.action, h.actor])).to.deep.equal([
          ["AgreementAccepted", lower(seller.address)],
          ["AgreementSettled", lower(ipOffice.address)],
        ]);
      });

      it("mirrors licences issued and revoked", async function () {
        const licences = await db.prisma.licence.findMany();
        expect(licences).to.have.length(1);
        const [licence] = licences;
        const onChain = await chain.techex.licences.licence(script.licensed as bigint);
        expect(licence.id.toFixed()).to.equal(dec(script.licensed));
        expect(licence.agreementId!.toFixed()).to.equal(dec(script.licensed));
        expect(licence.licensee).to.equal(lower(chain.techex.accounts.buyer.address));
        expect(licence.exclusive).to.equal(false);
        expect(licence.startsAt.getTime()).to.equal(Number(onChain.start) * 1000);
        expect(licence.endsAt!.getTime()).to.equal(Number(onChain.end) * 1000);
        expect([
          licence.territory,
          licence.fieldOfUse,
          licence.sublicensing,
          licence.royaltyBps,
        ]).to.deep.equal(["VN", "aquaculture feed", false, 300]);
        expect(licence.revokedAt).to.be.instanceOf(Date);
        expect(licence.revocationReason).to.equal(chain.ethers.id("court order"));
      });

      it("stores every event once with its checkpoint, and notified each batch", async function () {
        const count = await db.prisma.chainEvent.count();
        const notified = notices.flatMap((n) => n.events);
        expect(notified).to.have.length(count);
        expect(notices.length).to.be.greaterThan(3, "small block ranges gave several batches");
        const checkpoint = await db.prisma.indexerCheckpoint.findFirstOrThrow();
        const head = await chain.ethers.provider.getBlock("latest");
        expect([Number(checkpoint.blockNumber), checkpoint.blockHash]).to.deep.equal([
          head!.number,
          head!.hash,
        ]);

        const again = indexerFor(chain, db.prisma);
        expect((await again.syncOnce()).events).to.equal(0);
        expect(await db.prisma.chainEvent.count()).to.equal(count);
      });

      it("gives the same tables whether it reads the history in one range or block by block", async function () {
        // Block by block, each range is applied while the one before is still being written, with
        // the rows the earlier ranges read or created carried over instead of read again.
        const expected = await snapshotTables(db.prisma);
        // The last reading drops the carried rows every range or two and reads them afresh.
        for (const [range, maxCarriedRows] of [
          [100_000, undefined],
          [1, undefined],
          [1, 3],
        ]) {
          await db.prisma.$executeRawUnsafe(
            "TRUNCATE chain_events, activities, indexer_checkpoints, indexed_blocks, licences, agreements, offers, listings, asset_co_owners, assets, organisations",
          );
          const batches: BatchNotice[] = [];
          const indexer = indexerFor(chain, db.prisma, {
            initialBlockRange: range,
            maxBlockRange: range,
            maxCarriedRows,
            ...writerLock(),
          });
          indexer.onBatch((notice) => batches.push(notice));
          await indexer.syncOnce();
          await indexer.stop();
          if (range === 1) expect(batches.length).to.be.greaterThan(20);
          else expect(batches).to.have.length(1);
          expect(await snapshotTables(db.prisma)).to.deep.equal(
            expected,
            `ranges of ${range} blocks, at most ${maxCarriedRows ?? "50,000"} rows carried`,
          );
        }
      });
    });

    describe("faults", function () {
      let chain: TestChain;

      beforeEach(async () => {
        chain = await startTestChain();
        await db.prisma.$executeRawUnsafe(
          "TRUNCATE chain_events, activities, indexer_checkpoints, indexed_blocks, licences, agreements, offers, listings, asset_co_owners, assets, organisations",
        );
      });

      afterEach(async () => {
        await chain?.close();
      });

      // on Hardhat's EDR and on anvil, whose snapshots (evm_snapshot / evm_revert) make the reorg
      for (const node of ["hardhat", "anvil"] as const) {
        it(`rolls back a reorg to the common ancestor and indexes the new branch exactly (${node})`, async function () {
          const onNode = node === "hardhat" ? chain : await startTestChain("anvil");
          try {
            const t = onNode.techex;
            const { seller, ipOffice } = t.accounts;
            const indexer = indexerFor(onNode, db.prisma);
            const reorgs: number[] = [];
            indexer.onReorg((notice) => reorgs.push(notice.ancestor));
            const kept = await listedAsset(t);
            await indexer.syncOnce();
            const ancestor = await onNode.ethers.provider.getBlockNumber();
            const snapshot = await onNode.provider.request({ method: "evm_snapshot" });

            // Branch 1: asset kept gets an offer, a new asset D is registered and verified.
            await makeOffer(t, kept, DealType.NonExclusiveLicence, { amount: 7n });
            const lost = await registerAsset(t, seller, { regNumber: "VN-lost" });
            await t.registry.connect(ipOffice).setStatus(lost, AssetStatus.Verified, t.ethers.id("ok"));
            await indexer.syncOnce();
            expect(await db.prisma.offer.count()).to.equal(1);
            expect(await db.prisma.asset.count({ where: { tokenId: dec(lost) } })).to.equal(1);

            // Branch 2: from the same ancestor, different transactions, more blocks.
            await onNode.provider.request({ method: "evm_revert", params: [snapshot] });
            await t.exchange.connect(seller).setListingStatus(kept, 2);
            const other = await registerAsset(t, seller, { regNumber: "VN-other" });
            await onNode.provider.request({ method: "evm_mine", params: [] });
            await onNode.provider.request({ method: "evm_mine", params: [] });
            await indexer.syncOnce();
            expect(reorgs).to.deep.equal([ancestor]);

            // The result equals indexing branch 2 from scratch.
            const reorged = await snapshotTables(db.prisma);
            expect(reorged.offers).to.deep.equal([]);
            expect(await db.prisma.asset.count({ where: { tokenId: dec(lost) } })).to.equal(0);
            expect(
              (await db.prisma.listing.findFirstOrThrow({ where: { assetTokenId: dec(kept) } })).state,
            ).to.equal("PAUSED");
            expect(await db.prisma.asset.count({ where: { tokenId: dec(other) } })).to.equal(1);
            await db.prisma.$executeRawUnsafe(
              "TRUNCATE chain_events, activities, indexer_checkpoints, indexed_blocks, licences, agreements, offers, listings, asset_co_owners, assets, organisations",
            );
            await indexerFor(onNode, db.prisma).syncOnce();
            expect(reorged).to.deep.equal(await snapshotTables(db.prisma));
          } finally {
            if (onNode !== chain) await onNode.close();
          }
        });
      }

      it("shrinks the block range when the node refuses a large one", async function () {
        await listedAsset(chain.techex);
        const inner = chain.jsonRpc();
        const ranges: number[] = [];
        const limited = {
          send(method: string, params: unknown[]) {
            if (method === "eth_getLogs") {
              const { fromBlock, toBlock } = params[0] as { fromBlock: string; toBlock: string };
              const size = Number(toBlock) - Number(fromBlock) + 1;
              ranges.push(size);
              if (size > 4) return Promise.reject(new Error("query returned more than 10000 results"));
            }
            return inner.send(method, params);
          },
        };
        const indexer = indexerFor(chain, db.prisma, { provider: limited, initialBlockRange: 1_000 });
        const result = await indexer.syncOnce();
        expect(result.toBlock).to.equal(await chain.ethers.provider.getBlockNumber());
        expect(ranges[0]).to.be.greaterThan(4);
        expect(indexer.status().blockRange).to.be.at.most(4);
        expect(ranges.filter((size) => size > 4).length).to.be.lessThan(
          12,
          "refused sizes are not asked again",
        );
        expect(await db.prisma.listing.count()).to.equal(1);
      });

      it("indexes text PostgreSQL cannot hold (a NUL in a listing's terms) and carries on", async function () {
        // Anyone admitted can put any bytes in a string on the chain; a NUL would otherwise stop
        // the index for good. It is stored as U+FFFD, and the terms hash stays the chain's.
        const t = chain.techex;
        const terms = { ...DEFAULT_TERMS, territory: "VN\u0000", fieldOfUse: "feed \u0000 \\u0000 \t\n" };
        const asset = await listedAsset(t, { terms });
        const later = await registerAsset(t, t.accounts.seller, { regNumber: "VN-after-nul" });
        // On PostgreSQL through the writer's own connection, which writes events with COPY
        const indexer = indexerFor(chain, db.prisma, { initialBlockRange: 1_000, ...writerLock() });
        await indexer.syncOnce();
        await indexer.stop();
        const stored = await db.prisma.chainEvent.findFirstOrThrow({
          where: { eventName: "ListingCreated" },
        });
        expect((stored.args as { terms: { territory: string } }).terms.territory).to.equal("VN\u0000");
        const listing = await db.prisma.listing.findFirstOrThrow({ where: { assetTokenId: dec(asset) } });
        expect([listing.territory, listing.fieldOfUse, listing.termsHash]).to.deep.equal([
          "VN\uFFFD",
          "feed \uFFFD \\u0000 \t\n",
          hashTerms(t.ethers, terms),
        ]);
        expect(await db.prisma.asset.count({ where: { tokenId: dec(later) } })).to.equal(1);
      });

      it("stays `confirmations` blocks behind the head", async function () {
        const indexer = indexerFor(chain, db.prisma, { confirmations: 3 });
        const asset = await registerAsset(chain.techex, chain.techex.accounts.seller);
        const head = await chain.ethers.provider.getBlockNumber();
        expect((await indexer.syncOnce()).toBlock).to.equal(head - 3);
        expect(await db.prisma.asset.count({ where: { tokenId: dec(asset) } })).to.equal(0);
        for (let i = 0; i < 3; i++) await chain.provider.request({ method: "evm_mine", params: [] });
        await indexer.syncOnce();
        expect(await db.prisma.asset.count({ where: { tokenId: dec(asset) } })).to.equal(1);
        expect(indexer.status()).to.include({ head: head + 3, indexedBlock: head, lag: 3 });
      });

      it("stops, instead of retrying, when the index contradicts the chain", async function () {
        const t = chain.techex;
        const indexer = indexerFor(chain, db.prisma);
        const asset = await registerAsset(t, t.accounts.seller);
        await indexer.syncOnce();
        await db.prisma.asset.delete({ where: { tokenId: dec(asset) } });
        await t.registry
          .connect(t.accounts.ipOffice)
          .setStatus(asset, AssetStatus.Verified, t.ethers.id("ok"));
        const errors: Error[] = [];
        indexer.onError((error) => errors.push(error));
        indexer.start();
        await until(async () => indexer.status().role === "failed");
        await indexer.stop();
        expect(errors).to.have.length(1);
        expect(errors[0].message).to.match(/asset .* is not in the index/);
        expect(await db.prisma.chainEvent.count({ where: { eventName: "AssetStatusChanged" } })).to.equal(0);
      });

      it("retries while the RPC is down and catches up when it is back", async function () {
        const proxy = new TcpProxy(chain.url);
        await proxy.start();
        const indexer = indexerFor(chain, db.prisma, {
          provider: chain.jsonRpc(proxy.url),
          retryInitialDelayMs: 20,
          retryMaxDelayMs: 200,
          requestTimeoutMs: 2_000,
        });
        indexer.start();
        try {
          await until(async () => indexer.status().lag === 0 && indexer.status().indexedBlock !== undefined);
          await proxy.stop();
          const asset = await registerAsset(chain.techex, chain.techex.accounts.seller);
          await until(async () => indexer.status().lastError !== undefined);
          expect(indexer.status().role).to.equal("writer");
          await proxy.start();
          await until(async () => (await db.prisma.asset.count({ where: { tokenId: dec(asset) } })) === 1);
          expect(indexer.status().lastError).to.equal(undefined);
        } finally {
          await indexer.stop();
          await proxy.stop();
        }
      });
    });
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
