// A group-by fed by a data file through filters and maps runs batch by batch as the file is read (the run keeps one
// state per group, not the rows): the same rows as the whole-table path, whatever the batch size, and a bad value
// in a later batch is still an error naming its file, line and column. Batches are 7 rows here (PXLC_BATCH_ROWS),
// so every file crosses hundreds of batch boundaries.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../src/index.js';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import { dictionaryOf } from '../../src/runtime/ops/dictionary.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import type { Table } from '../../src/runtime/table.js';
import type { Schema } from '../../src/core/types.js';
import { rows } from '../runtime/ops-fixture.js';
import { compileScript } from '../support/compiled.js';

process.env['PXLC_BATCH_ROWS'] = '7';

const T0 = 1_767_225_600_000_000_000n;
const NOW = T0 + 3_000_000_000n;
const PATHS = ['/', '/api/users', '/api/orders', '/healthz', '/login'];

/** 2000 requests, one per millisecond from T0, as CSV (or NDJSON) lines; `bad` replaces one row's latency text. */
function httpEvents(format: 'csv' | 'ndjson', n = 2000, bad?: { row: number; latency: string }): string {
  const lines = format === 'csv' ? ['time_,req_path,resp_status,latency,remote_addr'] : [];
  for (let i = 0; i < n; i++) {
    const time = T0 + BigInt(i) * 1_000_000n;
    const path = PATHS[(i * 7) % PATHS.length]!;
    const status = [200, 200, 404, 500, 503][(i * 13) % 5]!;
    // Latencies whose sums in a double depend on the order they are added in.
    const latency = bad?.row === i ? bad.latency : String(((i * 7919) % 100_003) * 1_000_003 + (i % 3));
    const addr = `10.0.${i % 3}.${(i * 11) % 17}`;
    lines.push(
      format === 'csv'
        ? `${time},${path},${status},${latency},${addr}`
        : `{"time_":${time},"req_path":"${path}","resp_status":${status},"latency":${latency},"remote_addr":"${addr}"}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function dataDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-streamed-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const SCRIPTS: Record<string, string> = {
  'a filter fused into a two-key group-by': `import px
df = px.DataFrame(table='http_events', start_time='-1h')
df = df[df.resp_status >= 400]
df = df.groupby(['req_path', 'resp_status']).agg(n=('latency', px.count), total=('latency', px.sum), worst=('latency', px.max),
  best=('latency', px.min), mean=('latency', px.mean), addr=('remote_addr', px.any), last=('time_', px.max))
px.display(df, 'out')
`,
  'maps and a filter before a group-by on a computed key, summing doubles': `import px
df = px.DataFrame(table='http_events', start_time='-1h')
df.ms = df.latency / 1000000.0
df.slow = df.ms > 50000.0
df = df[df.req_path != '/healthz']
df = df.groupby(['slow', 'resp_status']).agg(ms=('ms', px.sum), mean=('ms', px.mean), top=('ms', px.max), errors=('slow', px.sum))
px.display(df, 'out')
`,
  'a group-by straight on the source, the time window dropping the first rows': `import px
df = px.DataFrame(table='http_events', start_time='-1500ms')
df = df.groupby('remote_addr').agg(n=('latency', px.count), first=('time_', px.min))
px.display(df, 'out')
`,
  'no group columns, and a filter that keeps no row': `import px
df = px.DataFrame(table='http_events', start_time='-1h')
df = df[df.resp_status > 999]
df = df.groupby([]).agg(n=('latency', px.count), total=('latency', px.sum), mean=('latency', px.mean))
px.display(df, 'out')
`,
  'exact quantiles, which hold their input (the whole table is read)': `import px
df = px.DataFrame(table='http_events', start_time='-1h')
df = df.groupby('req_path').agg(q=('latency', px.quantiles), n=('latency', px.count))
px.display(df, 'out')
`,
};

/** The same script with the group-by's input also displayed: nothing can be streamed, every step sees the whole table. */
const wholeTable = (text: string) =>
  text.replace('df = df.groupby(', "px.display(df[['req_path']].head(1), 'input')\ndf = df.groupby(");

async function run(text: string, dir: string): Promise<Table> {
  const script = await compileScript(text);
  const result = await script.run({ data: dir, now: NOW });
  return result.tables.find((t) => t.name === 'out')!.table;
}

for (const format of ['csv', 'ndjson'] as const) {
  for (const [name, text] of Object.entries(SCRIPTS)) {
    test(`${format}: ${name}: the same rows streamed in batches of 7 as from the whole table`, async (t) => {
      t.regex(compile({ path: 's.pxl', text }).js!, /rt\.aggregateBatches\(env\.sourceBatches\('http_events'/);
      t.notRegex(compile({ path: 's.pxl', text: wholeTable(text) }).js!, /aggregateBatches/);
      const dir = await dataDir({ [`http_events.${format}`]: httpEvents(format) });
      const streamed = await run(text, dir);
      const whole = await run(wholeTable(text), dir);
      t.deepEqual(rows(streamed), rows(whole));
      t.true(streamed.length > 0);
    });
  }
}

test("the groups of a streamed group-by come in first-seen order over the file, with every batch's rows", async (t) => {
  const dir = await dataDir({ 'http_events.csv': httpEvents('csv', 40) });
  const out = await run(
    SCRIPTS['a group-by straight on the source, the time window dropping the first rows']!.replace(
      "'-1500ms'",
      "'-1h'",
    ),
    dir,
  );
  // remote_addr 10.0.(i % 3).((i * 11) % 17): the first 40 rows hold 40 distinct addresses, one per row.
  t.deepEqual(rows(out).slice(0, 4), [
    ['10.0.0.0', 1n, T0],
    ['10.0.1.11', 1n, T0 + 1_000_000n],
    ['10.0.2.5', 1n, T0 + 2_000_000n],
    ['10.0.0.16', 1n, T0 + 3_000_000n],
  ]);
  t.is(out.length, 40);
});

for (const format of ['csv', 'ndjson'] as const) {
  test(`${format}: a bad value in batch 9 stops the streamed run with its file, line and column`, async (t) => {
    // Row 60 is in the 9th batch of 7 rows; CSV has a header line before it.
    const dir = await dataDir({
      [`http_events.${format}`]: httpEvents(format, 100, { row: 60, latency: format === 'csv' ? '12ms' : '"12ms"' }),
    });
    const e = await t.throwsAsync(run(SCRIPTS['a filter fused into a two-key group-by']!, dir), {
      instanceOf: PxlRuntimeError,
    });
    const line = format === 'csv' ? 62 : 61;
    t.is(
      e?.message.replaceAll(dir, 'DIR'),
      `DIR/http_events.${format}:${line}: column 'latency': "12ms" is not an INT64 (write a whole number such as 42)`,
    );
  });
}

test('a file read in batches gives the rows of the whole read, string codes continuing one dictionary', async (t) => {
  const dir = await dataDir({ 'http_events.csv': httpEvents('csv', 100) });
  const { source } = await loadDirectory(dir);
  const schema: Schema = [
    { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'latency', dataType: 'INT64', semanticType: 'ST_NONE' },
  ];
  const batches: Table[] = [];
  await source.readBatches!({ table: 'http_events', schema }, (b) => batches.push(b));
  t.deepEqual(
    batches.map((b) => b.length),
    [...Array(14).fill(7), 2],
  );
  t.deepEqual(batches.flatMap(rows), rows(await source.read({ table: 'http_events', schema })));
  const dictionaries = new Set(batches.map((b) => dictionaryOf(b.columns[0]!)!.values));
  t.is(dictionaries.size, 1);
  t.deepEqual([...dictionaries][0], ['/', '/api/orders', '/login', '/api/users', '/healthz']);
});
