// The ledger's promises (issue 13's audit findings), one describe per finding. Each test here failed
// on the contracts before the fix: the rule it checks did not exist (or the error/event was missing).
import { expect } from "chai";
import { network } from "hardhat";
import {
  AssetStatus,
  DAY,
  DEFAULT_FEE_BPS,
  DEFAULT_REGISTRATION_MASK,
  DEFAULT_REGISTRATION_PERIOD,
  DEFAULT_TERMS,
  DealType,
  ListingStatus,
  OfferStatus,
  Roles,
  YEAR,
  acceptOffer,
  deployTechEx,
  listedAsset,
  makeOffer,
  registerAsset,
  wireTechEx,
  type TechEx,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

const SHORT = { ...DEFAULT_TERMS, duration: BigInt(YEAR) };

async function listed() {
  const t = await deployTechEx(ethers);
  const assetId = await listedAsset(t, { terms: SHORT });
  return { ...t, assetId };
}

/** An exclusive licence of the asset accepted and awaiting the IP office. */
async function exclusivePending() {
  const t = await listed();
  const { offerId, offer } = await makeOffer(t, t.assetId, DealType.ExclusiveLicence, { terms: SHORT });
  const { agreement } = await acceptOffer(t, offerId, offer, { terms: SHORT });
  return { ...t, offerId, agreement };
}

/** A non-exclusive licence of the asset settled (it settles on acceptance) and running for a year. */
async function nonExclusiveRunning() {
  const t = await listed();
  const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
    buyer: t.accounts.other,
    terms: SHORT,
  });
  await acceptOffer(t, offerId, offer, { terms: SHORT });
  const licence = await t.licences.licence(offerId);
  return { ...t, licenceId: offerId, until: licence.end };
}

function office(t: TechEx) {
  return t.exchange.connect(t.accounts.ipOffice);
}

describe("The ledger's promises", function () {
  describe("1. an exclusive licence is exclusive", function () {
    it("(a) an exclusive deal cannot be accepted while a non-exclusive licence runs, saying until when; after it ends it can", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveRunning);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.ExclusiveLicence, { terms: SHORT });
      await expect(acceptOffer(t, offerId, offer, { terms: SHORT }))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNonExclusiveLicenceRunning")
        .withArgs(t.assetId, t.until);
      expect((await t.registry.record(t.assetId)).licensedUntil).to.equal(t.until);
      await time.increaseTo(t.until);
      const later = await makeOffer(t, t.assetId, DealType.ExclusiveLicence, { terms: SHORT });
      await acceptOffer(t, later.offerId, later.offer, { terms: SHORT });
      expect((await t.exchange.offerState(later.offerId))[0]).to.equal(BigInt(OfferStatus.Accepted));
    });

    it("(b) while an exclusive deal awaits registration no other licence or assignment of the asset can be accepted", async function () {
      const t = await networkHelpers.loadFixture(exclusivePending);
      expect((await t.registry.record(t.assetId)).reserved).to.equal(true);
      for (const dealType of [DealType.NonExclusiveLicence, DealType.ExclusiveLicence, DealType.Assignment]) {
        const { offerId, offer } = await makeOffer(t, t.assetId, dealType, {
          buyer: t.accounts.other,
          terms: SHORT,
        });
        await expect(acceptOffer(t, offerId, offer, { terms: SHORT }))
          .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetReserved")
          .withArgs(t.assetId);
      }
    });

    it("once the exclusive licence is registered, a non-exclusive one cannot settle until the exclusive is revoked", async function () {
      const t = await networkHelpers.loadFixture(exclusivePending);
      await office(t).registerAgreement(t.offerId, t.agreement, SHORT);
      const record = await t.registry.record(t.assetId);
      expect([record.reserved, record.exclusiveIssued]).to.deep.equal([false, true]);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        buyer: t.accounts.other,
        terms: SHORT,
      });
      await expect(acceptOffer(t, offerId, offer, { terms: SHORT }))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeExclusiveLicenceActive")
        .withArgs(t.assetId, t.offerId);
      await t.licences.connect(t.accounts.ipOffice).revoke(t.offerId, ethers.id("court order"));
      await acceptOffer(t, offerId, offer, { terms: SHORT });
      expect(await t.licences.isActive(offerId)).to.equal(true);
    });

    it("a refused exclusive deal frees the asset: a non-exclusive licence then settles at once", async function () {
      const t = await networkHelpers.loadFixture(exclusivePending);
      await office(t).refuseAgreement(t.offerId, t.agreement, ethers.id("incomplete dossier"));
      expect((await t.registry.record(t.assetId)).reserved).to.equal(false);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        buyer: t.accounts.other,
        terms: SHORT,
      });
      await acceptOffer(t, offerId, offer, { terms: SHORT });
      expect(await t.licences.isActive(offerId)).to.equal(true);
    });

    it("a reclaimed exclusive deal (deadline passed) frees the asset too", async function () {
      const t = await networkHelpers.loadFixture(exclusivePending);
      await time.increaseTo(t.agreement.registrationDeadline + 1n);
      await t.exchange.connect(t.accounts.buyer).reclaimUnregistered(t.offerId, t.agreement);
      expect((await t.registry.record(t.assetId)).reserved).to.equal(false);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.Assignment, {
        buyer: t.accounts.other,
      });
      const { agreement } = await acceptOffer(t, offerId, offer);
      await office(t).registerAgreement(offerId, agreement, DEFAULT_TERMS);
      expect(await t.registry.ownerOf(t.assetId)).to.equal(t.accounts.other.address);
    });

    it("a non-exclusive licence that needs registration cannot be registered while an exclusive deal awaits it", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.exchange.connect(t.accounts.admin).setRegistrationPolicy(0b111, DEFAULT_REGISTRATION_PERIOD);
      const nonExclusive = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        buyer: t.accounts.other,
        terms: SHORT,
      });
      const first = await acceptOffer(t, nonExclusive.offerId, nonExclusive.offer, { terms: SHORT });
      const exclusive = await makeOffer(t, t.assetId, DealType.ExclusiveLicence, { terms: SHORT });
      const second = await acceptOffer(t, exclusive.offerId, exclusive.offer, { terms: SHORT });
      await expect(office(t).registerAgreement(nonExclusive.offerId, first.agreement, SHORT))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetReserved")
        .withArgs(t.assetId);
      await office(t).registerAgreement(exclusive.offerId, second.agreement, SHORT);
      await expect(office(t).registerAgreement(nonExclusive.offerId, first.agreement, SHORT))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeExclusiveLicenceActive")
        .withArgs(t.assetId, exclusive.offerId);
      // the non-exclusive buyer's escrow is not stranded: the IP office refuses it (or the deadline passes)
      await office(t).refuseAgreement(
        nonExclusive.offerId,
        first.agreement,
        ethers.id("exclusive licence granted"),
      );
      expect((await t.exchange.offerState(nonExclusive.offerId))[0]).to.equal(BigInt(OfferStatus.Refused));
    });
  });

  describe("2. a rejected registration frees its number; a revoked one does not", function () {
    it("the IP office's rejection burns the squatter's token and the rightful owner registers the number", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { other, seller, ipOffice } = t.accounts;
      const number = "VN-1-2026-00042";
      const assetId = await registerAsset(t, other, { regNumber: number });
      const balance = await t.registry.balanceOf(other.address);
      const tx = t.registry
        .connect(ipOffice)
        .setStatus(assetId, AssetStatus.Rejected, ethers.id("not the holder"));
      await expect(tx)
        .to.emit(t.registry, "AssetStatusChanged")
        .withArgs(assetId, AssetStatus.Pending, AssetStatus.Rejected, ethers.id("not the holder"));
      await expect(tx).to.emit(t.registry, "Transfer").withArgs(other.address, ethers.ZeroAddress, assetId);
      expect(await t.registry.balanceOf(other.address)).to.equal(balance - 1n);
      await expect(t.registry.ownerOf(assetId)).to.be.revertedWithCustomError(
        t.registry,
        "ERC721NonexistentToken",
      );
      expect((await t.registry.record(assetId)).status).to.equal(BigInt(AssetStatus.Rejected));

      expect(await registerAsset(t, seller, { regNumber: number })).to.equal(assetId);
      expect(await t.registry.ownerOf(assetId)).to.equal(seller.address);
      expect((await t.registry.record(assetId)).status).to.equal(BigInt(AssetStatus.Pending));
      await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.id("checked"));
    });

    it("a revoked registration keeps its number for good", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.registry
        .connect(t.accounts.ipOffice)
        .setStatus(t.assetId, AssetStatus.Revoked, ethers.id("invalidated"));
      const regNumberHash = ethers.toBeHex(t.assetId, 32);
      await expect(
        t.registry
          .connect(t.accounts.other)
          .register(
            0,
            regNumberHash,
            ethers.id("c"),
            "ipfs://x",
            BigInt(await time.latest()) + BigInt(YEAR),
            [],
          ),
      )
        .to.be.revertedWithCustomError(t.registry, "RegistryAlreadyRegistered")
        .withArgs(t.assetId);
    });
  });

  describe("3. licence ids stay unique across an exchange migration", function () {
    it("end to end: licences of the old and new exchange coexist, and the old one's pending deals still refund and free the asset", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { seller, buyer, other, treasury, ipOffice } = t.accounts;
      // on the first exchange: a non-exclusive licence (agreement 1 → licence 1) and an exclusive deal
      // of a second asset awaiting registration
      const first = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, { terms: SHORT });
      await acceptOffer(t, first.offerId, first.offer, { terms: SHORT });
      const second = await listedAsset(t, { terms: SHORT });
      const pending = await makeOffer(t, second, DealType.ExclusiveLicence, { buyer: other, terms: SHORT });
      const pendingDeal = await acceptOffer(t, pending.offerId, pending.offer, { terms: SHORT });
      const used = (await t.exchange.nextOfferId()) - 1n;

      const next = await ethers.deployContract("Exchange", [
        await t.manager.getAddress(),
        await t.registry.getAddress(),
        await t.licences.getAddress(),
        await t.token.getAddress(),
        treasury.address,
        DEFAULT_FEE_BPS,
        DEFAULT_REGISTRATION_MASK,
        DEFAULT_REGISTRATION_PERIOD,
      ]);
      await wireTechEx(t.manager, { ...t, exchange: next });
      expect(await t.licences.exchange()).to.equal(await next.getAddress());
      expect(await t.licences.licenceIdOf(1n)).to.equal(used + 1n);

      // the new exchange counts agreements from 1 again; its licence 1 gets id used + 1
      const onNext = { ...t, exchange: next };
      const third = await makeOffer(onNext, t.assetId, DealType.NonExclusiveLicence, { terms: SHORT });
      expect(third.offerId).to.equal(1n);
      const tx = await acceptOffer(onNext, third.offerId, third.offer, { terms: SHORT });
      const licences = await t.licences.getAddress();
      const issued = tx
        .receipt!.logs.filter((log) => log.address === licences)
        .map((log) => t.licences.interface.parseLog(log))
        .find((parsed) => parsed?.name === "LicenceIssued")!;
      expect(issued.args.licenceId).to.equal(used + 1n);
      expect(await t.licences.ownerOf(used + 1n)).to.equal(buyer.address);
      expect(await t.licences.ownerOf(first.offerId)).to.equal(buyer.address);
      expect(await t.licences.issuerOf(first.offerId)).to.deep.equal([
        await t.exchange.getAddress(),
        first.offerId,
      ]);
      expect(await t.licences.issuerOf(used + 1n)).to.deep.equal([await next.getAddress(), 1n]);

      // the old exchange's pending deal: it can no longer settle, but the refusal refunds and frees the asset
      expect((await t.registry.record(second)).reserved).to.equal(true);
      await expect(
        t.exchange.connect(ipOffice).registerAgreement(pending.offerId, pendingDeal.agreement, SHORT),
      ).to.be.revertedWithCustomError(t.licences, "AccessManagedUnauthorized");
      await expect(
        t.exchange
          .connect(ipOffice)
          .refuseAgreement(pending.offerId, pendingDeal.agreement, ethers.id("migrated")),
      ).to.changeTokenBalance(ethers, t.token, other, pending.offer.amount);
      expect((await t.registry.record(second)).reserved).to.equal(false);
      const after = await makeOffer(onNext, second, DealType.ExclusiveLicence, {
        buyer: other,
        terms: SHORT,
      });
      await acceptOffer(onNext, after.offerId, after.offer, { terms: SHORT });
      expect(seller.address).to.not.equal(other.address);
    });
  });

  describe("4. pause stops every state change but the refunds", function () {
    it("setListingStatus and approveAgreement revert while paused", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        terms: SHORT,
      });
      await t.exchange.connect(t.accounts.pauser).pause();
      await expect(
        t.exchange.connect(t.accounts.seller).setListingStatus(t.assetId, ListingStatus.Paused),
      ).to.be.revertedWithCustomError(t.exchange, "EnforcedPause");
      await expect(
        t.exchange.connect(t.accounts.buyer).approveAgreement(offerId, offer, ethers.id("doc")),
      ).to.be.revertedWithCustomError(t.exchange, "EnforcedPause");
      await t.exchange.connect(t.accounts.pauser).unpause();
      await t.exchange.connect(t.accounts.seller).setListingStatus(t.assetId, ListingStatus.Paused);
      await t.exchange.connect(t.accounts.buyer).approveAgreement(offerId, offer, ethers.id("doc"));
    });

    it("withdraw, reject, expiry reclaim, refusal, deadline reclaim and withdrawFees all work while paused", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveRunning);
      const { buyer, seller, pauser } = t.accounts;
      const withdrawn = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, { terms: SHORT });
      const rejected = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, { terms: SHORT });
      const expiring = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        terms: SHORT,
        expiry: BigInt(await time.latest()) + 3600n,
      });
      const other = await listedAsset(t, { terms: SHORT });
      const refused = await makeOffer(t, other, DealType.Assignment);
      const refusedDeal = await acceptOffer(t, refused.offerId, refused.offer);
      const third = await listedAsset(t, { terms: SHORT });
      const lapsed = await makeOffer(t, third, DealType.Assignment);
      const lapsedDeal = await acceptOffer(t, lapsed.offerId, lapsed.offer);
      await time.increaseTo(lapsedDeal.agreement.registrationDeadline + 1n);

      await t.exchange.connect(pauser).pause();
      await t.exchange.connect(buyer).withdrawOffer(withdrawn.offerId, withdrawn.offer);
      await t.exchange.connect(seller).rejectOffer(rejected.offerId, rejected.offer, ethers.ZeroHash);
      await t.exchange.reclaimExpiredOffer(expiring.offerId, expiring.offer);
      await office(t).refuseAgreement(refused.offerId, refusedDeal.agreement, ethers.id("no"));
      await t.exchange.reclaimUnregistered(lapsed.offerId, lapsedDeal.agreement);
      const fees = await t.exchange.accruedFees();
      expect(fees).to.be.greaterThan(0n);
      await expect(t.exchange.withdrawFees())
        .to.emit(t.exchange, "FeesWithdrawn")
        .withArgs(t.accounts.treasury.address, fees);
      const states = await Promise.all(
        [withdrawn, rejected, expiring, refused, lapsed].map(
          async (o) => (await t.exchange.offerState(o.offerId))[0],
        ),
      );
      expect(states).to.deep.equal(
        [
          OfferStatus.Withdrawn,
          OfferStatus.Rejected,
          OfferStatus.Expired,
          OfferStatus.Refused,
          OfferStatus.Reclaimed,
        ].map(BigInt),
      );
      expect(await t.token.balanceOf(await t.exchange.getAddress())).to.equal(0n);
    });
  });

  describe("5. both parties must be members", function () {
    it("a removed buyer's open offer cannot be accepted; its escrow still comes back", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        terms: SHORT,
      });
      await t.membership.connect(t.accounts.admin).remove(t.accounts.buyer.address, ethers.id("left"));
      await expect(acceptOffer(t, offerId, offer, { terms: SHORT }))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(t.accounts.buyer.address);
      await expect(t.exchange.connect(t.accounts.buyer).withdrawOffer(offerId, offer)).to.changeTokenBalance(
        ethers,
        t.token,
        t.accounts.buyer,
        offer.amount,
      );
    });

    it("a removed seller cannot reopen its paused listing (it may still close it)", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const seller = t.exchange.connect(t.accounts.seller);
      await seller.setListingStatus(t.assetId, ListingStatus.Paused);
      await t.membership.connect(t.accounts.admin).remove(t.accounts.seller.address, ethers.id("expelled"));
      await expect(seller.setListingStatus(t.assetId, ListingStatus.Open))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(t.accounts.seller.address);
      await seller.setListingStatus(t.assetId, ListingStatus.Closed);
    });

    it("registration needs both parties to be members; the pending deal stays refundable to the buyer", async function () {
      for (const party of ["seller", "buyer"] as const) {
        const t = await networkHelpers.loadFixture(exclusivePending);
        const account = t.accounts[party];
        await t.membership.connect(t.accounts.admin).remove(account.address, ethers.id("removed"));
        await expect(office(t).registerAgreement(t.offerId, t.agreement, SHORT))
          .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
          .withArgs(account.address);
        await expect(
          office(t).refuseAgreement(t.offerId, t.agreement, ethers.id("party removed")),
        ).to.changeTokenBalance(ethers, t.token, t.accounts.buyer, t.agreement.offer.amount);
      }
    });
  });

  describe("6. time paused does not count against the registration deadline", function () {
    it("a 40-day pause extends a 30-day deadline by 40 days; the IP office registers after the original deadline", async function () {
      const t = await networkHelpers.loadFixture(exclusivePending);
      const deadline = t.agreement.registrationDeadline;
      expect(t.agreement.pausedAtAcceptance).to.equal(0n);
      expect(await t.exchange.registrationDeadlineOf(t.agreement)).to.equal(deadline);
      await t.exchange.connect(t.accounts.pauser).pause();
      await time.increase(40 * DAY);
      // while paused, the deadline moves with the clock
      expect(await t.exchange.registrationDeadlineOf(t.agreement)).to.be.at.least(
        deadline + BigInt(40 * DAY),
      );
      const receipt = await (await t.exchange.connect(t.accounts.pauser).unpause()).wait();
      const extendedBy = receipt!.logs
        .map((log) => t.exchange.interface.parseLog(log))
        .find((parsed) => parsed?.name === "RegistrationDeadlinesExtended")!.args;
      expect(extendedBy.pausedSeconds).to.be.at.least(BigInt(40 * DAY));
      expect(extendedBy.totalPausedSeconds).to.equal(extendedBy.pausedSeconds);
      expect(await t.exchange.pausedSeconds()).to.equal(extendedBy.pausedSeconds);
      expect(await t.exchange.registrationDeadlineOf(t.agreement)).to.equal(
        deadline + extendedBy.pausedSeconds,
      );
      expect(BigInt(await time.latest())).to.be.greaterThan(deadline); // the 30 days have run out
      await expect(t.exchange.reclaimUnregistered(t.offerId, t.agreement))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationDeadlineNotPassed")
        .withArgs(t.offerId);
      await office(t).registerAgreement(t.offerId, t.agreement, SHORT);
      expect(await t.licences.isActive(t.offerId)).to.equal(true);
    });

    it("the pause before acceptance does not count; the deadline passes at its extended time", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.exchange.connect(t.accounts.pauser).pause();
      await time.increase(5 * DAY);
      await t.exchange.connect(t.accounts.pauser).unpause();
      const before = await t.exchange.pausedSeconds();
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.Assignment);
      const { agreement } = await acceptOffer(t, offerId, offer);
      expect(agreement.pausedAtAcceptance).to.equal(before);
      expect(await t.exchange.registrationDeadlineOf(agreement)).to.equal(agreement.registrationDeadline);
      await t.exchange.connect(t.accounts.pauser).pause();
      await time.increase(DAY);
      await t.exchange.connect(t.accounts.pauser).unpause();
      const extended = await t.exchange.registrationDeadlineOf(agreement);
      expect(extended - agreement.registrationDeadline).to.equal((await t.exchange.pausedSeconds()) - before);
      await time.increaseTo(extended + 1n);
      await expect(office(t).registerAgreement(offerId, agreement, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationDeadlinePassed")
        .withArgs(offerId);
      await t.exchange.reclaimUnregistered(offerId, agreement);
    });
  });

  describe("7. bounded configuration", function () {
    it("a registration period over 365 days reverts ExchangeRegistrationPeriodTooLong; 365 days is accepted", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const admin = t.exchange.connect(t.accounts.admin);
      const max = 365 * DAY;
      expect(await t.exchange.MAX_REGISTRATION_PERIOD()).to.equal(BigInt(max));
      await expect(admin.setRegistrationPolicy(DEFAULT_REGISTRATION_MASK, 2 ** 32 - 1))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationPeriodTooLong")
        .withArgs(2 ** 32 - 1, max);
      await expect(admin.setRegistrationPolicy(DEFAULT_REGISTRATION_MASK, max + 1))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationPeriodTooLong")
        .withArgs(max + 1, max);
      await expect(admin.setRegistrationPolicy(DEFAULT_REGISTRATION_MASK, max))
        .to.emit(t.exchange, "RegistrationPolicyConfigured")
        .withArgs(DEFAULT_REGISTRATION_MASK, max);
    });

    it("a protection expiry past what the record holds (2^33 s) reverts RegistryInvalidExpiry", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const tooFar = 2n ** 33n;
      await expect(registerAsset(t, t.accounts.seller, { expiry: tooFar }))
        .to.be.revertedWithCustomError(t.registry, "RegistryInvalidExpiry")
        .withArgs(tooFar);
    });

    it("setExchange refuses an account without code", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await expect(t.registry.setExchange(t.accounts.stranger.address))
        .to.be.revertedWithCustomError(t.registry, "RegistryInvalidExchange")
        .withArgs(t.accounts.stranger.address);
      await expect(t.licences.setExchange(t.accounts.stranger.address))
        .to.be.revertedWithCustomError(t.licences, "LicenceInvalidExchange")
        .withArgs(t.accounts.stranger.address);
    });
  });

  describe("8. smaller points", function () {
    it("withdrawFees emits FeesWithdrawn with the treasury and amount", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveRunning);
      const fees = await t.exchange.accruedFees();
      await expect(t.exchange.withdrawFees())
        .to.emit(t.exchange, "FeesWithdrawn")
        .withArgs(t.accounts.treasury.address, fees);
      await expect(t.exchange.withdrawFees()).to.not.emit(t.exchange, "FeesWithdrawn");
    });

    it("a fee-on-transfer token cannot make the exchange owe more than it holds: ExchangeEscrowShortfall", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const token = await ethers.deployContract("FeeOnTransferToken");
      const exchange = await ethers.deployContract("Exchange", [
        await t.manager.getAddress(),
        await t.registry.getAddress(),
        await t.licences.getAddress(),
        await token.getAddress(),
        t.accounts.treasury.address,
        DEFAULT_FEE_BPS,
        DEFAULT_REGISTRATION_MASK,
        DEFAULT_REGISTRATION_PERIOD,
      ]);
      const { buyer } = t.accounts;
      const amount = 1_000_000_000n;
      await token.mint(buyer.address, amount);
      await token.connect(buyer).approve(await exchange.getAddress(), amount);
      const { epoch } = await t.exchange.listing(t.assetId);
      const expiry = BigInt(await time.latest()) + BigInt(DAY);
      await expect(
        exchange.connect(buyer).makeOffer(t.assetId, DealType.Assignment, amount, expiry, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(exchange, "ExchangeEscrowShortfall")
        .withArgs(amount, amount - amount / 100n);
      expect(await token.balanceOf(buyer.address)).to.equal(amount);
      expect(epoch).to.equal(1n);
    });

    it("a suspended asset's listing cannot trade and says so through AssetStatusChanged; verified again, it trades", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const ip = t.registry.connect(t.accounts.ipOffice);
      await expect(ip.setStatus(t.assetId, AssetStatus.Suspended, ethers.id("dispute")))
        .to.emit(t.registry, "AssetStatusChanged")
        .withArgs(t.assetId, AssetStatus.Verified, AssetStatus.Suspended, ethers.id("dispute"));
      await t.token.connect(t.accounts.buyer).approve(await t.exchange.getAddress(), 1n);
      await expect(
        t.exchange
          .connect(t.accounts.buyer)
          .makeOffer(
            t.assetId,
            DealType.Assignment,
            1n,
            BigInt(await time.latest()) + BigInt(DAY),
            ethers.ZeroHash,
          ),
      )
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(t.assetId);
      await ip.setStatus(t.assetId, AssetStatus.Verified, ethers.id("resolved"));
      await makeOffer(t, t.assetId, DealType.Assignment);
    });

    it("the fee and registration policy are changed through CONFIG; with an execution delay they must be scheduled and wait", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { manager, exchange } = t;
      const [, , , , , , , , , operator] = await ethers.getSigners();
      const delay = 2 * DAY;
      await manager.grantRole(Roles.CONFIG, operator.address, delay);
      const data = exchange.interface.encodeFunctionData("setFee", [t.accounts.treasury.address, 100]);
      const target = await exchange.getAddress();
      // with a delay, a direct call is refused: it has not been scheduled
      await expect(
        exchange.connect(operator).setFee(t.accounts.treasury.address, 100),
      ).to.be.revertedWithCustomError(manager, "AccessManagerNotScheduled");
      await manager.connect(operator).schedule(target, data, 0);
      await expect(manager.connect(operator).execute(target, data)).to.be.revertedWithCustomError(
        manager,
        "AccessManagerNotReady",
      );
      await time.increase(delay);
      await expect(manager.connect(operator).execute(target, data))
        .to.emit(exchange, "FeeConfigured")
        .withArgs(t.accounts.treasury.address, 100);
      // a stranger without CONFIG cannot even schedule it
      await expect(
        manager.connect(t.accounts.stranger).schedule(target, data, 0),
      ).to.be.revertedWithCustomError(manager, "AccessManagerUnauthorizedCall");
    });
  });
});
