// The operators' fast paths (dictionary-encoded keys, int64 read as 32-bit words, quantiles by selection)
// against the obvious slow definitions, on random inputs that include the edge values: -0, NaN, int64 limits,
// negative times, duplicates.

import test from 'ava';
import fc from 'fast-check';
import { groupAggregate } from '../../src/runtime/ops/agg.js';
import { groupIds } from '../../src/runtime/ops/keys.js';
import { joinTables } from '../../src/runtime/ops/join.js';
import { int64Range, int64ToDoubles } from '../../src/runtime/ops/int64-words.js';
import { quantile, quantilesJson } from '../../src/runtime/uda/quantiles.js';
import { formatDouble } from '../../src/runtime/udf/json-text.js';
import { makeTable } from '../../src/runtime/table.js';
import { schemaOf } from './ops-fixture.js';
import { dictionaryColumn, dictionaryOf } from '../../src/runtime/ops/dictionary.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const int64 = fc.oneof(
  fc.constantFrom(INT64_MIN, INT64_MAX, 0n, -1n, 1n, 1n << 32n, -(1n << 32n), (1n << 32n) - 1n),
  fc.bigInt({ min: INT64_MIN, max: INT64_MAX }),
  fc.bigInt({ min: -3n, max: 3n }),
);
const float = fc.oneof(
  fc.constantFrom(0, -0, NaN, 1, -1, Infinity, -Infinity),
  fc.double(),
  fc.integer({ min: -3, max: 3 }),
);

/** Reference: nested Maps over the raw values, ids in first-seen order. */
function referenceIds(cols: readonly ArrayLike<unknown>[], n: number): number[] {
  const seen = new Map<string, number>();
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    // Keys as tagged text only for the test: typeof + String keeps 1 and 1n, 0 and -0 (SameValueZero: equal), NaN apart.
    const key = JSON.stringify(
      cols.map((c) => {
        const v = c[i];
        return `${typeof v}:${Object.is(v, -0) ? '0' : String(v)}`;
      }),
    );
    let id = seen.get(key);
    if (id === undefined) seen.set(key, (id = seen.size));
    ids.push(id);
  }
  return ids;
}

test('group ids of mixed key columns are the first-seen ids of the exact tuples', (t) => {
  fc.assert(
    fc.property(
      fc.array(fc.tuple(fc.constantFrom('a', 'b', ''), int64, float, fc.boolean(), fc.constantFrom(1n << 100n, 0n)), {
        maxLength: 200,
      }),
      (rows) => {
        const cols = [
          rows.map((r) => r[0]),
          BigInt64Array.from(rows.map((r) => r[1])),
          Float64Array.from(rows.map((r) => r[2])),
          Uint8Array.from(rows.map((r) => (r[3] ? 1 : 0))),
          rows.map((r) => r[4]),
        ];
        for (const pick of [[0], [1], [2], [3], [4], [1, 2], [0, 1, 2, 3, 4], [3, 0]]) {
          const chosen = pick.map((k) => cols[k]!);
          const g = groupIds(chosen, rows.length);
          const expected = referenceIds(chosen, rows.length);
          t.deepEqual([...g.ids], expected);
          t.is(g.count, new Set(expected).size);
          t.deepEqual(
            [...g.firstRows],
            [...new Set(expected)].map((id) => expected.indexOf(id)),
          );
        }
      },
    ),
    { numRuns: 200 },
  );
});

test('many distinct tuples (past the flat pair table) still get exact ids', (t) => {
  const n = 5000;
  const a = BigInt64Array.from({ length: n }, (_, i) => BigInt(i * 7919) << 20n);
  const b = Float64Array.from({ length: n }, (_, i) => (i % 2500) * 0.5);
  const g = groupIds([a, b, a], n);
  t.deepEqual([...g.ids], referenceIds([a, b, a], n));
});

test('min, max and mean of int64 read as words equal the BigInt definitions', (t) => {
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), int64), { minLength: 1, maxLength: 100 }), (rows) => {
      const table = makeTable(
        schemaOf({ g: 'INT64', v: 'INT64', tm: 'TIME64NS' }),
        [
          BigInt64Array.from(rows.map((r) => BigInt(r[0]))),
          BigInt64Array.from(rows.map((r) => r[1])),
          BigInt64Array.from(rows.map((r) => r[1])),
        ],
        rows.length,
      );
      const out = groupAggregate(
        table,
        [0],
        [
          { fn: 'min', args: [1] },
          { fn: 'max', args: [1] },
          { fn: 'max', args: [2] },
          { fn: 'mean', args: [1] },
        ],
        schemaOf({ g: 'INT64', lo: 'INT64', hi: 'INT64', tmax: 'TIME64NS', mean: 'FLOAT64' }),
      );
      for (let k = 0; k < out.length; k++) {
        const vs = rows.filter((r) => BigInt(r[0]) === out.columns[0]![k]).map((r) => r[1]);
        t.is(
          out.columns[1]![k],
          vs.reduce((x, y) => (y < x ? y : x)),
        );
        t.is(
          out.columns[2]![k],
          vs.reduce((x, y) => (y > x ? y : x)),
        );
        t.is(
          out.columns[3]![k],
          vs.reduce((x, y) => (y > x ? y : x)),
        );
        t.is(out.columns[4]![k], vs.reduce((s, v) => s + Number(v), 0) / vs.length);
      }
    }),
    { numRuns: 300 },
  );
});

test('int64 to double through words rounds like Number(bigint)', (t) => {
  fc.assert(
    fc.property(fc.array(int64), (vs) => {
      t.deepEqual([...int64ToDoubles(BigInt64Array.from(vs))], vs.map(Number));
    }),
  );
});

/** Reference: sort everything, drop NaNs, read the quantiles. */
function referenceQuantiles(values: readonly number[]): string {
  const sorted = Float64Array.from(values)
    .sort()
    .filter((v) => !Number.isNaN(v));
  return `{${[
    ['p01', 0.01],
    ['p10', 0.1],
    ['p25', 0.25],
    ['p50', 0.5],
    ['p75', 0.75],
    ['p90', 0.9],
    ['p99', 0.99],
  ]
    .map(([k, q]) => `"${k}":${formatDouble(quantile(sorted, q as number))}`)
    .join(',')}}`;
}

test('quantiles by selection equal quantiles of the sorted values, zero signs and NaNs included', (t) => {
  fc.assert(
    fc.property(fc.array(float, { maxLength: 400 }), (vs) => {
      t.is(quantilesJson(Float64Array.from(vs)), referenceQuantiles(vs));
    }),
    { numRuns: 300 },
  );
  // Large groups with many ties (the quickselect path, not the small-array sort).
  for (const n of [49, 1000, 20_000]) {
    const vs = Array.from({ length: n }, (_, i) => ((i * 7919) % 11) - 5).map((v, i) =>
      v === 0 && i % 3 === 0 ? -0 : v,
    );
    t.true(vs.some((v) => Object.is(v, -0)));
    t.is(quantilesJson(Float64Array.from(vs)), referenceQuantiles(vs));
    const sorted = Array.from({ length: n }, (_, i) => i);
    t.is(quantilesJson(Float64Array.from(sorted)), referenceQuantiles(sorted));
    t.is(quantilesJson(Float64Array.from(sorted.reverse())), referenceQuantiles(sorted));
  }
});

test('quantiles of large groups: skewed, infinite, huge-range and clustered values', (t) => {
  const n = 30_000;
  const skewed = Array.from({ length: n }, (_, i) => Math.exp(((i * 7919) % 1000) / 50) * (i % 7 === 0 ? -1 : 1));
  const infinite = skewed.map((v, i) => (i % 1000 === 0 ? (i % 2000 === 0 ? Infinity : -Infinity) : v));
  const huge = skewed.map((v, i) => (i === 5 ? -1.7e308 : i === 6 ? 1.7e308 : v));
  const clustered = skewed.map((v, i) => (i % 3 === 0 ? 1e9 + (i % 5) * 1e-7 : v));
  for (const vs of [skewed, infinite, huge, clustered])
    t.is(quantilesJson(Float64Array.from(vs)), referenceQuantiles(vs));
});

test('join keys of different representations never match', (t) => {
  const left = makeTable(schemaOf({ k: 'INT64' }), [BigInt64Array.from([0n, 1n])], 2);
  const right = makeTable(schemaOf({ k: 'FLOAT64' }), [Float64Array.from([0, 1])], 2);
  const out = joinTables(left, right, 'left', [0], [0], schemaOf({ k: 'INT64', k2: 'FLOAT64' }));
  t.deepEqual([...out.columns[1]!], [0, 0]);
  t.is(out.length, 2);
});

// Dictionary-encoded STRING/UINT128 columns (codes attached, src/runtime/ops/dictionary.ts): keyed work runs on the
// codes and must agree with the plain values. The dictionaries here repeat a value under two codes on purpose.
const STRINGS = ['a', 'b', 'a', '', 'c'];
const UPIDS = [1n << 100n, 0n, 1n << 100n];
const codes = (max: number) => fc.array(fc.integer({ min: 0, max }), { maxLength: 150 });

test('group ids of dictionary-encoded keys are those of their values, whole columns and through kept rows', (t) => {
  fc.assert(
    fc.property(codes(STRINGS.length - 1), fc.infiniteStream(fc.integer({ min: 0, max: UPIDS.length - 1 })), (s, u) => {
      const n = s.length;
      const strings = dictionaryColumn(Int32Array.from(s), STRINGS);
      const upids = dictionaryColumn(Int32Array.from(u.take(n)), UPIDS);
      const cols = [strings, upids];
      t.deepEqual([...groupIds(cols, n).ids], referenceIds(cols, n));
      const kept = Int32Array.from({ length: n }, (_, i) => i).filter((i) => i % 3 !== 1);
      const through = groupIds(cols, kept.length, [kept, kept]);
      t.deepEqual(
        [...through.ids],
        referenceIds(
          cols.map((c) => [...kept].map((i) => c[i])),
          kept.length,
        ),
      );
    }),
    { numRuns: 200 },
  );
});

test('joins on dictionary-encoded keys match what the plain values match, either side encoded', (t) => {
  fc.assert(
    fc.property(codes(STRINGS.length - 1), codes(STRINGS.length - 1), (l, r) => {
      const schema = schemaOf({ k: 'STRING', k2: 'STRING' });
      const left = dictionaryColumn(Int32Array.from(l), STRINGS);
      const right = dictionaryColumn(Int32Array.from(r), STRINGS.slice().reverse());
      const plain = joinTables(
        makeTable(schema.slice(0, 1), [[...left]], l.length),
        makeTable(schema.slice(1), [[...right]], r.length),
        'outer',
        [0],
        [0],
        schema,
      );
      for (const [a, b] of [
        [left, right],
        [[...left], right],
        [left, [...right]],
      ] as [string[], string[]][]) {
        const out = joinTables(
          makeTable(schema.slice(0, 1), [a], l.length),
          makeTable(schema.slice(1), [b], r.length),
          'outer',
          [0],
          [0],
          schema,
        );
        t.deepEqual(out.columns, plain.columns);
        // The codes travel with the rows, the zero value of unmatched rows included.
        for (const col of out.columns as string[][]) {
          const d = dictionaryOf(col);
          if (d)
            t.deepEqual(
              [...d.codes].map((c) => d.values[c]),
              col,
            );
        }
      }
    }),
    { numRuns: 200 },
  );
});

test('a dictionary code outside its values is refused', (t) => {
  t.throws(() => dictionaryColumn(Int32Array.of(0, 3), ['a', 'b']), {
    message: 'dictionary code 3 at row 1 is not below the 2 values',
  });
});

test("a CSV file's string columns arrive dictionary-encoded; a column with a value too long for the dictionary arrives plain", async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pxlc-dict-'));
  t.teardown(() => rmSync(dir, { recursive: true, force: true }));
  const long = 'x'.repeat(300);
  writeFileSync(join(dir, 'events.csv'), `time_,path,body\n1,/a,b\n2,/b,${long}\n3,/a,b\n`);
  const { source } = await loadDirectory(dir);
  const table = await source.read({
    table: 'events',
    schema: schemaOf({ time_: 'TIME64NS', path: 'STRING', body: 'STRING' }),
  });
  const [path, body] = [table.columns[1] as string[], table.columns[2] as string[]];
  t.deepEqual(path, ['/a', '/b', '/a']);
  const d = dictionaryOf(path)!;
  t.deepEqual({ codes: [...d.codes], values: d.values }, { codes: [0, 1, 0], values: ['/a', '/b'] });
  t.deepEqual(body, ['b', long, 'b']);
  t.is(dictionaryOf(body), undefined);
});

test('the range of an int64 column read as words is its least and greatest value', (t) => {
  fc.assert(
    fc.property(fc.array(int64, { minLength: 1, maxLength: 60 }), (xs) => {
      const sorted = [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      t.deepEqual(int64Range(BigInt64Array.from(xs)), { min: sorted[0], max: sorted[sorted.length - 1] });
    }),
    { numRuns: 300 },
  );
});
