import { expect } from "chai";
import { network } from "hardhat";
import { AssetKind, AssetStatus, YEAR, deployTechEx, registerAsset } from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const deploy = () => deployTechEx(ethers);

describe("AssetRegistry", function () {
  async function registered() {
    const t = await deploy();
    const assetId = await registerAsset(t, t.accounts.seller);
    return { ...t, assetId };
  }

  describe("register", function () {
    it("mints the token to the member and emits AssetRegistered with the full record", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { seller, coOwner } = t.accounts;
      const regNumberHash = ethers.id("VN-1-2021-01234");
      const contentHash = ethers.id("content");
      const expiry = BigInt(await networkHelpers.time.latest()) + BigInt(20 * YEAR);
      const tx = t.registry
        .connect(seller)
        .register(AssetKind.Software, regNumberHash, contentHash, "ipfs://doc", expiry, [coOwner.address]);
      const assetId = BigInt(regNumberHash);
      await expect(tx).to.emit(t.registry, "Transfer").withArgs(ethers.ZeroAddress, seller.address, assetId);
      await expect(tx)
        .to.emit(t.registry, "AssetRegistered")
        .withArgs(
          assetId,
          seller.address,
          AssetKind.Software,
          regNumberHash,
          contentHash,
          "ipfs://doc",
          expiry,
          [coOwner.address],
        );
      const asset = await t.registry.asset(assetId);
      expect(asset.owner).to.equal(seller.address);
      expect(asset.status).to.equal(AssetStatus.Pending);
      expect(asset.kind).to.equal(AssetKind.Software);
      expect(asset.protectionExpiry).to.equal(expiry);
      expect(asset.contentHash).to.equal(contentHash);
      expect(asset.coOwnersHash).to.equal(
        ethers.keccak256(ethers.AbiCoder.defaultAbiCoder().encode(["address[]"], [[coOwner.address]])),
      );
      expect(await t.registry.ownerOf(assetId)).to.equal(seller.address);
      expect(await t.registry.balanceOf(seller.address)).to.equal(1n);
    });

    it("stores no co-owners hash when there are none", async function () {
      const t = await networkHelpers.loadFixture(registered);
      expect(await t.registry.coOwnersHash(t.assetId)).to.equal(ethers.ZeroHash);
    });

    it("reverts with AccessManagedUnauthorized for a non-member", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { stranger } = t.accounts;
      await expect(registerAsset(t, stranger))
        .to.be.revertedWithCustomError(t.registry, "AccessManagedUnauthorized")
        .withArgs(stranger.address);
    });

    it("reverts with RegistryInvalidRegistrationNumber for a zero hash", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const expiry = BigInt(await networkHelpers.time.latest()) + BigInt(YEAR);
      await expect(
        t.registry.connect(t.accounts.seller).register(0, ethers.ZeroHash, ethers.id("c"), "u", expiry, []),
      ).to.be.revertedWithCustomError(t.registry, "RegistryInvalidRegistrationNumber");
    });

    it("reverts with RegistryInvalidExpiry when the protection has already expired", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const past = BigInt(await networkHelpers.time.latest());
      await expect(
        t.registry.connect(t.accounts.seller).register(0, ethers.id("n"), ethers.id("c"), "u", past, []),
      )
        .to.be.revertedWithCustomError(t.registry, "RegistryInvalidExpiry")
        .withArgs(past);
    });

    it("reverts with RegistryInvalidCoOwner for the zero address or the owner itself", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { seller } = t.accounts;
      await expect(registerAsset(t, seller, { coOwners: [ethers.ZeroAddress] }))
        .to.be.revertedWithCustomError(t.registry, "RegistryInvalidCoOwner")
        .withArgs(ethers.ZeroAddress);
      await expect(registerAsset(t, seller, { coOwners: [seller.address] }))
        .to.be.revertedWithCustomError(t.registry, "RegistryInvalidCoOwner")
        .withArgs(seller.address);
    });

    it("reverts with RegistryAlreadyRegistered on a second registration of the same number", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await registerAsset(t, t.accounts.seller, { regNumber: "VN-1-2020-7" });
      await expect(registerAsset(t, t.accounts.other, { regNumber: "VN-1-2020-7" }))
        .to.be.revertedWithCustomError(t.registry, "RegistryAlreadyRegistered")
        .withArgs(BigInt(ethers.id("VN-1-2020-7")));
    });

    it("reverts with EnforcedPause while paused", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await t.registry.connect(t.accounts.pauser).pause();
      await expect(registerAsset(t, t.accounts.seller)).to.be.revertedWithCustomError(
        t.registry,
        "EnforcedPause",
      );
    });
  });

  describe("setStatus", function () {
    const S = AssetStatus;
    const allowed: [number[], number][] = [
      [[], S.Verified],
      [[], S.Rejected],
      [[], S.Revoked],
      [[S.Verified], S.Suspended],
      [[S.Verified], S.Revoked],
      [[S.Verified, S.Suspended], S.Verified],
      [[S.Verified, S.Suspended], S.Revoked],
    ];
    for (const [path, to] of allowed) {
      it(`moves ${["Pending", ...path.map((p) => Object.keys(S)[p])].join(" → ")} → ${Object.keys(S)[to]} and emits AssetStatusChanged`, async function () {
        const t = await networkHelpers.loadFixture(registered);
        const office = t.registry.connect(t.accounts.ipOffice);
        for (const step of path) await office.setStatus(t.assetId, step, ethers.id("step"));
        const from = path.length ? path[path.length - 1] : S.Pending;
        await expect(office.setStatus(t.assetId, to, ethers.id("reason")))
          .to.emit(t.registry, "AssetStatusChanged")
          .withArgs(t.assetId, from, to, ethers.id("reason"));
        expect((await t.registry.asset(t.assetId)).status).to.equal(to);
      });
    }

    const forbidden: [number[], number][] = [
      [[], S.Suspended],
      [[], S.Pending],
      [[], S.None],
      [[S.Verified], S.Rejected],
      [[S.Verified], S.Pending],
      [[S.Rejected], S.Verified],
      [[S.Rejected], S.Revoked],
      [[S.Revoked], S.Verified],
      [[S.Verified, S.Suspended], S.Rejected],
    ];
    for (const [path, to] of forbidden) {
      it(`reverts with RegistryInvalidTransition for ${["Pending", ...path.map((p) => Object.keys(S)[p])].join(" → ")} → ${Object.keys(S)[to]}`, async function () {
        const t = await networkHelpers.loadFixture(registered);
        const office = t.registry.connect(t.accounts.ipOffice);
        for (const step of path) await office.setStatus(t.assetId, step, ethers.id("step"));
        const from = path.length ? path[path.length - 1] : S.Pending;
        await expect(office.setStatus(t.assetId, to, ethers.ZeroHash))
          .to.be.revertedWithCustomError(t.registry, "RegistryInvalidTransition")
          .withArgs(t.assetId, from, to);
      });
    }

    it("reverts with RegistryUnknownAsset for an unregistered id", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.registry.connect(t.accounts.ipOffice).setStatus(42n, S.Verified, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.registry, "RegistryUnknownAsset")
        .withArgs(42n);
    });

    it("reverts with AccessManagedUnauthorized for the owner", async function () {
      const t = await networkHelpers.loadFixture(registered);
      await expect(t.registry.connect(t.accounts.seller).setStatus(t.assetId, S.Verified, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.registry, "AccessManagedUnauthorized")
        .withArgs(t.accounts.seller.address);
    });
  });

  describe("transferByAgreement, setTradeState and releaseReservation (exchange only)", function () {
    /** The trading bits of the record word: listing status, deal types, epoch, licensedUntil, reserved. */
    function tradeBits(
      listing: bigint,
      dealTypes: bigint,
      epoch: bigint,
      licensedUntil = 0n,
      reserved = false,
    ) {
      return (
        (listing << 167n) |
        (dealTypes << 169n) |
        (epoch << 172n) |
        (licensedUntil << 221n) |
        (reserved ? 1n << 254n : 0n)
      );
    }

    /** Points the registry at a stub exchange so the exchange-only functions can be driven directly. */
    async function stubExchange() {
      const t = await registered();
      const stub = await ethers.deployContract("StubExchange");
      await t.registry.connect(t.accounts.admin).setExchange(await stub.getAddress());
      const registry = await t.registry.getAddress();
      const asExchange = (
        fn: "transferByAgreement" | "setTradeState" | "releaseReservation",
        args: readonly unknown[],
      ) =>
        stub.forward(registry, t.registry.interface.encodeFunctionData(fn as "setTradeState", args as never));
      return { ...t, stub, asExchange };
    }

    it("moves the token, clears co-owners, closes the listing, ends the reservation and emits Transfer, its only event", async function () {
      const t = await networkHelpers.loadFixture(stubExchange);
      const { seller, buyer, coOwner } = t.accounts;
      const assetId = await registerAsset(t, seller, { coOwners: [coOwner.address] });
      await t.asExchange("setTradeState", [assetId, seller.address, tradeBits(1n, 7n, 1n, 0n, true)]);
      expect((await t.registry.record(assetId)).reserved).to.equal(true);
      const tx = t.asExchange("transferByAgreement", [assetId, seller.address, buyer.address]);
      await expect(tx).to.emit(t.registry, "Transfer").withArgs(seller.address, buyer.address, assetId);
      expect((await (await tx).wait())!.logs).to.have.length(1);
      expect(await t.registry.ownerOf(assetId)).to.equal(buyer.address);
      expect(await t.registry.coOwnersHash(assetId)).to.equal(ethers.ZeroHash);
      const r = await t.registry.record(assetId);
      expect([r.listingStatus, r.dealTypes, r.listingEpoch, r.reserved]).to.deep.equal([3n, 7n, 1n, false]);
      expect(await t.registry.balanceOf(seller.address)).to.equal(1n);
      expect(await t.registry.balanceOf(buyer.address)).to.equal(1n);
    });

    it("reverts with RegistryNotOwner when `from` is not the owner", async function () {
      const t = await networkHelpers.loadFixture(stubExchange);
      const { buyer, other, seller } = t.accounts;
      await expect(t.asExchange("transferByAgreement", [t.assetId, buyer.address, other.address]))
        .to.be.revertedWithCustomError(t.registry, "RegistryNotOwner")
        .withArgs(t.assetId, seller.address);
      await expect(t.asExchange("transferByAgreement", [7n, ethers.ZeroAddress, other.address]))
        .to.be.revertedWithCustomError(t.registry, "RegistryNotOwner")
        .withArgs(7n, ethers.ZeroAddress);
    });

    it("reverts with RegistryInvalidRecipient for the zero address", async function () {
      const t = await networkHelpers.loadFixture(stubExchange);
      await expect(
        t.asExchange("transferByAgreement", [t.assetId, t.accounts.seller.address, ethers.ZeroAddress]),
      )
        .to.be.revertedWithCustomError(t.registry, "RegistryInvalidRecipient")
        .withArgs(ethers.ZeroAddress);
    });

    it("setTradeState stores only the trading bits; reverts with RegistryNotOwner for another owner", async function () {
      const t = await networkHelpers.loadFixture(stubExchange);
      const { other, seller, buyer } = t.accounts;
      const before = await t.registry.record(t.assetId);
      // bits outside the trading state (owner, status, expiry) are ignored
      const junk = BigInt(other.address) | (7n << 160n) | (5n << 188n);
      await t.asExchange("setTradeState", [t.assetId, seller.address, tradeBits(2n, 5n, 4n, 1234n) | junk]);
      const r = await t.registry.record(t.assetId);
      expect([
        r.owner,
        r.status,
        r.protectionExpiry,
        r.listingStatus,
        r.dealTypes,
        r.listingEpoch,
        r.licensedUntil,
      ]).to.deep.equal([
        seller.address,
        BigInt(AssetStatus.Pending),
        before.protectionExpiry,
        2n,
        5n,
        4n,
        1234n,
      ]);
      await expect(t.asExchange("setTradeState", [t.assetId, buyer.address, tradeBits(1n, 1n, 1n)]))
        .to.be.revertedWithCustomError(t.registry, "RegistryNotOwner")
        .withArgs(t.assetId, seller.address);
    });

    it("releaseReservation: the exchange or a former exchange, nobody else", async function () {
      const t = await networkHelpers.loadFixture(stubExchange);
      const { seller, admin } = t.accounts;
      await t.asExchange("setTradeState", [t.assetId, seller.address, tradeBits(1n, 7n, 1n, 0n, true)]);
      const next = await ethers.deployContract("StubExchange");
      await t.registry.connect(admin).setExchange(await next.getAddress());
      expect(await t.registry.isFormerExchange(await t.stub.getAddress())).to.equal(true);
      await expect(t.registry.connect(seller).releaseReservation(t.assetId))
        .to.be.revertedWithCustomError(t.registry, "AccessManagedUnauthorized")
        .withArgs(seller.address);
      await t.asExchange("releaseReservation", [t.assetId]);
      expect((await t.registry.record(t.assetId)).reserved).to.equal(false);
    });

    it("reverts with AccessManagedUnauthorized for anyone but the exchange", async function () {
      const t = await networkHelpers.loadFixture(registered);
      const { seller, buyer, admin } = t.accounts;
      for (const caller of [seller, admin]) {
        await expect(t.registry.connect(caller).transferByAgreement(t.assetId, seller.address, buyer.address))
          .to.be.revertedWithCustomError(t.registry, "AccessManagedUnauthorized")
          .withArgs(caller.address);
        await expect(
          t.registry.connect(caller).setTradeState(t.assetId, seller.address, tradeBits(1n, 1n, 1n)),
        )
          .to.be.revertedWithCustomError(t.registry, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });
  });

  describe("setExchange", function () {
    it("sets the exchange and emits ExchangeSet", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const stub = await ethers.deployContract("StubExchange");
      await expect(t.registry.setExchange(await stub.getAddress()))
        .to.emit(t.registry, "ExchangeSet")
        .withArgs(await stub.getAddress());
      expect(await t.registry.exchange()).to.equal(await stub.getAddress());
    });

    it("reverts with RegistryInvalidExchange for the zero address or an account without code", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      for (const bad of [ethers.ZeroAddress, t.accounts.other.address]) {
        await expect(t.registry.setExchange(bad))
          .to.be.revertedWithCustomError(t.registry, "RegistryInvalidExchange")
          .withArgs(bad);
      }
    });
  });

  describe("pause and unpause", function () {
    it("pauses and unpauses (Paused/Unpaused)", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      const { pauser } = t.accounts;
      await expect(t.registry.connect(pauser).pause()).to.emit(t.registry, "Paused").withArgs(pauser.address);
      await expect(t.registry.connect(pauser).unpause())
        .to.emit(t.registry, "Unpaused")
        .withArgs(pauser.address);
      await registerAsset(t, t.accounts.seller);
    });

    it("reverts with ExpectedPause when unpausing while not paused", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.registry.connect(t.accounts.pauser).unpause()).to.be.revertedWithCustomError(
        t.registry,
        "ExpectedPause",
      );
    });
  });

  describe("ERC-721 surface", function () {
    it("reverts every transfer and approval with RegistryTransferDisabled", async function () {
      const t = await networkHelpers.loadFixture(registered);
      const r = t.registry.connect(t.accounts.seller);
      const { seller, buyer } = t.accounts;
      const calls = [
        r.transferFrom(seller.address, buyer.address, t.assetId),
        r["safeTransferFrom(address,address,uint256)"](seller.address, buyer.address, t.assetId),
        r["safeTransferFrom(address,address,uint256,bytes)"](seller.address, buyer.address, t.assetId, "0x"),
        r.approve(buyer.address, t.assetId),
        r.setApprovalForAll(buyer.address, true),
      ];
      for (const call of calls)
        await expect(call).to.be.revertedWithCustomError(t.registry, "RegistryTransferDisabled");
    });

    it("answers the read side: name, symbol, tokenURI, approvals, interfaces", async function () {
      const t = await networkHelpers.loadFixture(registered);
      expect(await t.registry.name()).to.equal("TechEx IP Asset");
      expect(await t.registry.symbol()).to.equal("TXIP");
      expect(await t.registry.tokenURI(t.assetId)).to.equal(`https://techex.local/api/assets/${t.assetId}`);
      expect(await t.registry.getApproved(t.assetId)).to.equal(ethers.ZeroAddress);
      expect(await t.registry.isApprovedForAll(t.accounts.seller.address, t.accounts.buyer.address)).to.equal(
        false,
      );
      for (const id of ["0x01ffc9a7", "0x80ac58cd", "0x5b5e139f"])
        expect(await t.registry.supportsInterface(id)).to.equal(true);
      expect(await t.registry.supportsInterface("0xffffffff")).to.equal(false);
    });

    it("reverts with ERC721NonexistentToken / ERC721InvalidOwner for unknown tokens and the zero owner", async function () {
      const t = await networkHelpers.loadFixture(deploy);
      await expect(t.registry.ownerOf(5n))
        .to.be.revertedWithCustomError(t.registry, "ERC721NonexistentToken")
        .withArgs(5n);
      await expect(t.registry.tokenURI(5n))
        .to.be.revertedWithCustomError(t.registry, "ERC721NonexistentToken")
        .withArgs(5n);
      await expect(t.registry.getApproved(5n))
        .to.be.revertedWithCustomError(t.registry, "ERC721NonexistentToken")
        .withArgs(5n);
      await expect(t.registry.balanceOf(ethers.ZeroAddress))
        .to.be.revertedWithCustomError(t.registry, "ERC721InvalidOwner")
        .withArgs(ethers.ZeroAddress);
    });
  });

  describe("isTradable", function () {
    it("is true only while Verified and within protection", async function () {
      const t = await networkHelpers.loadFixture(registered);
      expect(await t.registry.isTradable(t.assetId)).to.equal(false);
      await t.registry
        .connect(t.accounts.ipOffice)
        .setStatus(t.assetId, AssetStatus.Verified, ethers.ZeroHash);
      expect(await t.registry.isTradable(t.assetId)).to.equal(true);
      await networkHelpers.time.increase(11 * YEAR);
      expect(await t.registry.isTradable(t.assetId)).to.equal(false);
    });
  });
});
