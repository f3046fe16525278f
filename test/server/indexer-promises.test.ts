// What the ledger's promises (issue 13) change in the index and the API: a suspended asset's open
// listing is not tradable, a pause moves pending registration deadlines, a rejected registration's
// number is registered again by someone else, fee payouts are stored events.
import { expect } from "chai";
import type { PrismaClient } from "../../server/src/generated/prisma/client.ts";
import { Indexer } from "../../server/src/indexer/indexer.ts";
import {
  AssetStatus,
  DAY,
  DealType,
  acceptOffer,
  listedAsset,
  makeOffer,
  registerAsset,
} from "../contracts/fixtures.ts";
import { databaseKinds, useTestDatabase } from "./helpers/database.ts";
import { startTestChain, type TestChain } from "./helpers/chain.ts";
import { call, startReadApi, type RunningApi } from "./helpers/api.ts";

function indexerFor(chain: TestChain, prisma: PrismaClient): Indexer {
  return new Indexer({
    provider: chain.jsonRpc(),
    prisma,
    chainId: chain.chainId,
    addresses: chain.addresses,
    fromBlock: chain.deployBlock,
    pollIntervalMs: 50,
  });
}

for (const kind of databaseKinds) {
  describe(`Index of the ledger's promises (${kind})`, function () {
    this.timeout(120_000);
    const db = useTestDatabase(kind);
    let chain: TestChain;
    let api: RunningApi;
    const script: Record<string, bigint> = {};

    before(async function () {
      chain = await startTestChain();
      const t = chain.techex;
      const { ipOffice, other, seller, pauser } = t.accounts;
      const { ethers } = t;
      const indexer = indexerFor(chain, db.prisma);

      // a listed asset, suspended by the IP office
      script.suspended = await listedAsset(t);
      await t.registry
        .connect(ipOffice)
        .setStatus(script.suspended, AssetStatus.Suspended, ethers.id("dispute"));
      script.open = await listedAsset(t);

      // an assignment awaiting registration, then a 10-day pause (indexed in two batches: the
      // agreement is in the index before the unpause arrives)
      script.pending = await listedAsset(t);
      const { offerId, offer } = await makeOffer(t, script.pending, DealType.Assignment);
      const { agreement } = await acceptOffer(t, offerId, offer);
      script.pendingAgreement = offerId;
      script.deadline = agreement.registrationDeadline;
      await indexer.syncOnce();
      await t.exchange.connect(pauser).pause();
      await chain.provider.request({ method: "evm_increaseTime", params: [10 * DAY] });
      await t.exchange.connect(pauser).unpause();
      script.paused = await t.exchange.pausedSeconds();

      // a squatter's registration rejected, then the rightful owner's
      const number = "VN-1-2026-77777";
      script.squatted = await registerAsset(t, other, { regNumber: number });
      await t.registry
        .connect(ipOffice)
        .setStatus(script.squatted, AssetStatus.Rejected, ethers.id("not the holder"));
      await registerAsset(t, seller, { regNumber: number });

      // a licence that settles at once accrues a fee, which is then paid out
      const licence = await makeOffer(t, script.open, DealType.NonExclusiveLicence);
      await acceptOffer(t, licence.offerId, licence.offer);
      await t.exchange.withdrawFees();
      await indexer.syncOnce();
      await indexer.stop();
      api = await startReadApi(db);
    });

    after(async () => {
      await api?.close();
      await chain?.close();
    });

    it("reports a suspended asset's open listing as not tradable; another open listing is", async function () {
      const suspended = await call(`${api.url}/api/listings/${script.suspended}-1`);
      expect(suspended.status).to.equal(200);
      expect([suspended.body.state, suspended.body.asset.status, suspended.body.tradable]).to.deep.equal([
        "OPEN",
        "SUSPENDED",
        false,
      ]);
      const open = await call(`${api.url}/api/listings/${script.open}-1`);
      expect(open.body.tradable).to.equal(true);
      const page = await call(`${api.url}/api/listings?state=OPEN&limit=50`);
      const byAsset = new Map(
        (page.body.items as { assetTokenId: string; tradable: boolean }[]).map((l) => [
          l.assetTokenId,
          l.tradable,
        ]),
      );
      expect(byAsset.get(String(script.suspended))).to.equal(false);
      expect(byAsset.get(String(script.open))).to.equal(true);
    });

    it("extends a pending registration deadline by the time the exchange was paused", async function () {
      const row = await db.prisma.agreement.findUniqueOrThrow({
        where: { id: String(script.pendingAgreement) },
      });
      expect(script.paused).to.be.at.least(BigInt(10 * DAY));
      expect(row.deadline!.getTime()).to.equal(Number(script.deadline + script.paused) * 1000);
      const history = await db.prisma.activity.findMany({
        where: { entityType: "AGREEMENT", entityId: String(script.pendingAgreement) },
        orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
      });
      expect(history.map((h) => h.action)).to.deep.equal([
        "AgreementAccepted",
        "RegistrationDeadlinesExtended",
      ]);
    });

    it("holds the rightful owner's registration of a number whose first registration was rejected", async function () {
      const { seller } = chain.techex.accounts;
      const asset = await db.prisma.asset.findUniqueOrThrow({ where: { tokenId: String(script.squatted) } });
      expect([asset.status, asset.owner]).to.deep.equal(["PENDING", seller.address.toLowerCase()]);
      const history = await db.prisma.activity.findMany({
        where: { entityType: "ASSET", entityId: String(script.squatted) },
        orderBy: [{ blockNumber: "asc" }, { logIndex: "asc" }],
      });
      expect(history.map((h) => h.action)).to.deep.equal([
        "AssetRegistered",
        "AssetStatusChanged",
        "Transfer",
        "AssetRegistered",
      ]);
    });

    it("stores the fee payout and the unpause as chain events", async function () {
      const names = (await db.prisma.chainEvent.findMany({ select: { eventName: true } })).map(
        (e) => e.eventName,
      );
      expect(names).to.include.members(["FeesWithdrawn", "RegistrationDeadlinesExtended"]);
    });
  });
}
