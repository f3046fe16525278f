import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { agreementConsentTypes, exchangeDomain } from "../../generated/techex.ts";
import {
  ALL_DEAL_TYPES,
  AssetStatus,
  DAY,
  DEFAULT_FEE_BPS,
  DEFAULT_REGISTRATION_PERIOD,
  DEFAULT_TERMS,
  DealType,
  ListingStatus,
  OfferStatus,
  Roles,
  acceptOffer,
  deployTechEx,
  hashTerms,
  listedAsset,
  makeOffer,
  registerAsset,
  signConsent,
  signPermit,
  type Agreement,
  type LicenceTerms,
  type Offer,
  type TechEx,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;
const deploy = () => deployTechEx(ethers);
const NO_TERMS: LicenceTerms = {
  territory: "",
  fieldOfUse: "",
  duration: 0n,
  sublicensing: false,
  royaltyBps: 0n,
};
const PRICES: [bigint, bigint, bigint] = [5_000_000_000n, 2_000_000_000n, 500_000_000n];
const AMOUNT = 1_000_000_000n;
const feeOf = (amount: bigint) => (amount * BigInt(DEFAULT_FEE_BPS)) / 10_000n;

async function listed() {
  const t = await deploy();
  const assetId = await listedAsset(t);
  return { ...t, assetId };
}

async function withCoOwnedListing() {
  const t = await deploy();
  const assetId = await listedAsset(t, { coOwners: [t.accounts.coOwner.address] });
  return { ...t, assetId };
}

async function offered(dealType: number) {
  const t = await listed();
  const { offerId, offer } = await makeOffer(t, t.assetId, dealType, { amount: AMOUNT });
  return { ...t, offerId, offer };
}
const assignmentOffered = () => offered(DealType.Assignment);
const exclusiveOffered = () => offered(DealType.ExclusiveLicence);
const nonExclusiveOffered = () => offered(DealType.NonExclusiveLicence);

async function assignmentAccepted() {
  const t = await assignmentOffered();
  const { agreement } = await acceptOffer(t, t.offerId, t.offer);
  return { ...t, agreement };
}
async function exclusiveAccepted() {
  const t = await exclusiveOffered();
  const { agreement } = await acceptOffer(t, t.offerId, t.offer);
  return { ...t, agreement };
}

async function acceptance(
  t: TechEx,
  offerId: bigint,
  opts: { buyer?: HardhatEthersSigner; coOwners?: HardhatEthersSigner[]; documentHash?: string } = {},
) {
  const documentHash = opts.documentHash ?? ethers.id(`agreement:${offerId}`);
  const coOwners = opts.coOwners ?? [];
  return {
    documentHash,
    buyerSignature: await signConsent(t, opts.buyer ?? t.accounts.buyer, offerId, documentHash),
    coOwners: coOwners.map((c) => c.address),
    coOwnerSignatures: await Promise.all(coOwners.map((c) => signConsent(t, c, offerId, documentHash))),
  };
}

describe("Exchange", function () {
  describe("constructor", function () {
    it("stores the wiring and configuration and emits FeeConfigured and RegistrationPolicyConfigured", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      expect(await t.exchange.registry()).to.equal(await t.registry.getAddress());
      expect(await t.exchange.licences()).to.equal(await t.licences.getAddress());
      expect(await t.exchange.settlementToken()).to.equal(await t.token.getAddress());
      expect(await t.exchange.config()).to.deep.equal([
        t.accounts.treasury.address,
        BigInt(DEFAULT_FEE_BPS),
        3n,
        BigInt(DEFAULT_REGISTRATION_PERIOD),
      ]);
      expect(await t.exchange.nextOfferId()).to.equal(1n);
      const deployTx = t.exchange.deploymentTransaction()!;
      await expect(deployTx)
        .to.emit(t.exchange, "FeeConfigured")
        .withArgs(t.accounts.treasury.address, DEFAULT_FEE_BPS);
      await expect(deployTx)
        .to.emit(t.exchange, "RegistrationPolicyConfigured")
        .withArgs(3, DEFAULT_REGISTRATION_PERIOD);
    });

    it("reverts with ExchangeFeeTooHigh, ExchangeInvalidTreasury or ExchangeInvalidRegistrationPolicy on bad arguments", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const args = async (treasury: string, fee: number, mask: number, period: number) => [
        await t.manager.getAddress(),
        await t.registry.getAddress(),
        await t.licences.getAddress(),
        await t.token.getAddress(),
        treasury,
        fee,
        mask,
        period,
      ];
      const factory = await ethers.getContractFactory("Exchange");
      const treasury = t.accounts.treasury.address;
      await expect(ethers.deployContract("Exchange", await args(treasury, 1001, 3, 1)))
        .to.be.revertedWithCustomError(factory, "ExchangeFeeTooHigh")
        .withArgs(1001);
      await expect(ethers.deployContract("Exchange", await args(ethers.ZeroAddress, 0, 3, 1)))
        .to.be.revertedWithCustomError(factory, "ExchangeInvalidTreasury")
        .withArgs(ethers.ZeroAddress);
      await expect(ethers.deployContract("Exchange", await args(treasury, 0, 3, 0)))
        .to.be.revertedWithCustomError(factory, "ExchangeInvalidRegistrationPolicy")
        .withArgs(3, 0);
    });
  });

  describe("createListing", function () {
    it("opens the listing and emits ListingCreated with every term and price", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { seller, ipOffice } = t.accounts;
      const assetId = await registerAsset(t, seller);
      await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.ZeroHash);
      await expect(t.exchange.connect(seller).createListing(assetId, 0b110, PRICES, DEFAULT_TERMS))
        .to.emit(t.exchange, "ListingCreated")
        .withArgs(assetId, seller.address, 1, 0b110, PRICES, [
          DEFAULT_TERMS.territory,
          DEFAULT_TERMS.fieldOfUse,
          DEFAULT_TERMS.duration,
          DEFAULT_TERMS.sublicensing,
          DEFAULT_TERMS.royaltyBps,
        ]);
      expect(await t.exchange.listing(assetId)).to.deep.equal([
        seller.address,
        BigInt(ListingStatus.Open),
        6n,
        1n,
      ]);
    });

    it("relists a closed listing under the next epoch", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const seller = t.exchange.connect(t.accounts.seller);
      await seller.setListingStatus(t.assetId, ListingStatus.Closed);
      await expect(seller.createListing(t.assetId, 1, PRICES, DEFAULT_TERMS))
        .to.emit(t.exchange, "ListingCreated")
        .withArgs(t.assetId, t.accounts.seller.address, 2, 1, PRICES, () => true);
    });

    it("reverts with AccessManagedUnauthorized for a non-member", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await expect(t.exchange.connect(t.accounts.stranger).createListing(t.assetId, 1, PRICES, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(t.accounts.stranger.address);
    });

    it("reverts with ExchangeInvalidDealTypes for an empty or unknown mask", async function () {
      const t = await networkHelpers.loadFixture(listed);
      for (const mask of [0, 8, 0xff]) {
        await expect(
          t.exchange.connect(t.accounts.seller).createListing(t.assetId, mask, PRICES, DEFAULT_TERMS),
        )
          .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidDealTypes")
          .withArgs(mask);
      }
    });

    it("reverts with ExchangeAssetNotTradable for a pending, suspended or expired asset", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { seller, ipOffice } = t.accounts;
      const assetId = await registerAsset(t, seller, {
        expiry: BigInt(await time.latest()) + BigInt(30 * DAY),
      });
      const list = () => t.exchange.connect(seller).createListing(assetId, 1, PRICES, DEFAULT_TERMS);
      await expect(list())
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(assetId);
      await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.ZeroHash);
      await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Suspended, ethers.ZeroHash);
      await expect(list())
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(assetId);
      await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.ZeroHash);
      await time.increase(31 * DAY);
      await expect(list())
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(assetId);
    });

    it("reverts with ExchangeNotAssetOwner when another member lists the asset", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await expect(t.exchange.connect(t.accounts.other).createListing(t.assetId, 1, PRICES, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNotAssetOwner")
        .withArgs(t.assetId, t.accounts.other.address);
    });

    it("reverts with ExchangeListingActive while the listing is open or paused", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const seller = t.exchange.connect(t.accounts.seller);
      await expect(seller.createListing(t.assetId, 1, PRICES, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeListingActive")
        .withArgs(t.assetId);
      await seller.setListingStatus(t.assetId, ListingStatus.Paused);
      await expect(seller.createListing(t.assetId, 1, PRICES, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeListingActive")
        .withArgs(t.assetId);
    });

    it("reverts with EnforcedPause while the exchange is paused", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.exchange.connect(t.accounts.pauser).pause();
      await expect(
        t.exchange.connect(t.accounts.seller).createListing(t.assetId, 1, PRICES, DEFAULT_TERMS),
      ).to.be.revertedWithCustomError(t.exchange, "EnforcedPause");
    });
  });

  describe("setListingStatus", function () {
    it("pauses, reopens and closes, emitting ListingStatusChanged", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const seller = t.exchange.connect(t.accounts.seller);
      for (const status of [
        ListingStatus.Paused,
        ListingStatus.Open,
        ListingStatus.Paused,
        ListingStatus.Closed,
      ]) {
        await expect(seller.setListingStatus(t.assetId, status))
          .to.emit(t.exchange, "ListingStatusChanged")
          .withArgs(t.assetId, 1, status);
        expect((await t.exchange.listing(t.assetId)).status).to.equal(status);
      }
    });

    it("reverts with ExchangeNotSeller for anyone but the owner", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await expect(t.exchange.connect(t.accounts.buyer).setListingStatus(t.assetId, ListingStatus.Closed))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNotSeller")
        .withArgs(t.assetId, t.accounts.buyer.address);
    });

    it("reverts with ExchangeInvalidListingTransition for moves out of Closed or to the same state", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const seller = t.exchange.connect(t.accounts.seller);
      const bad = async (from: number, to: number) =>
        expect(seller.setListingStatus(t.assetId, to))
          .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidListingTransition")
          .withArgs(t.assetId, from, to);
      await bad(ListingStatus.Open, ListingStatus.Open);
      await bad(ListingStatus.Open, ListingStatus.None);
      await seller.setListingStatus(t.assetId, ListingStatus.Closed);
      await bad(ListingStatus.Closed, ListingStatus.Open);
      await bad(ListingStatus.Closed, ListingStatus.Paused);
    });
  });

  describe("makeOffer", function () {
    it("escrows the amount, stores the offer and emits OfferMade", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { buyer } = t.accounts;
      const expiry = BigInt(await time.latest()) + BigInt(DAY);
      const termsHash = hashTerms(ethers, DEFAULT_TERMS);
      await t.token.connect(buyer).approve(await t.exchange.getAddress(), AMOUNT);
      const tx = t.exchange
        .connect(buyer)
        .makeOffer(t.assetId, DealType.ExclusiveLicence, AMOUNT, expiry, termsHash);
      await expect(tx)
        .to.emit(t.exchange, "OfferMade")
        .withArgs(1n, t.assetId, buyer.address, 1, DealType.ExclusiveLicence, AMOUNT, expiry, termsHash);
      await expect(tx).to.changeTokenBalances(ethers, t.token, [buyer, t.exchange], [-AMOUNT, AMOUNT]);
      const [status] = await t.exchange.offerState(1n);
      expect(status).to.equal(OfferStatus.Open);
      expect(await t.exchange.nextOfferId()).to.equal(2n);
    });

    it("reverts with AccessManagedUnauthorized for a non-member", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { stranger } = t.accounts;
      await expect(makeOffer(t, t.assetId, DealType.Assignment, { buyer: stranger }))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("reverts with ExchangeInvalidAmount for zero", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await expect(
        makeOffer(t, t.assetId, DealType.Assignment, { amount: 0n }),
      ).to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidAmount");
    });

    it("reverts with ExchangeInvalidExpiry when the expiry is not in the future", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const now = BigInt(await time.latest());
      await expect(makeOffer(t, t.assetId, DealType.Assignment, { expiry: now }))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidExpiry")
        .withArgs(now);
    });

    it("reverts with ExchangeListingNotOpen for an unlisted, paused or closed listing", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { seller, ipOffice } = t.accounts;
      const unlisted = await registerAsset(t, seller);
      await t.registry.connect(ipOffice).setStatus(unlisted, AssetStatus.Verified, ethers.ZeroHash);
      await expect(makeOffer(t, unlisted, DealType.Assignment))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeListingNotOpen")
        .withArgs(unlisted);
      for (const status of [ListingStatus.Paused, ListingStatus.Closed]) {
        await t.exchange.connect(seller).setListingStatus(t.assetId, status);
        await expect(makeOffer(t, t.assetId, DealType.Assignment))
          .to.be.revertedWithCustomError(t.exchange, "ExchangeListingNotOpen")
          .withArgs(t.assetId);
      }
    });

    it("reverts with ExchangeDealTypeNotListed for a deal type the listing does not offer", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { seller, ipOffice } = t.accounts;
      const assetId = await registerAsset(t, seller);
      await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.ZeroHash);
      await t.exchange
        .connect(seller)
        .createListing(assetId, 1 << DealType.NonExclusiveLicence, PRICES, DEFAULT_TERMS);
      await expect(makeOffer(t, assetId, DealType.Assignment))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeDealTypeNotListed")
        .withArgs(assetId, DealType.Assignment);
    });

    it("reverts with ExchangeBuyerIsSeller when the owner offers on its own listing", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { seller } = t.accounts;
      await expect(makeOffer(t, t.assetId, DealType.Assignment, { buyer: seller }))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeBuyerIsSeller")
        .withArgs(seller.address);
    });

    it("reverts with ExchangeAssetNotTradable once the asset is suspended", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.registry
        .connect(t.accounts.ipOffice)
        .setStatus(t.assetId, AssetStatus.Suspended, ethers.ZeroHash);
      await expect(makeOffer(t, t.assetId, DealType.Assignment))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(t.assetId);
    });

    it("reverts with ERC20InsufficientAllowance without an allowance", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const expiry = BigInt(await time.latest()) + BigInt(DAY);
      await expect(
        t.exchange
          .connect(t.accounts.buyer)
          .makeOffer(t.assetId, DealType.Assignment, AMOUNT, expiry, ethers.ZeroHash),
      ).to.be.revertedWithCustomError(t.token, "ERC20InsufficientAllowance");
    });

    it("reverts with EnforcedPause while paused", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.exchange.connect(t.accounts.pauser).pause();
      await expect(makeOffer(t, t.assetId, DealType.Assignment)).to.be.revertedWithCustomError(
        t.exchange,
        "EnforcedPause",
      );
    });
  });

  describe("makeOfferWithPermit", function () {
    async function permitOffer(
      t: TechEx & { assetId: bigint },
      sig?: Awaited<ReturnType<typeof signPermit>>,
    ) {
      const { buyer } = t.accounts;
      const now = BigInt(await time.latest());
      const permit = sig ?? (await signPermit(t, buyer, AMOUNT, now + 3600n));
      return t.exchange
        .connect(buyer)
        .makeOfferWithPermit(
          t.assetId,
          DealType.Assignment,
          AMOUNT,
          now + BigInt(DAY),
          ethers.ZeroHash,
          now + 3600n,
          permit.v,
          permit.r,
          permit.s,
        );
    }

    it("escrows in one transaction without a prior approval", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const tx = permitOffer(t);
      await expect(tx).to.emit(t.exchange, "OfferMade");
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.buyer, t.exchange],
        [-AMOUNT, AMOUNT],
      );
    });

    it("still escrows when the permit was front-run (allowance already set)", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { buyer } = t.accounts;
      const now = BigInt(await time.latest());
      const sig = await signPermit(t, buyer, AMOUNT, now + 3600n);
      await t.token.permit(
        buyer.address,
        await t.exchange.getAddress(),
        AMOUNT,
        now + 3600n,
        sig.v,
        sig.r,
        sig.s,
      );
      await expect(permitOffer(t, sig)).to.emit(t.exchange, "OfferMade");
    });

    it("reverts with ERC2612InvalidSigner when the permit was signed by someone else", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const now = BigInt(await time.latest());
      const forged = await signPermit(t, t.accounts.other, AMOUNT, now + 3600n);
      await expect(permitOffer(t, forged)).to.be.revertedWithCustomError(t.token, "ERC2612InvalidSigner");
    });

    it("reverts with EnforcedPause while paused", async function () {
      const t = await networkHelpers.loadFixture(listed);
      await t.exchange.connect(t.accounts.pauser).pause();
      await expect(permitOffer(t)).to.be.revertedWithCustomError(t.exchange, "EnforcedPause");
    });
  });

  describe("withdrawOffer", function () {
    it("refunds the buyer in full and emits OfferWithdrawn", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const tx = t.exchange.connect(t.accounts.buyer).withdrawOffer(t.offerId, t.offer);
      await expect(tx)
        .to.emit(t.exchange, "OfferWithdrawn")
        .withArgs(t.offerId, t.assetId, t.accounts.buyer.address, AMOUNT);
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.buyer, t.exchange],
        [AMOUNT, -AMOUNT],
      );
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Withdrawn);
    });

    it("works while paused and after the buyer lost its membership", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await t.exchange.connect(t.accounts.pauser).pause();
      await t.membership.remove(t.accounts.buyer.address, ethers.id("left"));
      await expect(t.exchange.connect(t.accounts.buyer).withdrawOffer(t.offerId, t.offer)).to.emit(
        t.exchange,
        "OfferWithdrawn",
      );
    });

    it("reverts with ExchangeNotBuyer for anyone else", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await expect(t.exchange.connect(t.accounts.seller).withdrawOffer(t.offerId, t.offer))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNotBuyer")
        .withArgs(t.offerId, t.accounts.seller.address);
    });

    it("reverts with ExchangeRecordMismatch for a tampered offer or an unknown id", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const buyer = t.exchange.connect(t.accounts.buyer);
      await expect(buyer.withdrawOffer(t.offerId, { ...t.offer, amount: AMOUNT * 2n }))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRecordMismatch")
        .withArgs(t.offerId);
      await expect(buyer.withdrawOffer(99n, t.offer))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRecordMismatch")
        .withArgs(99n);
    });

    it("reverts with ExchangeOfferNotOpen the second time", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const buyer = t.exchange.connect(t.accounts.buyer);
      await buyer.withdrawOffer(t.offerId, t.offer);
      await expect(buyer.withdrawOffer(t.offerId, t.offer))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeOfferNotOpen")
        .withArgs(t.offerId, OfferStatus.Withdrawn);
    });
  });

  describe("rejectOffer", function () {
    it("refunds the buyer and emits OfferRejected with the reason", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const tx = t.exchange.connect(t.accounts.seller).rejectOffer(t.offerId, t.offer, ethers.id("too low"));
      await expect(tx)
        .to.emit(t.exchange, "OfferRejected")
        .withArgs(t.offerId, t.assetId, t.accounts.buyer.address, AMOUNT, ethers.id("too low"));
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.buyer, t.exchange],
        [AMOUNT, -AMOUNT],
      );
    });

    it("reverts with ExchangeNotSeller for anyone but the owner", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await expect(t.exchange.connect(t.accounts.other).rejectOffer(t.offerId, t.offer, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNotSeller")
        .withArgs(t.assetId, t.accounts.other.address);
    });

    it("reverts with ExchangeOfferNotOpen after the buyer withdrew", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await t.exchange.connect(t.accounts.buyer).withdrawOffer(t.offerId, t.offer);
      await expect(t.exchange.connect(t.accounts.seller).rejectOffer(t.offerId, t.offer, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeOfferNotOpen")
        .withArgs(t.offerId, OfferStatus.Withdrawn);
    });
  });

  describe("reclaimExpiredOffer", function () {
    it("lets anyone refund an expired offer and emits OfferExpired", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await time.increaseTo(t.offer.expiry + 1n);
      const tx = t.exchange.connect(t.accounts.stranger).reclaimExpiredOffer(t.offerId, t.offer);
      await expect(tx)
        .to.emit(t.exchange, "OfferExpired")
        .withArgs(t.offerId, t.assetId, t.accounts.buyer.address, AMOUNT);
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.buyer, t.exchange],
        [AMOUNT, -AMOUNT],
      );
    });

    it("reverts with ExchangeOfferNotExpired until the expiry has passed", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await time.setNextBlockTimestamp(t.offer.expiry);
      await expect(t.exchange.reclaimExpiredOffer(t.offerId, t.offer))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeOfferNotExpired")
        .withArgs(t.offerId);
    });
  });

  describe("approveAgreement", function () {
    it("records the buyer's consent and emits AgreementApproved; accepting then needs no signature", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const doc = ethers.id("contract.pdf");
      await expect(t.exchange.connect(t.accounts.buyer).approveAgreement(t.offerId, t.offer, doc))
        .to.emit(t.exchange, "AgreementApproved")
        .withArgs(t.offerId, t.accounts.buyer.address, doc);
      expect(await t.exchange.approvedDocument(t.offerId)).to.equal(doc);
      const acc = { documentHash: doc, buyerSignature: "0x", coOwners: [], coOwnerSignatures: [] };
      await expect(
        t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS),
      ).to.emit(t.exchange, "AgreementSettled");
    });

    it("reverts with ExchangeNotBuyer for anyone else", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await expect(t.exchange.connect(t.accounts.seller).approveAgreement(t.offerId, t.offer, ethers.id("d")))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNotBuyer")
        .withArgs(t.offerId, t.accounts.seller.address);
    });

    it("reverts with ExchangeInvalidDocument for a zero hash", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await expect(t.exchange.connect(t.accounts.buyer).approveAgreement(t.offerId, t.offer, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidDocument")
        .withArgs(t.offerId);
    });
  });

  describe("acceptOffer", function () {
    it("settles a non-exclusive licence at once: seller paid less the fee, licence issued", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const { seller, buyer, treasury } = t.accounts;
      const acc = await acceptance(t, t.offerId);
      const tx = t.exchange.connect(seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS);
      const fee = feeOf(AMOUNT);
      await expect(tx)
        .to.emit(t.exchange, "AgreementAccepted")
        .withArgs(
          t.offerId,
          t.assetId,
          buyer.address,
          seller.address,
          DealType.NonExclusiveLicence,
          AMOUNT,
          acc.documentHash,
          0,
          DEFAULT_FEE_BPS,
          0,
          [],
        );
      await expect(tx)
        .to.emit(t.exchange, "AgreementSettled")
        .withArgs(
          t.offerId,
          t.assetId,
          buyer.address,
          seller.address,
          DealType.NonExclusiveLicence,
          AMOUNT,
          fee,
          AMOUNT - fee,
          treasury.address,
        );
      await expect(tx).to.emit(t.licences, "LicenceIssued");
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [seller, treasury, t.exchange],
        [AMOUNT - fee, 0n, -(AMOUNT - fee)],
      );
      expect(await t.exchange.accruedFees()).to.equal(fee);
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Settled);
      const licence = await t.licences.licence(t.offerId);
      expect(licence.licensee).to.equal(buyer.address);
      expect(licence.exclusive).to.equal(false);
      expect(licence.end - licence.start).to.equal(DEFAULT_TERMS.duration);
    });

    it("binds an assignment for registration with a deadline and keeps the escrow", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const { seller, buyer } = t.accounts;
      const acc = await acceptance(t, t.offerId);
      const acceptedAt = BigInt(await time.latest()) + 10n;
      await time.setNextBlockTimestamp(acceptedAt);
      const tx = t.exchange.connect(seller).acceptOffer(t.offerId, t.offer, acc, NO_TERMS);
      const deadline = acceptedAt + BigInt(DEFAULT_REGISTRATION_PERIOD);
      await expect(tx)
        .to.emit(t.exchange, "AgreementAccepted")
        .withArgs(
          t.offerId,
          t.assetId,
          buyer.address,
          seller.address,
          DealType.Assignment,
          AMOUNT,
          acc.documentHash,
          deadline,
          DEFAULT_FEE_BPS,
          0,
          [],
        );
      await expect(tx).not.to.emit(t.exchange, "AgreementSettled");
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Accepted);
      expect(await t.token.balanceOf(await t.exchange.getAddress())).to.equal(AMOUNT);
    });

    it("needs every co-owner's consent for an assignment", async function () {
      const t = await networkHelpers.loadFixture(withCoOwnedListing);
      const { seller, coOwner } = t.accounts;
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.Assignment);
      const missing = await acceptance(t, offerId);
      await expect(t.exchange.connect(seller).acceptOffer(offerId, offer, missing, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeCoOwnersMismatch")
        .withArgs(t.assetId);
      const unsigned = { ...(await acceptance(t, offerId, { coOwners: [coOwner] })), coOwnerSignatures: [] };
      await expect(t.exchange.connect(seller).acceptOffer(offerId, offer, unsigned, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidCoOwnerConsent")
        .withArgs(offerId, coOwner.address);
      const forged = {
        ...unsigned,
        coOwnerSignatures: [await signConsent(t, t.accounts.other, offerId, unsigned.documentHash)],
      };
      await expect(t.exchange.connect(seller).acceptOffer(offerId, offer, forged, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidCoOwnerConsent")
        .withArgs(offerId, coOwner.address);
      const good = await acceptance(t, offerId, { coOwners: [coOwner] });
      await expect(t.exchange.connect(seller).acceptOffer(offerId, offer, good, NO_TERMS))
        .to.emit(t.exchange, "AgreementAccepted")
        .withArgs(
          offerId,
          t.assetId,
          t.accounts.buyer.address,
          seller.address,
          DealType.Assignment,
          AMOUNT,
          good.documentHash,
          () => true,
          DEFAULT_FEE_BPS,
          0,
          [coOwner.address],
        );
    });

    it("reverts with ExchangeCoOwnersMismatch when co-owners are passed for a non-exclusive licence", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const acc = await acceptance(t, t.offerId, { coOwners: [t.accounts.coOwner] });
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeCoOwnersMismatch")
        .withArgs(t.assetId);
    });

    it("reverts with ExchangeNotSeller when a stranger accepts", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const acc = await acceptance(t, t.offerId);
      await expect(t.exchange.connect(t.accounts.other).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeNotSeller")
        .withArgs(t.assetId, t.accounts.other.address);
    });

    it("reverts with AccessManagedUnauthorized when the seller has lost its membership", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await t.membership.remove(t.accounts.seller.address, ethers.ZeroHash);
      const acc = await acceptance(t, t.offerId);
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(t.accounts.seller.address);
    });

    it("reverts with ExchangeOfferExpired after the offer's expiry", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const acc = await acceptance(t, t.offerId);
      await time.increaseTo(t.offer.expiry + 1n);
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeOfferExpired")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeListingNotOpen while the listing is paused", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await t.exchange.connect(t.accounts.seller).setListingStatus(t.assetId, ListingStatus.Paused);
      const acc = await acceptance(t, t.offerId);
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeListingNotOpen")
        .withArgs(t.assetId);
    });

    it("reverts with ExchangeStaleOffer for an offer on an earlier listing", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const seller = t.exchange.connect(t.accounts.seller);
      await seller.setListingStatus(t.assetId, ListingStatus.Closed);
      await seller.createListing(t.assetId, ALL_DEAL_TYPES, PRICES, DEFAULT_TERMS);
      const acc = await acceptance(t, t.offerId);
      await expect(seller.acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeStaleOffer")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeAssetNotTradable once the asset is suspended", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await t.registry
        .connect(t.accounts.ipOffice)
        .setStatus(t.assetId, AssetStatus.Suspended, ethers.ZeroHash);
      const acc = await acceptance(t, t.offerId);
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(t.assetId);
    });

    it("reverts with ExchangeInvalidDocument for a zero document hash", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const acc = await acceptance(t, t.offerId, { documentHash: ethers.ZeroHash });
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidDocument")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeInvalidBuyerConsent for another signer, another document or no approval", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const seller = t.exchange.connect(t.accounts.seller);
      const wrongSigner = await acceptance(t, t.offerId, { buyer: t.accounts.other });
      const otherDoc = { ...(await acceptance(t, t.offerId)), documentHash: ethers.id("another document") };
      const unsigned = { ...(await acceptance(t, t.offerId)), buyerSignature: "0x" };
      for (const acc of [wrongSigner, otherDoc, unsigned]) {
        await expect(seller.acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
          .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidBuyerConsent")
          .withArgs(t.offerId);
      }
    });

    it("reverts with ExchangeTermsMismatch when the licence terms differ from the offer's", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const acc = await acceptance(t, t.offerId);
      await expect(
        t.exchange
          .connect(t.accounts.seller)
          .acceptOffer(t.offerId, t.offer, acc, { ...DEFAULT_TERMS, royaltyBps: 0n }),
      )
        .to.be.revertedWithCustomError(t.exchange, "ExchangeTermsMismatch")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeRecordMismatch for an accepted offer (its slot now commits to the agreement)", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const acc = await acceptance(t, t.offerId);
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRecordMismatch")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeOfferNotOpen for a withdrawn offer", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await t.exchange.connect(t.accounts.buyer).withdrawOffer(t.offerId, t.offer);
      const acc = await acceptance(t, t.offerId);
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeOfferNotOpen")
        .withArgs(t.offerId, OfferStatus.Withdrawn);
    });

    it("reverts with EnforcedPause while paused", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await t.exchange.connect(t.accounts.pauser).pause();
      const acc = await acceptance(t, t.offerId);
      await expect(
        t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS),
      ).to.be.revertedWithCustomError(t.exchange, "EnforcedPause");
    });

    it("reverts with ExchangeExclusiveLicenceActive for a licence while an exclusive one is active", async function () {
      const t = await networkHelpers.loadFixture(exclusiveAccepted);
      await t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, DEFAULT_TERMS);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, {
        buyer: t.accounts.other,
      });
      const acc = await acceptance(t, offerId, { buyer: t.accounts.other });
      await expect(t.exchange.connect(t.accounts.seller).acceptOffer(offerId, offer, acc, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeExclusiveLicenceActive")
        .withArgs(t.assetId, t.offerId);
    });
  });

  describe("registerAgreement", function () {
    it("settles an assignment: asset moved, listing closed, seller and treasury paid", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const { seller, buyer, treasury, ipOffice } = t.accounts;
      const tx = t.exchange.connect(ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS);
      const fee = feeOf(AMOUNT);
      await expect(tx)
        .to.emit(t.exchange, "AgreementSettled")
        .withArgs(
          t.offerId,
          t.assetId,
          buyer.address,
          seller.address,
          DealType.Assignment,
          AMOUNT,
          fee,
          AMOUNT - fee,
          treasury.address,
        );
      await expect(tx).to.emit(t.registry, "Transfer").withArgs(seller.address, buyer.address, t.assetId);
      await expect(tx)
        .to.emit(t.exchange, "ListingStatusChanged")
        .withArgs(t.assetId, 1, ListingStatus.Closed);
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [seller, treasury, t.exchange],
        [AMOUNT - fee, 0n, -(AMOUNT - fee)],
      );
      expect(await t.exchange.accruedFees()).to.equal(fee);
      expect(await t.registry.ownerOf(t.assetId)).to.equal(buyer.address);
      expect(await t.exchange.listing(t.assetId)).to.deep.equal([
        buyer.address,
        BigInt(ListingStatus.Closed),
        7n,
        1n,
      ]);
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Settled);
    });

    it("settles an exclusive licence and issues it exclusive", async function () {
      const t = await networkHelpers.loadFixture(exclusiveAccepted);
      await expect(
        t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, DEFAULT_TERMS),
      )
        .to.emit(t.licences, "LicenceIssued")
        .withArgs(
          t.offerId,
          t.assetId,
          t.accounts.buyer.address,
          true,
          () => true,
          () => true,
          "VN",
          "aquaculture feed",
          false,
          300,
        );
      expect(await t.licences.activeExclusiveLicence(t.assetId)).to.equal(t.offerId);
    });

    it("settles with the fee in force at acceptance, not a later one", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const { seller, treasury, ipOffice } = t.accounts;
      await t.exchange.setFee(treasury.address, 1000);
      const fee = feeOf(AMOUNT);
      await expect(
        t.exchange.connect(ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS),
      ).to.changeTokenBalance(ethers, t.token, seller, AMOUNT - fee);
      expect(await t.exchange.accruedFees()).to.equal(fee);
    });

    it("reverts with ExchangeRegistrationDeadlinePassed after the deadline", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await time.increaseTo(t.agreement.registrationDeadline + 1n);
      await expect(
        t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS),
      )
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationDeadlinePassed")
        .withArgs(t.offerId);
    });

    it("reserves the asset while an assignment awaits registration: a second one cannot be accepted until it is refused", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const second = await makeOffer(t, t.assetId, DealType.Assignment, { buyer: t.accounts.other });
      const acc = await acceptance(t, second.offerId, { buyer: t.accounts.other });
      await expect(
        t.exchange.connect(t.accounts.seller).acceptOffer(second.offerId, second.offer, acc, NO_TERMS),
      )
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetReserved")
        .withArgs(t.assetId);
      await t.exchange
        .connect(t.accounts.ipOffice)
        .refuseAgreement(t.offerId, t.agreement, ethers.id("refused"));
      const { agreement } = await acceptOffer(t, second.offerId, second.offer);
      await t.exchange.connect(t.accounts.ipOffice).registerAgreement(second.offerId, agreement, NO_TERMS);
      expect(await t.registry.ownerOf(t.assetId)).to.equal(t.accounts.other.address);
    });

    it("reverts with ExchangeAssetNotTradable when the asset was suspended meanwhile", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await t.registry
        .connect(t.accounts.ipOffice)
        .setStatus(t.assetId, AssetStatus.Suspended, ethers.ZeroHash);
      await expect(
        t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS),
      )
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
        .withArgs(t.assetId);
    });

    it("reverts with ExchangeAgreementNotPending when registered twice", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const office = t.exchange.connect(t.accounts.ipOffice);
      await office.registerAgreement(t.offerId, t.agreement, NO_TERMS);
      await expect(office.registerAgreement(t.offerId, t.agreement, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAgreementNotPending")
        .withArgs(t.offerId, OfferStatus.Settled);
    });

    it("reverts with ExchangeRecordMismatch for a tampered agreement", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const tampered: Agreement = { ...t.agreement, seller: t.accounts.other.address };
      await expect(t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, tampered, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRecordMismatch")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeTermsMismatch for an exclusive licence registered with other terms", async function () {
      const t = await networkHelpers.loadFixture(exclusiveAccepted);
      await expect(
        t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS),
      )
        .to.be.revertedWithCustomError(t.exchange, "ExchangeTermsMismatch")
        .withArgs(t.offerId);
    });

    it("reverts with AccessManagedUnauthorized for anyone but the IP office", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await expect(t.exchange.connect(t.accounts.seller).registerAgreement(t.offerId, t.agreement, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(t.accounts.seller.address);
    });

    it("reverts with AccessManagedUnauthorized for an IP office grant with an execution delay", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const { ipOffice } = t.accounts;
      await t.manager.grantRole(Roles.IP_OFFICE, ipOffice.address, 3_600);
      await expect(t.exchange.connect(ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(ipOffice.address);
      await expect(t.exchange.connect(ipOffice).refuseAgreement(t.offerId, t.agreement, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(ipOffice.address);
    });

    it("reverts with EnforcedPause while paused", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await t.exchange.connect(t.accounts.pauser).pause();
      await expect(
        t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS),
      ).to.be.revertedWithCustomError(t.exchange, "EnforcedPause");
    });
  });

  describe("refuseAgreement", function () {
    it("refunds the buyer and emits AgreementRefused, even while paused", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await t.exchange.connect(t.accounts.pauser).pause();
      const tx = t.exchange
        .connect(t.accounts.ipOffice)
        .refuseAgreement(t.offerId, t.agreement, ethers.id("no"));
      await expect(tx)
        .to.emit(t.exchange, "AgreementRefused")
        .withArgs(t.offerId, t.assetId, t.accounts.buyer.address, AMOUNT, ethers.id("no"));
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.buyer, t.exchange],
        [AMOUNT, -AMOUNT],
      );
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Refused);
    });

    it("reverts with ExchangeRecordMismatch for an offer that was never accepted", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const fake: Agreement = {
        offer: t.offer,
        seller: t.accounts.seller.address,
        documentHash: ethers.ZeroHash,
        registrationDeadline: 0n,
        feeBps: 0n,
        pausedAtAcceptance: 0n,
      };
      await expect(t.exchange.connect(t.accounts.ipOffice).refuseAgreement(t.offerId, fake, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRecordMismatch")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeAgreementNotPending once refused", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      const office = t.exchange.connect(t.accounts.ipOffice);
      await office.refuseAgreement(t.offerId, t.agreement, ethers.ZeroHash);
      await expect(office.refuseAgreement(t.offerId, t.agreement, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAgreementNotPending")
        .withArgs(t.offerId, OfferStatus.Refused);
    });

    it("reverts with AccessManagedUnauthorized for anyone but the IP office", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await expect(
        t.exchange.connect(t.accounts.buyer).refuseAgreement(t.offerId, t.agreement, ethers.ZeroHash),
      )
        .to.be.revertedWithCustomError(t.exchange, "AccessManagedUnauthorized")
        .withArgs(t.accounts.buyer.address);
    });
  });

  describe("reclaimUnregistered", function () {
    it("returns the escrow after the registration deadline and emits AgreementReclaimed, even while paused", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await time.increaseTo(t.agreement.registrationDeadline + 1n);
      await t.exchange.connect(t.accounts.pauser).pause();
      const tx = t.exchange.connect(t.accounts.buyer).reclaimUnregistered(t.offerId, t.agreement);
      await expect(tx)
        .to.emit(t.exchange, "AgreementReclaimed")
        .withArgs(t.offerId, t.assetId, t.accounts.buyer.address, AMOUNT);
      await expect(tx).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.buyer, t.exchange],
        [AMOUNT, -AMOUNT],
      );
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Reclaimed);
    });

    it("reverts with ExchangeRegistrationDeadlineNotPassed before the deadline", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await time.setNextBlockTimestamp(t.agreement.registrationDeadline);
      await expect(t.exchange.reclaimUnregistered(t.offerId, t.agreement))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationDeadlineNotPassed")
        .withArgs(t.offerId);
    });

    it("reverts with ExchangeAgreementNotPending once registered", async function () {
      const t = await networkHelpers.loadFixture(assignmentAccepted);
      await t.exchange.connect(t.accounts.ipOffice).registerAgreement(t.offerId, t.agreement, NO_TERMS);
      await time.increaseTo(t.agreement.registrationDeadline + 1n);
      await expect(t.exchange.reclaimUnregistered(t.offerId, t.agreement))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeAgreementNotPending")
        .withArgs(t.offerId, OfferStatus.Settled);
    });
  });

  describe("withdrawFees", function () {
    it("pays every accrued fee to the treasury, for anyone and while paused, and then holds only escrow", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await acceptOffer(t, t.offerId, t.offer);
      const second = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, { amount: AMOUNT });
      await acceptOffer(t, second.offerId, second.offer);
      const open = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, { amount: 7n });
      expect(await t.exchange.accruedFees()).to.equal(2n * feeOf(AMOUNT));
      await t.exchange.connect(t.accounts.pauser).pause();
      await expect(t.exchange.connect(t.accounts.stranger).withdrawFees()).to.changeTokenBalances(
        ethers,
        t.token,
        [t.accounts.treasury, t.exchange],
        [2n * feeOf(AMOUNT), -2n * feeOf(AMOUNT)],
      );
      expect(await t.exchange.accruedFees()).to.equal(0n);
      expect(await t.token.balanceOf(await t.exchange.getAddress())).to.equal(open.offer.amount);
    });

    it("keeps accrued fees across configuration changes and pays them to the treasury in force; nothing when nothing accrued", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const { treasury, other } = t.accounts;
      await expect(t.exchange.withdrawFees()).to.changeTokenBalance(ethers, t.token, treasury, 0n);
      await acceptOffer(t, t.offerId, t.offer);
      await t.exchange.setFee(other.address, DEFAULT_FEE_BPS);
      await t.exchange.setRegistrationPolicy(0, 0);
      expect(await t.exchange.accruedFees()).to.equal(feeOf(AMOUNT));
      await expect(t.exchange.withdrawFees()).to.changeTokenBalances(
        ethers,
        t.token,
        [treasury, other],
        [0n, feeOf(AMOUNT)],
      );
    });

    it("pays the treasury at settlement when the fee would overflow the accrual's 40 bits", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const { buyer, treasury } = t.accounts;
      const amount = 2n ** 40n * 100n;
      await t.token.mint(buyer.address, amount);
      const { offerId, offer } = await makeOffer(t, t.assetId, DealType.NonExclusiveLicence, { amount });
      const fee = feeOf(amount);
      await expect((await acceptOffer(t, offerId, offer)).tx).to.changeTokenBalances(
        ethers,
        t.token,
        [treasury, t.exchange],
        [fee, -amount],
      );
      expect(await t.exchange.accruedFees()).to.equal(0n);
    });
  });

  describe("setFee", function () {
    it("sets treasury and fee and emits FeeConfigured; a zero fee pays the seller everything", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      const { other, seller } = t.accounts;
      await expect(t.exchange.setFee(other.address, 0))
        .to.emit(t.exchange, "FeeConfigured")
        .withArgs(other.address, 0);
      const acc = await acceptance(t, t.offerId);
      await expect(
        t.exchange.connect(seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS),
      ).to.changeTokenBalances(ethers, t.token, [seller, other], [AMOUNT, 0n]);
    });

    it("accepts the cap and reverts with ExchangeFeeTooHigh above it", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const treasury = t.accounts.treasury.address;
      await t.exchange.setFee(treasury, 1000);
      await expect(t.exchange.setFee(treasury, 1001))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeFeeTooHigh")
        .withArgs(1001);
    });

    it("reverts with ExchangeInvalidTreasury for the zero address", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.exchange.setFee(ethers.ZeroAddress, 0))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidTreasury")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("setRegistrationPolicy", function () {
    it("with an empty mask, an assignment settles on acceptance", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      await expect(t.exchange.setRegistrationPolicy(0, 0))
        .to.emit(t.exchange, "RegistrationPolicyConfigured")
        .withArgs(0, 0);
      const acc = await acceptance(t, t.offerId);
      const tx = t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, NO_TERMS);
      await expect(tx).to.emit(t.exchange, "AgreementSettled");
      await expect(tx)
        .to.emit(t.exchange, "ListingStatusChanged")
        .withArgs(t.assetId, 1, ListingStatus.Closed);
      expect(await t.registry.ownerOf(t.assetId)).to.equal(t.accounts.buyer.address);
    });

    it("can require registration of non-exclusive licences too", async function () {
      const t = await networkHelpers.loadFixture(nonExclusiveOffered);
      await t.exchange.setRegistrationPolicy(ALL_DEAL_TYPES, DAY);
      const acc = await acceptance(t, t.offerId);
      await expect(
        t.exchange.connect(t.accounts.seller).acceptOffer(t.offerId, t.offer, acc, DEFAULT_TERMS),
      ).not.to.emit(t.exchange, "AgreementSettled");
      expect((await t.exchange.offerState(t.offerId))[0]).to.equal(OfferStatus.Accepted);
    });

    it("reverts with ExchangeInvalidRegistrationPolicy for unknown bits or a zero period", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.exchange.setRegistrationPolicy(8, DAY))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidRegistrationPolicy")
        .withArgs(8, DAY);
      await expect(t.exchange.setRegistrationPolicy(1, 0))
        .to.be.revertedWithCustomError(t.exchange, "ExchangeInvalidRegistrationPolicy")
        .withArgs(1, 0);
    });
  });

  describe("pause and unpause", function () {
    it("emits Paused and Unpaused and trading resumes", async function () {
      const t = await networkHelpers.loadFixture(listed);
      const pauser = t.exchange.connect(t.accounts.pauser);
      await expect(pauser.pause()).to.emit(t.exchange, "Paused").withArgs(t.accounts.pauser.address);
      await expect(pauser.unpause()).to.emit(t.exchange, "Unpaused").withArgs(t.accounts.pauser.address);
      await makeOffer(t, t.assetId, DealType.Assignment);
    });
  });

  describe("views", function () {
    it("consentDigest is the EIP-712 AgreementConsent digest and hashTerms the terms hash", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { chainId } = await ethers.provider.getNetwork();
      const expected = ethers.TypedDataEncoder.hash(
        // the definitions the server, the web app and the fixtures sign and check with
        { ...exchangeDomain, chainId, verifyingContract: await t.exchange.getAddress() },
        agreementConsentTypes,
        { agreementId: 7n, documentHash: ethers.id("d") },
      );
      expect(await t.exchange.consentDigest(7n, ethers.id("d"))).to.equal(expected);
      expect(await t.exchange.hashTerms(DEFAULT_TERMS)).to.equal(hashTerms(ethers, DEFAULT_TERMS));
      expect(await t.exchange.MAX_FEE_BPS()).to.equal(1000n);
    });

    it("offerState exposes the commitment of the passed-back record", async function () {
      const t = await networkHelpers.loadFixture(assignmentOffered);
      const encoded = ethers.AbiCoder.defaultAbiCoder().encode(
        ["tuple(uint256,address,uint32,uint8,uint256,uint40,bytes32)"],
        [Object.values(t.offer as Offer)],
      );
      const [, commitment] = await t.exchange.offerState(t.offerId);
      expect(BigInt(commitment)).to.equal(BigInt(ethers.keccak256(encoded)) & ~0x1ffn);
    });
  });

  describe("reentrancy", function () {
    async function withReentrantToken() {
      const t = await listed();
      const evil = await ethers.deployContract("ReentrantToken");
      const exchange = await ethers.deployContract("Exchange", [
        await t.manager.getAddress(),
        await t.registry.getAddress(),
        await t.licences.getAddress(),
        await evil.getAddress(),
        t.accounts.treasury.address,
        DEFAULT_FEE_BPS,
        3,
        DEFAULT_REGISTRATION_PERIOD,
      ]);
      const { buyer } = t.accounts;
      await evil.mint(buyer.address, AMOUNT * 10n);
      await evil.connect(buyer).approve(await exchange.getAddress(), AMOUNT * 10n);
      const expiry = BigInt(await time.latest()) + BigInt(DAY);
      await exchange
        .connect(buyer)
        .makeOffer(t.assetId, DealType.Assignment, AMOUNT, expiry, ethers.ZeroHash);
      await exchange
        .connect(buyer)
        .makeOffer(t.assetId, DealType.Assignment, AMOUNT, expiry + 1n, ethers.ZeroHash);
      const offer = (id: bigint): Offer => ({
        assetId: t.assetId,
        buyer: buyer.address,
        listingEpoch: 1n,
        dealType: BigInt(DealType.Assignment),
        amount: AMOUNT,
        expiry: expiry + id - 1n,
        termsHash: ethers.ZeroHash,
      });
      return { ...t, evil, exchange, offer };
    }

    it("blocks a token that re-enters withdrawOffer during a refund (ReentrancyGuardReentrantCall)", async function () {
      const t = await networkHelpers.loadFixture(withReentrantToken);
      const evilExchange = t.exchange;
      await t.evil.arm(
        await evilExchange.getAddress(),
        evilExchange.interface.encodeFunctionData("withdrawOffer", [2n, t.offer(2n)]),
      );
      await evilExchange.connect(t.accounts.buyer).withdrawOffer(1n, t.offer(1n));
      expect(await t.evil.reentered()).to.equal(false);
      expect(await t.evil.reentryError()).to.equal(
        evilExchange.interface.getError("ReentrancyGuardReentrantCall")!.selector,
      );
      expect(await t.evil.balanceOf(await evilExchange.getAddress())).to.equal(AMOUNT);
      expect((await evilExchange.offerState(2n))[0]).to.equal(OfferStatus.Open);
    });

    it("blocks a token that re-enters makeOffer's escrow pull to withdraw", async function () {
      const t = await networkHelpers.loadFixture(withReentrantToken);
      const evilExchange = t.exchange;
      await t.evil.arm(
        await evilExchange.getAddress(),
        evilExchange.interface.encodeFunctionData("withdrawOffer", [1n, t.offer(1n)]),
      );
      const expiry = BigInt(await time.latest()) + BigInt(DAY);
      await evilExchange
        .connect(t.accounts.buyer)
        .makeOffer(t.assetId, DealType.Assignment, AMOUNT, expiry, ethers.ZeroHash);
      expect(await t.evil.reentered()).to.equal(false);
      expect(await t.evil.balanceOf(await evilExchange.getAddress())).to.equal(AMOUNT * 3n);
    });
  });
});
