/**
 * Headless Chromium (Debian's) driven by playwright-core, and screenshots of the consoles.
 * Flags as the machine notes advise: no sandbox (root), and no background networking (the
 * network is closed; Chromium would otherwise keep trying Google's hosts).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where the tests leave their screenshots (test-output/ is git-ignored). */
export const SCREENSHOT_DIR = join(process.cwd(), 'test-output', 'screenshots');

export interface TestBrowser {
  /** A fresh context (its own cookies) with one page. */
  newPage(): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/** `locale` and `timezoneId` are the browser's own (default en-GB in Shanghai); the consoles must not depend on them. */
export async function launchBrowser(opts: { locale?: string; timezoneId?: string } = {}): Promise<TestBrowser> {
  // Playwright gives each launch a fresh, temporary user-data-dir of its own.
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
  return {
    async newPage() {
      const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: opts.locale ?? 'en-GB', timezoneId: opts.timezoneId ?? 'Asia/Shanghai' });
      context.setDefaultTimeout(10_000);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      await browser.close().catch(() => undefined);
    },
  };
}

/** Saves a full-page screenshot as test-output/screenshots/<name>.png; returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
