import { expect } from "chai";
import { network } from "hardhat";
import { Roles, deployTechEx, registerAsset } from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const deploy = () => deployTechEx(ethers);

describe("Membership", function () {
  describe("admit", function () {
    it("grants MEMBER and emits MemberAdmitted with the profile hash", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { stranger } = t.accounts;
      const profile = ethers.id("profile.pdf");
      await expect(t.membership.admit(stranger.address, profile))
        .to.emit(t.membership, "MemberAdmitted")
        .withArgs(stranger.address, profile);
      expect(await t.membership.isMember(stranger.address)).to.equal(true);
      expect((await t.manager.hasRole(Roles.MEMBER, stranger.address))[0]).to.equal(true);
      await registerAsset(t, stranger);
    });

    it("re-admitting updates the profile hash", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.membership.admit(t.accounts.seller.address, ethers.id("v2")))
        .to.emit(t.membership, "MemberAdmitted")
        .withArgs(t.accounts.seller.address, ethers.id("v2"));
    });

    it("reverts with MembershipInvalidAccount and MembershipInvalidProfile", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.membership.admit(ethers.ZeroAddress, ethers.id("p")))
        .to.be.revertedWithCustomError(t.membership, "MembershipInvalidAccount")
        .withArgs(ethers.ZeroAddress);
      await expect(t.membership.admit(t.accounts.stranger.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.membership, "MembershipInvalidProfile")
        .withArgs(t.accounts.stranger.address);
    });

    it("is the only way in: even the admin cannot grant MEMBER directly", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.manager.grantRole(Roles.MEMBER, t.accounts.stranger.address, 0))
        .to.be.revertedWithCustomError(t.manager, "AccessManagerUnauthorizedAccount")
        .withArgs(t.accounts.admin.address, Roles.MEMBERSHIP);
    });
  });

  describe("remove", function () {
    it("revokes MEMBER and emits MemberRemoved; the account can no longer register", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { seller } = t.accounts;
      await expect(t.membership.remove(seller.address, ethers.id("expelled")))
        .to.emit(t.membership, "MemberRemoved")
        .withArgs(seller.address, ethers.id("expelled"));
      expect(await t.membership.isMember(seller.address)).to.equal(false);
      await expect(registerAsset(t, seller))
        .to.be.revertedWithCustomError(t.registry, "AccessManagedUnauthorized")
        .withArgs(seller.address);
    });

    it("reverts with MembershipNotMember for a non-member", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.membership.remove(t.accounts.stranger.address, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.membership, "MembershipNotMember")
        .withArgs(t.accounts.stranger.address);
    });
  });
});

describe("TestVnd", function () {
  it("has 0 decimals and EIP-2612 permit", async function () {
    const t = await networkHelpers.loadFixture(deploy);
    expect(await t.token.decimals()).to.equal(0n);
    expect(await t.token.symbol()).to.equal("tVND");
    expect(await t.token.nonces(t.accounts.buyer.address)).to.equal(0n);
  });

  describe("mint", function () {
    it("mints for the MINTER", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.token.mint(t.accounts.stranger.address, 5n)).to.changeTokenBalance(
        ethers,
        t.token,
        t.accounts.stranger,
        5n,
      );
    });

    it("reverts with AccessManagedUnauthorized for anyone else", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      for (const caller of [t.accounts.ipOffice, t.accounts.buyer]) {
        await expect(t.token.connect(caller).mint(caller.address, 1n))
          .to.be.revertedWithCustomError(t.token, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });
});
