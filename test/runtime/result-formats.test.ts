// A service gets each px.display back as plain columns of exact values or as a danfo.js DataFrame.

import test from 'ava';
import type { RunResult } from '../../src/runtime/run.js';
import { compileScript } from '../support/compiled.js';

const script = `import px
df = px.DataFrame(table='http_events', start_time='-1m')
df.slow = df.latency > 1000
df.ms = df.latency / 1000000
df = df[['time_', 'upid', 'req_path', 'latency', 'slow', 'ms']]
px.display(df, 'requests')
`;

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
const rows = [
  { time_: T0 - 1_000_000_001n, upid: '1:10:1', req_path: '/big', latency: 9_007_199_254_740_993n }, // 2^53 + 1
  { time_: T0 - 2_000_000_000n, upid: '2:20:3', req_path: '/small', latency: 5n },
];

async function run(): Promise<RunResult> {
  return (await compileScript(script, 'requests')).run({ tables: { http_events: rows }, now: T0 });
}

test('plain columns keep int64, times and UINT128 exact as bigint', async (t) => {
  const r = await run();
  t.deepEqual(r.columns('requests'), {
    time_: [T0 - 1_000_000_001n, T0 - 2_000_000_000n],
    upid: [(1n << 96n) | (10n << 64n) | 1n, (2n << 96n) | (20n << 64n) | 3n],
    req_path: ['/big', '/small'],
    latency: [9_007_199_254_740_993n, 5n],
    slow: [true, false],
    // '/' is FLOAT64 division of the int64 converted to a double: 2^53 + 1 becomes 2^53 first.
    ms: [9_007_199_254.740992, 0.000005],
  });
  t.throws(() => r.columns('nope'), { message: "no px.display table named 'nope'" });
});

test('a danfo.js DataFrame: times as RFC 3339 text, UPIDs as Pixie prints them, int64 past 2^53 as exact text', async (t) => {
  const r = await run();
  const df = (await r.dataFrame('requests')) as {
    columns: string[];
    values: unknown[][];
    shape: number[];
    dtypes: string[];
  } & Record<string, { sum(): number }>;
  t.deepEqual(df.columns, ['time_', 'upid', 'req_path', 'latency', 'slow', 'ms']);
  t.deepEqual(df.shape, [2, 6]);
  t.deepEqual(df.values, [
    [
      '2025-12-31T23:59:58.999999999Z',
      '00000001-0000-000a-0000-000000000001',
      '/big',
      '9007199254740993',
      true,
      9_007_199_254.740992,
    ],
    ['2025-12-31T23:59:58.000000000Z', '00000002-0000-0014-0000-000000000003', '/small', '5', false, 0.000005],
  ]);
  // The text columns are text to danfo.js too: summing the exact int64s is an error, not '090071992547409935'.
  t.deepEqual(df.dtypes, ['string', 'string', 'string', 'string', 'boolean', 'float32']);
  t.throws(() => df['latency']!.sum(), { message: /String data type does not support sum/ });
  t.is(df['ms']!.sum(), 9_007_199_254.740997);
});
