// Maps and filters that feed a group-by batch by batch compute their columns and masks in borrowed working memory
// (ops/scratch.ts), which the group-by and the filter give back for the next run to reuse. The tables here are
// large enough to be lent (64 KiB and more): results must be those of fresh arrays, run after run, on other
// data in between, and a result already handed out must never change when the memory is lent again.

import test from 'ava';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { makeTable, type Table } from '../../src/runtime/table.js';
import { compiledModule } from '../../bench/compiled-module.js';
import { rows, schemaOf } from '../runtime/ops-fixture.js';

type Run = (o: Record<string, unknown>) => Promise<RunResult>;

const N = 70_000;
const SCHEMA = schemaOf({ time_: 'TIME64NS', path: 'STRING', status: 'INT64', latency: 'INT64' });

/** N requests over four paths; `seed` shifts the latencies so that two tables give different groups' values. */
function requests(seed: number): Table {
  const time = new BigInt64Array(N);
  const status = new BigInt64Array(N);
  const latency = new BigInt64Array(N);
  const path: string[] = [];
  for (let i = 0; i < N; i++) {
    time[i] = 1_767_225_500_000_000_000n + BigInt(i);
    path.push(`/p${(i * 7) % 4}`);
    status[i] = [200n, 404n, 500n][(i * 13 + seed) % 3]!;
    latency[i] = BigInt(((i * 7919 + seed * 104_729) % 1000) + 1);
  }
  return makeTable(SCHEMA, [time, path, status, latency], N);
}

const chained = `import px
df = px.DataFrame(table='requests')
df.ms = df.latency / 1000
df.slow = df.latency > 500
df.twice = df.latency * 2
df = df[df.status < 400]
out = df.groupby('path').agg(n=('ms', px.count), total=('ms', px.sum), q=('ms', px.quantiles), slow=('slow', px.sum),
  worst=('twice', px.max))
px.display(out, 'out')
`;
/** The same, with the mapped table also displayed: not a chain any more, so its columns are fresh arrays. */
const unchained = chained.replace(
  'df = df[df.status < 400]\n',
  "df = df[df.status < 400]\npx.display(df.head(1), 'one')\n",
);

async function load(text: string): Promise<{ js: string; run: Run }> {
  const r = compile({ path: 'chain.pxl', text, schemas: { requests: SCHEMA } });
  if (!r.js) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return { js: r.js, run: await compiledModule<Run>(r.js, 'run') };
}

const outRows = async (run: Run, t: Table) =>
  rows((await run({ tables: { requests: t } })).tables.find((x) => x.name === 'out')!.table);

/** What the script computes, in plain JavaScript (all but the quantiles, which the unchained run checks). */
function expected(t: Table): Map<string, [bigint, number, bigint, bigint]> {
  const [, path, status, latency] = t.columns as [BigInt64Array, string[], BigInt64Array, BigInt64Array];
  const out = new Map<string, [bigint, number, bigint, bigint]>();
  for (let i = 0; i < N; i++) {
    if (status[i]! >= 400n) continue;
    const g = out.get(path[i]!) ?? [0n, 0, 0n, -(1n << 63n)];
    const l = latency[i]!;
    out.set(path[i]!, [g[0] + 1n, g[1] + Number(l) / 1000, g[2] + (l > 500n ? 1n : 0n), l * 2n > g[3] ? l * 2n : g[3]]);
  }
  return out;
}

test("a chain's computed columns are borrowed and given back; results equal fresh arrays', run after run", async (t) => {
  const a = await load(chained);
  const b = await load(unchained);
  t.regex(a.js, /rt\.scratchColumn\('FLOAT64', n\)/);
  t.regex(a.js, /rt\.scratchColumn\('BOOLEAN', n\)/);
  t.regex(a.js, /rt\.scratchColumn\('INT64', n\)/);
  t.notRegex(b.js, /rt\.scratchColumn/);
  const x = requests(1);
  const y = requests(2);
  const first = await outRows(a.run, x);
  const kept = structuredClone(first);
  for (const data of [x, y, x, y]) {
    const got = await outRows(a.run, data);
    t.deepEqual(got, await outRows(b.run, data));
    const want = expected(data);
    t.is(got.length, want.size);
    for (const [path, n, total, , slow, worst] of got) {
      const [wn, wtotal, wslow, wworst] = want.get(path as string)!;
      t.is(n, wn);
      t.true(Math.abs((total as number) - wtotal) < 1e-6 * wtotal, `${path}: ${total} against ${wtotal}`);
      t.is(slow, wslow);
      t.is(worst, wworst);
    }
  }
  t.deepEqual(first, kept, 'a result handed out is not written by later runs');
});

test('a run of filters starts its borrowed mask from zeros: rows an earlier filter skips are never kept', async (t) => {
  const keepAll = await load(`import px
df = px.DataFrame(table='requests')
df = df[df.latency > 0]
px.display(df.groupby('path').agg(n=('latency', px.count)), 'out')
`);
  const two = await load(`import px
df = px.DataFrame(table='requests')
df = df[df.status < 400]
df = df[df.latency > 500]
px.display(df.groupby('path').agg(n=('latency', px.count)), 'out')
`);
  t.regex(two.js, /rt\.scratchUint8\(n\)\.fill\(0\)/);
  const data = requests(3);
  const [, path, status, latency] = data.columns as [BigInt64Array, string[], BigInt64Array, BigInt64Array];
  const want = new Map<string, bigint>();
  for (let i = 0; i < N; i++)
    if (status[i]! < 400n && latency[i]! > 500n) want.set(path[i]!, (want.get(path[i]!) ?? 0n) + 1n);
  for (let k = 0; k < 3; k++) {
    // Every mask entry 1, given back: the next mask is likely to be the same memory.
    t.is(
      (await outRows(keepAll.run, data)).reduce((s, r) => s + (r[1] as bigint), 0n),
      BigInt(N),
    );
    t.deepEqual(new Map((await outRows(two.run, data)).map((r) => [r[0] as string, r[1] as bigint])), want);
  }
});
