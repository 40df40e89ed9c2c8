// The columnar operators: filter, project, group-by/aggregate, join, union and limit.

import test from 'ava';
import { filterRows } from '../../src/runtime/ops/filter.js';
import { selectColumns } from '../../src/runtime/ops/project.js';
import { groupAggregate } from '../../src/runtime/ops/agg.js';
import { joinTables } from '../../src/runtime/ops/join.js';
import { unionTables } from '../../src/runtime/ops/union.js';
import { limitRows } from '../../src/runtime/ops/limit.js';
import { rows, schemaOf, table } from './ops-fixture.js';

const T0 = 1_700_000_000_000_000_000n;

const http = table({
  time_: ['TIME64NS', [T0 + 1n, T0 + 2n, T0 + 3n, T0 + 4n, T0 + 5n]],
  service: ['STRING', ['cart', 'checkout', 'cart', 'ad', 'checkout']],
  latency: ['INT64', [10n, 200n, 30n, 5n, 400n]],
  failed: ['BOOLEAN', [false, true, false, false, true]],
});

test('filterRows keeps masked rows in order, exactly', (t) => {
  const out = filterRows(http, Uint8Array.from([1, 0, 1, 0, 1]));
  t.deepEqual(rows(out), [
    [T0 + 1n, 'cart', 10n, false],
    [T0 + 3n, 'cart', 30n, false],
    [T0 + 5n, 'checkout', 400n, true],
  ]);
  t.true(out.columns[0] instanceof BigInt64Array);
  t.is(filterRows(http, [false, false, false, false, false]).length, 0);
  t.is(filterRows(http, Uint8Array.from([1, 1, 1, 1, 1])).length, 5);
});

test('selectColumns reorders and renames through the schema', (t) => {
  const out = selectColumns(http, [2, 1], schemaOf({ lat: 'INT64', svc: 'STRING' }));
  t.deepEqual(
    out.schema.map((c) => c.name),
    ['lat', 'svc'],
  );
  t.deepEqual(rows(out)[1], [200n, 'checkout']);
});

test('groupAggregate by a string key: groups in first-seen order', (t) => {
  const out = groupAggregate(
    http,
    [1],
    [
      { fn: 'count', args: [2] },
      { fn: 'mean', args: [2] },
      { fn: 'max', args: [0] },
      { fn: 'mean', args: [3] },
    ],
    schemaOf({ service: 'STRING', n: 'INT64', lat: 'FLOAT64', time_: 'TIME64NS', error_rate: 'FLOAT64' }),
  );
  t.deepEqual(rows(out), [
    ['cart', 2n, 20, T0 + 3n, 0],
    ['checkout', 2n, 300, T0 + 5n, 1],
    ['ad', 1n, 5, T0 + 4n, 0],
  ]);
});

test('groupAggregate by bigint, UINT128 and boolean keys together', (t) => {
  const big = 1n << 100n;
  const input = table({
    upid: ['UINT128', [big, big + 1n, big, big]],
    bucket: ['INT64', [9007199254740993n, 9007199254740992n, 9007199254740993n, 9007199254740992n]],
    ok: ['BOOLEAN', [true, true, true, true]],
    bytes: ['INT64', [1n, 2n, 3n, 4n]],
  });
  const out = groupAggregate(
    input,
    [0, 1, 2],
    [{ fn: 'sum', args: [3] }],
    schemaOf({ upid: 'UINT128', bucket: 'INT64', ok: 'BOOLEAN', bytes: 'INT64' }),
  );
  t.deepEqual(rows(out), [
    [big, 9007199254740993n, true, 4n],
    [big + 1n, 9007199254740992n, true, 2n],
    [big, 9007199254740992n, true, 4n],
  ]);
});

test('groupAggregate without groups gives one row even for an empty input', (t) => {
  const empty = filterRows(http, new Uint8Array(5));
  const out = groupAggregate(
    empty,
    [],
    [
      { fn: 'count', args: [1] },
      { fn: 'sum', args: [2] },
    ],
    schemaOf({ n: 'INT64', s: 'INT64' }),
  );
  t.deepEqual(rows(out), [[0n, 0n]]);
  const grouped = groupAggregate(empty, [1], [{ fn: 'count', args: [1] }], schemaOf({ service: 'STRING', n: 'INT64' }));
  t.is(grouped.length, 0);
  const distinct = groupAggregate(http, [1], [], schemaOf({ service: 'STRING' }));
  t.deepEqual(rows(distinct), [['cart'], ['checkout'], ['ad']]);
});

test('groupAggregate uses per-group aggregators for aggregates without a columnar form', (t) => {
  const out = groupAggregate(http, [1], [{ fn: 'quantiles', args: [2] }], schemaOf({ service: 'STRING', q: 'STRING' }));
  t.is(rows(out)[2]![1], '{"p01":5.0,"p10":5.0,"p25":5.0,"p50":5.0,"p75":5.0,"p90":5.0,"p99":5.0}');
});

const pods = table({
  service: ['STRING', ['cart', 'cart', 'payment']],
  pod: ['STRING', ['cart-1', 'cart-2', 'pay-1']],
});
const requests = table({ svc: ['STRING', ['cart', 'ad', 'checkout']], n: ['INT64', [7n, 8n, 9n]] });
const joinSchema = schemaOf({ svc: 'STRING', n: 'INT64', service: 'STRING', pod: 'STRING' });

test('inner join emits one row per matching pair', (t) => {
  t.deepEqual(rows(joinTables(requests, pods, 'inner', [0], [0], joinSchema)), [
    ['cart', 7n, 'cart', 'cart-1'],
    ['cart', 7n, 'cart', 'cart-2'],
  ]);
});

test('left, right and outer joins fill the missing side with zero values', (t) => {
  t.deepEqual(rows(joinTables(requests, pods, 'left', [0], [0], joinSchema)), [
    ['cart', 7n, 'cart', 'cart-1'],
    ['cart', 7n, 'cart', 'cart-2'],
    ['ad', 8n, '', ''],
    ['checkout', 9n, '', ''],
  ]);
  t.deepEqual(rows(joinTables(requests, pods, 'right', [0], [0], joinSchema)), [
    ['cart', 7n, 'cart', 'cart-1'],
    ['cart', 7n, 'cart', 'cart-2'],
    ['', 0n, 'payment', 'pay-1'],
  ]);
  t.is(joinTables(requests, pods, 'outer', [0], [0], joinSchema).length, 5);
});

test('join on several keys of different types', (t) => {
  const l = table({ a: ['INT64', [1n, 1n, 2n]], b: ['STRING', ['x', 'y', 'x']] });
  const r = table({ a: ['INT64', [1n, 2n]], b: ['STRING', ['y', 'x']], v: ['FLOAT64', [0.5, 1.5]] });
  const out = joinTables(
    l,
    r,
    'inner',
    [0, 1],
    [0, 1],
    schemaOf({ a: 'INT64', b: 'STRING', a_x: 'INT64', b_x: 'STRING', v: 'FLOAT64' }),
  );
  t.deepEqual(rows(out), [
    [1n, 'y', 1n, 'y', 0.5],
    [2n, 'x', 2n, 'x', 1.5],
  ]);
});

test('union merges inputs by time, stably, mapping columns by position', (t) => {
  const a = table({ time_: ['TIME64NS', [T0 + 1n, T0 + 3n, T0 + 5n]], v: ['STRING', ['a1', 'a3', 'a5']] });
  const b = table({ v: ['STRING', ['b2', 'b3', 'b9']], time_: ['TIME64NS', [T0 + 2n, T0 + 3n, T0 + 9n]] });
  const out = unionTables(
    [a, b],
    [
      [0, 1],
      [1, 0],
    ],
    schemaOf({ time_: 'TIME64NS', v: 'STRING' }),
    0,
  );
  t.deepEqual(
    rows(out).map((r) => r[1]),
    ['a1', 'b2', 'a3', 'b3', 'a5', 'b9'],
  );
  t.is(rows(out)[5]![0], T0 + 9n);
});

test('union without a time column concatenates', (t) => {
  const a = table({ v: ['INT64', [1n, 2n]] });
  const b = table({ v: ['INT64', [3n]] });
  t.deepEqual(rows(unionTables([a, b], [[0], [0]], schemaOf({ v: 'INT64' }))), [[1n], [2n], [3n]]);
});

test('limitRows keeps the first n rows', (t) => {
  t.deepEqual(
    rows(limitRows(http, 2)).map((r) => r[1]),
    ['cart', 'checkout'],
  );
  t.is(limitRows(http, 10).length, 5);
  t.is(limitRows(http, 0).length, 0);
});
