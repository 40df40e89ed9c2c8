// Parquet files in --data (written here by DuckDB), with the same checks and messages as CSV/NDJSON.

import test from 'ava';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import type { Schema } from '../../src/core/types.js';
import { columnArrays, compileScript } from '../support/compiled.js';

async function parquetDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-parquet-'));
  const conn = await (await DuckDBInstance.create(':memory:')).connect();
  for (const [name, select] of Object.entries(files))
    await conn.run(`COPY (${select}) TO '${join(dir, name)}' (FORMAT parquet)`);
  conn.closeSync();
  return dir;
}

const HTTP = `SELECT * FROM (VALUES
  (1767225600000000001::BIGINT, '00000001-0000-00c8-0000-00000000012c'::UUID, '/a', 200, 1500::BIGINT),
  (1767225605000000000::BIGINT, '00000001-0000-00c8-0000-00000000012c'::UUID, '/b', 500, 2500::BIGINT),
  (1767225609000000000::BIGINT, '00000002-0000-00c8-0000-00000000012c'::UUID, '/a', 200, 3500::BIGINT)
) AS t(time_, upid, req_path, resp_status, latency)`;

test('a Parquet file is a table: a compiled groupby over it, --now latest from its time_', async (t) => {
  const dir = await parquetDir({ 'http_events.parquet': HTTP });
  const script = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-5s')
df = df.groupby('req_path').agg(n=('latency', px.count), latency=('latency', px.sum))
px.display(df, 'out')
`);
  const result = await script.run({ data: dir, now: 'latest' });
  t.deepEqual(columnArrays(result, 'out'), [
    ['/b', '/a'],
    [1n, 1n],
    [2500n, 3500n],
  ]);
});

test('Parquet types meet PxL types: timestamps of any unit as nanoseconds, UUIDs as UPIDs, nulls refused with row and column', async (t) => {
  const dir = await parquetDir({
    'a.parquet': `SELECT TIMESTAMP_NS '2026-01-01 00:00:00.000000001' AS time_, TIMESTAMP '2026-01-01 00:00:01.5' AS t2,
      '00000001-0000-00c8-0000-00000000012c'::UUID AS upid, 7::INTEGER AS n, 'x' AS s, true AS b, 1.25::DECIMAL(6, 2) AS f`,
    'b.parquet': `SELECT * FROM (VALUES (1::BIGINT, 'x'), (2::BIGINT, NULL)) AS t(time_, s)`,
    'c.parquet': `SELECT 'soon' AS time_`,
  });
  const { source } = await loadDirectory(dir);
  const schema: Schema = [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 't2', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
    { name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 's', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'b', dataType: 'BOOLEAN', semanticType: 'ST_NONE' },
    { name: 'f', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  ];
  const a = await source.read({ table: 'a', schema });
  t.deepEqual(
    a.columns.map((c) => Array.from(c as ArrayLike<unknown>)),
    [
      [1_767_225_600_000_000_001n],
      [1_767_225_601_500_000_000n],
      [(1n << 96n) | (200n << 64n) | 300n],
      [7n],
      ['x'],
      [1],
      [1.25],
    ],
  );
  await t.throwsAsync(source.read({ table: 'b', schema: [schema[0]!, schema[4]!] }), {
    message: `${join(dir, 'b.parquet')}: row 2: column 's': is null (PxL has no nulls; give a STRING value)`,
  });
  await t.throwsAsync(source.read({ table: 'c', schema: [schema[0]!] }), {
    message: /c\.parquet: row 1: column 'time_': "soon" is not a time/,
  });
  await t.throwsAsync(
    source.read({ table: 'a', schema: [{ name: 'latency', dataType: 'INT64', semanticType: 'ST_NONE' }] }),
    { message: /a\.parquet has no column 'latency', which the script reads from 'a'/ },
  );
});
