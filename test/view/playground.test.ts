// The playground in headless Chromium, as `npm run playground:build` writes it and `pxlc view --playground`
// serves it: the compiler and runtime run in the page. A misspelt column is marked at its column as you type;
// fixing it runs the script on the demo data and shows what its px.export would send.

import test from 'ava';
import { startViewServer, type ViewServer } from '../../src/view/server.js';
import { PLAYGROUND_DIR } from '../../src/cli/view-command.js';
import type { Browser } from 'playwright-core';
import { launchChromium, openPage, screenshot } from '../support/browser.js';

let browser: Browser;
let server: ViewServer;
const LOAD_MS = 150_000;

test.before(async () => {
  browser = await launchChromium();
  server = await startViewServer({ playgroundDir: PLAYGROUND_DIR, port: 0 });
});
test.after.always(async () => {
  await browser?.close();
  await server?.close();
});

const TUTORIAL_MISSPELT = `import px
df = px.DataFrame(table='http_events', start_time='-10s')
df.pod = df.ctx['pod']
df = df.groupby(['pod', 'req_path']).agg(throughput=('latency', px.count), time_=('time_', px.max))
df.requests_per_s = df.thruput / 10
px.export(df, px.otel.Data(
  endpoint=px.otel.Endpoint(url='otel-collector:4317'),
  resource={'service.name': df.pod},
  data=[px.otel.metric.Gauge(name='http.throughput', value=df.requests_per_s, attributes={'req_path': df.req_path})],
))
`;

test('a misspelt column is marked at its column as you type; fixing it runs the script and previews its gauge points', async (t) => {
  t.timeout(LOAD_MS * 2);
  const { page, errors } = await openPage(browser);
  await page.goto(`${server.url}playground/`);
  // The first example (the tutorial) runs as soon as the page opens.
  await page.waitForSelector('[data-testid="status"].ok', { timeout: LOAD_MS });
  t.true((await page.locator('[data-table="points"] tbody tr').count()) > 0);
  await screenshot(page, 'playground-tutorial');

  await page.locator('.cm-content').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText(TUTORIAL_MISSPELT);
  const mark = page.locator('.cm-lintRange-error');
  await mark.first().waitFor({ timeout: LOAD_MS });
  t.is(await mark.count(), 1);
  t.is(await mark.innerText(), 'thruput');
  const listed = await page.locator('[data-testid="diagnostics"] li').allInnerTexts();
  t.deepEqual(listed, ["5:24: error: Column 'thruput' not found in parent dataframe"]);
  await page.waitForSelector('[data-testid="status"].failed', { timeout: LOAD_MS });
  await screenshot(page, 'playground-diagnostic');

  await mark.dblclick();
  await page.keyboard.type('throughput');
  await page.waitForSelector('[data-testid="status"].ok', { timeout: LOAD_MS });
  t.is(await mark.count(), 0);
  t.deepEqual(await page.locator('[data-testid="diagnostics"] li').allInnerTexts(), []);
  const points = page.locator('[data-table="points"] tbody tr');
  t.true((await points.count()) > 0);
  t.is((await points.first().locator('td').allInnerTexts())[1], 'http.throughput');
  t.deepEqual(errors, []);
});
