// The other endings of a deal, and co-owners, in a real browser — each step through the persona's own
// page, as its user does: a wallet that has never seen the exchange's chain adds it; a buyer's
// mistake reads as a sentence; a seller rejects an offer and the buyer's escrow comes back; the IP
// office refuses to register an agreement and the buyer's escrow comes back; a co-owner signs
// consent in their own browser and the seller's acceptance carries the signature. Assets these
// stories start from are registered, verified and listed directly (the story test does it by hand).
import { expect } from "chai";
import { Contract, JsonRpcProvider, id as keccakText } from "ethers";
import type { Page } from "playwright-core";
import { abis } from "../../generated/techex.ts";
import { browserAvailable } from "./helpers/browser.ts";
import { ACCOUNTS, connect, expectMined, screenshots, startStage, type Stage } from "./helpers/stage.ts";
import { hardhatAccount, hardhatAddress } from "./helpers/wallet.ts";

const LISTED = "1-0040001";
const CO_OWNED = "1-0040002";
const assetIdOf = (registrationNumber: string) => BigInt(keccakText(registrationNumber)).toString();
const AGREEMENT_PDF = Buffer.from("%PDF-1.4\n% Hợp đồng chuyển nhượng — đồng sở hữu\n%%EOF\n");
const REFUSED_PDF = Buffer.from("%PDF-1.4\n% Hợp đồng li-xăng độc quyền — bị từ chối\n%%EOF\n");
const pdf = (buffer: Buffer) => ({ name: "hop-dong.pdf", mimeType: "application/pdf", buffer });

describe("Deals that end otherwise, and co-owners' consent, in a real browser", function () {
  this.timeout(180_000);
  let stage: Stage;
  let rejectedOfferId: string;
  let refusedId: string;
  let coOwnedOfferId: string;
  let consentSignature: string;

  before(async function () {
    if (!browserAvailable()) this.skip();
    stage = await startStage("deals");
    await verifyAndList(stage, LISTED);
  });

  after(async () => stage?.close());

  async function buyerDesk(): Promise<Page> {
    const page = await stage.personaPage(ACCOUNTS.buyer, "/buyer");
    await connect(page, /Thành viên/);
    await page.getByTestId("balance").waitFor();
    return page;
  }

  const balance = (page: Page, amount: string) =>
    page
      .getByTestId("balance")
      .filter({ hasText: `Số dư: ${amount}` })
      .waitFor();

  it("a wallet that does not know the exchange's chain adds it with the RPC URL /api/status names", async function () {
    const requests: { method: string; params: unknown[] }[] = [];
    const page = await stage.personaPage(ACCOUNTS.buyer, "/buyer", { unknownChain: true, requests });
    const status = (await (await fetch(`${stage.exchange.url}/api/status`)).json()) as {
      chain: { chainId: string; rpcUrl?: string };
    };
    expect(status.chain.rpcUrl).to.equal(stage.exchange.rpcUrl);
    await connect(page, /Thành viên/);
    const added = requests.find((request) => request.method === "wallet_addEthereumChain");
    expect(added?.params[0]).to.deep.include({
      chainId: `0x${BigInt(status.chain.chainId).toString(16)}`,
      rpcUrls: [stage.exchange.rpcUrl],
    });
    await page.getByTestId("balance").waitFor();
    await page.context().close();
  });

  it("an offer of 0 ₫ is refused with a sentence in Vietnamese; the buyer then offers for a non-exclusive licence", async function () {
    const page = await stage.personaPage(ACCOUNTS.buyer, `/listings/${assetIdOf(LISTED)}-1`);
    await connect(page, /Thành viên/);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Ký và gửi đề nghị" }) });
    await form.getByLabel("Hình thức").selectOption("NON_EXCLUSIVE_LICENCE");
    await form.getByLabel("Số tiền (₫)").fill("0");
    await form.getByRole("button", { name: "Ký và gửi đề nghị" }).click();
    // a form check, beside the field: nothing is sent, so no transaction "fails"
    await form.locator(".field-error").getByText("Số tiền phải lớn hơn 0.").waitFor();
    expect(await form.locator('[data-phase="failed"]').count()).to.equal(0);
    await page.context().close();

    // a fresh page, so the announcer's last word is this transaction's
    const again = await stage.personaPage(ACCOUNTS.buyer, `/listings/${assetIdOf(LISTED)}-1`);
    await connect(again, /Thành viên/);
    await offer(again, "NON_EXCLUSIVE_LICENCE", "500000000");
    await again.context().close();

    const desk = await buyerDesk();
    await balance(desk, "9.500.000.000");
    const row = desk.locator("li[data-offer-id]").first();
    rejectedOfferId = (await row.getAttribute("data-offer-id"))!;
    await row.getByText("Li-xăng không độc quyền").waitFor();
    await desk.context().close();
  });

  it("the seller rejects the offer with a reason", async function () {
    const page = await stage.personaPage(ACCOUNTS.seller, "/seller");
    await connect(page, /Thành viên/);
    const row = page.locator(`li[data-offer-id="${rejectedOfferId}"]`);
    await row.getByLabel("Lý do").fill("Giá thấp hơn mức chào");
    await row.getByRole("button", { name: "Từ chối", exact: true }).click();
    await expectMined(page);
    await row.waitFor({ state: "detached" });
    await page.context().close();
  });

  it("the buyer sees the offer rejected and its escrow back in its balance", async function () {
    const page = await buyerDesk();
    await balance(page, "10.000.000.000");
    await page.getByText("Đề nghị đã đóng (1)").click();
    const closed = page.locator(`li[data-offer-id="${rejectedOfferId}"]`);
    await closed.getByText("Bị từ chối", { exact: true }).waitFor();
    await closed.getByText("đã hoàn tiền").waitFor();
    await page.context().close();
  });

  it("an exclusive licence needs registration: the buyer offers and consents, the seller accepts", async function () {
    const listing = await stage.personaPage(ACCOUNTS.buyer, `/listings/${assetIdOf(LISTED)}-1`);
    await connect(listing, /Thành viên/);
    await offer(listing, "EXCLUSIVE_LICENCE", "2000000000");
    await listing.context().close();

    const desk = await buyerDesk();
    await balance(desk, "8.000.000.000");
    const row = desk.locator("li[data-offer-id]").first();
    refusedId = (await row.getAttribute("data-offer-id"))!;
    await row.getByLabel("Văn bản hợp đồng (PDF)").setInputFiles(pdf(REFUSED_PDF));
    await row.getByRole("button", { name: "Đồng ý với văn bản" }).click();
    await expectMined(desk);
    await desk.context().close();

    const seller = await stage.personaPage(ACCOUNTS.seller, "/seller");
    await connect(seller, /Thành viên/);
    const offerRow = seller.locator(`li[data-offer-id="${refusedId}"]`);
    await offerRow.getByText("Bên mua đã đồng ý với văn bản hợp đồng").waitFor();
    await offerRow.getByRole("button", { name: "Chấp nhận và ký hợp đồng" }).click();
    await expectMined(seller);
    await seller.context().close();
  });

  it("the IP office refuses to register it, with a reason, from its queue", async function () {
    const hasty = await stage.personaPage(ACCOUNTS.ipOffice, "/office");
    await connect(hasty, /Cơ quan SHTT/);
    const unexplained = hasty.locator(`li[data-agreement-id="${refusedId}"]`);
    await unexplained.getByRole("button", { name: "Từ chối đăng ký" }).click();
    await unexplained.locator(".field-error").getByText("Hãy nhập lý do").waitFor();
    expect(await hasty.getByRole("dialog").count()).to.equal(0);
    await hasty.context().close();

    const page = await stage.personaPage(ACCOUNTS.ipOffice, "/office");
    await connect(page, /Cơ quan SHTT/);
    const row = page.locator(`li[data-agreement-id="${refusedId}"]`);
    await screenshots(page, "office-queue");
    await row.getByLabel("Lý do").fill("Bên bán chưa nộp văn bản đồng ý của đồng tác giả");
    await row.getByRole("button", { name: "Từ chối đăng ký" }).click();
    await page.getByRole("dialog").getByText("được hoàn lại cho").waitFor();
    await page.getByRole("dialog").getByRole("button", { name: "Từ chối đăng ký" }).click();
    await expectMined(page);
    await row.waitFor({ state: "detached" });
    await page.context().close();
  });

  it("the buyer sees the agreement refused and its escrow back", async function () {
    const page = await buyerDesk();
    await balance(page, "10.000.000.000");
    const agreement = page.locator(`li[data-agreement-id="${refusedId}"]`);
    await agreement.getByText("Bị từ chối đăng ký").waitFor();
    await agreement.getByText("Tiền ký quỹ 2.000.000.000 ₫ đã hoàn về ví của bạn.").waitFor();
    await screenshots(page, "buyer-refunded");
    await page.context().close();
  });

  it("the seller registers an asset with a co-owner", async function () {
    const coOwner = hardhatAddress(ACCOUNTS.coOwner);
    const page = await stage.personaPage(ACCOUNTS.seller, "/seller");
    await connect(page, /Thành viên/);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Đăng ký tài sản" }) });
    await form.getByLabel("Số văn bằng").fill(CO_OWNED);
    await form.getByLabel("Tên (tiếng Việt)").fill("Vật liệu nano xử lý nước nhiễm mặn");
    await form.getByLabel("Tóm tắt").fill("Đồng sở hữu của hai viện.");
    await form.getByLabel("Lĩnh vực").fill("Môi trường");
    await form.getByLabel("Đồng sở hữu").fill("0x1234");
    await form.getByRole("button", { name: "Đăng ký lên sổ cái" }).click();
    await form.getByText("Địa chỉ đồng sở hữu không hợp lệ: 0x1234").waitFor();
    await form.getByLabel("Đồng sở hữu").fill(coOwner);
    await form.getByRole("button", { name: "Đăng ký lên sổ cái" }).click();
    await expectMined(page);
    await page.context().close();
    await verifyAndList(stage, CO_OWNED, { register: false });
  });

  it("a buyer offers to buy the co-owned asset outright and consents to the document", async function () {
    const listing = await stage.personaPage(ACCOUNTS.buyer, `/listings/${assetIdOf(CO_OWNED)}-1`);
    await connect(listing, /Thành viên/);
    await offer(listing, "ASSIGNMENT", "5000000000");
    await listing.context().close();

    const desk = await buyerDesk();
    const row = desk.locator("li[data-offer-id]").first();
    coOwnedOfferId = (await row.getAttribute("data-offer-id"))!;
    await row.getByLabel("Văn bản hợp đồng (PDF)").setInputFiles(pdf(AGREEMENT_PDF));
    await row.getByRole("button", { name: "Đồng ý với văn bản" }).click();
    await expectMined(desk);
    await desk.context().close();
  });

  it("the co-owner opens the seller's link, checks the document and signs consent in their wallet", async function () {
    const seller = await stage.personaPage(ACCOUNTS.seller, "/seller");
    await connect(seller, /Thành viên/);
    const link = await seller
      .locator(`li[data-offer-id="${coOwnedOfferId}"]`)
      .getByLabel("Liên kết ký đồng ý cho đồng sở hữu")
      .inputValue();
    await seller.context().close();

    const page = await stage.personaPage(ACCOUNTS.coOwner, new URL(link).pathname + new URL(link).search);
    await page.getByRole("heading", { level: 1, name: "Đồng ý của đồng sở hữu" }).waitFor();
    await connect(page, /Chưa có vai trò/);
    await page.getByText("Bên mua đã đồng ý với đúng văn bản này trên sổ cái.").waitFor();
    await page.getByText("Chuyển nhượng", { exact: true }).waitFor();
    await page
      .getByLabel("Đối chiếu tệp hợp đồng (không bắt buộc)")
      .setInputFiles(pdf(Buffer.from("%PDF-1.4\n% một bản khác\n%%EOF\n")));
    await page.getByText("Tệp này khác với văn bản được đề nghị ký.").waitFor();
    expect(await page.getByRole("button", { name: "Ký đồng ý với văn bản này" }).isDisabled()).to.equal(true);
    await page.getByLabel("Đối chiếu tệp hợp đồng (không bắt buộc)").setInputFiles(pdf(AGREEMENT_PDF));
    await page.getByText("Tệp khớp với văn bản đã ghi.").waitFor();
    await page.getByRole("button", { name: "Ký đồng ý với văn bản này" }).click();
    const signature = page.getByLabel("Chữ ký của bạn — gửi cho bên bán");
    await signature.waitFor();
    consentSignature = await signature.inputValue();
    expect(consentSignature).to.match(/^0x[0-9a-f]{130}$/);
    await screenshots(page, "consent");
    await page.context().close();
  });

  it("the seller pastes the co-owner's signature and accepts; the IP office registers; the buyer owns the asset", async function () {
    const seller = await stage.personaPage(ACCOUNTS.seller, "/seller");
    await connect(seller, /Thành viên/);
    const row = seller.locator(`li[data-offer-id="${coOwnedOfferId}"]`);
    const field = row.getByLabel("Chữ ký của đồng sở hữu 1");
    await field.waitFor();
    // without the co-owner's consent the acceptance is held back, saying why
    await row.getByRole("button", { name: "Chấp nhận và ký hợp đồng" }).click();
    await row.getByText("Cần chữ ký hợp lệ của mọi đồng sở hữu trước khi chấp nhận.").waitFor();
    await field.fill(`0x${"ab".repeat(65)}`);
    await row.getByText("Đây không phải chữ ký của đồng sở hữu này cho văn bản này.").waitFor();
    await field.fill(`Chữ ký của tôi: ${consentSignature}`);
    await row.getByText("Chữ ký hợp lệ.").waitFor();
    await screenshots(seller, "seller-co-owners");
    await row.getByRole("button", { name: "Chấp nhận và ký hợp đồng" }).click();
    await expectMined(seller);
    await seller.context().close();

    const office = await stage.personaPage(ACCOUNTS.ipOffice, "/office");
    await connect(office, /Cơ quan SHTT/);
    await office
      .locator(`li[data-agreement-id="${coOwnedOfferId}"]`)
      .getByRole("button", { name: "Đăng ký hợp đồng" })
      .click();
    await office.getByRole("dialog").getByRole("button", { name: "Đăng ký hợp đồng" }).click();
    await expectMined(office);
    await office.context().close();

    const buyer = await buyerDesk();
    await buyer.locator(`li[data-agreement-id="${coOwnedOfferId}"]`).getByText("Đã hoàn tất").waitFor();
    await buyer.locator(`li[data-held-asset="${assetIdOf(CO_OWNED)}"]`).waitFor();
    await buyer.context().close();
  });
});

/** On the listing page: offers `amount` for `deal` and waits for the transaction. */
async function offer(page: Page, deal: string, amount: string) {
  const form = page.locator("form", { has: page.getByRole("button", { name: "Ký và gửi đề nghị" }) });
  await form.getByLabel("Hình thức").selectOption(deal);
  await form.getByLabel("Số tiền (₫)").fill(amount);
  await form.getByRole("button", { name: "Ký và gửi đề nghị" }).click();
  await expectMined(page);
}

/**
 * The seller's and the IP office's earlier steps, done directly: register (unless the test did it
 * in the browser), verify, and list for every deal type at the story's prices.
 */
async function verifyAndList(stage: Stage, registrationNumber: string, { register = true } = {}) {
  const provider = new JsonRpcProvider(stage.exchange.rpcUrl, undefined, { staticNetwork: true });
  try {
    const { addresses } = stage.deployment;
    const seller = hardhatAccount(ACCOUNTS.seller, provider);
    const office = hardhatAccount(ACCOUNTS.ipOffice, provider);
    const registry = new Contract(addresses.registry, abis.AssetRegistry, provider);
    const exchange = new Contract(addresses.exchange, abis.Exchange, seller);
    const assetId = BigInt(assetIdOf(registrationNumber));
    // the embedded chain answers "pending" counts from its last block: ask for "latest" explicitly
    const latestNonce = (account: { address: string }) =>
      provider.getTransactionCount(account.address, "latest");
    if (register) {
      const expiry = BigInt(Math.floor(Date.now() / 1000) + 10 * 365 * 86_400);
      await (
        await registry.connect(seller).getFunction("register")(
          0,
          keccakText(registrationNumber),
          keccakText(`metadata:${registrationNumber}`),
          "",
          expiry,
          [],
        )
      ).wait();
    }
    await (
      await registry.connect(office).getFunction("setStatus")(assetId, 2, keccakText("verified"), {
        nonce: await latestNonce(office),
      })
    ).wait();
    const terms = {
      territory: "VN",
      fieldOfUse: "",
      duration: 730n * 86_400n,
      sublicensing: false,
      royaltyBps: 300,
    };
    await (
      await exchange.createListing(assetId, 0b111, [5_000_000_000n, 2_000_000_000n, 500_000_000n], terms, {
        nonce: await latestNonce(seller),
      })
    ).wait();
  } finally {
    provider.destroy();
  }
}
