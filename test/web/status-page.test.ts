import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { loadConfig } from "../../server/src/config.ts";
import { startExchange, type RunningExchange } from "../../server/src/exchange.ts";
import { browserAvailable, launchBrowser } from "./helpers/browser.ts";

describe("Status page in a real browser", function () {
  this.timeout(120_000);
  let exchange: RunningExchange;
  let dataDir: string;

  before(async function () {
    if (!browserAvailable()) this.skip();
    dataDir = mkdtempSync(path.join(os.tmpdir(), "techex-web-"));
    exchange = await startExchange(
      loadConfig({ PORT: "0", CHAIN_PORT: "0", DATA_DIR: dataDir, DEMO_DATA: "false", LOG_LEVEL: "warn" }),
    );
  });

  after(async function () {
    await exchange?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("shows the chain id, the latest block and a working embedded database", async function () {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 375, height: 700 } });
      await page.goto(`${exchange.url}/status`);
      await page.locator("#chain-id", { hasText: "31337" }).waitFor();
      expect(await page.locator("#latest-block").textContent()).to.match(/^\d+$/);
      expect(await page.locator("#database").textContent())
        .to.contain("embedded")
        .and.contain("ok");
      mkdirSync("test-results", { recursive: true });
      await page.screenshot({ path: "test-results/status-page-phone.png" });
    } finally {
      await browser.close();
    }
  });
});
