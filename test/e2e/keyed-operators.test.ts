// Merges, group keys and per-group quantiles end to end, on tables whose strings arrive dictionary-encoded (as a
// source or a service hands them over) and on the same tables as plain arrays: the rows are worked out by hand,
// and both representations give them. Covers many-to-many merges (a key repeated on both sides), a right side
// with one row per key, rows without a partner, NaN values, and a filter that leaves no group.

import test from 'ava';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { makeTable, type Table } from '../../src/runtime/table.js';
import { encodeDictionary } from '../../src/runtime/ops/dictionary.js';
import type { ColumnData, Schema } from '../../src/core/types.js';
import { compiledModule } from '../../bench/compiled-module.js';
import { rows } from '../runtime/ops-fixture.js';

const REQUESTS: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'service', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'latency', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
];
const OWNERS: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'service', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'team', dataType: 'STRING', semanticType: 'ST_NONE' },
];
const NOW = 1_767_225_600_000_000_000n;

function requests(): Table {
  const services = ['web', 'web', 'db', 'cart', 'web', 'search', 'db'];
  const latency = [10, NaN, 5, 7, 30, 1, 15];
  return makeTable(
    REQUESTS,
    [BigInt64Array.from(services, (_, i) => NOW - BigInt(i + 1)), services, Float64Array.from(latency)],
    services.length,
  );
}

function owners(): Table {
  // 'web' has two teams: its requests are merged twice. 'search' has no owner.
  const service = ['web', 'db', 'web', 'cart'];
  const team = ['ops', 'data', 'shop', 'shop'];
  return makeTable(OWNERS, [BigInt64Array.from(service, (_, i) => NOW - BigInt(i + 1)), service, team], service.length);
}

/** The same table with every STRING column dictionary-encoded (fresh arrays, so the plain table stays plain). */
function encoded(t: Table): Table {
  return {
    ...t,
    columns: t.columns.map((c: ColumnData) => (Array.isArray(c) ? encodeDictionary([...c] as string[]) : c)),
  };
}

async function run(text: string, tables: Record<string, Table>): Promise<RunResult> {
  const r = compile({ path: 'keyed.pxl', text, schemas: { requests: REQUESTS, owners: OWNERS } });
  if (!r.js) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const main = await compiledModule<(o: Record<string, unknown>) => Promise<RunResult>>(r.js, 'run');
  return main({ tables, now: NOW });
}

/** Rows of each representation, sorted (Pixie leaves the order of groups unspecified); they must agree. */
async function bothWays(t: { deepEqual(a: unknown, b: unknown): void }, text: string): Promise<unknown[][]> {
  const plain = await run(text, { requests: requests(), owners: owners() });
  const coded = await run(text, { requests: encoded(requests()), owners: encoded(owners()) });
  const sorted = (r: RunResult) => rows(r.tables[0]!.table).sort((a, b) => (String(a) < String(b) ? -1 : 1));
  t.deepEqual(sorted(coded), sorted(plain));
  return sorted(plain);
}

test('a many-to-many merge into a groupby with quantiles: every pair counted, NaN latencies skipped by the quantiles', async (t) => {
  const out = await bothWays(
    t,
    `import px
req = px.DataFrame(table='requests')
req = req[req.service != 'cart']
own = px.DataFrame(table='owners')
df = req.merge(own, how='inner', left_on='service', right_on='service', suffixes=['', '_o'])
df = df.groupby(['team', 'service']).agg(n=('latency', px.count), q=('latency', px.quantiles))
df.p50 = px.pluck_float64(df.q, 'p50')
df.p99 = px.pluck_float64(df.q, 'p99')
px.display(df.drop('q'), 'out')
`,
  );
  // web: latencies 10, NaN, 30 (three rows, two values: p50 halfway, p99 the largest), once per team; db: 5 and 15.
  t.deepEqual(out, [
    ['data', 'db', 2n, 10, 15],
    ['ops', 'web', 3n, 20, 30],
    ['shop', 'web', 3n, 20, 30],
  ]);
});

test('a left merge on a right side with one row per key: unmatched rows get the zero team', async (t) => {
  const out = await bothWays(
    t,
    `import px
req = px.DataFrame(table='requests')
own = px.DataFrame(table='owners')
own = own.groupby('service').agg(teams=('team', px.count))
df = req.merge(own, how='left', left_on='service', right_on='service', suffixes=['', '_o'])
df = df.groupby(['service', 'teams']).agg(n=('latency', px.count), worst=('latency', px.max))
px.display(df, 'out')
`,
  );
  // 'search' has no owner: its teams is 0. Pixie's max skips NaN.
  t.deepEqual(out, [
    ['cart', 1n, 1n, 7],
    ['db', 1n, 2n, 15],
    ['search', 0n, 1n, 1],
    ['web', 2n, 3n, 30],
  ]);
});

test('a filter that keeps no row before a keyed groupby with quantiles gives no groups', async (t) => {
  const out = await bothWays(
    t,
    `import px
req = px.DataFrame(table='requests')
req = req[req.latency > 1000.0]
df = req.groupby('service').agg(n=('latency', px.count), q=('latency', px.quantiles))
px.display(df, 'out')
`,
  );
  t.deepEqual(out, []);
});
