// Headless Chromium from Debian's `chromium` package (npm test installs it), driven by playwright-core: no browser
// is ever downloaded. Every page records its console errors and uncaught exceptions, which tests assert empty.

import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from './golden.js';

export const CHROMIUM = process.env['PXLC_CHROMIUM'] ?? '/usr/bin/chromium';

/** Screenshots the browser tests write, for people to look at (CI keeps the folder as an artifact). */
export const SCREENSHOT_DIR = join(ROOT, 'test-artifacts', 'screenshots');

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `no Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium), as npm test does when run as root`,
    );
  }
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions so far. */
  readonly errors: string[];
}

export async function openPage(browser: Browser, width = 1400, height = 1000): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width, height } });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
