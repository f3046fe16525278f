// The demo exchange `npm start` seeds, seen through the browser by each persona with the wallet the
// console prints for it: the home page full of listings, the IP office's queues, a seller's assets
// and offers, a buyer's agreements and licences, and an auditor verifying a co-owned assignment
// from the chain with the agreement PDF the demo anchored. Screenshots at desktop and phone width.
import { expect } from "chai";
import type { Page } from "playwright-core";
import { agreementPdf } from "../../server/src/demo/documents.ts";
import { organisations, roleAccounts } from "../../server/src/demo/data.ts";
import { agreementOf, planDemo } from "../../server/src/demo/plan.ts";
import { browserAvailable, missingBrowserMessage } from "./helpers/browser.ts";
import { connect, screenshots, startStage, type Stage } from "./helpers/stage.ts";
import { hardhatAddress } from "./helpers/wallet.ts";

const plan = planDemo(0);
const account = (key: string) => organisations.find((o) => o.key === key)!.account;
const accepted = (buyer: string) =>
  plan.flatMap((p) => p.offers.filter((o) => o.accepted && o.buyer.key === buyer).map((o) => ({ p, o })));

describe("the demo exchange in the browser", function () {
  this.timeout(300_000);
  let stage: Stage;

  before(async function () {
    if (!browserAvailable()) {
      if (process.env.CI === "true") throw new Error(missingBrowserMessage);
      this.skip();
    }
    stage = await startStage("demo", { demo: true });
  });
  after(async () => stage?.close());

  const api = async <T>(path: string): Promise<T> =>
    (await (await fetch(`${stage.exchange.url}${path}`)).json()) as T;
  const rows = (page: Page, section: string, selector: string) =>
    page.locator(`section[aria-labelledby="${section}"] ${selector}`);

  it("home lists the open listings and finds the semiconductors typed without diacritics", async () => {
    const open = await api<{ total: number }>("/api/listings?state=OPEN&limit=1");
    const page = await stage.personaPage(roleAccounts.auditor, "/");
    await page.getByText(`${open.total} kết quả`).waitFor();
    expect(open.total).to.be.at.least(20);
    await screenshots(page, "demo-home");
    await page.getByRole("searchbox", { name: "Tìm kiếm công nghệ" }).fill("ban dan");
    await page.getByRole("button", { name: "Tìm", exact: true }).click();
    await page
      .getByRole("link", { name: "Mạch cảm biến nhiệt độ tích hợp trên chip hiệu chuẩn một điểm" })
      .waitFor();
    await page.context().close();
  });

  it("search ranks the semiconductors, narrows them by a facet and highlights the matched words", async () => {
    const page = await stage.personaPage(roleAccounts.auditor, "/?q=ban%20dan");
    const hits = page.locator(".search-hit");
    await page.getByRole("heading", { name: "Kết quả tìm kiếm" }).waitFor();
    await hits.first().waitFor();
    expect(await hits.count()).to.be.at.least(5);
    // the facet of kinds: choosing patents keeps the semiconductor patents
    const kinds = page.getByRole("navigation", { name: "Loại tài sản" });
    const patents = kinds.getByRole("link", { name: /^Sáng chế/ });
    const count = Number(/\((\d+)\)/.exec(await patents.innerText())![1]);
    await patents.click();
    await page.waitForURL(/kind=PATENT/);
    await page.getByText(`${count} kết quả`).waitFor();
    expect(await hits.count()).to.equal(count);
    for (const meta of await hits.locator("p.muted").allTextContents()) expect(meta).to.match(/^Sáng chế/);
    // "ban dan" found the wafer-level packaging through the glossary's "chip", marked in its title
    await hits
      .first()
      .getByRole("link", { name: "Phương pháp đóng gói chip cấp wafer giảm cong vênh" })
      .waitFor();
    expect(await hits.first().locator("mark").allTextContents()).to.deep.equal(["chip"]);
    await screenshots(page, "demo-search");
    await page.context().close();
  });

  it("the IP office sees the assets waiting for verification and the agreements waiting for registration", async () => {
    const page = await stage.personaPage(roleAccounts.ipOffice, "/office");
    await connect(page, /Cơ quan SHTT/);
    const pending = plan.filter((p) => p.asset.story === "pending");
    for (const { asset } of pending) await rows(page, "queue-assets", "li").getByText(asset.title).waitFor();
    expect(await rows(page, "queue-assets", "li[data-asset-id]").count()).to.equal(pending.length);
    const awaiting = plan.filter((p) => p.asset.story.endsWith("-awaiting"));
    await rows(page, "queue-agreements", "li[data-agreement-id]")
      .nth(awaiting.length - 1)
      .waitFor();
    expect(await rows(page, "queue-agreements", "li[data-agreement-id]").count()).to.equal(awaiting.length);
    await screenshots(page, "demo-office");
    await page.context().close();
  });

  it("a university sees its technologies, co-owned ones included, and the offers on them", async () => {
    const page = await stage.personaPage(account("bachkhoa"), "/seller");
    await connect(page, /Thành viên/);
    const own = plan.filter(
      (p) => p.owner.key === "bachkhoa" && !p.asset.story.startsWith("assignment-registered"),
    );
    for (const { asset } of own)
      await page.locator("li[data-asset-id]").getByText(asset.title).first().waitFor();
    await page.locator("li[data-offer-id]").first().waitFor();
    await screenshots(page, "demo-seller");
    await page.context().close();
  });

  it("a company sees its agreements, and its licences with their state", async () => {
    const deals = accepted("xanh");
    const page = await stage.personaPage(account("xanh"), "/buyer");
    await connect(page, /Thành viên/);
    await page
      .locator("li[data-agreement-id]")
      .nth(deals.length - 1)
      .waitFor();
    expect(await page.locator("li[data-agreement-id]").count()).to.equal(deals.length);
    const licensed = deals.filter(
      ({ p }) => !["assignment-refused", "exclusive-awaiting"].includes(p.asset.story),
    );
    await page
      .locator("li[data-licence-id]")
      .nth(licensed.length - 1)
      .waitFor();
    expect(await page.locator("li[data-licence-id]").count()).to.equal(licensed.length);
    await page.locator("li[data-licence-id]").getByText("Độc quyền").first().waitFor();
    await screenshots(page, "demo-buyer");
    await page.context().close();
  });

  it("an auditor verifies a co-owned assignment from the chain with the demo's agreement PDF", async () => {
    const riscv = plan.find((p) => p.asset.registrationNumber === "TKBT-2024-0012")!;
    const offer = riscv.offers[0];
    const buyer = hardhatAddress(offer.buyer.account).toLowerCase();
    const agreements = await api<{
      items: { id: string; buyer: string; dealType: string; status: string }[];
    }>(`/api/agreements?buyer=${buyer}&limit=100`);
    const agreement = agreements.items.find((a) => a.dealType === "ASSIGNMENT" && a.status === "SETTLED")!;
    expect(agreement, JSON.stringify(agreements)).to.not.equal(undefined);

    const page = await stage.personaPage(roleAccounts.auditor, "/audit");
    await connect(page, /Chưa có vai trò/);
    await page.getByLabel("Số hợp đồng hoặc mã giao dịch (0x…)").fill(agreement.id);
    await page.getByLabel("Hoặc thả tệp PDF hợp đồng vào đây").setInputFiles({
      name: "hop-dong.pdf",
      mimeType: "application/pdf",
      buffer: agreementPdf(agreementOf(riscv, offer)),
    });
    await page.getByRole("button", { name: "Kiểm tra", exact: true }).click();
    await page.locator('h2[data-verdict="pass"]').waitFor();
    const outcomes = await page
      .locator("li[data-check]")
      .evaluateAll((items) =>
        items.map((item) => `${item.getAttribute("data-check")}:${item.getAttribute("data-outcome")}`),
      );
    expect(
      outcomes.every((o) => o.endsWith(":pass")),
      outcomes.join(", "),
    ).to.equal(true);
    expect(outcomes.some((o) => o.startsWith("document:"))).to.equal(true);
    await screenshots(page, "demo-auditor");
    await page.context().close();
  });
});
