// px.parse_duration / px.format_duration of script arguments run when the script runs.

import test from 'ava';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import { scalarFunction } from '../../src/runtime/udf/registry.js';
import { ClusterMetadata } from '../../src/runtime/metadata/cluster.js';

const ctx = { metadata: new ClusterMetadata({}), nowNs: 0n };

test('_parse_duration reads a relative duration and names a bad one', (t) => {
  const parse = scalarFunction('_parse_duration(STRING)', ctx);
  t.is(parse('-5m'), -300_000_000_000n);
  t.is(parse('30s'), 30_000_000_000n);
  t.throws(() => parse('5 minutes'), {
    instanceOf: PxlRuntimeError,
    message: "'5 minutes' is not a duration like '-5m' (units ms, s, m, h, d)",
  });
});

test('_format_duration writes the largest unit that fits', (t) => {
  const format = scalarFunction('_format_duration(INT64)', ctx);
  t.is(format(-600_000_000_000n), '-10m');
  t.is(format(90_000_000_000n), '1m');
});
