// Every aggregate, through groupAggregate and through its per-group Aggregator form.

import test from 'ava';
import { groupAggregate } from '../../src/runtime/ops/agg.js';
import { aggregateDef } from '../../src/runtime/uda/registry.js';
import { pprofProfile, MULTIPLE_PERIODS_TEXT } from '../../src/runtime/uda/pprof.js';
import { quantilesJson } from '../../src/runtime/uda/quantiles.js';
import type { DataType } from '../../src/core/types.js';
import { rows, schemaOf, table } from './ops-fixture.js';

/** One aggregate over a whole column, without groups. */
function aggregate(fn: string, type: DataType, values: readonly (boolean | bigint | number | string)[]) {
  const t = table({ v: [type, values] });
  const resultType = aggregateDef(fn, [type]).resultType;
  const out = groupAggregate(t, [], [{ fn, args: [0] }], schemaOf({ r: resultType }));
  return rows(out)[0]![0];
}

/** The same aggregate through create()/add()/finalize(). */
function aggregateByRows(fn: string, type: DataType, values: readonly unknown[]) {
  const a = aggregateDef(fn, [type]).create();
  for (const v of values) a.add(v);
  return a.finalize();
}

test('count counts rows of any type', (t) => {
  t.is(aggregate('count', 'STRING', ['a', 'b', '']), 3n);
  t.is(aggregate('count', 'UINT128', [1n << 100n]), 1n);
  t.is(aggregate('count', 'BOOLEAN', []), 0n);
  t.is(aggregateByRows('count', 'FLOAT64', [1, 2]), 2n);
});

test('sum wraps int64, counts trues, and adds doubles', (t) => {
  t.is(aggregate('sum', 'INT64', [9223372036854775807n, 1n]), -9223372036854775808n);
  t.is(aggregateByRows('sum', 'INT64', [9223372036854775807n, 1n]), -9223372036854775808n);
  t.is(aggregate('sum', 'BOOLEAN', [true, false, true]), 2n);
  t.is(aggregate('sum', 'FLOAT64', [0.5, 0.25]), 0.75);
  t.is(aggregate('sum', 'INT64', []), 0n);
});

test('mean is a double; booleans give the fraction of trues; empty is NaN', (t) => {
  t.is(aggregate('mean', 'INT64', [1n, 2n]), 1.5);
  t.is(aggregate('mean', 'BOOLEAN', [true, false, false, false]), 0.25);
  t.is(aggregate('mean', 'FLOAT64', [2, 4]), 3);
  t.true(Number.isNaN(aggregate('mean', 'FLOAT64', []) as number));
  t.is(aggregateByRows('mean', 'BOOLEAN', [true, true]), 1);
});

test('min and max, with exact times and NaNs skipped', (t) => {
  t.is(
    aggregate('max', 'TIME64NS', [1_700_000_000_000_000_001n, 1_700_000_000_000_000_003n, 5n]),
    1_700_000_000_000_000_003n,
  );
  t.is(aggregate('min', 'INT64', [4n, -2n, 9n]), -2n);
  t.is(aggregate('max', 'FLOAT64', [1.5, NaN, 3.25]), 3.25);
  t.is(aggregate('min', 'FLOAT64', [NaN, 2, -1]), -1);
  // pxlc reports the true maximum of negative doubles (Pixie would report 2.2e-308).
  t.is(aggregate('max', 'FLOAT64', [-3, -1]), -1);
  t.is(aggregateByRows('max', 'FLOAT64', [-3, -1]), -1);
});

test('min and max of an empty input are the start values', (t) => {
  t.is(aggregate('max', 'INT64', []), -9223372036854775808n);
  t.is(aggregate('min', 'TIME64NS', []), 9223372036854775807n);
  t.is(aggregate('max', 'FLOAT64', []), 2.2250738585072014e-308);
  t.is(aggregate('min', 'FLOAT64', []), Number.MAX_VALUE);
});

test('any returns the last value, or the zero value for an empty input', (t) => {
  t.is(aggregate('any', 'STRING', ['a', 'b']), 'b');
  t.is(aggregate('any', 'BOOLEAN', [true, false]), false);
  t.is(aggregate('any', 'UINT128', [5n, 1n << 90n]), 1n << 90n);
  t.is(aggregate('any', 'STRING', []), '');
  t.is(aggregateByRows('any', 'FLOAT64', [1, 2]), 2);
});

test('quantiles interpolate between sorted values like a t-digest of single points', (t) => {
  const values = Array.from({ length: 100 }, (_, i) => BigInt(i + 1));
  t.is(
    aggregate('quantiles', 'INT64', values),
    '{"p01":1.5,"p10":10.5,"p25":25.5,"p50":50.5,"p75":75.5,"p90":90.5,"p99":99.5}',
  );
  t.is(
    aggregate('quantiles', 'FLOAT64', [2.5]),
    '{"p01":2.5,"p10":2.5,"p25":2.5,"p50":2.5,"p75":2.5,"p90":2.5,"p99":2.5}',
  );
  t.is(
    quantilesJson(Float64Array.from([30, 10, 20])),
    '{"p01":10.0,"p10":10.0,"p25":12.5,"p50":20.0,"p75":27.5,"p90":30.0,"p99":30.0}',
  );
  t.is(aggregateByRows('quantiles', 'INT64', [10n, 20n, 30n]), quantilesJson(Float64Array.from([10, 20, 30])));
});

test('pprof serializes a profile of the stack histogram', (t) => {
  const profile = pprofProfile(10n, new Map([['main;work', 3n]]));
  const strings = Buffer.from(profile).toString('latin1');
  t.true(strings.includes('samples') && strings.includes('nanoseconds') && strings.includes('work'));
  // sample_type {type: 1, unit: 2} is the first field: tag 0x0a, length 4, then 08 01 10 02.
  t.deepEqual([...profile.slice(0, 6)], [0x0a, 0x04, 0x08, 0x01, 0x10, 0x02]);
  const t2 = table({ stack: ['STRING', ['main;a', 'main;a']], n: ['INT64', [1n, 2n]], period: ['INT64', [10n, 20n]] });
  const out = groupAggregate(t2, [], [{ fn: 'pprof', args: [0, 1, 2] }], schemaOf({ pprof: 'STRING' }));
  t.is(rows(out)[0]![0], MULTIPLE_PERIODS_TEXT);
});
