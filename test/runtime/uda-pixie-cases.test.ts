// The values Pixie's own aggregate tests expect for each aggregate over a few rows. (Pixie's tests also merge and
// serialize partial states, which pxlc, aggregating in one process, does not have.)

import test from 'ava';
import { aggregateDef } from '../../src/runtime/uda/registry.js';
import type { DataType } from '../../src/core/types.js';

function over(fn: string, type: DataType, values: readonly unknown[]): unknown {
  const state = aggregateDef(fn, [type]).create();
  for (const v of values) state.add(v);
  return state.finalize();
}

const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-12;

test('mean of doubles, of booleans (the fraction of trues) and of integers', (t) => {
  t.true(near(over('mean', 'FLOAT64', [0.5, 1.75, 2.25, 3.5]), 2));
  t.true(near(over('mean', 'BOOLEAN', [true, false, false, false, false]), 0.2));
  t.true(near(over('mean', 'INT64', [4n, 7n, 1n, 12n]), 6));
});

test('sum of doubles, booleans and integers', (t) => {
  t.true(near(over('sum', 'FLOAT64', [0.5, 1.75, 2.25]), 4.5));
  t.is(over('sum', 'BOOLEAN', [true, false, true, true]), 3n);
  t.is(over('sum', 'INT64', [4n, 7n, 1n, 12n]), 24n);
});

test('min, max and count', (t) => {
  t.is(over('max', 'INT64', [4n]), 4n);
  t.is(over('max', 'INT64', [4n, 9n, -2n, 3n]), 9n);
  t.is(over('min', 'INT64', [4n, 9n, -2n, 3n]), -2n);
  t.is(over('min', 'FLOAT64', [-7.25, -7.2500001, 3.5, -1]), -7.2500001);
  t.is(over('count', 'INT64', [4n, 9n, -2n]), 3n);
});

test('quantiles of a few values are the values themselves at the tails, interpolated inside', (t) => {
  const five = JSON.parse(over('quantiles', 'FLOAT64', [3.1, 0.4, 2.2, 9.9, 5.6]) as string) as Record<string, number>;
  t.deepEqual([five.p01, five.p10, five.p50, five.p90, five.p99], [0.4, 0.4, 3.1, 9.9, 9.9]);
  const seven = JSON.parse(over('quantiles', 'FLOAT64', [1, 2, 2, 1, 1, 5, 6]) as string) as Record<string, number>;
  t.deepEqual([seven.p01, seven.p10, seven.p50, seven.p99], [1, 1, 2, 6]);
  t.true(near(seven.p90, 5.8));
});
