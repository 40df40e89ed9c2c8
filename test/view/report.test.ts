// `node out.js --output html > report.html`: one file with everything in it, opened from disk in headless
// Chromium with no server: its tables and its export preview render, and nothing is fetched or sent.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { launchChromium, openPage, screenshot } from '../support/browser.js';
import { ROOT } from '../support/golden.js';

const run = promisify(execFile);
const NOW = '2024-05-01T12:00:00Z';

const SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-30s')
df.service = df.ctx['service']
errors = df[df.resp_status >= 400]
px.display(errors.groupby(['service', 'resp_status']).agg(count=('latency', px.count), latency_max=('latency', px.max)), 'errors')
df = df.groupby('service').agg(requests=('latency', px.count), time_=('time_', px.max))
px.export(df, px.otel.Data(endpoint=px.otel.Endpoint(url='collector:4317', headers={'x-api-key': 's3cret'}),
  resource={'service.name': df.service},
  data=[px.otel.metric.Gauge(name='http.requests', value=df.requests)]))
`;

test('--output html writes one self-contained report of the displays and the export preview, and sends nothing', async (t) => {
  t.timeout(300_000);
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-report-'));
  await writeFile(join(dir, 'report.pxl'), SCRIPT);
  await run(process.execPath, [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(dir, 'report.pxl'),
    '-o',
    join(dir, 'out.js'),
  ]);
  const { stdout, stderr } = await run(
    process.execPath,
    [join(dir, 'out.js'), '--output', 'html', '--seed', '3', '--now', NOW],
    { maxBuffer: 64 << 20 },
  );
  t.is(stderr, '', 'no export was attempted');
  await writeFile(join(dir, 'report.html'), stdout);
  t.regex(stdout, /^<!doctype html>/);
  t.notRegex(stdout, /<(script|link|img)[^>]+(src|href)="?(https?:)?\/\//i, 'no external resources');
  t.false(stdout.includes('s3cret'), 'header values never reach the report');

  const browser = await launchChromium();
  t.teardown(() => browser.close());
  const { page, errors } = await openPage(browser);
  const requests: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('file:')) requests.push(r.url());
  });
  await page.goto(pathToFileURL(join(dir, 'report.html')).href);
  await page.waitForSelector('#app[data-state="rendered"]', { timeout: 150_000 });
  t.is(await page.locator('h1').innerText(), 'report');
  const rows = await page.locator('[data-widget="errors"] tbody tr').count();
  t.true(rows > 0);
  t.is(await page.locator('[data-widget="errors"]').getAttribute('data-rows'), String(rows));
  // Cells read as in the terminal's table of the same run: durations in their unit (145 ms), not in ns.
  // The displays alone (a run of the whole script would also try to export).
  await writeFile(join(dir, 'displays.pxl'), SCRIPT.slice(0, SCRIPT.indexOf('df = df.groupby')));
  await run(process.execPath, [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(dir, 'displays.pxl'),
    '-o',
    join(dir, 'displays.js'),
  ]);
  const terminal = (await run(process.execPath, [join(dir, 'displays.js'), '--seed', '3', '--now', NOW])).stdout;
  const termLatency = terminal
    .split('\n\n')[0]!
    .split('\n')
    .slice(3)
    .map((l) => l.trim().split(/\s{2,}/)[3]);
  const pageLatency = await page.locator('[data-widget="errors"] tbody tr td:nth-child(4)').allInnerTexts();
  t.deepEqual(pageLatency, termLatency);
  t.regex(pageLatency[0]!, /^\d+(\.\d)? (µs|ms|s)$/);
  const points = page.locator('[data-table="points"] tbody tr');
  t.true((await points.count()) > 0);
  t.is((await points.first().locator('td').allInnerTexts())[1], 'http.requests');
  t.is(await page.locator('[data-testid="send"]').count(), 0, 'a report has no send button');
  await screenshot(page, 'html-report');
  t.deepEqual(
    requests.filter((u) => !u.startsWith('data:') && !u.startsWith('blob:')),
    [],
  );
  t.deepEqual(errors, []);
  t.true((await readFile(join(dir, 'report.html'), 'utf8')).length < 4 << 20);
});
