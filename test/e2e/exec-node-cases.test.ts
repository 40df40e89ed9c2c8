// Pixie's tests of its execution nodes (join, aggregate, union, limit, filter, map) restated as scripts: each
// node's input batches become a small table, the node becomes the PxL call that plans it, and the expected rows
// are the ones those tests expect. Batch boundaries do not exist here, so only the rows are compared; where
// Pixie leaves the order open (joins, groups) rows are compared sorted. Aggregates of Pixie's test-only
// "minsum" UDA (sum of the smaller of two columns) are written with px.select and px.sum.

import test from 'ava';
import type { DataType, Schema } from '../../src/core/types.js';
import type { Table } from '../../src/runtime/table.js';
import { schemaOf } from '../runtime/ops-fixture.js';
import { runOver, tableOf, type Displayed } from '../support/pixie-tables.js';

type Value = boolean | bigint | number | string;
type Spec = { columns: Record<string, DataType>; rows: Value[][] };

/** Runs `body` (after `import px`) over tables given as column types and rows; returns every display. */
async function over(specs: Record<string, Spec>, body: string): Promise<Displayed[]> {
  const schemas: Record<string, Schema> = {};
  const tables: Record<string, Table> = {};
  for (const [name, spec] of Object.entries(specs)) {
    schemas[name] = schemaOf(spec.columns);
    tables[name] = tableOf(schemas[name]!, spec.rows);
  }
  return runOver(`import px\n${body}`, schemas, tables);
}

const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);
const sorted = (rows: Value[][]) =>
  [...rows].sort((a, b) => (JSON.stringify(a, big) < JSON.stringify(b, big) ? -1 : 1));
const ints = (...xs: number[]) => xs.map(BigInt);
const zip = (...cols: Value[][]): Value[][] => cols[0]!.map((_, i) => cols.map((c) => c[i]!));

// ---- joins ----

test('inner join, int key to int key: every build row of a key pairs with every probe row of it', async (t) => {
  const [out] = await over(
    {
      l: {
        columns: { left_0: 'INT64', left_1: 'FLOAT64' },
        rows: zip(ints(1, 2, 2, 9, 1, 1), [1.0, 2.0, 2.1, 9.0, 1.1, 1.2]),
      },
      r: {
        columns: { time_: 'TIME64NS', right_1: 'INT64' },
        rows: zip(ints(10, 20, 30, 31, 101, 150, 190), ints(1, 2, 3, 3, 1, 5, 9)),
      },
    },
    `l = px.DataFrame('l')
r = px.DataFrame('r')
px.display(l.merge(r, how='inner', left_on='left_0', right_on='right_1')[['left_1', 'right_1', 'time_']], 'j')`,
  );
  t.deepEqual(
    sorted(out!.rows),
    sorted(
      zip(
        [1.0, 1.1, 1.2, 2.0, 2.1, 1.0, 1.1, 1.2, 9.0],
        ints(1, 1, 1, 2, 2, 1, 1, 1, 9),
        ints(10, 10, 10, 20, 20, 101, 101, 101, 190),
      ),
    ),
  );
});

test('left join: a left row without a partner keeps its values and gets zeros for the right columns', async (t) => {
  const [out] = await over(
    {
      l: {
        columns: { time_: 'TIME64NS', left_1: 'INT64' },
        rows: zip(ints(10, 20, 30, 31, 101, 150, 190), ints(1, 2, 3, 3, 1, 5, 9)),
      },
      r: {
        columns: { right_0: 'INT64', right_1: 'FLOAT64' },
        rows: zip(ints(1, 2, 2, 9, 1, 1, 8), [1.0, 2.0, 2.1, 9.0, 1.1, 1.2, 8.0]),
      },
    },
    `l = px.DataFrame('l')
r = px.DataFrame('r')
px.display(l.merge(r, how='left', left_on='left_1', right_on='right_0')[['right_1', 'left_1', 'time_']], 'j')`,
  );
  t.deepEqual(
    sorted(out!.rows),
    sorted(
      zip(
        [1.0, 1.1, 1.2, 2.0, 2.1, 0, 0, 1.0, 1.1, 1.2, 0, 9.0],
        ints(1, 1, 1, 2, 2, 3, 3, 1, 1, 1, 5, 9),
        ints(10, 10, 10, 20, 20, 30, 31, 101, 101, 101, 150, 190),
      ),
    ),
  );
});

const FULL_LEFT: Spec = {
  columns: { left_0: 'TIME64NS', left_1: 'INT64' },
  rows: zip(
    ints(101, 200, 101, 200, 101, 200, 200, 200, 300, 300, 400, 500),
    ints(1, 2, 3, 4, 5, 6, 8, 10, 12, 14, 16, 18),
  ),
};
const FULL_RIGHT: Spec = {
  columns: { right_0: 'INT64', right_1: 'TIME64NS' },
  rows: zip(ints(-10, -20, -30), ints(110, 120, 101)),
};

test('outer join on time keys: unmatched rows of either side, the other side zero; any subset of columns', async (t) => {
  const [all, rightOnly, leftOnly] = await over(
    { l: FULL_LEFT, r: FULL_RIGHT },
    `l = px.DataFrame('l')
r = px.DataFrame('r')
j = l.merge(r, how='outer', left_on='left_0', right_on='right_1')
px.display(j[['left_1', 'right_1', 'right_0']], 'all')
px.display(j[['right_1', 'right_0']], 'right_only')
px.display(j[['left_1']], 'left_only')`,
  );
  const matched = zip(ints(0, 0, 1, 3, 5), ints(110, 120, 101, 101, 101), ints(-10, -20, -30, -30, -30));
  const unmatched = ints(2, 4, 6, 8, 10, 12, 14, 16, 18).map((v) => [v, 0n, 0n]);
  t.deepEqual(sorted(all!.rows), sorted([...matched, ...unmatched]));
  t.deepEqual(sorted(rightOnly!.rows), sorted([...matched, ...unmatched].map((r) => r.slice(1))));
  t.deepEqual(sorted(leftOnly!.rows), sorted([...matched, ...unmatched].map((r) => r.slice(0, 1))));
});

test('inner join without a common key, and with an empty side, has no rows', async (t) => {
  const left: Spec = {
    columns: { left_0: 'TIME64NS', left_1: 'INT64' },
    rows: zip(ints(101, 102, 101, 103, 101), ints(1, 2, 3, 4, 5)),
  };
  const [none, empty] = await over(
    {
      l: left,
      r: { columns: { right_0: 'INT64', right_1: 'TIME64NS' }, rows: zip(ints(-10, -20, -30), ints(200, 300, 400)) },
      e: { columns: { right_0: 'INT64', right_1: 'TIME64NS' }, rows: [] },
    },
    `l = px.DataFrame('l')
px.display(l.merge(px.DataFrame('r'), how='inner', left_on='left_0', right_on='right_1')[['left_1', 'right_1', 'right_0']], 'none')
px.display(l.merge(px.DataFrame('e'), how='inner', left_on='left_0', right_on='right_1')[['left_1', 'right_1', 'right_0']], 'empty')`,
  );
  t.deepEqual([none!.rows, empty!.rows], [[], []]);
  t.deepEqual(none!.columns, ['left_1', 'right_1', 'right_0']);
});

test('inner join with many rows per key on both sides gives every pair', async (t) => {
  const [out] = await over(
    {
      l: {
        columns: { left_0: 'TIME64NS', left_1: 'INT64' },
        rows: zip(ints(101, 102, 103, 101, 102, 103, 101, 104), ints(1, 2, 3, 4, 5, 6, 7, 8)),
      },
      r: {
        columns: { right_0: 'INT64', time_: 'TIME64NS' },
        rows: zip(ints(10, 20, 30, 40, 50, 60, 70, 80, 90), ints(101, 101, 102, 102, 103, 103, 103, 103, 105)),
      },
    },
    `j = px.DataFrame('l').merge(px.DataFrame('r'), how='inner', left_on='left_0', right_on='time_')
px.display(j[['left_1', 'time_', 'right_0']], 'j')`,
  );
  t.deepEqual(
    sorted(out!.rows),
    sorted(
      zip(
        ints(1, 4, 7, 1, 4, 7, 2, 5, 2, 5, 3, 6, 3, 6, 3, 6, 3, 6),
        ints(101, 101, 101, 101, 101, 101, 102, 102, 102, 102, 103, 103, 103, 103, 103, 103, 103, 103),
        ints(10, 10, 10, 20, 20, 20, 30, 30, 40, 40, 50, 50, 60, 60, 70, 70, 80, 80),
      ),
    ),
  );
});

// ---- aggregates ----

const MINSUM = `df.smaller = px.select(df.a < df.b, df.a, df.b)`;
const PAIRS: Spec = {
  columns: { a: 'INT64', b: 'INT64' },
  rows: zip(ints(1, 2, 3, 4, 5, 6, 3, 4), ints(2, 5, 6, 8, 1, 5, 3, 8)),
};

test('agg without groups over every row, and over the first four rows only', async (t) => {
  const [all, first] = await over(
    { t: PAIRS },
    `df = px.DataFrame('t')
${MINSUM}
px.display(df.agg(value1=('smaller', px.sum)), 'all')
px.display(df.head(4).agg(value1=('smaller', px.sum)), 'first')`,
  );
  t.deepEqual([all!.rows, first!.rows], [[[23n]], [[10n]]]);
});

test('agg by one int group', async (t) => {
  const [out] = await over(
    {
      t: { columns: { a: 'INT64', b: 'INT64' }, rows: zip(ints(1, 1, 2, 2, 5, 6, 3, 4), ints(2, 3, 3, 1, 1, 5, 3, 8)) },
    },
    `df = px.DataFrame('t')
${MINSUM}
px.display(df.groupby('a').agg(value1=('smaller', px.sum)), 'g')`,
  );
  t.deepEqual(out!.columns, ['a', 'value1']);
  t.deepEqual(sorted(out!.rows), sorted(zip(ints(1, 2, 3, 4, 5, 6), ints(2, 3, 3, 4, 1, 5))));
});

test('agg by two groups, int and int or string and int', async (t) => {
  const g2 = ints(2, 1, 3, 1, 1, 2, 3, 3);
  const v = ints(2, 5, 3, 1, 1, 3, 3, 8);
  const [ints2, strs] = await over(
    {
      n: { columns: { g1: 'INT64', g2: 'INT64', v: 'INT64' }, rows: zip(ints(1, 5, 1, 2, 5, 1, 3, 3), g2, v) },
      s: {
        columns: { g1: 'STRING', g2: 'INT64', v: 'INT64' },
        rows: zip(['abc', 'def', 'abc', 'fgh', 'ijk', 'abc', 'abc', 'def'], g2, v),
      },
    },
    `def grouped(name: str):
    df = px.DataFrame(name)
    df.smaller = px.select(df.v < df.g2, df.v, df.g2)
    px.display(df.groupby(['g1', 'g2']).agg(value1=('smaller', px.sum)), name)
grouped('n')
grouped('s')`,
  );
  t.deepEqual(sorted(ints2!.rows), sorted(zip(ints(1, 1, 2, 5, 3), ints(2, 3, 1, 1, 3), ints(4, 3, 1, 2, 6))));
  t.deepEqual(
    sorted(strs!.rows),
    sorted(zip(['abc', 'def', 'abc', 'fgh', 'ijk', 'def'], ints(2, 1, 3, 1, 1, 3), ints(4, 1, 6, 1, 1, 3))),
  );
});

test('groupby with no aggregates gives each distinct value once', async (t) => {
  const [out] = await over(
    {
      t: { columns: { a: 'INT64', b: 'INT64' }, rows: zip(ints(2, 1, 3, 1, 1, 2, 3, 3), ints(2, 5, 3, 1, 1, 3, 3, 8)) },
    },
    `px.display(px.DataFrame('t').groupby('a').agg(), 'g')`,
  );
  t.deepEqual(sorted(out!.rows), [[1n], [2n], [3n]]);
});

// ---- unions ----

test("append without time_ keeps every row of both inputs, the second one's columns matched by name", async (t) => {
  const [out] = await over(
    {
      a: {
        columns: { s: 'STRING', n: 'INT64' },
        rows: zip(['ABC', 'DEF', 'HELLO', 'WORLD', '1', '2', '3'], ints(3, 1, 0, 100, 4, 5, 6)),
      },
      b: { columns: { n: 'INT64', s: 'STRING' }, rows: zip(ints(-100, -102), ['FOO', 'BAR']) },
    },
    `px.display(px.DataFrame('a').append(px.DataFrame('b')), 'u')`,
  );
  t.deepEqual(out!.columns, ['s', 'n']);
  t.deepEqual(
    sorted(out!.rows),
    sorted(zip(['ABC', 'DEF', 'HELLO', 'WORLD', '1', '2', '3', 'FOO', 'BAR'], ints(3, 1, 0, 100, 4, 5, 6, -100, -102))),
  );
});

const timed = (names: string[], times: number[]): Spec => ({
  columns: { s: 'STRING', time_: 'TIME64NS' },
  rows: zip(names, ints(...times)),
});
const timedFlipped = (times: number[], names: string[]): Spec => ({
  columns: { time_: 'TIME64NS', s: 'STRING' },
  rows: zip(ints(...times), names),
});

test('append with time_ merges the inputs by time; on equal times the first input comes first', async (t) => {
  const cases: [Spec, Spec, string[]][] = [
    [
      timed(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'], [0, 1, 2, 3, 4, 5, 6, 100]),
      timedFlipped([10, 11, 20, 25, 30, 40], ['Z', 'Y', 'X', 'W', 'V', 'U']),
      ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'Z', 'Y', 'X', 'W', 'V', 'U', 'H'],
    ],
    [
      timed(['A', 'B', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L'], [0, 1, 4, 5, 6, 7, 8, 9, 10, 11]),
      timedFlipped([1, 2, 4, 5, 11], ['b', 'c', 'e', 'f', 'l']),
      ['A', 'B', 'b', 'c', 'E', 'e', 'F', 'f', 'G', 'H', 'I', 'J', 'K', 'L', 'l'],
    ],
    [
      timed(
        ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K', 'L', 'M', 'N', 'O'],
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14],
      ),
      timedFlipped([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']),
      [
        'A',
        'a',
        'B',
        'b',
        'C',
        'c',
        'D',
        'd',
        'E',
        'e',
        'F',
        'f',
        'G',
        'g',
        'H',
        'h',
        'I',
        'i',
        'J',
        'j',
        'K',
        'L',
        'M',
        'N',
        'O',
      ],
    ],
    [timed(['A', 'B', 'C', 'D', 'H'], [0, 1, 2, 3, 100]), timedFlipped([], []), ['A', 'B', 'C', 'D', 'H']],
    [timed([], []), timedFlipped([], []), []],
    [timed(['hello'], [123]), timedFlipped([], []), ['hello']],
  ];
  for (const [a, b, expected] of cases) {
    const [out] = await over({ a, b }, `px.display(px.DataFrame('a').append(px.DataFrame('b')), 'u')`);
    t.deepEqual(out!.columns, ['s', 'time_']);
    t.deepEqual(
      out!.rows.map((r) => r[0]),
      expected,
    );
  }
});

// ---- limit, filter, map ----

test('head keeps the first n rows across the whole input; head(0) keeps none; a select after it keeps its columns', async (t) => {
  const a = ints(1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6);
  const b = ints(1, 3, 6, 9, 12, 15, 1, 4, 6, 8, 10, 12);
  const c = ints(1, 4, 8, 12, 16, 20, 1, 4, 8, 12, 16, 20);
  const out = await over(
    { t: { columns: { a: 'INT64', b: 'INT64', c: 'INT64' }, rows: zip(a, b, c) } },
    `df = px.DataFrame('t')
px.display(df.head(10)[['a', 'b']], 'ten')
px.display(df.head(0), 'zero')
px.display(df.head(12), 'exact')
px.display(df.head(10)[['a', 'c']], 'dropped')
px.display(df.head(8)[['a', 'c']], 'fewer')`,
  );
  t.deepEqual(
    out.map((d) => d.rows),
    [zip(a, b).slice(0, 10), [], zip(a, b, c), zip(a, c).slice(0, 10), zip(a, c).slice(0, 8)],
  );
});

test('filters on two columns being equal and on a string, with and without a select after them', async (t) => {
  const [both, selected, strings] = await over(
    {
      t: {
        columns: { a: 'INT64', b: 'INT64', s: 'STRING' },
        rows: zip(ints(1, 1, 3, 4, 1, 2, 3), ints(1, 3, 6, 9, 1, 4, 6), [
          'ABC',
          'DEF',
          'HELLO',
          'WORLD',
          'Hello',
          'world',
          'now',
        ]),
      },
      u: {
        columns: { s: 'STRING', a: 'INT64', b: 'INT64' },
        rows: zip(['A', 'B', 'A', 'D', 'C', 'B', 'A'], ints(1, 3, 6, 9, 1, 4, 6), ints(2, 4, 7, 10, 2, 5, 7)),
      },
    },
    `df = px.DataFrame('t')
px.display(df[df.a == df.b], 'both')
px.display(df[df.a == df.b][['b']], 'selected')
u = px.DataFrame('u')
px.display(u[u.s == 'A'], 'strings')`,
  );
  t.deepEqual(both!.rows, [
    [1n, 1n, 'ABC'],
    [1n, 1n, 'Hello'],
  ]);
  t.deepEqual(selected!.rows, [[1n], [1n]]);
  t.deepEqual(strings!.rows, [
    ['A', 1n, 2n],
    ['A', 6n, 7n],
    ['A', 6n, 7n],
  ]);
});

test('a map adding two int columns', async (t) => {
  const [out] = await over(
    { t: { columns: { a: 'INT64', b: 'INT64' }, rows: zip(ints(1, 2, 3, 4, 1, 2, 3), ints(1, 3, 6, 9, 1, 4, 6)) } },
    `df = px.DataFrame('t')
df.sum = df.a + df.b
px.display(df[['sum']], 'm')`,
  );
  t.deepEqual(
    out!.rows,
    ints(2, 5, 9, 13, 2, 6, 9).map((v) => [v]),
  );
});

// ---- whole graphs of nodes ----

const NUMBERS: Spec = {
  columns: { a: 'INT64', b: 'BOOLEAN', c: 'FLOAT64' },
  rows: zip(ints(1, 2, 3, 4, 5), [true, false, true, false, false], [1.4, 6.2, 10.2, 3.4, 1.2]),
};

test('graphs: nested adds of int and float columns; limits on two branches, in sequence and after a union of three sources', async (t) => {
  const [sums, first, second, sequential, unioned] = await over(
    { numbers: NUMBERS },
    `df = px.DataFrame('numbers')
df.out = (df.a + df.c) + (df.c + df.a)
px.display(df[['out']], 'sums')
n = px.DataFrame('numbers')
px.display(n.head(2), 'first')
px.display(n.head(2), 'second')
px.display(n.head(2).head(4), 'sequential')
px.display(n.append([px.DataFrame('numbers'), px.DataFrame('numbers')]).head(2), 'unioned')`,
  );
  [4.8, 16.4, 26.4, 14.8, 12.4].forEach((v, i) =>
    t.true(Math.abs((sums!.rows[i]![0] as number) - v) < 1e-9, `row ${i}`),
  );
  const two = [
    [1n, true, 1.4],
    [2n, false, 6.2],
  ];
  t.deepEqual([first!.rows, second!.rows, sequential!.rows, unioned!.rows], [two, two, two, two]);
});

test('a source keeps the rows of its time range, both bounds included', async (t) => {
  const cpu: Spec = {
    columns: { col1: 'BOOLEAN', time_: 'TIME64NS' },
    rows: zip([true, false, true, false, false], ints(1, 2, 3, 5, 6)),
  };
  const out = await over(
    { cpu },
    `px.display(px.DataFrame('cpu', start_time=3), 'from_3')
px.display(px.DataFrame('cpu', end_time=5), 'to_5')
px.display(px.DataFrame('cpu', start_time=3, end_time=6), 'from_3_to_6')
px.display(px.DataFrame('cpu', start_time=7, end_time=10), 'none')`,
  );
  t.deepEqual(
    out.map((d) => d.rows.map((r) => r[1])),
    [[3n, 5n, 6n], [1n, 2n, 3n, 5n], [3n, 5n, 6n], []],
  );
});
