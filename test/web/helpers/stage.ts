// What every browser story needs: a running exchange (embedded chain and database) with the web app
// served in front of it, a browser, one page per persona with its own injected wallet, and the
// operator's part done directly (members admitted, the buyer funded). Plus the few assertions the
// stories share: a transaction mined, screenshots at desktop and phone width.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect } from "chai";
import { Contract, JsonRpcProvider, id as keccakText } from "ethers";
import type { Browser, Page } from "playwright-core";
import { abis, type DeploymentRecord } from "../../../generated/techex.ts";
import { loadConfig } from "../../../server/src/config.ts";
import { startExchange, type RunningExchange } from "../../../server/src/exchange.ts";
import { launchBrowser } from "./browser.ts";
import { hardhatAccount, injectWallet, type WalletOptions } from "./wallet.ts";
import { buildWebApp, serveBuiltApp, type WebServer } from "./webapp.ts";

/** Hardhat accounts: 0–3 hold the deployment's roles (admin, IP office, pauser, treasury). */
export const ACCOUNTS = { admin: 0, ipOffice: 1, seller: 4, buyer: 5, coOwner: 6, auditor: 7 } as const;

/** What `admitMembersAndFund` gives the buyer, in tVND. */
export const BUYER_FUNDS = 10_000_000_000n;

/** Screenshots and other artifacts of the browser tests (gitignored). */
export const ARTIFACTS_DIR = "test-results";

export interface Stage {
  exchange: RunningExchange;
  web: WebServer;
  browser: Browser;
  deployment: DeploymentRecord;
  /** A new browser context with `account`'s wallet, at `url` (1280 × 900). */
  personaPage(account: number, url: string, wallet?: WalletOptions): Promise<Page>;
  close(): Promise<void>;
}

/**
 * An exchange for a browser story. By default an empty one, where the operator has admitted the
 * seller and buyer and funded the buyer; with `demo` the demo exchange `npm start` seeds.
 */
export async function startStage(name: string, options: { demo?: boolean } = {}): Promise<Stage> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `techex-web-${name}-`));
  const closers: (() => Promise<unknown>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const close = async () => {
    for (const closeNext of closers.reverse()) await closeNext().catch(() => undefined);
  };
  try {
    const [exchange] = await Promise.all([
      // an empty exchange (no demo organisations or deals) unless asked: each story sets up what it reads
      startExchange(
        loadConfig({
          PORT: "0",
          CHAIN_PORT: "0",
          DATA_DIR: dataDir,
          DEMO_DATA: options.demo ? "true" : "false",
          LOG_LEVEL: "warn",
        }),
      ),
      buildWebApp(),
    ]);
    closers.push(() => exchange.close());
    const web = await serveBuiltApp(exchange.url);
    closers.push(() => web.close());
    const deployment = options.demo ? await deploymentOf(exchange) : await admitMembersAndFund(exchange);
    const browser = await launchBrowser();
    closers.push(() => browser.close());
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    return {
      exchange,
      web,
      browser,
      deployment,
      async personaPage(account, url, wallet = {}) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
        await injectWallet(context, exchange.rpcUrl, account, wallet);
        const page = await context.newPage();
        await page.goto(`${web.url}${url}`);
        return page;
      },
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Connects the page's injected wallet and waits for the roles the contracts grant it. */
export async function connect(page: Page, role: RegExp) {
  await page.getByRole("region", { name: "Ví" }).getByRole("button", { name: "Kết nối Test Wallet" }).click();
  await page.getByTestId("roles").filter({ hasText: role }).waitFor();
}

/** The page's transaction announcer reports the latest transaction mined (or says why it failed). */
export async function expectMined(page: Page) {
  const outcome = page.locator('#tx-announcer [data-phase="mined"], #tx-announcer [data-phase="failed"]');
  await outcome.waitFor({ timeout: 30_000 });
  const phase = await outcome.getAttribute("data-phase");
  expect(phase, (await outcome.textContent()) ?? "").to.equal("mined");
}

/** Full-page screenshots at 1280 and 375 px: `<ARTIFACTS_DIR>/web-<name>-{desktop,phone}.png`. */
export async function screenshots(page: Page, name: string) {
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 800 : 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `${name} at ${width} px scrolls sideways`).to.be.at.most(0);
    await page.screenshot({
      path: path.join(ARTIFACTS_DIR, `web-${name}-${width === 375 ? "phone" : "desktop"}.png`),
      fullPage: true,
    });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

async function deploymentOf(exchange: RunningExchange): Promise<DeploymentRecord> {
  const status = (await (await fetch(`${exchange.url}/api/status`)).json()) as {
    deployment: DeploymentRecord;
  };
  return status.deployment;
}

/** The operator's part, done directly: admit the seller and buyer, and fund the buyer with tVND. */
async function admitMembersAndFund(exchange: RunningExchange): Promise<DeploymentRecord> {
  const status = { deployment: await deploymentOf(exchange) };
  const provider = new JsonRpcProvider(exchange.rpcUrl, undefined, { staticNetwork: true });
  try {
    const admin = hardhatAccount(ACCOUNTS.admin, provider);
    const membership = new Contract(status.deployment.addresses.membership, abis.Membership, admin);
    const token = new Contract(status.deployment.addresses.token, abis.TestVnd, admin);
    let nonce = await provider.getTransactionCount(admin.address, "latest");
    for (const account of [ACCOUNTS.seller, ACCOUNTS.buyer]) {
      const address = hardhatAccount(account, provider).address;
      await (await membership.admit(address, keccakText(`profile:${address}`), { nonce: nonce++ })).wait();
    }
    await (
      await token.mint(hardhatAccount(ACCOUNTS.buyer, provider).address, BUYER_FUNDS, { nonce: nonce++ })
    ).wait();
  } finally {
    provider.destroy();
  }
  return status.deployment;
}
