// The small tables Pixie's query-engine tests run their scripts over (the values are Pixie's test data), and a
// helper that compiles a script against them and returns each displayed table as rows.

import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { makeTable, type Table } from '../../src/runtime/table.js';
import type { Schema } from '../../src/core/types.js';
import { compiledModule } from '../../bench/compiled-module.js';
import { column, rows, schemaOf } from '../runtime/ops-fixture.js';

type Value = boolean | bigint | number | string;

/** A table from its schema and its rows. */
export function tableOf(schema: Schema, data: readonly (readonly Value[])[]): Table {
  return makeTable(
    schema,
    schema.map((c, j) =>
      column(
        c.dataType,
        data.map((r) => r[j]!),
      ),
    ),
    data.length,
  );
}

const TEST_TABLE = schemaOf({ col1: 'FLOAT64', col2: 'INT64' });
const BIG_TEST_TABLE = schemaOf({
  time_: 'TIME64NS',
  col2: 'FLOAT64',
  col3: 'INT64',
  num_groups: 'INT64',
  string_groups: 'STRING',
});

/** big_test_table's rows, in Pixie's order: time_, col2, col3, num_groups, string_groups. */
export const BIG_TEST_ROWS: readonly (readonly [bigint, number, bigint, bigint, string])[] = [
  [1n, 0.5, 6n, 1n, 'sum'],
  [2n, 1.2, 2n, 1n, 'mean'],
  [3n, 5.3, 12n, 3n, 'sum'],
  [5n, 0.1, 5n, 1n, 'mean'],
  [6n, 5.1, 60n, 2n, 'sum'],
  [8n, 5.2, 56n, 2n, 'mean'],
  [9n, 0.1, 12n, 3n, 'sum'],
  [11n, 7.3, 13n, 2n, 'mean'],
];

export const CARNOT_SCHEMAS: Record<string, Schema> = {
  test_table: TEST_TABLE,
  big_test_table: BIG_TEST_TABLE,
  empty_table: schemaOf({ upid: 'UINT128', cycles: 'INT64' }),
  duration_table: schemaOf({ col1: 'INT64' }),
  process_stats: schemaOf({
    time_: 'TIME64NS',
    upid: 'UINT128',
    major_faults: 'INT64',
    minor_faults: 'INT64',
    cpu_utime_ns: 'INT64',
    cpu_ktime_ns: 'INT64',
    num_threads: 'INT64',
    vsize_bytes: 'INT64',
    rss_bytes: 'INT64',
    rchar_bytes: 'INT64',
    wchar_bytes: 'INT64',
    read_bytes: 'INT64',
    write_bytes: 'INT64',
  }),
  http_events: schemaOf({
    time_: 'TIME64NS',
    upid: 'UINT128',
    remote_addr: 'STRING',
    remote_port: 'INT64',
    trace_role: 'INT64',
    major_version: 'INT64',
    minor_version: 'INT64',
    content_type: 'INT64',
    req_headers: 'STRING',
    req_method: 'STRING',
    req_path: 'STRING',
    req_body: 'STRING',
    req_body_size: 'INT64',
    resp_headers: 'STRING',
    resp_status: 'INT64',
    resp_message: 'STRING',
    resp_body: 'STRING',
    resp_body_size: 'INT64',
    latency: 'INT64',
  }),
};

export function carnotTables(): Record<string, Table> {
  const empty = (name: string) => tableOf(CARNOT_SCHEMAS[name]!, []);
  return {
    test_table: tableOf(TEST_TABLE, [
      [0.5, 1n],
      [1.2, 2n],
      [5.3, 3n],
      [0.1, 5n],
      [5.1, 6n],
    ]),
    big_test_table: tableOf(BIG_TEST_TABLE, BIG_TEST_ROWS),
    empty_table: empty('empty_table'),
    duration_table: tableOf(CARNOT_SCHEMAS.duration_table!, [[1n], [2n], [3n]]),
    process_stats: empty('process_stats'),
    http_events: empty('http_events'),
  };
}

export interface Displayed {
  readonly name: string;
  readonly columns: string[];
  readonly rows: Value[][];
}

/** Compiles `text` against `schemas` and runs it over `tables` at `now`; every px.display as names and rows. */
export async function runOver(
  text: string,
  schemas: Record<string, Schema>,
  tables: Record<string, Table>,
  now = 0n,
): Promise<Displayed[]> {
  const r = compile({ path: 'case.pxl', text, schemas });
  if (!r.js) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const main = await compiledModule<(o: Record<string, unknown>) => Promise<RunResult>>(r.js, 'run');
  const result = await main({ tables, now });
  return result.tables.map((d) => ({ name: d.name, columns: d.table.schema.map((c) => c.name), rows: rows(d.table) }));
}
