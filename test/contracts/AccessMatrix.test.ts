import { expect } from "chai";
import { network } from "hardhat";
import type { HardhatEthersSigner } from "@nomicfoundation/hardhat-ethers/types";
import { DEFAULT_TERMS, deployTechEx, type Agreement, type TechEx } from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const deploy = () => deployTechEx(ethers);

/** "exchange" is the Exchange contract itself; no signer holds it. "admin" holds ADMIN and, in the
 *  fixture, CONFIG without a delay (the deployment puts CONFIG behind one: see the Ignition test). */
type Role = "admin" | "ipOffice" | "pauser" | "member" | "stranger" | "treasury" | "exchange";
type Call = (t: TechEx, caller: HardhatEthersSigner) => Promise<unknown>;

const ZERO = ethers.ZeroHash;
const offer = {
  assetId: 1n,
  buyer: ethers.ZeroAddress,
  listingEpoch: 1n,
  dealType: 0n,
  amount: 1n,
  expiry: 1n,
  termsHash: ZERO,
};
const agreement: Agreement = {
  offer,
  seller: ethers.ZeroAddress,
  documentHash: ZERO,
  registrationDeadline: 1n,
  feeBps: 0n,
  pausedAtAcceptance: 0n,
};

/** Every privileged function, who may call it, and a call with placeholder arguments. */
const MATRIX: [string, Role, Call][] = [
  ["AssetRegistry.setStatus", "ipOffice", (t, c) => t.registry.connect(c).setStatus(1n, 2, ZERO)],
  ["AssetRegistry.setExchange", "admin", (t, c) => t.registry.connect(c).setExchange(c.address)],
  ["AssetRegistry.pause", "pauser", (t, c) => t.registry.connect(c).pause()],
  ["AssetRegistry.unpause", "pauser", (t, c) => t.registry.connect(c).unpause()],
  [
    "AssetRegistry.transferByAgreement",
    "exchange",
    (t, c) => t.registry.connect(c).transferByAgreement(1n, c.address, c.address),
  ],
  [
    "AssetRegistry.setTradeState",
    "exchange",
    (t, c) => t.registry.connect(c).setTradeState(1n, c.address, 1n << 167n),
  ],
  ["AssetRegistry.releaseReservation", "exchange", (t, c) => t.registry.connect(c).releaseReservation(1n)],
  [
    "LicenceRegistry.issue",
    "exchange",
    (t, c) => t.licences.connect(c).issue(1n, 1n, c.address, false, 2n ** 39n, DEFAULT_TERMS),
  ],
  ["LicenceRegistry.revoke", "ipOffice", (t, c) => t.licences.connect(c).revoke(1n, ZERO)],
  ["LicenceRegistry.setExchange", "admin", (t, c) => t.licences.connect(c).setExchange(c.address)],
  ["LicenceRegistry.pause", "pauser", (t, c) => t.licences.connect(c).pause()],
  ["LicenceRegistry.unpause", "pauser", (t, c) => t.licences.connect(c).unpause()],
  [
    "Exchange.registerAgreement",
    "ipOffice",
    (t, c) => t.exchange.connect(c).registerAgreement(1n, agreement, DEFAULT_TERMS),
  ],
  [
    "Exchange.refuseAgreement",
    "ipOffice",
    (t, c) => t.exchange.connect(c).refuseAgreement(1n, agreement, ZERO),
  ],
  ["Exchange.setFee", "admin", (t, c) => t.exchange.connect(c).setFee(c.address, 1)],
  ["Exchange.setRegistrationPolicy", "admin", (t, c) => t.exchange.connect(c).setRegistrationPolicy(1, 1)],
  ["Exchange.pause", "pauser", (t, c) => t.exchange.connect(c).pause()],
  ["Exchange.unpause", "pauser", (t, c) => t.exchange.connect(c).unpause()],
  ["Membership.admit", "admin", (t, c) => t.membership.connect(c).admit(c.address, ethers.id("p"))],
  ["Membership.remove", "admin", (t, c) => t.membership.connect(c).remove(c.address, ZERO)],
  ["TestVnd.mint", "admin", (t, c) => t.token.connect(c).mint(c.address, 1n)],
];

const MEMBER_ONLY: [string, Call][] = [
  [
    "AssetRegistry.register",
    (t, c) => t.registry.connect(c).register(0, ethers.id("n"), ZERO, "", 2n ** 39n, []),
  ],
  [
    "Exchange.createListing",
    (t, c) => t.exchange.connect(c).createListing(1n, 1, [1n, 1n, 1n], DEFAULT_TERMS),
  ],
  ["Exchange.makeOffer", (t, c) => t.exchange.connect(c).makeOffer(1n, 0, 1n, 2n ** 39n, ZERO)],
  [
    "Exchange.makeOfferWithPermit",
    (t, c) => t.exchange.connect(c).makeOfferWithPermit(1n, 0, 1n, 2n ** 39n, ZERO, 0n, 27, ZERO, ZERO),
  ],
];

describe("Access matrix", function () {
  function signerFor(t: TechEx, role: Exclude<Role, "exchange">) {
    const a = t.accounts;
    return {
      admin: a.admin,
      ipOffice: a.ipOffice,
      pauser: a.pauser,
      member: a.seller,
      stranger: a.stranger,
      treasury: a.treasury,
    }[role];
  }
  const CALLERS = ["admin", "ipOffice", "pauser", "member", "stranger", "treasury"] as const;

  for (const [name, allowed, call] of MATRIX) {
    for (const role of CALLERS.filter((r) => r !== allowed)) {
      it(`${name} reverts with AccessManagedUnauthorized for ${role}`, async function () {
        const t = await networkHelpers.loadFixture(deploy);
        const caller = signerFor(t, role);
        const target = name.startsWith("AssetRegistry")
          ? t.registry
          : name.startsWith("LicenceRegistry")
            ? t.licences
            : name.startsWith("Exchange")
              ? t.exchange
              : name.startsWith("Membership")
                ? t.membership
                : t.token;
        await expect(call(t, caller))
          .to.be.revertedWithCustomError(target, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      });
    }
  }

  for (const [name, call] of MEMBER_ONLY) {
    for (const role of ["admin", "ipOffice", "pauser", "stranger", "treasury"] as const) {
      it(`${name} reverts with AccessManagedUnauthorized for ${role} (not a member)`, async function () {
        const t = await networkHelpers.loadFixture(deploy);
        const caller = signerFor(t, role);
        const target = name.startsWith("Asset") ? t.registry : t.exchange;
        await expect(call(t, caller))
          .to.be.revertedWithCustomError(target, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      });
    }
  }
});
