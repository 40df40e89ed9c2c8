// Where rows come from: the demo generator, a --data directory and tables handed in by a service.
// Bad data is an error naming the file and line, never a silently dropped or zeroed row.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { DemoSource } from '../../src/runtime/sources/demo-source.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { InMemorySource } from '../../src/runtime/sources/in-memory-source.js';
import { writeDemoData } from '../../src/runtime/sources/write-demo.js';
import { CsvParser, parseCsv } from '../../src/runtime/sources/csv.js';
import type { Schema } from '../../src/core/types.js';

const NOW = 1_767_225_600_000_000_000n;
const HTTP: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'resp_status', dataType: 'INT64', semanticType: 'ST_HTTP_RESP_STATUS' },
  { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
];

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-data-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

test('demo http_events cover the last ten seconds with exact, ascending nanosecond times', async (t) => {
  const source = new DemoSource(demoCluster(1), { nowNs: NOW });
  const all = await source.read({ table: 'http_events', schema: HTTP });
  const recent = await source.read({ table: 'http_events', schema: HTTP, startNs: NOW - 10_000_000_000n, endNs: NOW });
  // The default read is the last 5 minutes of the recording: about 6000 rows at the default rate, which swings.
  t.true(all.length > 4000 && all.length < 9000, String(all.length));
  t.true(recent.length > 100 && recent.length < 400, String(recent.length));
  const times = recent.columns[0] as BigInt64Array;
  for (let i = 1; i < times.length; i++) t.true(times[i]! >= times[i - 1]!);
  t.true(
    times.some((x) => x % 1_000_000n !== 0n),
    'sub-millisecond digits',
  );
  t.true((recent.columns[2] as string[]).includes('/cart'));
  t.true((recent.columns[4] as BigInt64Array).every((l) => l > 0n));
});

test('demo data is the same for the same seed and now', async (t) => {
  const read = () =>
    new DemoSource(demoCluster(2), { nowNs: NOW, seed: 2 }).read({ table: 'http_events', schema: HTTP });
  t.deepEqual((await read()).columns, (await read()).columns);
});

test('a CSV data directory is read with the script schema and the time window', async (t) => {
  const dir = await tempDir({
    'http_events.csv':
      'time_,upid,req_path,resp_status,latency,extra\n' +
      '2026-01-01T00:00:00.000000001Z,1:200:300,/a,200,1500,x\n' +
      '1767225605000000000,00000001-0000-00c8-0000-00000000012c,"/b,c",500,2500,y\n',
  });
  const { source } = await loadDirectory(dir);
  const t1 = await source.read({ table: 'http_events', schema: HTTP });
  t.deepEqual([...(t1.columns[0] as BigInt64Array)], [NOW + 1n, NOW + 5_000_000_000n]);
  t.deepEqual(t1.columns[1], [(1n << 96n) | (200n << 64n) | 300n, (1n << 96n) | (200n << 64n) | 300n]);
  t.deepEqual(t1.columns[2], ['/a', '/b,c']);
  const windowed = await source.read({ table: 'http_events', schema: HTTP, startNs: NOW + 2n });
  t.is(windowed.length, 1);
  t.deepEqual(source.timeRange?.('http_events'), { min: NOW + 1n, max: NOW + 5_000_000_000n });
});

test('a bad value names the file and line', async (t) => {
  const dir = await tempDir({
    'http_events.csv': 'time_,upid,req_path,resp_status,latency\n1,1:2:3,/a,200,10\n2,1:2:3,/b,OK,10\n',
  });
  const { source } = await loadDirectory(dir);
  const e = await t.throwsAsync(source.read({ table: 'http_events', schema: HTTP }), { instanceOf: PxlRuntimeError });
  t.is(
    e?.message,
    `${join(dir, 'http_events.csv')}:3: column 'resp_status': "OK" is not an INT64 (write a whole number such as 42)`,
  );
});

test('a missing column is an error that says how to read fewer columns', async (t) => {
  const dir = await tempDir({ 'http_events.jsonl': '{"time_":1,"upid":"1:2:3","req_path":"/a"}\n' });
  const { source } = await loadDirectory(dir);
  const e = await t.throwsAsync(source.read({ table: 'http_events', schema: HTTP }), { instanceOf: PxlRuntimeError });
  t.regex(e?.message ?? '', /has no columns 'resp_status', 'latency'/);
  t.regex((e as PxlRuntimeError).hints.join(' '), /select=\[/);
});

test('metadata.json is validated with the path of what is wrong', async (t) => {
  const dir = await tempDir({
    'metadata.json': JSON.stringify({ pods: [{ id: 'p', namespace: 'n', name: 'x', node: 'n1' }] }),
  });
  const e = await t.throwsAsync(loadDirectory(dir), { instanceOf: PxlRuntimeError });
  t.is(e?.message, `${join(dir, 'metadata.json')}: pods[0].ip: missing`);
});

test('pxlc demo-data output reads back as a data directory', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-demo-'));
  const files = await writeDemoData(dir, { nowNs: NOW, rows: 50, seed: 3 });
  t.true(files.some((f) => f.endsWith('http_events.csv')));
  const { source, cluster } = await loadDirectory(dir);
  t.deepEqual(cluster, demoCluster(3));
  const fromFiles = await source.read({ table: 'http_events', schema: HTTP });
  const fromDemo = await new DemoSource(demoCluster(3), { nowNs: NOW, rowsPerTable: 50, seed: 3 }).read({
    table: 'http_events',
    schema: HTTP,
  });
  t.deepEqual(fromFiles.columns, fromDemo.columns);
});

test('a service may pass rows, columns or a danfo-shaped frame', async (t) => {
  const schema = HTTP.slice(2);
  const source = new InMemorySource({
    rows: [{ req_path: '/a', resp_status: 200, latency: 10n }],
    cols: { req_path: ['/a', '/b'], resp_status: [200, 404], latency: ['9007199254740993', 1] },
    frame: { columns: ['req_path', 'resp_status', 'latency'], values: [['/x', 201, 5]] },
  });
  t.deepEqual((await source.read({ table: 'rows', schema })).columns, [
    ['/a'],
    BigInt64Array.of(200n),
    BigInt64Array.of(10n),
  ]);
  t.deepEqual((await source.read({ table: 'cols', schema })).columns[2], BigInt64Array.of(9007199254740993n, 1n));
  t.deepEqual((await source.read({ table: 'frame', schema })).columns[0], ['/x']);
  const e = await t.throwsAsync(
    source
      .read({ table: 'rows', schema: [{ name: 'latency', dataType: 'INT64', semanticType: 'ST_NONE' }, ...schema] })
      .then(() => source.read({ table: 'http_events', schema })),
  );
  t.regex(e?.message ?? '', /no such table was passed to run\(\)/);
});

test('an integer JavaScript already rounded is refused, not stored wrong', async (t) => {
  const source = new InMemorySource({ t: [{ latency: 2 ** 60 }] });
  const e = await t.throwsAsync(source.read({ table: 't', schema: [HTTP[4]!] }));
  t.regex(e?.message ?? '', /table 't' passed to run\(\), row 0: column 'latency': .* beyond 2\^53/);
});

test('CSV quoting: commas, quotes and newlines inside fields; records remember their line', (t) => {
  const records = parseCsv('a,b\n"x,1","say ""hi"""\n"multi\nline",z\n');
  t.deepEqual(
    records.map((r) => [r.line, ...r.fields]),
    [
      [1, 'a', 'b'],
      [2, 'x,1', 'say "hi"'],
      [3, 'multi\nline', 'z'],
    ],
  );
});

test('px run -o json output holds several tables in one file, split by _tableName_', async (t) => {
  const dir = await tempDir({
    'capture.ndjson':
      '{"_tableName_":"http_events","time_":"1","upid":"1:2:3","req_path":"/a","resp_status":200,"latency":7}\n' +
      '{"_tableName_":"conn_stats","time_":"2","upid":"1:2:3","bytes_sent":10}\n' +
      '{"_tableName_":"http_events","time_":"3","upid":"1:2:3","req_path":"/b","resp_status":404,"latency":9}\n',
  });
  const { source } = await loadDirectory(dir);
  t.deepEqual([...source.tableNames!].sort(), ['conn_stats', 'http_events']);
  const http = await source.read({ table: 'http_events', schema: HTTP });
  t.deepEqual(http.columns[2], ['/a', '/b']);
  t.deepEqual(http.columns[3], BigInt64Array.of(200n, 404n));
});

test('the CSV parser gives the same records however the text is chunked', (t) => {
  const text = 'a,b\r\n"x\r\n1","q""q"\r\nlast,row';
  const whole = parseCsv(text);
  const parser = new CsvParser();
  const pieces = [...text].flatMap((ch) => parser.push(ch));
  t.deepEqual([...pieces, ...parser.end()], whole);
  t.deepEqual(
    whole.map((r) => r.fields),
    [
      ['a', 'b'],
      ['x\r\n1', 'q"q'],
      ['last', 'row'],
    ],
  );
});

test('a bad row outside the time window still fails the read', async (t) => {
  const dir = await tempDir({
    'http_events.csv': 'time_,upid,req_path,resp_status,latency\n1,1:2:3,/a,abc,10\n9,1:2:3,/b,200,10\n',
  });
  const { source } = await loadDirectory(dir);
  await t.throwsAsync(source.read({ table: 'http_events', schema: HTTP, startNs: 5n }), {
    message: /http_events\.csv:2: column 'resp_status'/,
  });
});

test('--now latest finds the latest time_ across the data files', async (t) => {
  const dir = await tempDir({
    'http_events.csv': 'time_,upid,req_path,resp_status,latency\n1767225600000000001,1:2:3,/a,200,10\n',
    'conn_stats.ndjson': '{"time_":"2026-01-01T00:00:07.5Z","upid":"1:2:3"}\n',
  });
  const { source } = await loadDirectory(dir);
  t.is(await source.latestTime?.(), NOW + 7_500_000_000n);
});

test('a pxlc Table with the right column types is used without copying', async (t) => {
  const latency = BigInt64Array.of(5n, 6n);
  const given = { schema: [HTTP[4]!, HTTP[2]!], columns: [latency, ['/a', '/b']], length: 2 };
  const read = await new InMemorySource({ http_events: given }).read({
    table: 'http_events',
    schema: [HTTP[2]!, HTTP[4]!],
  });
  t.is(read.columns[1], latency);
  t.deepEqual(read.columns[0], ['/a', '/b']);
});

test('bytes that are not UTF-8 are an error naming the line, not silently replaced', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-data-'));
  await writeFile(
    join(dir, 'http_events.csv'),
    Buffer.concat([
      Buffer.from('time_,upid,req_path,resp_status,latency\n1,1:2:3,/ok,200,1\n2,1:2:3,/caf'),
      Buffer.from([0xe9]),
      Buffer.from(',200,1\n'),
    ]),
  );
  const { source } = await loadDirectory(dir);
  await t.throwsAsync(source.read({ table: 'http_events', schema: HTTP }), {
    message: `${join(dir, 'http_events.csv')}:3: the file is not valid UTF-8 (save it as UTF-8)`,
  });
});

test('a truncated NDJSON file names its last line', async (t) => {
  const dir = await tempDir({
    'http_events.ndjson':
      '{"time_":1,"upid":"1:2:3","req_path":"/a","resp_status":200,"latency":1}\n{"time_":2,"upid":"1:2:3","req_pa',
  });
  const { source } = await loadDirectory(dir);
  await t.throwsAsync(source.read({ table: 'http_events', schema: HTTP }), {
    message: /http_events\.ndjson:2: not valid JSON/,
  });
});
