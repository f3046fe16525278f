import { expect } from "chai";
import { network } from "hardhat";
import {
  AssetStatus,
  DAY,
  DealType,
  acceptOffer,
  deployTechEx,
  hashTerms,
  DEFAULT_TERMS,
  listedAsset,
  makeOffer,
  signPermit,
  type TechEx,
} from "./fixtures.ts";

const NO_TERMS = { territory: "", fieldOfUse: "", duration: 0n, sublicensing: false, royaltyBps: 0n };
const { ethers, networkHelpers } = await network.create();

/** The gas targets, each measured on a warm call (the actor has acted before). */
const TARGETS = {
  register: 90_000n,
  verify: 50_000n,
  list: 46_000n,
  offerWithPermit: 100_000n,
  acceptSettleNonExclusive: 65_000n,
  registerSettleAssignment: 95_000n,
};

describe("Gas (warm calls against the issue's targets)", function () {
  const measured: Record<string, bigint> = {};

  after(function () {
    for (const [op, gas] of Object.entries(measured)) {
      const target = TARGETS[op as keyof typeof TARGETS];
      console.log(
        `      ${op.padEnd(26)} ${String(gas).padStart(7)}  target ${target}  ${gas <= target ? "ok" : "OVER"}`,
      );
    }
  });

  async function warm() {
    const t = await deployTechEx(ethers);
    // every actor acts once so balances, nonces and escrow are non-zero
    const warmAsset = await listedAsset(t);
    const { offerId, offer } = await makeOffer(t, warmAsset, DealType.NonExclusiveLicence);
    await acceptOffer(t, offerId, offer);
    // a repeat permit user: the buyer's permit nonce is non-zero
    const now = BigInt(await networkHelpers.time.latest());
    const sig = await signPermit(t, t.accounts.buyer, 1n, now + 3600n);
    await t.exchange
      .connect(t.accounts.buyer)
      .makeOfferWithPermit(
        warmAsset,
        DealType.NonExclusiveLicence,
        1n,
        now + 3600n,
        ethers.ZeroHash,
        now + 3600n,
        sig.v,
        sig.r,
        sig.s,
      );
    // the buyer already holds an asset: its registry balance is non-zero, as for a repeat buyer
    const owned = await listedAsset(t);
    const bought = await makeOffer(t, owned, DealType.Assignment);
    const { agreement } = await acceptOffer(t, bought.offerId, bought.offer);
    await t.exchange.connect(t.accounts.ipOffice).registerAgreement(bought.offerId, agreement, NO_TERMS);
    return t;
  }

  async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>) {
    return (await (await tx).wait())!.gasUsed;
  }

  it("register, verify, list", async function () {
    const t: TechEx = await networkHelpers.loadFixture(warm);
    const { seller, ipOffice } = t.accounts;
    const now = BigInt(await networkHelpers.time.latest());
    const regHash = ethers.id("VN-1-2024-00042");
    measured.register = await gasOf(
      t.registry
        .connect(seller)
        .register(0, regHash, ethers.id("content"), "ipfs://bafy/asset.json", now + 3650n * 86400n, []),
    );
    measured.verify = await gasOf(
      t.registry.connect(ipOffice).setStatus(regHash, AssetStatus.Verified, ethers.id("ok")),
    );
    measured.list = await gasOf(
      t.exchange
        .connect(seller)
        .createListing(regHash, 7, [5_000_000_000n, 2_000_000_000n, 500_000_000n], DEFAULT_TERMS),
    );
    expect(measured.register).to.be.greaterThan(0n);
  });

  it("offer with permit, accept + settle a non-exclusive licence", async function () {
    const t: TechEx = await networkHelpers.loadFixture(warm);
    const { buyer } = t.accounts;
    const assetId = await listedAsset(t);
    const amount = 500_000_000n;
    const now = BigInt(await networkHelpers.time.latest());
    const sig = await signPermit(t, buyer, amount, now + 3600n);
    const offerId = await t.exchange.nextOfferId();
    const termsHash = hashTerms(ethers, DEFAULT_TERMS);
    measured.offerWithPermit = await gasOf(
      t.exchange
        .connect(buyer)
        .makeOfferWithPermit(
          assetId,
          DealType.NonExclusiveLicence,
          amount,
          now + BigInt(7 * DAY),
          termsHash,
          now + 3600n,
          sig.v,
          sig.r,
          sig.s,
        ),
    );
    const offer = {
      assetId,
      buyer: buyer.address,
      listingEpoch: 1n,
      dealType: BigInt(DealType.NonExclusiveLicence),
      amount,
      expiry: now + BigInt(7 * DAY),
      termsHash,
    };
    const { receipt } = await acceptOffer(t, offerId, offer);
    measured.acceptSettleNonExclusive = receipt!.gasUsed;
  });

  it("register + settle an assignment", async function () {
    const t: TechEx = await networkHelpers.loadFixture(warm);
    const assetId = await listedAsset(t);
    const { offerId, offer } = await makeOffer(t, assetId, DealType.Assignment);
    const { agreement } = await acceptOffer(t, offerId, offer);
    measured.registerSettleAssignment = await gasOf(
      t.exchange.connect(t.accounts.ipOffice).registerAgreement(offerId, agreement, NO_TERMS),
    );
  });
});
