// The keyed operators' faster paths against their plain definitions: group ids straight from dictionary codes
// (coded-groups.ts), joins whose right side has one row per key, per-group quantiles from one counting-sorted
// buffer, and operators' working memory (scratch.ts) lent again to the next operator without stale values.

import test from 'ava';
import fc from 'fast-check';
import { groupAggregate } from '../../src/runtime/ops/agg.js';
import { groupIds } from '../../src/runtime/ops/keys.js';
import { groupIdsFromCodes } from '../../src/runtime/ops/coded-groups.js';
import { joinPairs, type JoinHow } from '../../src/runtime/ops/join.js';
import { dictionaryColumn } from '../../src/runtime/ops/dictionary.js';
import { releaseScratch, scratchInt32 } from '../../src/runtime/ops/scratch.js';
import { formatQuantiles, quantile, quantilesJson } from '../../src/runtime/uda/quantiles.js';
import { makeTable } from '../../src/runtime/table.js';
import { schemaOf } from './ops-fixture.js';

/** Reference: ids in first-seen order of the value tuples (values compared with SameValueZero, as Map keys). */
function referenceIds(cols: readonly ArrayLike<unknown>[], n: number): number[] {
  const root = new Map<unknown, unknown>();
  let count = 0;
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    let node = root;
    for (let k = 0; k < cols.length - 1; k++) {
      const v = cols[k]![i];
      if (!node.has(v)) node.set(v, new Map());
      node = node.get(v) as Map<unknown, unknown>;
    }
    const last = cols[cols.length - 1]![i];
    if (!node.has(last)) node.set(last, count++);
    ids.push(node.get(last) as number);
  }
  return ids;
}

// Dictionaries that repeat a value under two codes: equal values must still be one key.
const DICTIONARIES: readonly (readonly string[])[] = [
  ['a', 'b', 'a'],
  ['x', '', 'y', 'x'],
  ['/p', '/q'],
  ['k', 'k', 'm'],
];
const codesOf = (d: readonly string[]) => fc.integer({ min: 0, max: d.length - 1 });

test('group ids from dictionary codes equal the ids of the values, for one to four key columns, whole and through rows', (t) => {
  const row = fc.tuple(...DICTIONARIES.map(codesOf));
  fc.assert(
    fc.property(fc.array(row, { maxLength: 120 }), (rows) => {
      const n = rows.length;
      const cols = DICTIONARIES.map((d, k) =>
        dictionaryColumn(
          Int32Array.from(rows, (r) => r[k]!),
          d,
        ),
      );
      for (let width = 1; width <= cols.length; width++) {
        const chosen = cols.slice(0, width);
        const g = groupIdsFromCodes(chosen, n)!;
        t.deepEqual([...g.ids], referenceIds(chosen, n));
        t.deepEqual(
          [...g.firstRows],
          [...new Set(g.ids)].map((id) => g.ids.indexOf(id)),
        );
        t.is(g.count, new Set(g.ids).size);
        // Each column through its own rows (a fused join's pairs): the same ids as the gathered values.
        const through = chosen.map((_, k) => Int32Array.from({ length: n }, (_, i) => (i * (k + 2)) % Math.max(n, 1)));
        const gathered = chosen.map((c, k) => [...through[k]!].map((i) => c[i]!));
        t.deepEqual([...groupIdsFromCodes(chosen, n, through)!.ids], referenceIds(gathered, n));
      }
    }),
    { numRuns: 150 },
  );
});

test('group ids fall back to the general path when a key column is plain or the codes do not fit a flat table', (t) => {
  const n = 300;
  const coded = dictionaryColumn(
    Int32Array.from({ length: n }, (_, i) => i % 3),
    ['a', 'b', 'c'],
  );
  const plain = Array.from({ length: n }, (_, i) => `v${i % 7}`);
  t.is(groupIdsFromCodes([coded, plain], n), undefined);
  t.deepEqual([...groupIds([coded, plain], n).ids], referenceIds([coded, plain], n));
  // 3000 · 3000 combined codes for 300 rows: more slots than the rows warrant.
  const wide = Array.from({ length: 3000 }, (_, i) => `w${i}`);
  const big = dictionaryColumn(
    Int32Array.from({ length: n }, (_, i) => (i * 37) % 3000),
    wide,
  );
  t.is(groupIdsFromCodes([big, big], n), undefined);
  t.deepEqual([...groupIds([big, big], n).ids], referenceIds([big, big], n));
});

/** Reference join: every (left, right) pair with equal keys in left-then-right order, then the leftovers. */
function referencePairs(l: readonly number[], r: readonly number[], how: JoinHow): [number, number][] {
  const out: [number, number][] = [];
  const matched = new Set<number>();
  l.forEach((k, i) => {
    const partners = r.flatMap((x, j) => (x === k ? [j] : []));
    for (const j of partners) {
      out.push([i, j]);
      matched.add(j);
    }
    if (partners.length === 0 && (how === 'left' || how === 'outer')) out.push([i, -1]);
  });
  if (how === 'right' || how === 'outer')
    r.forEach((_, j) => {
      if (!matched.has(j)) out.push([-1, j]);
    });
  return out;
}

test('join pairs equal the nested-loop join: unique right keys, duplicate keys on both sides (many to many), empty sides', (t) => {
  const keys = fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 40 });
  fc.assert(
    fc.property(keys, keys, fc.boolean(), (l, r, unique) => {
      const right = unique ? [...new Set(r)] : r;
      const table = (ks: readonly number[]) =>
        makeTable(schemaOf({ k: 'INT64' }), [BigInt64Array.from(ks, BigInt)], ks.length);
      for (const how of ['inner', 'left', 'right', 'outer'] as const) {
        const { lr, rr } = joinPairs(table(l), table(right), how, [0], [0]);
        t.deepEqual(
          [...lr].map((x, o) => [x, rr[o]]),
          referencePairs(l, right, how),
        );
        releaseScratch(lr, rr);
      }
    }),
    { numRuns: 200 },
  );
});

test("per-group quantiles equal the quantiles of each group's values: NaNs, an all-NaN group, signed zeros, int64", (t) => {
  const value = fc.oneof(
    fc.constantFrom(NaN, 0, -0, 1, -1, Infinity),
    fc.double({ noNaN: true }),
    fc.integer({ min: -5, max: 5 }),
  );
  fc.assert(
    fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), value), { minLength: 1, maxLength: 300 }), (rows) => {
      // Group 4 holds only NaNs when it appears.
      const vs = rows.map(([g, v]) => (g === 4 ? NaN : v));
      const table = makeTable(
        schemaOf({ g: 'INT64', v: 'FLOAT64' }),
        [BigInt64Array.from(rows, (r) => BigInt(r[0])), Float64Array.from(vs)],
        rows.length,
      );
      const out = groupAggregate(table, [0], [{ fn: 'quantiles', args: [1] }], schemaOf({ g: 'INT64', q: 'STRING' }));
      for (let k = 0; k < out.length; k++) {
        const g = Number(out.columns[0]![k]);
        t.is(out.columns[1]![k], quantilesJson(Float64Array.from(vs.filter((_, i) => rows[i]![0] === g))));
      }
    }),
    { numRuns: 200 },
  );
  const ints = makeTable(
    schemaOf({ g: 'STRING', v: 'INT64' }),
    [['a', 'b', 'a', 'a'], BigInt64Array.of(30n, -(1n << 62n), 10n, 20n)],
    4,
  );
  const out = groupAggregate(ints, [0], [{ fn: 'quantiles', args: [1] }], schemaOf({ g: 'STRING', q: 'STRING' }));
  t.deepEqual(out.columns[1], [quantilesJson(Float64Array.of(30, 10, 20)), quantilesJson(Float64Array.of(-(2 ** 62)))]);
});

test('working memory is lent again without stale values: a smaller grouping after a larger one', (t) => {
  const big = 100_000;
  const first = groupIds([BigInt64Array.from({ length: big }, (_, i) => BigInt(i % 1000))], big);
  releaseScratch(first.ids);
  const n = 90_000;
  const col = dictionaryColumn(
    Int32Array.from({ length: n }, (_, i) => (i * 7) % 5),
    ['a', 'b', 'c', 'd', 'e'],
  );
  const again = groupIds([col], n);
  t.deepEqual([...again.ids], referenceIds([col], n));
  // A released buffer is lent for the next request of a similar size; releasing twice or a foreign array is ignored.
  const a = scratchInt32(n);
  releaseScratch(a, a, new Int32Array(n), again.ids);
  const b = scratchInt32(n);
  const c = scratchInt32(n);
  t.not(b.buffer, c.buffer);
  t.true(b.buffer === a.buffer || c.buffer === a.buffer);
});

/** Reference: sort a copy (Float64Array sort puts -0 before +0), drop NaNs, read the seven quantiles. */
function sortedQuantiles(values: readonly number[]): string {
  const sorted = Float64Array.from(values)
    .sort()
    .filter((v) => !Number.isNaN(v));
  return formatQuantiles([0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99].map((q) => quantile(sorted, q)));
}

test('quantiles of mid-sized groups (bucketed from 1024 values): ties, signed zeros, tiny and clustered buckets', (t) => {
  const value = fc.oneof(fc.constantFrom(0, -0, 1, -1, 2.5), fc.double({ noNaN: true, min: -1e6, max: 1e6 }));
  fc.assert(
    fc.property(fc.array(value, { minLength: 1024, maxLength: 3000 }), (vs) => {
      t.is(quantilesJson(Float64Array.from(vs)), sortedQuantiles(vs));
    }),
    { numRuns: 60 },
  );
  // Most values within one bucket's width: the bucket is selected by a recursive bucketed pass.
  const clustered = Array.from({ length: 5000 }, (_, i) =>
    i % 10 === 0 ? i * 1e6 : 7 + (i % 97) * 1e-9 * (i % 2 ? -1 : 1),
  );
  t.is(quantilesJson(Float64Array.from(clustered)), sortedQuantiles(clustered));
});
