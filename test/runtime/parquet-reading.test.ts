// Reading Parquet files the way writers make them: many row groups, every codec, version 1 and 2 data pages (their
// delta and dictionary encodings), read whole or batch by batch — always the rows DuckDB reads from the same file.
// Bad files and bad values give one error each, naming the file and, where it applies, the row and column
// (test/fixtures/parquet/errors.txt). Batches are 1000 rows here (PXLC_BATCH_ROWS), row groups 2048.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, open, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { dictionaryOf } from '../../src/runtime/ops/dictionary.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { fileRowBatches, fileRows } from '../../src/runtime/sources/file-rows.js';
import type { Table } from '../../src/runtime/table.js';
import type { Schema } from '../../src/core/types.js';
import { columnArrays, compileScript } from '../support/compiled.js';
import { fixturePath, golden } from '../support/golden.js';

process.env['PXLC_BATCH_ROWS'] = '1000';

const T0 = 1_767_225_600_000_000_000n;
const ROWS = 20_000;

/** http_events-like rows: times a millisecond apart, five paths, a few statuses, latencies, doubles, hosts. */
const EVENTS = `SELECT (${T0} + i * 1000000)::BIGINT AS time_,
  ['/', '/api/users', '/api/orders', '/healthz', '/login'][(i * 7) % 5 + 1] AS req_path,
  ([200, 200, 404, 500, 503][(i * 13) % 5 + 1])::BIGINT AS resp_status,
  (((i * 7919) % 100003) * 1000003 + i % 3)::BIGINT AS latency,
  (i * 0.25)::DOUBLE AS ms, i % 4 = 0 AS encrypted, 'host-' || (i % 977) AS host,
  ('00000001-0000-00c8-0000-' || lpad(((i % 50) + 300)::VARCHAR, 12, '0'))::UUID AS upid,
  TIMESTAMP '2026-01-01' + to_milliseconds(i) AS seen
FROM range(${ROWS}) t(i)`;

const SCHEMA: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'resp_status', dataType: 'INT64', semanticType: 'ST_NONE' },
  { name: 'latency', dataType: 'INT64', semanticType: 'ST_NONE' },
  { name: 'ms', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  { name: 'encrypted', dataType: 'BOOLEAN', semanticType: 'ST_NONE' },
  { name: 'host', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
  { name: 'seen', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
];

async function duck(): Promise<DuckDBConnection> {
  return (await DuckDBInstance.create(':memory:')).connect();
}

/** Writes `select` as `name` in a new directory with DuckDB's COPY options. */
async function parquetDir(conn: DuckDBConnection, files: Record<string, string>, options = ''): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-parquet-'));
  for (const [name, select] of Object.entries(files)) {
    await conn.run(`COPY (${select}) TO '${join(dir, name)}' (FORMAT parquet, ROW_GROUP_SIZE 2048${options})`);
  }
  return dir;
}

/** The file's rows as DuckDB reads them, column by column, in pxlc's representation of SCHEMA's types. */
async function duckColumns(conn: DuckDBConnection, path: string): Promise<unknown[][]> {
  const reader = await conn.runAndReadAll(`SELECT time_, req_path, resp_status, latency, ms, encrypted, host,
    ('0x' || replace(upid::VARCHAR, '-', '')), epoch_ns(seen) FROM read_parquet('${path}')`);
  return reader
    .getColumns()
    .map((col, j) => col.map((v) => (j === 5 ? (v ? 1 : 0) : j === 7 ? BigInt(v as string) : v)));
}

function plain(t: Table): unknown[][] {
  return t.columns.map((c) => Array.from(c as ArrayLike<unknown>));
}

test('a file of many row groups reads as DuckDB reads it, whole or in batches, strings carrying their dictionary codes', async (t) => {
  const conn = await duck();
  const dir = await parquetDir(conn, { 'http_events.parquet': EVENTS });
  const expected = await duckColumns(conn, join(dir, 'http_events.parquet'));
  const { source } = await loadDirectory(dir);
  const whole = await source.read({ table: 'http_events', schema: SCHEMA });
  t.deepEqual(plain(whole), expected);
  t.truthy(dictionaryOf(whole.columns[1]!), 'req_path is handed over as codes and dictionary');

  const batches: Table[] = [];
  await source.readBatches!({ table: 'http_events', schema: SCHEMA }, (b) => batches.push(b));
  t.true(batches.length >= ROWS / 1000, `${batches.length} batches`);
  t.true(batches.every((b) => b.length <= 1000 && dictionaryOf(b.columns[1]!) !== undefined));
  const streamed = SCHEMA.map((_, j) => batches.flatMap((b) => Array.from(b.columns[j] as ArrayLike<unknown>)));
  t.deepEqual(streamed, expected);
});

test('every codec, and version 2 data pages with their delta encodings, give the same rows', async (t) => {
  t.timeout(180_000);
  const conn = await duck();
  const cases = ['SNAPPY', 'ZSTD', 'GZIP', 'BROTLI', 'LZ4', 'UNCOMPRESSED'].flatMap((codec) =>
    ['V1', 'V2'].map((version) => [codec, version] as const),
  );
  for (const [codec, version] of cases) {
    const dir = await parquetDir(
      conn,
      { 'http_events.parquet': EVENTS },
      `, COMPRESSION ${codec}, PARQUET_VERSION ${version}`,
    );
    const { source } = await loadDirectory(dir);
    const table = await source.read({ table: 'http_events', schema: SCHEMA });
    t.deepEqual(plain(table), await duckColumns(conn, join(dir, 'http_events.parquet')), `${codec} ${version}`);
  }
});

test("a compiled group-by streamed over the row groups gives DuckDB's groups, the time window dropping the first rows", async (t) => {
  const conn = await duck();
  const dir = await parquetDir(conn, { 'http_events.parquet': EVENTS });
  const script = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-15s')
df = df.groupby(['req_path', 'resp_status']).agg(n=('latency', px.count), total=('latency', px.sum), first=('time_', px.min))
px.display(df, 'out')
`);
  const result = await script.run({ data: dir, now: 'latest' });
  const [paths, statuses, n, total, first] = columnArrays(result, 'out') as [
    string[],
    bigint[],
    bigint[],
    bigint[],
    bigint[],
  ];
  const ours = paths.map((p, i) => `${p} ${statuses[i]} ${n[i]} ${total[i]} ${first[i]}`).sort();
  const last = T0 + BigInt(ROWS - 1) * 1_000_000n;
  const theirs = (
    await conn.runAndReadAll(`SELECT req_path, resp_status, count(*), sum(latency), min(time_)
    FROM read_parquet('${join(dir, 'http_events.parquet')}') WHERE time_ >= ${last - 15_000_000_000n} GROUP BY ALL`)
  )
    .getRows()
    .map((r) => r.join(' '))
    .sort();
  t.deepEqual(ours, theirs);
});

const LATENCY: Schema = [{ name: 'latency', dataType: 'INT64', semanticType: 'ST_NONE' }];
const PATH: Schema = [{ name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' }];

/** Overwrites `length` bytes of the file at `offset` with 0xff. */
async function damage(path: string, offset: number, length: number): Promise<void> {
  const f = await open(path, 'r+');
  await f.write(Buffer.alloc(length, 0xff), 0, length, offset);
  await f.close();
}

test('bad files and bad values: one clear error each, naming the file and the row and column where it applies', async (t) => {
  const conn = await duck();
  const nulls = `SELECT i AS latency, CASE WHEN i = 5000 THEN NULL ELSE 'p' || (i % 3) END AS req_path FROM range(6000) t(i)`;
  const dir = await parquetDir(conn, {
    'damaged.parquet': EVENTS,
    'nulls.parquet': nulls,
    'nulls_v2.parquet': nulls,
    'text_latency.parquet': `SELECT CASE WHEN i < 3000 THEN i::VARCHAR ELSE 'slow' END AS latency FROM range(4000) t(i)`,
    'list_latency.parquet': 'SELECT [1, 2] AS latency',
    'blob_path.parquet': `SELECT CASE WHEN i = 7 THEN '\\xFF\\xFE'::BLOB ELSE 'ok'::BLOB END AS req_path FROM range(10) t(i)`,
  });
  await conn.run(
    `COPY (${nulls}) TO '${join(dir, 'nulls_v2.parquet')}' (FORMAT parquet, ROW_GROUP_SIZE 2048, PARQUET_VERSION V2)`,
  );
  const chunk = (
    await conn.runAndReadAll(`SELECT data_page_offset FROM parquet_metadata('${join(dir, 'damaged.parquet')}')
    WHERE path_in_schema = 'latency' AND row_group_id = 1`)
  ).getRows()[0]![0] as bigint;
  await damage(join(dir, 'damaged.parquet'), Number(chunk), 16);
  await writeFile(join(dir, 'not_parquet.parquet'), 'time_,latency\n1,2\n');
  const whole = await readFile(join(dir, 'nulls.parquet'));
  await writeFile(join(dir, 'truncated.parquet'), whole.subarray(0, whole.length >> 1));
  const footer = Buffer.from(whole);
  footer.writeUInt32LE(0x7fffffff, footer.length - 8);
  await writeFile(join(dir, 'footer_too_long.parquet'), footer);

  const { source } = await loadDirectory(dir);
  const cases: [string, string, Schema][] = [
    ['a damaged column chunk (row group 2 of latency)', 'damaged', LATENCY],
    ['a file that is not Parquet', 'not_parquet', LATENCY],
    ['a file cut in half', 'truncated', LATENCY],
    ['a footer longer than the file', 'footer_too_long', LATENCY],
    ['a null in row group 3 of a dictionary-encoded column', 'nulls', PATH],
    ['the same null in a version 2 data page', 'nulls_v2', PATH],
    ['text that is not an integer, in an INT64 column', 'text_latency', LATENCY],
    ['a list column', 'list_latency', LATENCY],
    ['bytes that are not UTF-8 read as a STRING', 'blob_path', PATH],
    ['a column the file lacks', 'nulls', [{ name: 'resp_status', dataType: 'INT64', semanticType: 'ST_NONE' }]],
  ];
  const lines: string[] = [];
  for (const [what, table, schema] of cases) {
    const e = await t.throwsAsync(source.read({ table, schema }));
    t.is(e?.name, 'PxlRuntimeError', what);
    lines.push(`${what}:\n  ${e?.message.replaceAll(dir, 'DIR')}`);
  }
  const [expected, actual] = golden(fixturePath('parquet', 'errors.txt'), `${lines.join('\n')}\n`);
  t.is(actual, expected);
});

test('a damaged file stops a compiled module with the message, not a stack trace', async (t) => {
  const conn = await duck();
  const dir = await parquetDir(conn, { 'http_events.parquet': EVENTS });
  const path = join(dir, 'http_events.parquet');
  const chunk = (
    await conn.runAndReadAll(`SELECT data_page_offset FROM parquet_metadata('${path}')
    WHERE path_in_schema = 'latency' AND row_group_id = 0`)
  ).getRows()[0]![0] as bigint;
  await damage(path, Number(chunk), 16);
  const script = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-1h')
df = df.groupby('req_path').agg(n=('latency', px.count))
px.display(df, 'out')
`);
  const run = await promisify(execFile)(process.execPath, [script.file, '--data', dir, '--now', String(T0)]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  t.is((run as { code?: number }).code, 1);
  t.regex(run.stderr, /http_events\.parquet: column 'latency' in row group 1 cannot be read: .+ \(the file is damaged/);
  t.notRegex(run.stderr, /^\s+at /m);
});

test('rows as they are (pxlc load, script tests): the nearest JavaScript values, a null as null', async (t) => {
  const conn = await duck();
  const dir = await parquetDir(conn, {
    'http_events.parquet': `SELECT * FROM (VALUES (${T0}::BIGINT, NULL, 1.5::DECIMAL(4, 1), DATE '2026-01-02'), (${T0 + 1n}::BIGINT, 'b', 2.5, DATE '2026-01-03')) t(time_, req_path, cost, day)`,
  });
  const rows: unknown[][] = [];
  for await (const r of fileRows(join(dir, 'http_events.parquet'), 'parquet'))
    rows.push([r.where, ...['time_', 'req_path', 'cost', 'day'].map((c) => r.get(c))]);
  const day = 86_400_000_000_000n;
  t.deepEqual(rows, [
    [`${join(dir, 'http_events.parquet')}: row 1`, T0, null, 1.5, T0 + day],
    [`${join(dir, 'http_events.parquet')}: row 2`, T0 + 1n, 'b', 2.5, T0 + 2n * day],
  ]);
});

test('columns after a struct, a list and a map are read from their own chunks; all-column rows leave those out', async (t) => {
  const conn = await duck();
  const dir = await parquetDir(conn, {
    'http_events.parquet': `SELECT {'a': i, 'b': 'x'} AS s, [i, i + 1] AS l, MAP {'k': i} AS m, i * 10 AS latency, 'p' || i AS req_path FROM range(3) t(i)`,
  });
  const { source } = await loadDirectory(dir);
  const table = await source.read({ table: 'http_events', schema: [...LATENCY, ...PATH] });
  t.deepEqual(plain(table), [
    [0n, 10n, 20n],
    ['p0', 'p1', 'p2'],
  ]);
  const rows: unknown[][] = [];
  for await (const r of fileRowBatches(join(dir, 'http_events.parquet'), 'parquet'))
    for (const row of r) rows.push([row.get('latency'), row.get('req_path'), row.get('l')]);
  t.deepEqual(rows, [
    [0n, 'p0', undefined],
    [10n, 'p1', undefined],
    [20n, 'p2', undefined],
  ]);
});
