// Debian's Chromium driven by playwright-core. Playwright's own browser download cannot work
// offline, so the browser is the system one; when it is missing, CI fails with what to install
// and a developer's run skips the browser tests saying so. Playwright gives every launch a fresh,
// empty profile of its own.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const chromiumPath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export const missingBrowserMessage =
  `No Chromium at ${chromiumPath}. Install it with: apt-get update && apt-get install -y chromium ` +
  `(or set CHROMIUM_PATH to a Chromium binary).`;

export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === "true") throw new Error(missingBrowserMessage);
  console.warn(`  skipping browser tests: ${missingBrowserMessage}`);
  return false;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
