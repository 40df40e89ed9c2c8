// Export accounting that cannot be wrong: an acknowledgement after the client's deadline is reported as possibly
// duplicated, not silently counted once; the spool is written atomically, locked against two `pxlc resend` at once,
// and a damaged spool is reported entry by entry while the rest is still sent.

import test from 'ava';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector, type ReceivedCollector } from '../../src/collector/server.js';
import { main } from '../../src/cli/main.js';
import { exportTable } from '../../src/runtime/otel/exporter.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { lockSpool } from '../../src/runtime/otel/spool.js';
import { makeTable } from '../../src/runtime/table.js';

const n = 30;
const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'v', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.from({ length: n }, (_, i) => 1_700_000_000_000_000_000n + BigInt(i)),
    Float64Array.from({ length: n }, (_, i) => i),
  ],
  n,
);

const spec = (port: number, timeoutSeconds = 20): OTelExportSpec => ({
  endpoint: { url: `127.0.0.1:${port}`, headers: [], insecure: true, timeoutSeconds },
  resource: [{ key: 'service.name', value: { kind: 'string', value: 'accounting' } }],
  data: [
    {
      kind: 'gauge',
      name: 'g',
      description: '',
      unit: '',
      value: { column: 'v', dataType: 'FLOAT64' },
      attributes: [],
    },
  ],
});

const points = (c: ReceivedCollector) =>
  c.metrics.flatMap((r) =>
    r.resourceMetrics.flatMap((rm) =>
      rm.scopeMetrics.flatMap((sm) => sm.metrics.flatMap((m) => m.gauge?.dataPoints ?? [])),
    ),
  ).length;

test('an acknowledgement after the deadline: the retry is delivered, and the points are reported as possibly duplicated', async (t) => {
  // The first request is kept at once but answered after 2.5 s, past the client's 1 s deadline; the retry is answered at once.
  const c = await startCollector({ faults: (k) => (k === 0 ? { delayMs: 2500 } : undefined) });
  try {
    const r = await exportTable(spec(c.port, 1), table, { batchRows: 30, environment: {} });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed, r.maybeDuplicated, r.outcomeUnknown], [30, 0, 30, 0]);
    t.is(points(c), 60, 'the collector did get them twice');
  } finally {
    c.kill();
  }
});

test('no acknowledgement before any deadline: not delivered, and reported as sent with an unknown outcome', async (t) => {
  const c = await startCollector({ faults: () => ({ delayMs: 4000 }) });
  try {
    const r = await exportTable(spec(c.port, 1), table, { batchRows: 30, environment: {} });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed, r.outcomeUnknown], [0, 30, 30]);
  } finally {
    c.kill();
  }
});

async function spoolOf(n: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-spool-'));
  const down = await startCollector();
  await down.stop();
  const r = await exportTable(spec(down.port), table, { batchRows: n, spoolDir: dir, environment: {} });
  if (r.spooled !== 30) throw new Error(`spooled ${r.spooled}`);
  return dir;
}

test('spool entries are written whole: no temporary files remain, every request has its description', async (t) => {
  const dir = await spoolOf(10);
  const files = (await readdir(dir)).sort();
  t.is(files.length, 6);
  t.false(files.some((f) => f.endsWith('.tmp')));
  t.deepEqual(
    files.filter((f) => f.endsWith('.json')).map((f) => f.replace(/\.json$/, '.otlp')),
    files.filter((f) => f.endsWith('.otlp')),
  );
});

test('two pxlc resend on one spool: the second refuses while the first holds the lock', async (t) => {
  const dir = await spoolOf(10);
  const release = await lockSpool(dir);
  const c = await startCollector();
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => {
    stderr.push(String(s));
    return true;
  }) as typeof process.stderr.write;
  try {
    t.is(await main(['resend', dir, '--endpoint', `127.0.0.1:${c.port}`, '--insecure']), 1);
    t.regex(stderr.join(''), new RegExp(`another pxlc resend \\(process ${process.pid}\\) is re-sending`));
    t.is(points(c), 0);
    await release();
    t.is(await main(['resend', dir, '--endpoint', `127.0.0.1:${c.port}`, '--insecure']), 0);
    t.is(points(c), 30);
    t.deepEqual(await readdir(dir), []);
  } finally {
    process.stderr.write = write;
    await c.stop();
  }
});

test('a damaged spool: each bad entry is reported and skipped, the rest is sent, exit 1', async (t) => {
  const dir = await spoolOf(5); // six entries of 5 points
  const names = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  await writeFile(join(dir, names[0]!), '{"signal": "metrics", "items": 5,'); // corrupt JSON
  await rm(join(dir, names[1]!.replace(/\.json$/, '.otlp'))); // missing request
  const meta = JSON.parse(await readFile(join(dir, names[2]!), 'utf8')) as Record<string, unknown>;
  await writeFile(join(dir, names[2]!), JSON.stringify({ ...meta, items: 'five' })); // items not a number
  await rm(join(dir, names[3]!)); // orphan request
  const c = await startCollector();
  const stderr: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((s: string) => {
    stderr.push(String(s));
    return true;
  }) as typeof process.stderr.write;
  try {
    t.is(await main(['resend', dir, '--endpoint', `127.0.0.1:${c.port}`, '--insecure']), 1);
    const out = stderr.join('');
    t.regex(out, new RegExp(`${names[0]}: not a valid spool description \\(corrupt JSON\\): skipped`));
    t.regex(out, new RegExp(`${names[1]}: its request .*\\.otlp is missing: skipped`));
    t.regex(out, new RegExp(`${names[2]}: its item count is not a whole number: skipped`));
    t.regex(out, new RegExp(`${names[3]!.replace(/\.json$/, '.otlp')}: has no description .* skipped`));
    t.regex(out, /re-sent 10 metric points to 127\.0\.0\.1:\d+ in 2 requests/);
    t.regex(out, /4 damaged spool entries were skipped/);
    t.notRegex(out, /NaN|internal error/);
    t.is(points(c), 10);
  } finally {
    process.stderr.write = write;
    await c.stop();
  }
});
