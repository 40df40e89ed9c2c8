// `pxlc view` in a real browser: the page the server gives, drawn by headless Chromium, checked for marks in every
// chart, rows in every table, no console errors, re-running on a variable change, and the export preview.

import test from 'ava';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { startViewServer, type ViewServer } from '../../src/view/server.js';
import { launchChromium, openPage, screenshot } from '../support/browser.js';
import { ROOT } from '../support/golden.js';

let browser: Browser;
const servers: ViewServer[] = [];

test.before(async () => {
  browser = await launchChromium();
});
test.after.always(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => s.close()));
});

async function serve(path: string): Promise<string> {
  const s = await startViewServer({ path, port: 0 });
  servers.push(s);
  return s.url;
}

const rendered = '#app[data-state="rendered"]';
/** Compiling and running on a busy shared machine can take a while; a quiet one takes a few seconds. */
const LOAD_MS = 150_000;

test('the tutorial script: the export preview lists its http.throughput gauge points, with no console errors', async (t) => {
  t.timeout(LOAD_MS * 2);
  const url = await serve(join(ROOT, 'examples', 'http_throughput.pxl'));
  const { page, errors } = await openPage(browser);
  await page.goto(url);
  await page.waitForSelector(rendered, { timeout: LOAD_MS });
  const preview = page.locator('[data-testid="exports"]');
  t.regex(
    await preview.locator('h3').first().innerText(),
    /px\.export 1 → otel-collector\.observability\.svc\.cluster\.local:4317/,
  );
  const points = preview.locator('[data-table="points"] tbody tr');
  t.true((await points.count()) > 0);
  const first = await points.first().locator('td').allInnerTexts();
  // resource, metric, kind, time, value, attributes, unit
  t.is(first[1], 'http.throughput');
  t.is(first[2], 'gauge');
  t.regex(first[5]!, /^req_path=\//);
  t.true((await preview.locator('[data-table="resources"] tbody tr').count()) > 0);
  t.regex((await preview.locator('details pre').textContent()) ?? '', /"resourceMetrics"/);
  t.false((await page.content()).includes('12345'), 'the API key header value is never shown');
  await screenshot(page, 'tutorial-export-preview');
  t.deepEqual(errors, []);
});

test('a multi-widget vis spec draws its time series, bar chart, service map and table', async (t) => {
  t.timeout(LOAD_MS * 2);
  const url = await serve(join(ROOT, 'examples', 'views', 'http_overview'));
  const { page, errors } = await openPage(browser);
  await page.goto(url);
  await page.waitForSelector(rendered, { timeout: LOAD_MS });
  const widget = (name: string) => page.locator(`[data-widget="${name}"]`);
  for (const name of ['Request throughput', 'Mean latency', 'Status codes', 'Service map', 'Recent requests']) {
    t.is(await widget(name).getAttribute('data-state'), 'rendered', name);
  }
  t.true((await widget('Request throughput').locator('svg .mark-area path').count()) > 0);
  t.true((await widget('Mean latency').locator('svg .mark-line path').count()) > 0);
  t.true((await widget('Status codes').locator('svg .mark-rect path').count()) > 0);
  const graph = widget('Service map').locator('.px-graph');
  t.true(Number(await graph.getAttribute('data-nodes')) > 1);
  t.true(Number(await graph.getAttribute('data-edges')) > 0);
  t.true((await graph.locator('canvas').count()) > 0);
  t.is(await widget('Recent requests').locator('tbody tr').count(), 20);
  await screenshot(page, 'http-overview');
  t.deepEqual(errors, []);
});

test('changing a variable of a vis spec runs its functions again with the new value', async (t) => {
  t.timeout(LOAD_MS * 2);
  const url = await serve(join(ROOT, 'examples', 'views', 'http_overview'));
  const { page, errors } = await openPage(browser);
  await page.goto(url);
  await page.waitForSelector(rendered, { timeout: LOAD_MS });
  t.is(await page.locator('[data-widget="Recent requests"] tbody tr').count(), 20);
  await page.selectOption('select[name="max_rows"]', '10');
  await page.waitForFunction(
    () => document.querySelectorAll('[data-widget="Recent requests"] tbody tr').length === 10,
    undefined,
    { timeout: LOAD_MS },
  );
  await page.waitForSelector(rendered);
  t.regex(page.url(), /max_rows=10/);
  await page.fill('input[name="namespace"]', 'sock-shop');
  await page.dispatchEvent('input[name="namespace"]', 'change');
  await page.waitForFunction(
    () =>
      [...document.querySelectorAll('[data-widget="Recent requests"] tbody tr td:nth-child(2)')].every((td) =>
        td.textContent!.startsWith('sock-shop/'),
      ),
    undefined,
    { timeout: LOAD_MS },
  );
  t.deepEqual(errors, []);
});
