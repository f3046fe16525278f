import { expect } from "chai";
import { network } from "hardhat";
import {
  AssetKind,
  AssetStatus,
  DAY,
  DEFAULT_FEE_BPS,
  DEFAULT_TERMS,
  DealType,
  ListingStatus,
  OfferStatus,
  YEAR,
  acceptOffer,
  agreementHash,
  deployTechEx,
  listedAsset,
  makeOffer,
  signConsent,
  signPermit,
  type LicenceTerms,
  type Offer,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;
const deploy = () => deployTechEx(ethers);
const NO_TERMS = { territory: "", fieldOfUse: "", duration: 0n, sublicensing: false, royaltyBps: 0n };

describe("Lifecycle", function () {
  it("an asset's whole life: register → verify → list → offer (permit) → accept with signatures → register → settled, relisted by the new owner", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const { seller, buyer, coOwner, ipOffice, treasury } = t.accounts;

    // register, co-owned with a university lab
    const regNumberHash = ethers.id("VN 1-0031234 (patent)");
    const expiry = BigInt(await time.latest()) + BigInt(15 * YEAR);
    await t.registry
      .connect(seller)
      .register(AssetKind.Patent, regNumberHash, ethers.id("metadata v1"), "ipfs://patent.json", expiry, [
        coOwner.address,
      ]);
    const assetId = BigInt(regNumberHash);
    expect((await t.registry.asset(assetId)).status).to.equal(AssetStatus.Pending);

    // the IP office verifies it against the national register
    await t.registry
      .connect(ipOffice)
      .setStatus(assetId, AssetStatus.Verified, ethers.id("checked against register"));

    // listed for assignment only
    await t.exchange
      .connect(seller)
      .createListing(assetId, 1 << DealType.Assignment, [7_000_000_000n, 0n, 0n], DEFAULT_TERMS);

    // the buyer offers with a permit: one transaction
    const amount = 6_500_000_000n;
    const now = BigInt(await time.latest());
    const permit = await signPermit(t, buyer, amount, now + 600n);
    const offerId = await t.exchange.nextOfferId();
    await t.exchange
      .connect(buyer)
      .makeOfferWithPermit(
        assetId,
        DealType.Assignment,
        amount,
        now + BigInt(14 * DAY),
        ethers.ZeroHash,
        now + 600n,
        permit.v,
        permit.r,
        permit.s,
      );
    const offer: Offer = {
      assetId,
      buyer: buyer.address,
      listingEpoch: 1n,
      dealType: BigInt(DealType.Assignment),
      amount,
      expiry: now + BigInt(14 * DAY),
      termsHash: ethers.ZeroHash,
    };

    // seller accepts with the buyer's and the co-owner's EIP-712 consent to the agreement document
    const documentHash = ethers.id("assignment agreement, signed PDF bytes");
    const acceptance = {
      documentHash,
      buyerSignature: await signConsent(t, buyer, offerId, documentHash),
      coOwners: [coOwner.address],
      coOwnerSignatures: [await signConsent(t, coOwner, offerId, documentHash)],
    };
    const acceptTx = await t.exchange.connect(seller).acceptOffer(offerId, offer, acceptance, NO_TERMS);
    const accepted = (await acceptTx.wait())!.logs
      .map((l) => t.exchange.interface.parseLog(l))
      .find((e) => e?.name === "AgreementAccepted")!;
    const agreement = {
      offer,
      seller: seller.address,
      documentHash,
      registrationDeadline: accepted.args.registrationDeadline,
      feeBps: accepted.args.feeBps,
      pausedAtAcceptance: accepted.args.pausedAtAcceptance,
    };

    // an auditor can recompute the consent from chain data and the document alone
    const digest = await t.exchange.consentDigest(offerId, documentHash);
    expect(ethers.recoverAddress(digest, acceptance.buyerSignature)).to.equal(buyer.address);

    // the IP office registers: settlement
    const fee = (amount * BigInt(DEFAULT_FEE_BPS)) / 10_000n;
    await expect(
      t.exchange.connect(ipOffice).registerAgreement(offerId, agreement, NO_TERMS),
    ).to.changeTokenBalances(
      ethers,
      t.token,
      [seller, treasury, t.exchange],
      [amount - fee, 0n, fee - amount],
    );
    // the fee accrues in the exchange until anyone sends it to the treasury
    await expect(t.exchange.withdrawFees()).to.changeTokenBalance(ethers, t.token, treasury, fee);
    expect(await t.registry.ownerOf(assetId)).to.equal(buyer.address);
    expect((await t.registry.asset(assetId)).coOwnersHash).to.equal(ethers.ZeroHash);
    expect((await t.exchange.offerState(offerId))[0]).to.equal(OfferStatus.Settled);
    expect((await t.exchange.listing(assetId)).status).to.equal(ListingStatus.Closed);

    // the new owner can list it; the old owner cannot
    await expect(t.exchange.connect(seller).createListing(assetId, 7, [1n, 1n, 1n], DEFAULT_TERMS))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeNotAssetOwner")
      .withArgs(assetId, seller.address);
    await t.exchange.connect(buyer).createListing(assetId, 7, [1n, 1n, 1n], DEFAULT_TERMS);
    expect(await t.exchange.listing(assetId)).to.deep.equal([
      buyer.address,
      BigInt(ListingStatus.Open),
      7n,
      2n,
    ]);
  });

  it("an indexer rebuilds every record from events alone, and the rebuilt records drive the chain", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const { seller, buyer, ipOffice } = t.accounts;
    const byAddress = new Map(
      await Promise.all(
        [t.registry, t.exchange, t.licences].map(
          async (c) => [(await c.getAddress()).toLowerCase(), c] as const,
        ),
      ),
    );
    const logsOf = async (tx: Promise<{ wait(): Promise<unknown> }>) => {
      const receipt = (await (await tx).wait()) as {
        logs: { address: string; topics: readonly string[]; data: string }[];
      };
      return receipt.logs.flatMap((log) => {
        const contract = byAddress.get(log.address.toLowerCase());
        return contract ? [contract.interface.parseLog(log)!] : [];
      });
    };
    const expiry = BigInt(await time.latest()) + BigInt(10 * YEAR);
    const [, registered] = await logsOf(
      t.registry
        .connect(seller)
        .register(AssetKind.Software, ethers.id("SW-1"), ethers.id("c"), "ipfs://sw", expiry, []),
    );
    expect(registered!.name).to.equal("AssetRegistered");
    const assetId: bigint = registered!.args.assetId;
    expect(registered!.args.owner).to.equal(seller.address);
    await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.ZeroHash);

    const [listed] = await logsOf(
      t.exchange.connect(seller).createListing(assetId, 7, [9n, 8n, 7n], DEFAULT_TERMS),
    );
    const listedTerms = listed!.args.terms.toObject() as LicenceTerms;
    const termsHash = await t.exchange.hashTerms(listedTerms);

    await t.token.connect(buyer).approve(await t.exchange.getAddress(), 8n);
    const [made] = await logsOf(
      t.exchange
        .connect(buyer)
        .makeOffer(assetId, DealType.ExclusiveLicence, 8n, BigInt(await time.latest()) + 100n, termsHash),
    );
    const a = made!.args;
    const offer: Offer = {
      assetId: a.assetId,
      buyer: a.buyer,
      listingEpoch: a.listingEpoch,
      dealType: a.dealType,
      amount: a.amount,
      expiry: a.expiry,
      termsHash: a.termsHash,
    };
    const documentHash = ethers.id("doc");
    const accepted = (
      await logsOf(
        t.exchange.connect(seller).acceptOffer(
          a.offerId,
          offer,
          {
            documentHash,
            buyerSignature: await signConsent(t, buyer, a.offerId, documentHash),
            coOwners: [],
            coOwnerSignatures: [],
          },
          listedTerms,
        ),
      )
    ).find((e) => e.name === "AgreementAccepted")!.args;
    const agreement = {
      offer,
      seller: accepted.seller,
      documentHash: accepted.documentHash,
      registrationDeadline: accepted.registrationDeadline,
      feeBps: accepted.feeBps,
      pausedAtAcceptance: accepted.pausedAtAcceptance,
    };
    const settled = await logsOf(
      t.exchange.connect(ipOffice).registerAgreement(accepted.agreementId, agreement, listedTerms),
    );
    const issued = settled.find((e) => e.name === "LicenceIssued")!.args;
    const stored = await t.licences.licence(issued.licenceId);
    // The licence's record lives in its agreement's slot in the exchange (licensee, period,
    // exclusivity): settling replaces the agreement's commitment with it. The asset is named by the
    // events (AgreementAccepted and LicenceIssued, same transaction history, same agreement id).
    expect(issued.assetId).to.equal(agreement.offer.assetId);
    expect(issued.licenceId).to.equal(accepted.agreementId);
    const [status, word] = await t.exchange.offerState(accepted.agreementId);
    expect(status).to.equal(BigInt(OfferStatus.Settled));
    expect(BigInt(word) >> 9n).to.not.equal(BigInt(agreementHash(ethers, agreement)) >> 9n);
    expect(await t.exchange.licenceOf(accepted.agreementId)).to.deep.equal([
      issued.licensee,
      issued.exclusive,
      issued.start,
      issued.end,
    ]);
    expect([stored.licensee, stored.exclusive, stored.start, stored.end]).to.deep.equal([
      issued.licensee,
      issued.exclusive,
      issued.start,
      issued.end,
    ]);
    const settlement = settled.find((e) => e.name === "AgreementSettled")!.args;
    expect(settlement.fee + settlement.net).to.equal(settlement.amount);
  });

  it("licences: an exclusive licence blocks others until revoked; non-exclusive ones then settle on acceptance and expire", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const { buyer, other, ipOffice } = t.accounts;
    const terms = { ...DEFAULT_TERMS, duration: BigInt(YEAR) };
    const assetId = await listedAsset(t, { terms });

    const exclusive = await makeOffer(t, assetId, DealType.ExclusiveLicence, { terms });
    const { agreement } = await acceptOffer(t, exclusive.offerId, exclusive.offer, { terms });
    await t.exchange.connect(ipOffice).registerAgreement(exclusive.offerId, agreement, terms);
    expect(await t.licences.ownerOf(exclusive.offerId)).to.equal(buyer.address);
    expect(await t.licences.activeExclusiveLicence(assetId)).to.equal(exclusive.offerId);

    const blocked = await makeOffer(t, assetId, DealType.NonExclusiveLicence, { buyer: other, terms });
    await expect(acceptOffer(t, blocked.offerId, blocked.offer, { terms }))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeExclusiveLicenceActive")
      .withArgs(assetId, exclusive.offerId);

    await t.licences.connect(ipOffice).revoke(exclusive.offerId, ethers.id("invalidated claim 3"));
    expect(await t.licences.isActive(exclusive.offerId)).to.equal(false);
    await acceptOffer(t, blocked.offerId, blocked.offer, { terms });
    expect(await t.licences.isActive(blocked.offerId)).to.equal(true);
    expect(await t.licences.locked(blocked.offerId)).to.equal(true);

    await time.increase(YEAR);
    expect(await t.licences.isActive(blocked.offerId)).to.equal(false);
    expect(await t.licences.isExpired(blocked.offerId)).to.equal(true);
  });

  it("refusal by the IP office refunds the buyer; the asset stays with the seller", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const assetId = await listedAsset(t);
    const { offerId, offer } = await makeOffer(t, assetId, DealType.Assignment);
    const { agreement } = await acceptOffer(t, offerId, offer);
    await expect(
      t.exchange.connect(t.accounts.ipOffice).refuseAgreement(offerId, agreement, ethers.id("missing annex")),
    ).to.changeTokenBalance(ethers, t.token, t.accounts.buyer, offer.amount);
    expect(await t.registry.ownerOf(assetId)).to.equal(t.accounts.seller.address);
  });

  it("deadline reclaim: the IP office never acts, the buyer gets the escrow back", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const assetId = await listedAsset(t);
    const { offerId, offer } = await makeOffer(t, assetId, DealType.ExclusiveLicence);
    const { agreement } = await acceptOffer(t, offerId, offer);
    await time.increaseTo(agreement.registrationDeadline + 1n);
    await expect(
      t.exchange.connect(t.accounts.buyer).reclaimUnregistered(offerId, agreement),
    ).to.changeTokenBalance(ethers, t.token, t.accounts.buyer, offer.amount);
    await expect(t.exchange.connect(t.accounts.ipOffice).registerAgreement(offerId, agreement, DEFAULT_TERMS))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeAgreementNotPending")
      .withArgs(offerId, OfferStatus.Reclaimed);
  });

  it("suspension freezes trading until reinstated; revocation ends it, and escrow still comes back", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const { ipOffice, buyer } = t.accounts;
    const assetId = await listedAsset(t);
    const first = await makeOffer(t, assetId, DealType.NonExclusiveLicence);

    await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Suspended, ethers.id("court order"));
    await expect(acceptOffer(t, first.offerId, first.offer))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
      .withArgs(assetId);
    await expect(makeOffer(t, assetId, DealType.NonExclusiveLicence))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
      .withArgs(assetId);

    await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, ethers.id("order lifted"));
    await acceptOffer(t, first.offerId, first.offer);

    const second = await makeOffer(t, assetId, DealType.Assignment);
    const { agreement } = await acceptOffer(t, second.offerId, second.offer);
    await t.registry
      .connect(ipOffice)
      .setStatus(assetId, AssetStatus.Revoked, ethers.id("patent invalidated"));
    await expect(t.exchange.connect(ipOffice).registerAgreement(second.offerId, agreement, NO_TERMS))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
      .withArgs(assetId);
    await expect(
      t.exchange.connect(ipOffice).refuseAgreement(second.offerId, agreement, ethers.id("revoked")),
    ).to.changeTokenBalance(ethers, t.token, buyer, second.offer.amount);
    expect(await t.token.balanceOf(await t.exchange.getAddress())).to.equal(await t.exchange.accruedFees());
  });

  it("an asset past its protection expiry can no longer be offered on or settled", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    const assetId = await listedAsset(t);
    const { offerId, offer } = await makeOffer(t, assetId, DealType.Assignment, {
      expiry: BigInt(await time.latest()) + BigInt(20 * YEAR),
    });
    const { agreement } = await acceptOffer(t, offerId, offer);
    await time.increase(11 * YEAR);
    await expect(makeOffer(t, assetId, DealType.Assignment))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeAssetNotTradable")
      .withArgs(assetId);
    await expect(t.exchange.connect(t.accounts.ipOffice).registerAgreement(offerId, agreement, NO_TERMS))
      .to.be.revertedWithCustomError(t.exchange, "ExchangeRegistrationDeadlinePassed")
      .withArgs(offerId);
    await t.exchange.reclaimUnregistered(offerId, agreement);
  });
});
