// Arithmetic, comparison and time functions with the value conventions of generated code:
// INT64/TIME64NS as bigint, FLOAT64 as number.

import test from 'ava';
import { fn } from './udf-fixture.js';

const INT64_MAX = 9223372036854775807n;
const INT64_MIN = -9223372036854775808n;

test('int64 arithmetic wraps like int64', (t) => {
  t.is(fn('add(INT64,INT64)')(INT64_MAX, 1n), INT64_MIN);
  t.is(fn('subtract(INT64,INT64)')(INT64_MIN, 1n), INT64_MAX);
  t.is(fn('multiply(INT64,INT64)')(4611686018427387904n, 2n), INT64_MIN);
  t.is(fn('negate(INT64)')(INT64_MIN), INT64_MIN);
  t.is(fn('abs(INT64)')(-42n), 42n);
  t.is(fn('invert(INT64)')(0n), -1n);
});

test('times stay exact to the nanosecond', (t) => {
  const ts = 1_700_000_000_123_456_789n;
  t.is(fn('add(TIME64NS,INT64)')(ts, 1n), 1_700_000_000_123_456_790n);
  t.is(fn('add(INT64,TIME64NS)')(5_000_000_000n, ts), 1_700_000_005_123_456_789n);
  t.is(fn('subtract(TIME64NS,TIME64NS)')(ts, 1_700_000_000_000_000_000n), 123_456_789n);
  t.is(fn('time_to_int64(TIME64NS)')(ts), ts);
  t.is(fn('int64_to_time(INT64)')(ts), ts);
});

test('mixed int64 and float64 arithmetic is double arithmetic', (t) => {
  t.is(fn('add(INT64,FLOAT64)')(2n, 0.5), 2.5);
  t.is(fn('multiply(FLOAT64,INT64)')(1.5, 4n), 6);
  t.is(fn('subtract(FLOAT64,INT64)')(1.5, 2n), -0.5);
  t.is(fn('add(STRING,STRING)')('foo', 'bar'), 'foobar');
});

test('division is always floating point and follows IEEE at zero', (t) => {
  t.is(fn('divide(INT64,INT64)')(7n, 2n), 3.5);
  t.is(fn('divide(INT64,INT64)')(1n, 0n), Infinity);
  t.true(Number.isNaN(fn('divide(FLOAT64,FLOAT64)')(0, 0)));
});

test('modulo has C semantics and gives 0 for a zero divisor', (t) => {
  t.is(fn('modulo(INT64,INT64)')(-7n, 3n), -1n);
  t.is(fn('modulo(INT64,INT64)')(7n, -3n), 1n);
  t.is(fn('modulo(TIME64NS,INT64)')(1_700_000_000_123_456_789n, 1_000_000_000n), 123_456_789n);
  t.is(fn('modulo(INT64,INT64)')(7n, 0n), 0n);
});

test('bin rounds toward zero to a multiple of the bin size', (t) => {
  const tenSeconds = 10_000_000_000n;
  t.is(fn('bin(TIME64NS,INT64)')(1_700_000_007_999_999_999n, tenSeconds), 1_700_000_000_000_000_000n);
  t.is(fn('bin(INT64,INT64)')(-15n, 10n), -10n);
  t.is(fn('bin(FLOAT64,INT64)')(27.9, 5n), 25n);
  t.is(fn('bin(INT64,INT64)')(27n, 0n), 27n);
});

test('math functions', (t) => {
  t.is(fn('floor(FLOAT64)')(-1.5), -2n);
  t.is(fn('ceil(FLOAT64)')(1.2), 2n);
  t.is(fn('sqrt(INT64)')(16n), 4);
  t.is(fn('log(INT64,INT64)')(2n, 1024n), 10);
  t.is(fn('log10(FLOAT64)')(1000), 3);
  t.is(fn('log2(INT64)')(8n), 3);
  t.is(fn('pow(INT64,INT64)')(2n, 10n), 1024);
  t.is(fn('exp(INT64)')(0n), 1);
  t.is(fn('ln(FLOAT64)')(Math.E), 1);
  t.is(fn('abs(FLOAT64)')(-2.5), 2.5);
});

test('round formats with a fixed number of decimals', (t) => {
  t.is(fn('round(FLOAT64,INT64)')(3.14159, 2n), '3.14');
  t.is(fn('round(FLOAT64,INT64)')(2, 3n), '2.000');
  // Exact ties round half to even, as printf does.
  t.is(fn('round(FLOAT64,INT64)')(0.5, 0n), '0');
  t.is(fn('round(FLOAT64,INT64)')(2.5, 0n), '2');
  t.is(fn('round(FLOAT64,INT64)')(-0.5, 0n), '-0');
  t.is(fn('round(FLOAT64,INT64)')(0.125, 2n), '0.12');
  // 2.675 is really 2.67499999999999982236431605997495353221893310546875.
  t.is(fn('round(FLOAT64,INT64)')(2.675, 2n), '2.67');
  t.is(fn('round(FLOAT64,INT64)')(1.005, 2n), '1.00');
  t.is(fn('round(FLOAT64,INT64)')(123.456, -1n), '123.456000');
  t.is(fn('round(FLOAT64,INT64)')(1e22, 1n), '10000000000000000000000.0');
  t.is(fn('round(FLOAT64,INT64)')(NaN, 2n), 'nan');
});

test('comparisons', (t) => {
  t.true(fn('equal(UINT128,UINT128)')(1n << 100n, 1n << 100n));
  t.true(fn('equal(FLOAT64,FLOAT64)')(0.1 + 0.2, 0.3));
  t.false(fn('notEqual(FLOAT64,FLOAT64)')(0.1 + 0.2, 0.3));
  t.true(fn('notEqual(FLOAT64,FLOAT64)')(1, 1.001));
  t.true(fn('approxEqual(FLOAT64,FLOAT64)')(1, 1 + 1e-17));
  t.true(fn('equal(BOOLEAN,INT64)')(true, 1n));
  t.false(fn('equal(INT64,BOOLEAN)')(2n, true));
  t.true(fn('equal(INT64,FLOAT64)')(3n, 3));
  t.true(fn('lessThan(TIME64NS,TIME64NS)')(1n, 2n));
  t.true(fn('greaterThanEqual(STRING,STRING)')('b', 'abc'));
  t.true(fn('lessThanEqual(FLOAT64,FLOAT64)')(1.5, 1.5));
  t.false(fn('greaterThan(FLOAT64,FLOAT64)')(NaN, 1));
  // Bytewise order: U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80) in UTF-8, unlike UTF-16.
  t.true(fn('lessThan(STRING,STRING)')('\uFFFD', '\u{1F600}'));
});

test('logical functions treat int64 as truthy', (t) => {
  t.true(fn('logicalAnd(INT64,INT64)')(2n, -1n));
  t.false(fn('logicalAnd(INT64,INT64)')(2n, 0n));
  t.true(fn('logicalOr(INT64,INT64)')(0n, 5n));
  t.true(fn('logicalNot(INT64)')(0n));
  t.false(fn('logicalNot(BOOLEAN)')(true));
});

test('select picks per row', (t) => {
  t.is(fn('select(BOOLEAN,STRING,STRING)')(true, 'yes', 'no'), 'yes');
  t.is(fn('select(BOOLEAN,INT64,INT64)')(false, 1n, 2n), 2n);
  t.is(fn('select(BOOLEAN,FLOAT64,FLOAT64)')(false, 1.5, 2.5), 2.5);
});
