/**
 * Deployment and helpers shared by the contract tests, the gas benchmark and the Ignition module's
 * tests. `deployTechEx(ethers)` deploys and wires every contract exactly as a real deployment must
 * (see `wireTechEx`), with a local test token.
 */
import type { HardhatEthers, HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { agreementConsentTypes, exchangeDomain, permitTypes } from "../../generated/techex.ts";
import type {
  AssetRegistry,
  Exchange,
  LicenceRegistry,
  Membership,
  TechExAccessManager,
  TestVnd,
} from "../../types/ethers-contracts/index.ts";

/** Role ids, as in contracts/utils/Roles.sol. */
export const Roles = {
  ADMIN: 0n,
  IP_OFFICE: 1n,
  PAUSER: 2n,
  MEMBER: 3n,
  MEMBERSHIP: 4n,
  MINTER: 5n,
  CONFIG: 6n,
} as const;

export const AssetKind = {
  Patent: 0,
  UtilitySolution: 1,
  IndustrialDesign: 2,
  SemiconductorLayoutDesign: 3,
  Software: 4,
  KnowHow: 5,
  PlantVariety: 6,
} as const;
export const AssetStatus = {
  None: 0,
  Pending: 1,
  Verified: 2,
  Rejected: 3,
  Suspended: 4,
  Revoked: 5,
} as const;
export const DealType = { Assignment: 0, ExclusiveLicence: 1, NonExclusiveLicence: 2 } as const;
export const ListingStatus = { None: 0, Open: 1, Paused: 2, Closed: 3 } as const;
export const OfferStatus = {
  None: 0,
  Open: 1,
  Withdrawn: 2,
  Rejected: 3,
  Expired: 4,
  Accepted: 5,
  Settled: 6,
  Refused: 7,
  Reclaimed: 8,
} as const;

export const DAY = 86_400;
export const YEAR = 365 * DAY;
/** Assignment and exclusive licence need registration; non-exclusive licences settle on acceptance. */
export const DEFAULT_REGISTRATION_MASK = (1 << DealType.Assignment) | (1 << DealType.ExclusiveLicence);
export const DEFAULT_REGISTRATION_PERIOD = 30 * DAY;
export const DEFAULT_FEE_BPS = 250;
export const ALL_DEAL_TYPES = 0b111;

export interface LicenceTerms {
  territory: string;
  fieldOfUse: string;
  duration: bigint;
  sublicensing: boolean;
  royaltyBps: bigint;
}

export interface Offer {
  assetId: bigint;
  buyer: string;
  listingEpoch: bigint;
  dealType: bigint;
  amount: bigint;
  expiry: bigint;
  termsHash: string;
}

export interface Agreement {
  offer: Offer;
  seller: string;
  documentHash: string;
  registrationDeadline: bigint;
  feeBps: bigint;
  pausedAtAcceptance: bigint;
}

export const DEFAULT_TERMS: LicenceTerms = {
  territory: "VN",
  fieldOfUse: "aquaculture feed",
  duration: BigInt(2 * YEAR),
  sublicensing: false,
  royaltyBps: 300n,
};

/** The selectors each non-admin role may call. Everything else restricted stays ADMIN-only. */
export async function wireTechEx(
  manager: TechExAccessManager,
  c: {
    membership: Membership;
    registry: AssetRegistry;
    licences: LicenceRegistry;
    exchange: Exchange;
    token?: TestVnd;
  },
) {
  const sel = (
    contract: { interface: { getFunction(name: string): { selector: string } | null } },
    names: string[],
  ) => names.map((n) => contract.interface.getFunction(n)!.selector);

  await manager.setRoleAdmin(Roles.MEMBER, Roles.MEMBERSHIP);
  await manager.grantRole(Roles.MEMBERSHIP, await c.membership.getAddress(), 0);

  const registry = await c.registry.getAddress();
  const licences = await c.licences.getAddress();
  const exchange = await c.exchange.getAddress();
  // the registries accept asset moves, listing writes and licence issues only from the exchange
  await c.registry.setExchange(exchange);
  await c.licences.setExchange(exchange);
  await manager.setTargetFunctionRole(registry, sel(c.registry, ["setStatus"]), Roles.IP_OFFICE);
  await manager.setTargetFunctionRole(registry, sel(c.registry, ["pause", "unpause"]), Roles.PAUSER);
  await manager.setTargetFunctionRole(licences, sel(c.licences, ["revoke"]), Roles.IP_OFFICE);
  await manager.setTargetFunctionRole(licences, sel(c.licences, ["pause", "unpause"]), Roles.PAUSER);
  await manager.setTargetFunctionRole(
    exchange,
    sel(c.exchange, ["registerAgreement", "refuseAgreement"]),
    Roles.IP_OFFICE,
  );
  await manager.setTargetFunctionRole(exchange, sel(c.exchange, ["pause", "unpause"]), Roles.PAUSER);
  // configuration changes go through CONFIG, which a real network grants with an execution delay
  await manager.setTargetFunctionRole(
    exchange,
    sel(c.exchange, ["setFee", "setRegistrationPolicy"]),
    Roles.CONFIG,
  );
  await manager.setTargetFunctionRole(registry, sel(c.registry, ["setExchange"]), Roles.CONFIG);
  await manager.setTargetFunctionRole(licences, sel(c.licences, ["setExchange"]), Roles.CONFIG);
  if (c.token) {
    await manager.setTargetFunctionRole(await c.token.getAddress(), sel(c.token, ["mint"]), Roles.MINTER);
  }
}

/**
 * Deploys AccessManager, Membership, AssetRegistry, LicenceRegistry, TestVnd and Exchange, wires the
 * roles, admits seller/buyer/coOwner/other as members and funds the buyers with tVND.
 */
export async function deployTechEx(ethers: HardhatEthers) {
  const [admin, ipOffice, pauser, treasury, seller, buyer, coOwner, other, stranger] =
    await ethers.getSigners();

  const manager = await ethers.deployContract("TechExAccessManager", [admin.address]);
  const managerAddress = await manager.getAddress();
  const membership = await ethers.deployContract("Membership", [managerAddress]);
  const registry = await ethers.deployContract("AssetRegistry", [
    managerAddress,
    "https://techex.local/api/assets/",
  ]);
  const licences = await ethers.deployContract("LicenceRegistry", [
    managerAddress,
    "https://techex.local/api/licences/",
  ]);
  const token = await ethers.deployContract("TestVnd", [managerAddress]);
  const exchange = await ethers.deployContract("Exchange", [
    managerAddress,
    await registry.getAddress(),
    await licences.getAddress(),
    await token.getAddress(),
    treasury.address,
    DEFAULT_FEE_BPS,
    DEFAULT_REGISTRATION_MASK,
    DEFAULT_REGISTRATION_PERIOD,
  ]);

  await wireTechEx(manager, { membership, registry, licences, exchange, token });
  await manager.grantRole(Roles.IP_OFFICE, ipOffice.address, 0);
  await manager.grantRole(Roles.PAUSER, pauser.address, 0);
  await manager.grantRole(Roles.MINTER, admin.address, 0);
  await manager.grantRole(Roles.CONFIG, admin.address, 0);

  for (const member of [seller, buyer, coOwner, other]) {
    await membership.admit(member.address, ethers.id(`profile:${member.address}`));
  }
  for (const account of [buyer, other]) {
    await token.mint(account.address, 1_000_000_000_000n);
  }

  return {
    ethers,
    manager,
    membership,
    registry,
    licences,
    token,
    exchange,
    accounts: { admin, ipOffice, pauser, treasury, seller, buyer, coOwner, other, stranger },
  };
}

export type TechEx = Awaited<ReturnType<typeof deployTechEx>>;

/** Registers an asset for `owner` and returns its id. */
export async function registerAsset(
  t: TechEx,
  owner: HardhatEthersSigner,
  opts: { coOwners?: string[]; regNumber?: string; expiry?: bigint; kind?: number } = {},
) {
  // unique without module state: every registration is mined in its own block
  const regNumber = opts.regNumber ?? `VN-1-${await t.ethers.provider.getBlockNumber()}-${owner.address}`;
  const regNumberHash = t.ethers.id(regNumber);
  const now = BigInt((await t.ethers.provider.getBlock("latest"))!.timestamp);
  await t.registry
    .connect(owner)
    .register(
      opts.kind ?? AssetKind.Patent,
      regNumberHash,
      t.ethers.id(`content:${regNumber}`),
      `ipfs://meta/${regNumber}`,
      opts.expiry ?? now + BigInt(10 * YEAR),
      opts.coOwners ?? [],
    );
  return BigInt(regNumberHash);
}

/** Registers, verifies and lists an asset (all deal types, default terms). */
export async function listedAsset(
  t: TechEx,
  opts: { coOwners?: string[]; prices?: [bigint, bigint, bigint]; terms?: LicenceTerms } = {},
) {
  const { seller, ipOffice } = t.accounts;
  const assetId = await registerAsset(t, seller, { coOwners: opts.coOwners });
  await t.registry.connect(ipOffice).setStatus(assetId, AssetStatus.Verified, t.ethers.id("verified"));
  await t.exchange
    .connect(seller)
    .createListing(
      assetId,
      ALL_DEAL_TYPES,
      opts.prices ?? [5_000_000_000n, 2_000_000_000n, 500_000_000n],
      opts.terms ?? DEFAULT_TERMS,
    );
  return assetId;
}

export function hashTerms(ethers: HardhatEthers, terms: LicenceTerms) {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      ["tuple(string territory,string fieldOfUse,uint32 duration,bool sublicensing,uint16 royaltyBps)"],
      [terms],
    ),
  );
}

const OFFER_TUPLE =
  "tuple(uint256 assetId,address buyer,uint32 listingEpoch,uint8 dealType,uint256 amount,uint40 expiry,bytes32 termsHash)";

/** keccak256(abi.encode(agreement)): the commitment the exchange keeps (low 9 bits: the status). */
export function agreementHash(ethers: HardhatEthers, agreement: Agreement) {
  return ethers.keccak256(
    ethers.AbiCoder.defaultAbiCoder().encode(
      [
        `tuple(${OFFER_TUPLE} offer,address seller,bytes32 documentHash,uint40 registrationDeadline,uint16 feeBps,uint32 pausedAtAcceptance)`,
      ],
      [agreement],
    ),
  );
}

/** Makes an offer (approve + makeOffer) and returns its id and the `Offer` record to pass back. */
export async function makeOffer(
  t: TechEx,
  assetId: bigint,
  dealType: number,
  opts: { buyer?: HardhatEthersSigner; amount?: bigint; expiry?: bigint; terms?: LicenceTerms } = {},
) {
  const buyer = opts.buyer ?? t.accounts.buyer;
  const amount = opts.amount ?? 1_000_000_000n;
  const now = BigInt((await t.ethers.provider.getBlock("latest"))!.timestamp);
  const expiry = opts.expiry ?? now + BigInt(7 * DAY);
  const termsHash =
    dealType === DealType.Assignment ? t.ethers.ZeroHash : hashTerms(t.ethers, opts.terms ?? DEFAULT_TERMS);
  await t.token.connect(buyer).approve(await t.exchange.getAddress(), amount);
  const offerId = await t.exchange.nextOfferId();
  await t.exchange.connect(buyer).makeOffer(assetId, dealType, amount, expiry, termsHash);
  const listing = await t.exchange.listing(assetId);
  const offer: Offer = {
    assetId,
    buyer: buyer.address,
    listingEpoch: listing.epoch,
    dealType: BigInt(dealType),
    amount,
    expiry,
    termsHash,
  };
  return { offerId, offer };
}

/** An EIP-2612 permit signature of `amount` tVND from `owner` to the exchange. */
export async function signPermit(t: TechEx, owner: HardhatEthersSigner, amount: bigint, deadline: bigint) {
  const { chainId } = await t.ethers.provider.getNetwork();
  const signature = await owner.signTypedData(
    { name: "TechEx Test VND", version: "1", chainId, verifyingContract: await t.token.getAddress() },
    permitTypes,
    {
      owner: owner.address,
      spender: await t.exchange.getAddress(),
      value: amount,
      nonce: await t.token.nonces(owner.address),
      deadline,
    },
  );
  return t.ethers.Signature.from(signature);
}

/** A party's EIP-712 `AgreementConsent` signature. */
export async function signConsent(
  t: TechEx,
  signer: HardhatEthersSigner,
  agreementId: bigint,
  documentHash: string,
) {
  const { chainId } = await t.ethers.provider.getNetwork();
  return signer.signTypedData(
    { ...exchangeDomain, chainId, verifyingContract: await t.exchange.getAddress() },
    agreementConsentTypes,
    { agreementId, documentHash },
  );
}

/** Accepts with the buyer's (and the given co-owners') signatures; returns the `Agreement` record. */
export async function acceptOffer(
  t: TechEx,
  offerId: bigint,
  offer: Offer,
  opts: { coOwners?: HardhatEthersSigner[]; terms?: LicenceTerms; documentHash?: string } = {},
) {
  const { seller, buyer } = t.accounts;
  const documentHash = opts.documentHash ?? t.ethers.id(`agreement:${offerId}`);
  const coOwners = opts.coOwners ?? [];
  const buyerSigner = (await t.ethers.getSigners()).find((s) => s.address === offer.buyer) ?? buyer;
  const acceptance = {
    documentHash,
    buyerSignature: await signConsent(t, buyerSigner, offerId, documentHash),
    coOwners: coOwners.map((c) => c.address),
    coOwnerSignatures: await Promise.all(coOwners.map((c) => signConsent(t, c, offerId, documentHash))),
  };
  const tx = await t.exchange
    .connect(seller)
    .acceptOffer(offerId, offer, acceptance, opts.terms ?? DEFAULT_TERMS);
  const receipt = await tx.wait();
  const event = receipt!.logs
    .map((log) => t.exchange.interface.parseLog(log))
    .find((parsed) => parsed?.name === "AgreementAccepted")!;
  const agreement: Agreement = {
    offer,
    seller: seller.address,
    documentHash,
    registrationDeadline: event.args.registrationDeadline,
    feeBps: event.args.feeBps,
    pausedAtAcceptance: event.args.pausedAtAcceptance,
  };
  return { agreement, tx, receipt };
}
