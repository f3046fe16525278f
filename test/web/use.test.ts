// The web app as people use it (issue 18), on the demo exchange: every route loads from its URL,
// static files leave compressed and cached, members appear by name, the clerk's desk confirms what
// it does, amounts parse and format, the wallet stays connected across a reload, and axe-core finds
// nothing on any page. Screenshots of each persona's main page at 1280 and 375 px go to test-results/.
import http from "node:http";
import { expect } from "chai";
import { organisations, roleAccounts } from "../../server/src/demo/data.ts";
import { planDemo } from "../../server/src/demo/plan.ts";
import { expectNoAxeViolations } from "./helpers/axe.ts";
import { browserAvailable, missingBrowserMessage } from "./helpers/browser.ts";
import { connect, startStage, type Stage } from "./helpers/stage.ts";
import { hardhatAddress, type WalletOptions } from "./helpers/wallet.ts";

const byAccount = (address: string) =>
  organisations.find((o) => hardhatAddress(o.account).toLowerCase() === address.toLowerCase())!;
/** A 42-character address written out, which a reader should never have to read. */
const fullAddress = /0x[0-9a-fA-F]{40}/;
const plan = planDemo(0);

/** A raw GET (no decompression), so the test sees the headers and bytes the server sent. */
function rawGet(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      })
      .on("error", reject);
  });
}

describe("The web app as people use it", function () {
  this.timeout(300_000);
  let stage: Stage;
  let listing: { id: string; assetTokenId: string; seller: string };
  let routes: string[];

  before(async function () {
    if (!browserAvailable()) {
      if (process.env.CI === "true") throw new Error(missingBrowserMessage);
      this.skip();
    }
    stage = await startStage("use", { demo: true });
    const listings = (await (
      await fetch(`${stage.exchange.url}/api/listings?state=OPEN&limit=1`)
    ).json()) as {
      items: (typeof listing)[];
    };
    listing = listings.items[0];
    routes = [
      "/",
      `/listings/${listing.id}`,
      `/assets/${listing.assetTokenId}`,
      "/organisations",
      `/organisations/${listing.seller}`,
      "/seller",
      "/buyer",
      "/office",
      "/audit",
      "/audit?agreement=1",
      "/consent",
    ];
  });
  after(async () => stage?.close());

  const open = (accountIndex: number, url: string, wallet?: WalletOptions) =>
    stage.personaPage(accountIndex, url, wallet);

  describe("links that load", () => {
    it("every route of the app loads by direct URL, as a reload or a shared link would", async () => {
      const page = await open(roleAccounts.auditor, "/");
      for (const route of routes) {
        const response = await page.goto(`${stage.web.url}${route}`);
        expect(response?.status(), route).to.equal(200);
        expect(response?.headers()["content-type"], route).to.match(/^text\/html/);
        await page.locator("main h1").first().waitFor();
        const heading = (await page.locator("main h1").first().textContent()) ?? "";
        expect(heading, route).not.to.contain("Không có trang này");
      }
      await page.reload();
      await page.locator("main h1").first().waitFor();
      await page.context().close();
    });

    it("an unknown page says so in the app, and a missing static file is a plain 404 naming no path", async () => {
      const page = await open(roleAccounts.auditor, "/no-such-page");
      await page.getByRole("heading", { level: 1, name: "Không có trang này" }).waitFor();
      await page.context().close();
      const missing = await rawGet(`${stage.web.url}/static/index-deadbeef.js`);
      expect(missing.status).to.equal(404);
      expect(missing.headers["content-type"]).to.match(/^text\/plain/);
      expect(missing.body.toString()).to.equal("Not found");
      for (const probe of ["/static/..%2f..%2fpackage.json", "/assets/..%2f..%2fpackage.json", "/static/"]) {
        const answer = await rawGet(`${stage.web.url}${probe}`);
        expect(answer.body.toString(), probe).not.to.match(
          /\/work\/|\/tmp\/|web\/dist|ENOENT|"name": "techex"/,
        );
      }
    });
  });

  describe("loading and weight", () => {
    it("serves scripts brotli- or gzip-compressed, hashed files immutable for a year, index.html revalidated", async () => {
      const index = await rawGet(`${stage.web.url}/`, { "accept-encoding": "br, gzip", accept: "text/html" });
      expect(index.headers["cache-control"]).to.equal("no-cache");
      const html = (await rawGet(`${stage.web.url}/`, { accept: "text/html" })).body.toString();
      const script = /src="(\/static\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).to.be.a("string");
      const plain = await rawGet(`${stage.web.url}${script}`);
      const br = await rawGet(`${stage.web.url}${script}`, { "accept-encoding": "br, gzip" });
      const gz = await rawGet(`${stage.web.url}${script}`, { "accept-encoding": "gzip" });
      expect(plain.headers["content-encoding"]).to.equal(undefined);
      expect(br.headers["content-encoding"]).to.equal("br");
      expect(gz.headers["content-encoding"]).to.equal("gzip");
      for (const answer of [plain, br, gz]) {
        expect(answer.headers["cache-control"]).to.equal("public, max-age=31536000, immutable");
        expect(answer.headers.vary).to.match(/Accept-Encoding/i);
      }
      expect(br.body.length).to.be.below(plain.body.length / 3);
      expect(gz.body.length).to.be.below(plain.body.length / 2);
      const { brotliDecompressSync, gunzipSync } = await import("node:zlib");
      expect(brotliDecompressSync(br.body).equals(plain.body)).to.equal(true);
      expect(gunzipSync(gz.body).equals(plain.body)).to.equal(true);
      const again = await rawGet(`${stage.web.url}${script}`, { "if-none-match": plain.headers.etag! });
      expect(again.status).to.equal(304);
    });

    it("shows the page's frame at once and placeholders while listings load", async () => {
      const context = await stage.browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      await page.route("**/api/listings**", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${stage.web.url}/`);
      await page.locator("[data-skeleton]").first().waitFor();
      await page.getByRole("heading", { level: 1 }).first().waitFor();
      release();
      await page.locator(".card h3 a").first().waitFor();
      expect(await page.locator("[data-skeleton]").count()).to.equal(0);
      await context.close();
    });
  });

  describe("names, not addresses", () => {
    it("the header, the listing and the asset name the organisation, with its address a click away", async () => {
      const seller = byAccount(listing.seller);
      const page = await open(seller.account, `/listings/${listing.id}`);
      await connect(page, /Thành viên/);
      await page.getByRole("region", { name: "Ví" }).getByText(seller.profile.nameVi).waitFor();
      const field = page.locator("article > p", { hasText: "Bên bán:" });
      await field.getByRole("link", { name: seller.profile.nameVi }).waitFor();
      expect(await field.textContent()).not.to.match(fullAddress);
      await field.getByRole("button", { expanded: false }).click();
      await field.getByText(hardhatAddress(seller.account).toLowerCase()).waitFor();
      await field.getByRole("button", { name: "Sao chép" }).waitFor();
      await page.goto(`${stage.web.url}/assets/${listing.assetTokenId}`);
      await page.locator(".field", { hasText: "Chủ sở hữu" }).getByText(seller.profile.nameVi).waitFor();
      await page.locator(".timeline .org-name").first().waitFor();
      await page.context().close();
    });

    it("the directory lists every member with its contact details", async () => {
      const page = await open(roleAccounts.auditor, "/organisations");
      const cards = page.getByTestId("directory").locator("li.card");
      await cards.nth(organisations.length - 1).waitFor();
      for (const { profile } of organisations) {
        const card = cards.filter({ hasText: profile.nameVi });
        await card.getByRole("link", { name: profile.contactEmail }).waitFor();
        await card.getByText(profile.contactPhone).waitFor();
      }
      await page.getByRole("searchbox", { name: "Tìm tổ chức" }).fill("bach khoa");
      await page.getByRole("button", { name: "Tìm", exact: true }).click();
      await page.waitForURL(/q=bach/);
      await cards.filter({ hasText: "Trường Đại học Bách khoa Phương Nam" }).waitFor();
      expect(await cards.count()).to.equal(1);
      await page.context().close();
    });
  });

  describe("the IP office clerk's desk", () => {
    const pending = plan.filter((p) => p.asset.story === "pending");
    const sent = (requests: { method: string }[]) =>
      requests.filter((r) => r.method === "eth_sendTransaction").length;

    it("shows each pending asset's registration number, checked against its id, its documents and its owner by name", async () => {
      const page = await open(roleAccounts.ipOffice, "/office");
      await connect(page, /Cơ quan SHTT/);
      const queue = page.locator('section[aria-labelledby="queue-assets"]');
      for (const { asset, owner } of pending) {
        const row = queue.locator("li[data-asset-id]", { hasText: asset.title });
        await row.getByText(asset.registrationNumber, { exact: true }).waitFor();
        await row.getByText("✓ khớp mã tài sản trên sổ cái").waitFor();
        await row.getByRole("link", { name: owner.profile.nameVi }).waitFor();
        await row.getByRole("link", { name: "Hồ sơ mô tả tài sản" }).waitFor();
        expect(await row.textContent()).not.to.match(fullAddress);
      }
      const agreement = page
        .locator('section[aria-labelledby="queue-agreements"] li[data-agreement-id]')
        .first();
      await agreement.getByRole("link", { name: "Văn bản hợp đồng" }).waitFor();
      await agreement.locator(".registration-number").waitFor();
      expect(await agreement.textContent()).not.to.match(fullAddress);
      await page.context().close();
    });

    it("a missing reason is a form error beside the field, and nothing is sent", async () => {
      const requests: { method: string; params: unknown[] }[] = [];
      const page = await open(roleAccounts.ipOffice, "/office", { requests });
      await connect(page, /Cơ quan SHTT/);
      const row = page.locator('section[aria-labelledby="queue-assets"] li[data-asset-id]').first();
      await row.getByRole("button", { name: "Từ chối" }).click();
      await row.getByText("Hãy nhập lý do: nó được ghi kèm quyết định.").waitFor();
      expect(await row.getByLabel("Lý do").getAttribute("aria-invalid")).to.equal("true");
      expect(await page.getByRole("dialog").count()).to.equal(0);
      expect(await page.getByText("Giao dịch thất bại").count()).to.equal(0);
      expect(sent(requests)).to.equal(0);
      await page.context().close();
    });

    it("confirms before verifying, naming the asset and what will happen; Escape cancels and sends nothing", async () => {
      const requests: { method: string; params: unknown[] }[] = [];
      const page = await open(roleAccounts.ipOffice, "/office", { requests });
      await connect(page, /Cơ quan SHTT/);
      const { asset } = pending[0];
      const row = page.locator('section[aria-labelledby="queue-assets"] li[data-asset-id]', {
        hasText: asset.title,
      });
      const verify = row.getByRole("button", { name: "Xác nhận" });
      await row.getByText(asset.registrationNumber, { exact: true }).waitFor();
      await verify.focus();
      await page.keyboard.press("Enter");
      const dialog = page.getByRole("dialog", { name: `Xác nhận «${asset.title}»?` });
      await dialog.getByText(asset.registrationNumber, { exact: false }).waitFor();
      await dialog.getByText("sẽ được ghi là đã thẩm định trên sổ cái").waitFor();
      await page.keyboard.press("Escape");
      await dialog.waitFor({ state: "hidden" });
      expect(await verify.evaluate((button) => button === document.activeElement)).to.equal(true);
      expect(sent(requests)).to.equal(0);
      await verify.click();
      await dialog.getByRole("button", { name: "Xác nhận" }).click();
      const done = page.getByText(`Đã xác nhận «${asset.title}».`);
      await done.first().waitFor({ timeout: 30_000 });
      expect(sent(requests)).to.equal(1);
      // the row leaves the queue; its outcome stays on the page, once
      await row.waitFor({ state: "detached" });
      await page.locator('section[aria-labelledby="registered-assets"] li[data-asset-id]').first().waitFor();
      expect(await done.count()).to.equal(1);
      await page.getByRole("button", { name: "Đóng" }).click();
      expect(await page.getByText(`Đã xác nhận «${asset.title}».`).count()).to.equal(0);
      await page.context().close();
    });

    it("the register of decided assets is searchable, filterable and paged, ten rows at a time", async () => {
      const page = await open(roleAccounts.ipOffice, "/office");
      await connect(page, /Cơ quan SHTT/);
      const section = page.locator('section[aria-labelledby="registered-assets"]');
      await section.locator("li[data-asset-id]").first().waitFor();
      expect(await section.locator("li[data-asset-id]").count()).to.equal(10);
      await section
        .getByRole("navigation")
        .getByText(/Trang 1\//)
        .waitFor();
      await section.getByRole("navigation").getByRole("button", { name: "Trang sau" }).click();
      await section
        .getByRole("navigation")
        .getByText(/Trang 2\//)
        .waitFor();
      const chip = plan.find((p) => p.asset.title.startsWith("Mạch cảm biến nhiệt độ"))!;
      await section.getByLabel("Tìm trong danh sách").fill("mach cam bien nhiet do");
      await section.locator("li[data-asset-id]", { hasText: chip.asset.title }).waitFor();
      expect(await section.locator("li[data-asset-id]").count()).to.equal(1);
      await section.getByLabel("Tìm trong danh sách").fill("");
      await section.getByLabel("Trạng thái").selectOption("REVOKED");
      const revoked = section.locator("li[data-asset-id]");
      await revoked.first().waitFor();
      for (const status of await revoked.locator(".badge").allTextContents())
        expect(status).to.equal("Đã thu hồi");
      await page.context().close();
    });
  });

  describe("the listing page and amounts", () => {
    const buyerFor = (seller: string) =>
      organisations.find(
        (o) =>
          o.profile.kind === "company" && hardhatAddress(o.account).toLowerCase() !== seller.toLowerCase(),
      )!;

    it("puts the price and the way to offer first, the terms in words, and no form on one's own listing", async () => {
      const page = await open(byAccount(listing.seller).account, `/listings/${listing.id}`);
      await connect(page, /Thành viên/);
      const summary = page.locator(".deal-summary");
      await summary
        .getByText(/\d{1,3}(\.\d{3})+ ₫/)
        .first()
        .waitFor();
      await page.getByText("Đây là tin đăng của bạn").waitFor();
      expect(await page.getByRole("button", { name: "Ký và gửi đề nghị" }).count()).to.equal(0);
      const terms = page.locator('section[aria-labelledby="terms-title"]');
      await terms.getByText("Việt Nam").waitFor();
      expect(await terms.textContent()).not.to.match(/\d+ ngày/);
      await page.locator('section[aria-labelledby="abstract-title"] p').waitFor();
      await page.context().close();
    });

    it("reads 450.000.000 and 450000000 alike, says what is wrong with anything else, and checks the balance before the wallet", async () => {
      const requests: { method: string; params: unknown[] }[] = [];
      const page = await open(buyerFor(listing.seller).account, `/listings/${listing.id}`, { requests });
      await connect(page, /Thành viên/);
      const form = page.locator("form.offer-form");
      const amount = form.getByLabel("Số tiền (₫)");
      await form.getByText(/Số dư của bạn: [\d.]+ ₫/).waitFor();
      for (const typed of ["450.000.000", "450000000", "450 000 000"]) {
        await amount.fill(typed);
        await form.getByText("= 450.000.000 ₫").waitFor();
      }
      const submit = form.getByRole("button", { name: "Ký và gửi đề nghị" });
      await amount.fill("450.5");
      await submit.click();
      await form.getByText("Số tiền tính bằng đồng, không có phần lẻ").waitFor();
      await amount.fill("bốn trăm");
      await submit.click();
      await form.getByText("Không đọc được số tiền. Viết như 450.000.000 hoặc 450000000.").waitFor();
      await amount.fill("999.000.000.000.000");
      await submit.click();
      await form
        .getByText(/Số dư [\d.]+ ₫ không đủ cho 999\.000\.000\.000\.000 ₫\. Chưa có gì được gửi\./)
        .waitFor();
      expect(await page.getByText("Giao dịch thất bại").count()).to.equal(0);
      expect(
        requests.filter((r) => r.method.startsWith("eth_sign") || r.method === "eth_sendTransaction"),
      ).to.deep.equal([]);

      await amount.fill("450.000.000");
      await submit.click();
      const done = form.getByText(/^Đề nghị #\d+ · 450\.000\.000 ₫ đã ký quỹ$/);
      await done.waitFor({ timeout: 30_000 });
      expect(await amount.inputValue()).not.to.equal("450.000.000");
      expect(requests.filter((r) => r.method === "eth_sendTransaction")).to.have.length(1);
      await page.context().close();
    });

    it("keeps the offer button at hand on a phone while one scrolls", async () => {
      const page = await open(buyerFor(listing.seller).account, `/listings/${listing.id}`);
      await page.setViewportSize({ width: 375, height: 700 });
      const bar = page.getByTestId("offer-bar");
      await bar.waitFor();
      for (const y of [0, 600, 5000]) {
        await page.evaluate((to) => window.scrollTo(0, to), y);
        const box = await bar.boundingBox();
        expect(box, `at ${y}`).to.not.equal(null);
        expect(box!.y + box!.height, `at ${y}`).to.be.at.most(700.5);
        expect(box!.y, `at ${y}`).to.be.above(600);
      }
      await bar.getByRole("link", { name: "Gửi đề nghị" }).click();
      await page.waitForURL(/#offer-title$/);
      await page.context().close();
    });
  });

  describe("wallet and sign-in", () => {
    it("keeps the wallet connected across a reload, without asking again, until one disconnects", async () => {
      const requests: { method: string; params: unknown[] }[] = [];
      const seller = byAccount(listing.seller);
      const page = await open(seller.account, "/seller", { requests });
      await connect(page, /Thành viên/);
      await page.reload();
      const walletRegion = page.getByRole("region", { name: "Ví" });
      await walletRegion.getByText(seller.profile.nameVi).waitFor();
      await page
        .getByTestId("roles")
        .filter({ hasText: /Thành viên/ })
        .waitFor();
      expect(requests.filter((r) => r.method === "eth_requestAccounts")).to.have.length(1);
      await walletRegion.getByRole("button", { name: "Ngắt kết nối" }).click();
      await page.reload();
      await walletRegion.getByRole("button", { name: "Kết nối Test Wallet" }).waitFor();
      await page.waitForTimeout(500);
      expect(await walletRegion.getByText(seller.profile.nameVi).count()).to.equal(0);
      await page.context().close();
    });

    it("asks for sign-in before uploading documents, and sends nothing until then", async () => {
      const requests: { method: string; params: unknown[] }[] = [];
      const page = await open(byAccount(listing.seller).account, "/seller", { requests });
      await connect(page, /Thành viên/);
      const form = page.locator("form", { has: page.getByRole("heading", { name: "Đăng ký tài sản" }) });
      await form.getByLabel("Số văn bằng").fill("1-0099999");
      await form.getByLabel("Tên (tiếng Việt)").fill("Thiết bị lọc nước mặn");
      await form.getByLabel("Tóm tắt").fill("Lọc nước lợ thành nước uống bằng năng lượng mặt trời.");
      await form.getByLabel("Lĩnh vực").fill("Môi trường");
      await form.getByLabel("Tài liệu (PDF, ảnh…)").setInputFiles({
        name: "van-bang.pdf",
        mimeType: "application/pdf",
        buffer: Buffer.from("%PDF-1.4\n%%EOF\n"),
      });
      await form.getByRole("button", { name: "Đăng ký lên sổ cái" }).click();
      const notice = form
        .getByRole("alert")
        .filter({ hasText: "Hãy đăng nhập bằng ví trước khi tải tài liệu lên" });
      await notice.waitFor();
      expect(requests.filter((r) => r.method === "eth_sendTransaction")).to.have.length(0);
      await notice.getByRole("button", { name: "Đăng nhập bằng ví" }).click();
      await page.getByText("Đã đăng nhập.").waitFor();
      await page.context().close();
    });

    it("speaks plainly: no SIWE, khối, EIP- or mã băm on any persona's page", async () => {
      const pages = [
        "/",
        `/listings/${listing.id}`,
        `/assets/${listing.assetTokenId}`,
        "/seller",
        "/buyer",
        "/office",
        "/audit",
      ];
      const page = await open(roleAccounts.ipOffice, "/");
      await connect(page, /Cơ quan SHTT/);
      for (const route of pages) {
        await page.evaluate((to) => {
          window.history.pushState(null, "", to);
          window.dispatchEvent(new PopStateEvent("popstate"));
        }, route);
        await page.locator("main h1").first().waitFor();
        await page.waitForTimeout(1500);
        const text = await page.locator("body").innerText();
        const jargon = /SIWE|khối \d|EIP-\d|mã băm/i.exec(text);
        expect(jargon && text.slice(Math.max(0, jargon.index - 60), jargon.index + 30), route).to.equal(null);
      }
      await page.context().close();
    });
  });

  describe("home, and accessibility everywhere", () => {
    it("axe-core finds nothing on any page, at desktop and phone width, in both languages", async () => {
      const page = await open(roleAccounts.ipOffice, "/");
      await connect(page, /Cơ quan SHTT/);
      for (const language of ["vi", "en"]) {
        if (language === "en") await page.getByRole("button", { name: "Chuyển sang tiếng Anh" }).click();
        for (const route of [...routes, "/no-such-page"]) {
          await page.evaluate((to) => {
            window.history.pushState(null, "", to);
            window.dispatchEvent(new PopStateEvent("popstate"));
          }, route);
          await page.locator("main h1").first().waitFor();
          await page
            .locator("[data-skeleton]")
            .first()
            .waitFor({ state: "detached", timeout: 20_000 })
            .catch(() => undefined);
          await page.waitForTimeout(800);
          for (const width of [1280, 375]) {
            await page.setViewportSize({ width, height: 800 });
            await expectNoAxeViolations(page, `${route} (${language}, ${width} px)`);
          }
        }
      }
      await page.context().close();
    });
  });
});
