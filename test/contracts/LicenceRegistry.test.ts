import { expect } from "chai";
import { network } from "hardhat";
import {
  DEFAULT_TERMS,
  DealType,
  YEAR,
  acceptOffer,
  deployTechEx,
  listedAsset,
  makeOffer,
} from "./fixtures.ts";

const { ethers, networkHelpers } = await network.create();
const { time } = networkHelpers;

/** The licence registry pointed at a stub exchange so issue() can be driven directly. */
async function direct() {
  const t = await deployTechEx(ethers);
  const stub = await ethers.deployContract("StubExchange");
  await t.licences.setExchange(await stub.getAddress());
  const registry = await t.licences.getAddress();
  const issuer = {
    issue: (
      agreementId: bigint,
      assetId: bigint,
      licensee: string,
      exclusive: boolean,
      end: bigint,
      terms: typeof DEFAULT_TERMS,
    ) => stub.issue(registry, agreementId, assetId, licensee, exclusive, end, terms),
  };
  return { ...t, stub, issuer };
}

async function issued() {
  const t = await direct();
  const end = BigInt(await time.latest()) + BigInt(YEAR);
  await t.issuer.issue(1n, 77n, t.accounts.buyer.address, false, end, DEFAULT_TERMS);
  await t.issuer.issue(2n, 77n, t.accounts.buyer.address, true, end, DEFAULT_TERMS);
  return { ...t, end };
}

describe("LicenceRegistry", function () {
  describe("issue", function () {
    it("mints a locked licence and emits Transfer, Locked and LicenceIssued with every field", async function () {
      const t = await networkHelpers.loadFixture(direct);
      const { buyer } = t.accounts;
      const start = BigInt(await time.latest()) + 5n;
      const end = start + BigInt(YEAR);
      await time.setNextBlockTimestamp(start);
      const tx = t.issuer.issue(9n, 77n, buyer.address, true, end, DEFAULT_TERMS);
      await expect(tx).to.emit(t.licences, "Transfer").withArgs(ethers.ZeroAddress, buyer.address, 9n);
      await expect(tx).to.emit(t.licences, "Locked").withArgs(9n);
      await expect(tx)
        .to.emit(t.licences, "LicenceIssued")
        .withArgs(9n, 77n, buyer.address, true, start, end, "VN", "aquaculture feed", false, 300);
      expect(await t.licences.licence(9n)).to.deep.equal([buyer.address, true, false, start, end]);
      expect(await t.licences.isActive(9n)).to.equal(true);
      expect(await t.licences.locked(9n)).to.equal(true);
      expect(await t.licences.activeExclusiveLicence(77n)).to.equal(9n);
      expect(await t.licences.balanceOf(buyer.address)).to.equal(1n);
    });

    it("reverts with LicenceInvalidLicensee for the zero address", async function () {
      const t = await networkHelpers.loadFixture(direct);
      const end = BigInt(await time.latest()) + 100n;
      await expect(t.issuer.issue(1n, 1n, ethers.ZeroAddress, false, end, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.licences, "LicenceInvalidLicensee")
        .withArgs(ethers.ZeroAddress);
    });

    it("reverts with LicenceInvalidPeriod when the end is not after the start", async function () {
      const t = await networkHelpers.loadFixture(direct);
      const start = BigInt(await time.latest()) + 5n;
      await time.setNextBlockTimestamp(start);
      await expect(t.issuer.issue(1n, 1n, t.accounts.buyer.address, false, start, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.licences, "LicenceInvalidPeriod")
        .withArgs(start, start);
    });

    it("reverts with LicenceExclusiveActive for a second exclusive licence while one is active, and allows one after it ends", async function () {
      const t = await networkHelpers.loadFixture(issued);
      const { other } = t.accounts;
      await expect(t.issuer.issue(4n, 77n, other.address, true, t.end + 10n, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.licences, "LicenceExclusiveActive")
        .withArgs(77n, 2n);
      await t.issuer.issue(5n, 78n, other.address, true, t.end, DEFAULT_TERMS);
      await time.increaseTo(t.end);
      expect(await t.licences.activeExclusiveLicence(77n)).to.equal(0n);
      await t.issuer.issue(6n, 77n, other.address, true, t.end + BigInt(YEAR), DEFAULT_TERMS);
      expect(await t.licences.activeExclusiveLicence(77n)).to.equal(6n);
    });

    it("reverts with AccessManagedUnauthorized for anyone but the exchange", async function () {
      const t = await networkHelpers.loadFixture(direct);
      const { admin, ipOffice } = t.accounts;
      for (const caller of [admin, ipOffice]) {
        await expect(
          t.licences.connect(caller).issue(1n, 1n, caller.address, false, 2n ** 39n, DEFAULT_TERMS),
        )
          .to.be.revertedWithCustomError(t.licences, "AccessManagedUnauthorized")
          .withArgs(caller.address);
      }
    });

    it("reverts with EnforcedPause while paused", async function () {
      const t = await networkHelpers.loadFixture(direct);
      await t.licences.connect(t.accounts.pauser).pause();
      await expect(
        t.issuer.issue(1n, 1n, t.accounts.buyer.address, false, 2n ** 39n, DEFAULT_TERMS),
      ).to.be.revertedWithCustomError(t.licences, "EnforcedPause");
      await t.licences.connect(t.accounts.pauser).unpause();
      await t.issuer.issue(1n, 1n, t.accounts.buyer.address, false, 2n ** 39n, DEFAULT_TERMS);
    });
  });

  describe("revoke", function () {
    it("revokes, emits LicenceRevoked and frees the asset for a new exclusive licence", async function () {
      const t = await networkHelpers.loadFixture(issued);
      const office = t.licences.connect(t.accounts.ipOffice);
      await expect(office.revoke(2n, ethers.id("court order")))
        .to.emit(t.licences, "LicenceRevoked")
        .withArgs(2n, ethers.id("court order"));
      expect(await t.licences.isActive(2n)).to.equal(false);
      expect((await t.licences.licence(2n)).revoked).to.equal(true);
      expect(await t.licences.activeExclusiveLicence(77n)).to.equal(0n);
      await t.issuer.issue(3n, 77n, t.accounts.other.address, true, t.end, DEFAULT_TERMS);
    });

    it("a revoked exclusive licence no longer blocks another exclusive one, which then blocks in turn", async function () {
      const t = await networkHelpers.loadFixture(issued);
      const { ipOffice, other, buyer } = t.accounts;
      await t.licences.connect(ipOffice).revoke(2n, ethers.ZeroHash);
      await t.issuer.issue(4n, 77n, buyer.address, true, t.end, DEFAULT_TERMS);
      expect(await t.licences.activeExclusiveLicence(77n)).to.equal(4n);
      await expect(t.issuer.issue(5n, 77n, other.address, true, t.end, DEFAULT_TERMS))
        .to.be.revertedWithCustomError(t.licences, "LicenceExclusiveActive")
        .withArgs(77n, 4n);
    });

    it("revoking a non-exclusive licence leaves the exclusive one in place", async function () {
      const t = await networkHelpers.loadFixture(issued);
      await t.licences.connect(t.accounts.ipOffice).revoke(1n, ethers.ZeroHash);
      expect(await t.licences.activeExclusiveLicence(77n)).to.equal(2n);
    });

    it("reverts with LicenceUnknown and LicenceAlreadyRevoked", async function () {
      const t = await networkHelpers.loadFixture(issued);
      const office = t.licences.connect(t.accounts.ipOffice);
      await expect(office.revoke(99n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.licences, "LicenceUnknown")
        .withArgs(99n);
      await office.revoke(1n, ethers.ZeroHash);
      await expect(office.revoke(1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.licences, "LicenceAlreadyRevoked")
        .withArgs(1n);
    });

    it("reverts with AccessManagedUnauthorized for the licensee", async function () {
      const t = await networkHelpers.loadFixture(issued);
      await expect(t.licences.connect(t.accounts.buyer).revoke(1n, ethers.ZeroHash))
        .to.be.revertedWithCustomError(t.licences, "AccessManagedUnauthorized")
        .withArgs(t.accounts.buyer.address);
    });
  });

  describe("expiry views", function () {
    it("isActive turns false and isExpired true at the end", async function () {
      const t = await networkHelpers.loadFixture(issued);
      expect(await t.licences.isExpired(1n)).to.equal(false);
      await time.increaseTo(t.end);
      expect(await t.licences.isActive(1n)).to.equal(false);
      expect(await t.licences.isExpired(1n)).to.equal(true);
      expect(await t.licences.isActive(99n)).to.equal(false);
      expect(await t.licences.isExpired(99n)).to.equal(false);
    });

    it("caps a licence at the asset's protection expiry when settled by the exchange", async function () {
      const t = await deployTechEx(ethers);
      const assetId = await listedAsset(t, { terms: { ...DEFAULT_TERMS, duration: BigInt(50 * YEAR) } });
      const terms = { ...DEFAULT_TERMS, duration: BigInt(50 * YEAR) };
      const { offerId, offer } = await makeOffer(t, assetId, DealType.NonExclusiveLicence, { terms });
      await acceptOffer(t, offerId, offer, { terms });
      const asset = await t.registry.asset(assetId);
      expect((await t.licences.licence(offerId)).end).to.equal(asset.protectionExpiry);
    });
  });

  describe("ERC-721 / ERC-5192 surface", function () {
    it("reverts every transfer and approval with LicenceNonTransferable", async function () {
      const t = await networkHelpers.loadFixture(issued);
      const l = t.licences.connect(t.accounts.buyer);
      const { buyer, other } = t.accounts;
      const calls = [
        l.transferFrom(buyer.address, other.address, 1n),
        l["safeTransferFrom(address,address,uint256)"](buyer.address, other.address, 1n),
        l["safeTransferFrom(address,address,uint256,bytes)"](buyer.address, other.address, 1n, "0x"),
        l.approve(other.address, 1n),
        l.setApprovalForAll(other.address, true),
      ];
      for (const call of calls)
        await expect(call).to.be.revertedWithCustomError(t.licences, "LicenceNonTransferable");
    });

    it("supports ERC-165, ERC-721, metadata and ERC-5192; locked reverts for unknown ids", async function () {
      const t = await networkHelpers.loadFixture(issued);
      for (const id of ["0x01ffc9a7", "0x80ac58cd", "0x5b5e139f", "0xb45a3c0e"]) {
        expect(await t.licences.supportsInterface(id)).to.equal(true);
      }
      expect(await t.licences.name()).to.equal("TechEx Licence");
      expect(await t.licences.tokenURI(1n)).to.equal("https://techex.local/api/licences/1");
      await expect(t.licences.locked(99n))
        .to.be.revertedWithCustomError(t.licences, "ERC721NonexistentToken")
        .withArgs(99n);
    });
  });

  describe("setExchange", function () {
    it("emits ExchangeSet; reverts with LicenceInvalidExchange for zero or an account without code, AccessManagedUnauthorized for non-admins", async function () {
      const t = await networkHelpers.loadFixture(direct);
      const next = await ethers.deployContract("StubExchange");
      await expect(t.licences.setExchange(await next.getAddress()))
        .to.emit(t.licences, "ExchangeSet")
        .withArgs(await next.getAddress(), 0n);
      expect(await t.licences.exchange()).to.equal(await next.getAddress());
      for (const bad of [ethers.ZeroAddress, t.accounts.buyer.address]) {
        await expect(t.licences.setExchange(bad))
          .to.be.revertedWithCustomError(t.licences, "LicenceInvalidExchange")
          .withArgs(bad);
      }
      await expect(t.licences.connect(t.accounts.ipOffice).setExchange(t.accounts.ipOffice.address))
        .to.be.revertedWithCustomError(t.licences, "AccessManagedUnauthorized")
        .withArgs(t.accounts.ipOffice.address);
    });

    it("gives the next exchange's licences ids after every id the old one used; the old ones still read from their issuer", async function () {
      const t = await networkHelpers.loadFixture(issued);
      await t.stub.setNextOfferId(3n); // the stub issued agreements 1 and 2
      const next = await ethers.deployContract("StubExchange");
      await expect(t.licences.setExchange(await next.getAddress()))
        .to.emit(t.licences, "ExchangeSet")
        .withArgs(await next.getAddress(), 2n);
      expect(await t.licences.licenceIdOf(1n)).to.equal(3n);
      const end = t.end + BigInt(YEAR);
      await expect(
        next.issue(
          await t.licences.getAddress(),
          1n,
          90n,
          t.accounts.other.address,
          false,
          end,
          DEFAULT_TERMS,
        ),
      )
        .to.emit(t.licences, "Transfer")
        .withArgs(ethers.ZeroAddress, t.accounts.other.address, 3n);
      expect(await t.licences.issuerOf(3n)).to.deep.equal([await next.getAddress(), 1n]);
      expect(await t.licences.issuerOf(1n)).to.deep.equal([await t.stub.getAddress(), 1n]);
      expect((await t.licences.licence(1n)).licensee).to.equal(t.accounts.buyer.address);
      expect((await t.licences.licence(3n)).licensee).to.equal(t.accounts.other.address);
      expect(await t.licences.ownerOf(2n)).to.equal(t.accounts.buyer.address);
      // the old stub can no longer issue
      await expect(
        t.issuer.issue(3n, 91n, t.accounts.other.address, false, end, DEFAULT_TERMS),
      ).to.be.revertedWithCustomError(t.licences, "AccessManagedUnauthorized");
    });
  });
});
