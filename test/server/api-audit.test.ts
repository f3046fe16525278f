// The auditor's check against a real chain: an exclusive licence with a co-owner, accepted with
// EIP-712 consents and registered by the IP office. The audit must confirm it from the chain, and
// catch a tampered document and a forged signature.
import { createHash } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { expect } from "chai";
import { createContext } from "../../server/src/api/context.ts";
import { checkConsent } from "../../server/src/api/audit/chain.ts";
import { putFile } from "../../server/src/api/documents/store.ts";
import { Metrics } from "../../server/src/http/observability.ts";
import { createLogger } from "../../server/src/log.ts";
import { Indexer } from "../../server/src/indexer/indexer.ts";
import { useTestDatabase } from "./helpers/database.ts";
import {
  call,
  sampleFiles,
  startApi,
  startTestChain,
  type RunningApi,
  type TestChain,
} from "./helpers/api.ts";
import {
  acceptOffer,
  DEFAULT_TERMS,
  DealType,
  listedAsset,
  makeOffer,
  signConsent,
} from "../contracts/fixtures.ts";

describe("API audit", function () {
  this.timeout(120_000);
  const db = useTestDatabase("embedded");
  let chain: TestChain;
  let api: RunningApi;
  const pdf = sampleFiles.pdf("Hop dong li-xang doc quyen so 1");
  const documentHash = `0x${createHash("sha256").update(pdf).digest("hex")}`;
  let agreementId: bigint;
  let assetId: bigint;
  let acceptTx: string;
  let registerTx: string;

  before(async () => {
    chain = await startTestChain();
    const t = chain.techEx;
    assetId = await listedAsset(t, { coOwners: [t.accounts.coOwner.address] });
    const { offerId, offer } = await makeOffer(t, assetId, DealType.ExclusiveLicence);
    agreementId = offerId;
    const accepted = await acceptOffer(t, offerId, offer, { coOwners: [t.accounts.coOwner], documentHash });
    acceptTx = accepted.receipt!.hash;
    const registered = await t.exchange
      .connect(t.accounts.ipOffice)
      .registerAgreement(offerId, accepted.agreement, DEFAULT_TERMS);
    registerTx = (await registered.wait())!.hash;
    api = await startApi(db.prisma, {
      provider: chain.provider,
      deployment: chain.deployment,
      publicUrl: "https://techex.example.vn",
    });
  });
  after(async () => {
    await api?.close();
    await chain?.close();
  });

  const audit = () => call(`${api.url}/api/audit/agreements/${agreementId}`);

  it("verifies a registered agreement from the chain: document, consents, registrar, settlement", async () => {
    await putFile(api.documentsDir, pdf);
    const { status, body } = await audit();
    expect(status).to.equal(200);
    expect(body.verified).to.equal(true);
    expect(body.document).to.deep.equal({
      documentHash,
      source: "stored",
      recomputedSha256: documentHash,
      matches: true,
    });
    const { seller, buyer, coOwner, ipOffice, treasury } = chain.techEx.accounts;
    expect(body.consents.seller).to.include({
      signer: seller.address.toLowerCase(),
      valid: true,
      txHash: acceptTx,
    });
    expect(body.consents.buyer).to.include({
      signer: buyer.address.toLowerCase(),
      method: "ecdsa",
      valid: true,
    });
    expect(body.consents.coOwners).to.have.length(1);
    expect(body.consents.coOwners[0]).to.include({
      signer: coOwner.address.toLowerCase(),
      method: "ecdsa",
      valid: true,
    });
    expect(body.registrar).to.include({
      address: ipOffice.address.toLowerCase(),
      act: "registerAgreement",
      heldIpOfficeRole: true,
      valid: true,
      txHash: registerTx,
    });
    expect(body.registrar.blockNumber).to.be.a("number");
    expect(body.settlement).to.include({
      amount: "1000000000",
      fee: "25000000",
      net: "975000000",
      treasury: treasury.address.toLowerCase(),
      valid: true,
    });
    expect(body.agreement).to.include({
      agreementId: agreementId.toString(),
      assetId: assetId.toString(),
      dealType: "EXCLUSIVE_LICENCE",
      status: "SETTLED",
      registrationRequired: true,
    });
    expect(body.index).to.deep.include({ indexed: false, agrees: false });
  });

  it("verifies the document an auditor uploads, and catches a tampered copy", async () => {
    const genuine = await call(`${api.url}/api/audit/document`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: new Uint8Array(pdf),
    });
    expect(genuine.status).to.equal(200);
    expect(genuine.body).to.include({ bytes32: documentHash, found: true, verified: true });
    expect(genuine.body.agreements[0].document.source).to.equal("uploaded");
    const tampered = Buffer.from(pdf);
    tampered[12] ^= 1;
    const forged = await call(`${api.url}/api/audit/document`, {
      method: "POST",
      headers: { "content-type": "application/pdf" },
      body: new Uint8Array(tampered),
    });
    expect(forged.body).to.include({ found: false, verified: false });
  });

  it("catches a stored copy altered on disk", async () => {
    const path = join(api.documentsDir, documentHash.slice(2, 4), documentHash.slice(2));
    await writeFile(path, sampleFiles.pdf("Hop dong da bi sua"));
    try {
      const { body } = await audit();
      expect(body.verified).to.equal(false);
      expect(body.document.matches).to.equal(false);
    } finally {
      await writeFile(path, pdf);
    }
  });

  it("catches a forged consent signature and accepts the genuine one", async () => {
    const ctx = createContext(
      {
        provider: chain.provider,
        deployment: chain.deployment,
        database: { kind: "embedded", ping: async () => {} },
      },
      new Metrics(),
      createLogger({ level: "silent" }),
    );
    const { buyer, stranger } = chain.techEx.accounts;
    const genuine = await signConsent(chain.techEx, buyer, agreementId, documentHash);
    const forged = await signConsent(chain.techEx, stranger, agreementId, documentHash);
    const otherDocument = await signConsent(chain.techEx, buyer, agreementId, `0x${"77".repeat(32)}`);
    const block = await chain.provider.getBlockNumber();
    expect(await checkConsent(ctx, agreementId, documentHash, buyer.address, genuine, block)).to.include({
      valid: true,
      method: "ecdsa",
    });
    expect(await checkConsent(ctx, agreementId, documentHash, buyer.address, forged, block)).to.include({
      valid: false,
      reason: "signed by another key",
      recovered: stranger.address.toLowerCase(),
    });
    expect(
      (await checkConsent(ctx, agreementId, documentHash, buyer.address, otherDocument, block)).valid,
    ).to.equal(false);
    expect(
      (await checkConsent(ctx, agreementId, documentHash, buyer.address, "0x1234", block)).valid,
    ).to.equal(false);
  });

  it("says where the index disagrees with the chain", async () => {
    const id = agreementId.toString();
    const { seller, buyer } = chain.techEx.accounts;
    const common = { assetTokenId: assetId.toString(), listingId: `${assetId}-1` };
    await db.prisma.asset.create({
      data: {
        tokenId: common.assetTokenId,
        kind: "PATENT",
        registrationNumberHash: `0x${"1".repeat(64)}`,
        contentHash: `0x${"2".repeat(64)}`,
        owner: seller.address.toLowerCase(),
        registrant: seller.address.toLowerCase(),
        registeredAt: new Date(),
        registeredBlock: 1n,
      },
    });
    await db.prisma.listing.create({
      data: {
        id: common.listingId,
        assetTokenId: common.assetTokenId,
        epoch: 1,
        seller: seller.address.toLowerCase(),
        paymentToken: seller.address.toLowerCase(),
        openedAt: new Date(),
        openedBlock: 1n,
      },
    });
    await db.prisma.offer.create({
      data: {
        id,
        ...common,
        listingEpoch: 1,
        buyer: buyer.address.toLowerCase(),
        dealType: "EXCLUSIVE_LICENCE",
        amount: "1000000000",
        expiresAt: new Date(),
        termsHash: `0x${"0".repeat(64)}`,
        madeAt: new Date(),
        madeBlock: 1n,
      },
    });
    await db.prisma.agreement.create({
      data: {
        id,
        offerId: id,
        ...common,
        seller: seller.address.toLowerCase(),
        buyer: buyer.address.toLowerCase(),
        dealType: "EXCLUSIVE_LICENCE",
        documentHash,
        status: "AWAITING_REGISTRATION",
        registrationRequired: true,
        amount: "1000000000",
        createdAtChain: new Date(),
        createdBlock: 1n,
      },
    });
    const { body } = await audit();
    expect(body.verified).to.equal(true);
    expect(body.index.indexed).to.equal(true);
    expect(body.index.agrees).to.equal(false);
    expect(body.index.differences.map((d: { field: string }) => d.field)).to.deep.equal(["status", "fee"]);
    await db.prisma.agreement.update({ where: { id }, data: { status: "SETTLED", fee: "25000000" } });
    expect((await audit()).body.index).to.deep.equal({ indexed: true, agrees: true, differences: [] });
  });

  it("audits by transaction hash: the acceptance and the registration lead to the agreement", async () => {
    for (const hash of [acceptTx, registerTx]) {
      const { status, body } = await call(`${api.url}/api/audit/tx/${hash}`);
      expect(status).to.equal(200);
      expect(body.audit.agreement.agreementId).to.equal(agreementId.toString());
      expect(body.transaction.events.length).to.be.greaterThan(0);
    }
    const register = await call(`${api.url}/api/audit/tx/${registerTx}`);
    expect(register.body.transaction).to.include({ function: "registerAgreement", succeeded: true });
  });

  it("prints a certificate with a QR code pointing at the public check", async () => {
    const response = await fetch(`${api.url}/api/audit/agreements/${agreementId}/certificate`);
    const html = await response.text();
    expect(response.headers.get("content-type")).to.match(/text\/html/);
    expect(html)
      .to.contain("VERIFIED")
      .and.contain("<svg")
      .and.contain(`https://techex.example.vn/api/audit/agreements/${agreementId}`);
    expect(html).to.contain(registerTx).and.not.contain("<script");
  });

  describe("bad input", () => {
    const cases: [string, number, string][] = [
      ["/api/audit/agreements/999999", 404, "AGREEMENT_NOT_FOUND"],
      ["/api/audit/agreements/abc", 400, "VALIDATION_FAILED"],
      [`/api/audit/tx/0x${"12".repeat(32)}`, 404, "TRANSACTION_NOT_FOUND"],
      ["/api/audit/tx/0x1234", 400, "VALIDATION_FAILED"],
      ["/api/audit/agreements/999999/certificate", 404, "AGREEMENT_NOT_FOUND"],
    ];
    for (const [path, status, code] of cases) {
      it(`${path} → ${status} ${code}`, async () => {
        const response = await call(`${api.url}${path}`);
        expect([response.status, response.body.error.code]).to.deep.equal([status, code]);
      });
    }

    it("an empty document → 400 BAD_REQUEST", async () => {
      const response = await call(`${api.url}/api/audit/document`, {
        method: "POST",
        headers: { "content-type": "application/pdf" },
        body: new Uint8Array(0),
      });
      expect([response.status, response.body.error.code]).to.deep.equal([400, "BAD_REQUEST"]);
    });
  });

  // Last: it fills the index, which the tests above expect to be empty.
  describe("finding a document's agreements once the index has caught up", () => {
    const later = sampleFiles.pdf("Hop dong li-xang khong doc quyen so 2");
    const laterHash = `0x${createHash("sha256").update(later).digest("hex")}`;
    let indexedThrough: number;
    let laterAgreementId: bigint;
    const auditUpload = async (bytes: Buffer) =>
      (
        await call(`${api.url}/api/audit/document`, {
          method: "POST",
          headers: { "content-type": "application/pdf" },
          body: new Uint8Array(bytes),
        })
      ).body;

    before(async () => {
      const { addresses, deployBlock } = chain.deployment;
      const indexer = new Indexer({
        provider: chain.provider,
        prisma: db.prisma,
        chainId: 31337,
        addresses: {
          membership: addresses.membership,
          assetRegistry: addresses.registry,
          licenceRegistry: addresses.licences,
          exchange: addresses.exchange,
          settlementToken: addresses.token,
        },
        fromBlock: deployBlock,
        confirmations: 0,
      });
      await indexer.syncOnce();
      indexedThrough = await chain.provider.getBlockNumber();
      // an agreement the index has not seen yet
      const t = chain.techEx;
      const laterAsset = await listedAsset(t);
      const { offerId, offer } = await makeOffer(t, laterAsset, DealType.NonExclusiveLicence);
      await acceptOffer(t, offerId, offer, { documentHash: laterHash });
      laterAgreementId = offerId;
    });

    it("finds an indexed agreement through the index, and scans the chain only after its checkpoint", async () => {
      const body = await auditUpload(pdf);
      expect(body).to.include({ found: true, verified: true });
      expect(
        body.agreements.map((a: { agreement: { agreementId: string } }) => a.agreement.agreementId),
      ).to.deep.equal([agreementId.toString()]);
      expect(body.search).to.deep.equal({
        indexedThroughBlock: indexedThrough,
        scannedFromBlock: indexedThrough + 1,
      });
    });

    it("finds an agreement accepted after the checkpoint on the chain", async () => {
      const body = await auditUpload(later);
      expect(body.found).to.equal(true);
      expect(
        body.agreements.map((a: { agreement: { agreementId: string } }) => a.agreement.agreementId),
      ).to.deep.equal([laterAgreementId.toString()]);
    });

    it("reports only what the chain binds, whatever the index claims", async () => {
      await db.prisma.agreement.update({
        where: { id: agreementId.toString() },
        data: { documentHash: laterHash },
      });
      try {
        const body = await auditUpload(later);
        expect(
          body.agreements.map((a: { agreement: { agreementId: string } }) => a.agreement.agreementId),
        ).to.deep.equal([laterAgreementId.toString()]);
      } finally {
        await db.prisma.agreement.update({ where: { id: agreementId.toString() }, data: { documentHash } });
      }
    });
  });
});
