// The gas of the six operations the ledger issue sets targets for, each measured as a typical
// warm call: every actor has acted once before, so balances, nonces and escrow slots are already
// non-zero. Shared by `npm run bench:gas` and the gas snapshot test, so both measure the same thing.
import type { HardhatEthers } from "@nomicfoundation/hardhat-ethers/types";
import {
  AssetStatus,
  DAY,
  DEFAULT_TERMS,
  DealType,
  acceptOffer,
  deployTechEx,
  hashTerms,
  listedAsset,
  makeOffer,
  signPermit,
} from "../../test/contracts/fixtures.ts";

export const gasTargets = {
  register: 90_000n,
  verify: 50_000n,
  list: 53_000n,
  offerWithPermit: 100_000n,
  settleLicence: 110_000n,
  settleAssignment: 95_000n,
} as const;

export type GasOperation = keyof typeof gasTargets;

export const gasDescriptions: Record<GasOperation, string> = {
  register: "register an asset",
  verify: "IP office verifies an asset",
  list: "list an asset (all deal types)",
  offerWithPermit: "offer with EIP-2612 permit (escrow)",
  settleLicence: "accept + settle a non-exclusive licence",
  settleAssignment: "IP office registers + settles an assignment",
};

const NO_TERMS = { territory: "", fieldOfUse: "", duration: 0n, sublicensing: false, royaltyBps: 0n };

async function gasOf(tx: Promise<{ wait(): Promise<{ gasUsed: bigint } | null> }>): Promise<bigint> {
  return (await (await tx).wait())!.gasUsed;
}

export async function measureGas(ethers: HardhatEthers): Promise<Record<GasOperation, bigint>> {
  const t = await deployTechEx(ethers);
  const { seller, buyer, ipOffice } = t.accounts;

  // Warm-up, so each measured call is a typical repeat one: the seller has registered and listed,
  // the buyer has offered (with a permit too: its permit nonce is non-zero), holds a licence and
  // owns an asset (its registry balance is non-zero).
  const warmAsset = await listedAsset(t);
  const warmOffer = await makeOffer(t, warmAsset, DealType.NonExclusiveLicence);
  await acceptOffer(t, warmOffer.offerId, warmOffer.offer);
  const warmNow = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const warmPermit = await signPermit(t, buyer, 1n, warmNow + 3_600n);
  await t.exchange
    .connect(buyer)
    .makeOfferWithPermit(
      warmAsset,
      DealType.NonExclusiveLicence,
      1n,
      warmNow + 3_600n,
      ethers.ZeroHash,
      warmNow + 3_600n,
      warmPermit.v,
      warmPermit.r,
      warmPermit.s,
    );
  const owned = await listedAsset(t);
  const bought = await makeOffer(t, owned, DealType.Assignment);
  const boughtAgreement = await acceptOffer(t, bought.offerId, bought.offer);
  await t.exchange.connect(ipOffice).registerAgreement(bought.offerId, boughtAgreement.agreement, NO_TERMS);

  const latest = async () => BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const regNumberHash = ethers.id("VN-1-2026-00042");
  const register = await gasOf(
    t.registry
      .connect(seller)
      .register(
        0,
        regNumberHash,
        ethers.id("content"),
        "ipfs://bafy/asset.json",
        (await latest()) + 3650n * 86_400n,
        [],
      ),
  );
  const verify = await gasOf(
    t.registry.connect(ipOffice).setStatus(regNumberHash, AssetStatus.Verified, ethers.id("ok")),
  );
  const list = await gasOf(
    t.exchange
      .connect(seller)
      .createListing(regNumberHash, 0b111, [5_000_000_000n, 2_000_000_000n, 500_000_000n], DEFAULT_TERMS),
  );

  const amount = 500_000_000n;
  const now = await latest();
  const permit = await signPermit(t, buyer, amount, now + 3_600n);
  const offerId = await t.exchange.nextOfferId();
  const termsHash = hashTerms(ethers, DEFAULT_TERMS);
  const expiry = now + BigInt(7 * DAY);
  const offerWithPermit = await gasOf(
    t.exchange
      .connect(buyer)
      .makeOfferWithPermit(
        regNumberHash,
        DealType.NonExclusiveLicence,
        amount,
        expiry,
        termsHash,
        now + 3_600n,
        permit.v,
        permit.r,
        permit.s,
      ),
  );
  const offer = {
    assetId: BigInt(regNumberHash),
    buyer: buyer.address,
    listingEpoch: (await t.exchange.listing(BigInt(regNumberHash))).epoch,
    dealType: BigInt(DealType.NonExclusiveLicence),
    amount,
    expiry,
    termsHash,
  };
  const settleLicence = (await acceptOffer(t, offerId, offer)).receipt!.gasUsed;

  const assignmentAsset = await listedAsset(t);
  const assignment = await makeOffer(t, assignmentAsset, DealType.Assignment);
  const { agreement } = await acceptOffer(t, assignment.offerId, assignment.offer);
  const settleAssignment = await gasOf(
    t.exchange.connect(ipOffice).registerAgreement(assignment.offerId, agreement, NO_TERMS),
  );

  return { register, verify, list, offerWithPermit, settleLicence, settleAssignment };
}

/**
 * The same listing and licence settlement, with the same calldata, on `GasFloor`: one contract
 * doing only the work any design must do (see its NatSpec). Where a target lies below these
 * figures, no design meets it; the gap between them and the real figures is what the design costs.
 */
export async function measureFloor(ethers: HardhatEthers): Promise<{ list: bigint; settleLicence: bigint }> {
  const t = await deployTechEx(ethers);
  const { admin, seller, buyer } = t.accounts;
  const floor = await ethers.deployContract("GasFloor", [await t.token.getAddress()]);
  await (await t.token.connect(admin).mint(await floor.getAddress(), 10n ** 12n)).wait();
  await (await t.token.connect(admin).mint(seller.address, 1n)).wait();

  const assetId = BigInt(ethers.id("VN-1-2026-00042"));
  await (await floor.seedAsset(assetId, seller.address)).wait();
  const list = await gasOf(
    floor.connect(seller).list(assetId, 0b111, [5_000_000_000n, 2_000_000_000n, 500_000_000n], DEFAULT_TERMS),
  );

  const now = BigInt((await ethers.provider.getBlock("latest"))!.timestamp);
  const offer = {
    assetId: BigInt(ethers.id("VN-1-2026-00043")),
    buyer: buyer.address,
    listingEpoch: 1n,
    dealType: BigInt(DealType.NonExclusiveLicence),
    amount: 500_000_000n,
    expiry: now + BigInt(7 * DAY),
    termsHash: hashTerms(ethers, DEFAULT_TERMS),
  };
  const id = 7n;
  await (await floor.seed(offer.assetId, seller.address, id, offer)).wait();
  const documentHash = ethers.id(`agreement:${id}`);
  const digest = ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(["uint256", "bytes32"], [id, documentHash]),
  );
  const signature = await buyer.signMessage(ethers.getBytes(digest));
  const settleLicence = await gasOf(
    floor.connect(seller).acceptLicence(id, offer, documentHash, signature, DEFAULT_TERMS),
  );
  return { list, settleLicence };
}
