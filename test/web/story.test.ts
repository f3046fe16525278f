// The exchange's whole story in a real browser, each persona with its own injected wallet (Hardhat
// accounts on the embedded chain): the seller registers an asset, the IP office verifies it, the
// seller lists it, a buyer offers with a permit, consents to the agreement document, the seller
// accepts, the IP office registers, the buyer holds the licence and an auditor verifies the
// transfer from the chain. Screenshots of each persona's page at 1280 and 375 px go to test-results/.
import { expect } from "chai";
import { id as keccakText } from "ethers";
import { browserAvailable } from "./helpers/browser.ts";
import { ACCOUNTS, connect, expectMined, screenshots, startStage, type Stage } from "./helpers/stage.ts";

const REGISTRATION_NUMBER = "1-0034567";
const ASSET_ID = BigInt(keccakText(REGISTRATION_NUMBER)).toString();
const AGREEMENT_PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% Hợp đồng li-xăng độc quyền — TechEx test\n%%EOF\n",
);

describe("The exchange's story in a real browser", function () {
  this.timeout(180_000);
  let stage: Stage;
  let offerId: string;

  before(async function () {
    if (!browserAvailable()) this.skip();
    stage = await startStage("story");
  });

  after(async () => stage?.close());

  const personaPage = (account: number, url: string) => stage.personaPage(account, url);

  it("home: Vietnamese by default, English on request, usable at 375 px", async function () {
    const page = await personaPage(ACCOUNTS.buyer, "/");
    await page.getByRole("heading", { level: 1, name: "Tìm công nghệ để chuyển giao" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).to.equal("vi");
    await page.getByRole("searchbox", { name: "Tìm kiếm công nghệ" }).fill("ban dan");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await page.waitForURL(/q=ban\+dan/);
    await screenshots(page, "home");
    await page.getByRole("button", { name: "Chuyển sang tiếng Anh" }).click();
    await page.getByRole("heading", { level: 1, name: "Find technology to license or buy" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).to.equal("en");
    await page.context().close();
  });

  it("seller signs in with SIWE and registers an asset with its documents; the wallet shows the member role", async function () {
    const page = await personaPage(ACCOUNTS.seller, "/seller");
    await connect(page, /Thành viên/);
    await page.getByRole("button", { name: "Đăng nhập bằng ví" }).click();
    await page.getByText("Đã đăng nhập.").waitFor();
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Đăng ký tài sản" }) });
    await form.getByLabel("Số văn bằng").fill(REGISTRATION_NUMBER);
    await form.getByLabel("Tên (tiếng Việt)").fill("Quy trình sản xuất thức ăn thủy sản từ phụ phẩm cá tra");
    await form.getByLabel("Tên (tiếng Anh)").fill("Aquaculture feed from pangasius by-products");
    await form
      .getByLabel("Tóm tắt")
      .fill("Thức ăn cho tôm cá từ phụ phẩm chế biến cá tra, giảm 18% giá thành.");
    await form.getByLabel("Lĩnh vực").fill("Thủy sản");
    await form.getByLabel("Tài liệu (PDF, ảnh…)").setInputFiles({
      name: "van-bang.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("%PDF-1.4\n% văn bằng\n%%EOF\n"),
    });
    await form.getByRole("button", { name: "Đăng ký lên sổ cái" }).click();
    await expectMined(page);
    await page.getByTestId("registered-asset").waitFor();
    await page.getByTestId("metadata-stored").waitFor();
    const row = page.locator(`li[data-asset-id="${ASSET_ID}"]`);
    await row.getByText("Chờ thẩm định").waitFor();
    expect(await form.locator(".notice-warn").count(), "documents stored on the server").to.equal(0);
    await screenshots(page, "seller");
    await page.context().close();
  });

  it("a revert reads as a sentence in the user's language, never hex", async function () {
    const page = await personaPage(ACCOUNTS.seller, "/seller");
    await connect(page, /Thành viên/);
    const form = page.locator("form", { has: page.getByRole("heading", { name: "Đăng ký tài sản" }) });
    await form.getByLabel("Số văn bằng").fill(REGISTRATION_NUMBER);
    await form.getByLabel("Tên (tiếng Việt)").fill("Bản trùng");
    await form.getByLabel("Tóm tắt").fill("Đăng ký lần hai cùng số văn bằng.");
    await form.getByLabel("Lĩnh vực").fill("Thủy sản");
    await form.getByRole("button", { name: "Đăng ký lên sổ cái" }).click();
    const failure = form.locator('[data-phase="failed"]');
    await failure.waitFor();
    const text = (await failure.textContent()) ?? "";
    expect(text).to.contain("Văn bằng này đã được đăng ký trên sàn.");
    expect(text).not.to.match(/0x[0-9a-f]{8}/i);
    await page.context().close();
  });

  it("the IP office verifies the asset from its queue", async function () {
    const page = await personaPage(ACCOUNTS.ipOffice, "/office");
    await connect(page, /Cơ quan SHTT/);
    const row = page.locator(`li[data-asset-id="${ASSET_ID}"]`);
    await row.getByRole("button", { name: "Xác nhận" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Xác nhận" }).click();
    await expectMined(page);
    await screenshots(page, "office");
    await page.context().close();
  });

  it("the seller lists the verified asset", async function () {
    const page = await personaPage(ACCOUNTS.seller, "/seller");
    await connect(page, /Thành viên/);
    const row = page.locator(`li[data-asset-id="${ASSET_ID}"]`);
    await row.getByText("Đã thẩm định").waitFor();
    await row.getByRole("button", { name: "Đăng bán" }).click();
    await row.getByLabel("Lãnh thổ").fill("VN");
    await row.getByLabel("Lĩnh vực sử dụng").fill("thức ăn thủy sản");
    await row.getByRole("button", { name: "Đăng tin" }).click();
    await expectMined(page);
    await row.getByText("Đang mở").waitFor();
    await page.context().close();
  });

  it("a buyer offers for an exclusive licence with a permit, in one transaction", async function () {
    const page = await personaPage(ACCOUNTS.buyer, `/listings/${ASSET_ID}-1`);
    await connect(page, /Thành viên/);
    const form = page.locator("form", { has: page.getByRole("button", { name: "Ký và gửi đề nghị" }) });
    await form.getByLabel("Hình thức").selectOption("EXCLUSIVE_LICENCE");
    await form.getByLabel("Số tiền (₫)").fill("2000000000");
    await form.getByRole("button", { name: "Ký và gửi đề nghị" }).click();
    await expectMined(page);
    await screenshots(page, "listing");
    await page.context().close();
  });

  it("the buyer consents to the agreement document", async function () {
    const page = await personaPage(ACCOUNTS.buyer, "/buyer");
    await connect(page, /Thành viên/);
    const row = page.locator("li[data-offer-id]").first();
    await row.waitFor();
    offerId = (await row.getAttribute("data-offer-id"))!;
    await row
      .getByLabel("Văn bản hợp đồng (PDF)")
      .setInputFiles({ name: "hop-dong.pdf", mimeType: "application/pdf", buffer: AGREEMENT_PDF });
    await row.getByRole("button", { name: "Đồng ý với văn bản" }).click();
    await expectMined(page);
    await page.context().close();
  });

  it("the seller accepts the offer with the document the buyer consented to", async function () {
    const page = await personaPage(ACCOUNTS.seller, "/seller");
    await connect(page, /Thành viên/);
    const row = page.locator(`li[data-offer-id="${offerId}"]`);
    await row.getByText("Bên mua đã đồng ý với văn bản hợp đồng").waitFor();
    await row
      .getByLabel("Đối chiếu tệp hợp đồng (không bắt buộc)")
      .setInputFiles({ name: "hop-dong.pdf", mimeType: "application/pdf", buffer: AGREEMENT_PDF });
    await row.getByRole("button", { name: "Chấp nhận và ký hợp đồng" }).click();
    await expectMined(page);
    await page.context().close();
  });

  it("the IP office registers the agreement, which settles it", async function () {
    const page = await personaPage(ACCOUNTS.ipOffice, "/office");
    await connect(page, /Cơ quan SHTT/);
    const row = page.locator(`li[data-agreement-id="${offerId}"]`);
    await row.getByRole("button", { name: "Đăng ký hợp đồng" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Đăng ký hợp đồng" }).click();
    await expectMined(page);
    await page.context().close();
  });

  it("the buyer sees its settled agreement and its exclusive licence", async function () {
    const page = await personaPage(ACCOUNTS.buyer, "/buyer");
    await connect(page, /Thành viên/);
    await page.locator(`li[data-agreement-id="${offerId}"]`).getByText("Đã hoàn tất").waitFor();
    await page.locator(`li[data-licence-id="${offerId}"]`).getByText("Độc quyền").waitFor();
    await page.locator(`li[data-licence-id="${offerId}"]`).getByText("Còn hiệu lực").waitFor();
    await screenshots(page, "buyer");
    await page.context().close();
  });

  it("an auditor verifies the transfer from the chain with the agreement PDF, and gets a certificate", async function () {
    const page = await personaPage(ACCOUNTS.auditor, "/audit");
    await connect(page, /Chưa có vai trò/);
    await page.getByLabel("Số hợp đồng hoặc mã giao dịch (0x…)").fill(offerId);
    await page
      .getByLabel("Hoặc thả tệp PDF hợp đồng vào đây")
      .setInputFiles({ name: "hop-dong.pdf", mimeType: "application/pdf", buffer: AGREEMENT_PDF });
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await page.locator('h2[data-verdict="pass"]').waitFor();
    const outcomes = await page
      .locator("li[data-check]")
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute("data-check")}:${item.getAttribute("data-outcome")}`),
      );
    expect(outcomes).to.deep.equal([
      "found:pass",
      "document:pass",
      "buyerConsent:pass",
      "sellerAct:pass",
      "registrar:pass",
      "settled:pass",
    ]);
    await page.getByRole("img", { name: "Mã QR mở lại trang kiểm tra này" }).waitFor();
    await page.getByTestId("server-opinion").waitFor();
    expect(await page.locator('li[data-server-check="acts"]').getAttribute("data-outcome")).to.equal("pass");
    await screenshots(page, "auditor");
    await page.getByRole("button", { name: "Chuyển sang tiếng Anh" }).click();
    await page.getByRole("heading", { level: 2, name: /Verdict:\s*Valid/ }).waitFor();
    await page.getByText("The buyer consented to this exact document").waitFor();
    await page.screenshot({ path: "test-results/web-auditor-english-desktop.png", fullPage: true });
    await page.context().close();
  });

  it("home finds the listing without diacritics and filters it; the asset page shows its record and history", async function () {
    const page = await personaPage(ACCOUNTS.buyer, "/?dealType=EXCLUSIVE_LICENCE&minPrice=1000000000");
    await page.getByRole("searchbox", { name: "Tìm kiếm công nghệ" }).fill("thuc an thuy san ca tra");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    // a search shows ranked results beside their facets (the listing's card becomes a search hit)
    const card = page.locator(".search-hit").first();
    await card
      .getByRole("link", { name: "Quy trình sản xuất thức ăn thủy sản từ phụ phẩm cá tra" })
      .waitFor();
    await card.getByText("2.000.000.000 ₫").first().waitFor();
    await screenshots(page, "home-listed");
    await card.getByRole("link").click();
    await page.getByRole("link", { name: "Xem hồ sơ tài sản và lịch sử" }).click();
    await page.getByRole("heading", { name: "Hồ sơ đã thẩm định" }).waitFor();
    await page.locator(".timeline").getByText("Đăng ký tài sản").waitFor();
    await page.locator(".timeline").getByText("Đổi trạng thái tài sản").waitFor();
    await screenshots(page, "asset");
    await page.context().close();
  });
});
