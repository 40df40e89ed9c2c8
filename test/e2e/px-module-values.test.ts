// The values of px's compile-time helpers that Pixie's module tests pin, as the rows a compiled script produces:
// times parsed with and without a zone offset, UPIDs built from parts and from a UUID, durations as text and back.

import test from 'ava';
import { compileScript } from '../support/compiled.js';

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z, "now" for the run

test("strptime with its format, parse_time, make_upid, uint128, format_duration and parse_duration give Pixie's values", async (t) => {
  const { run } = await compileScript(
    `import px
df = px.DataFrame('http_events', start_time='-1m')
df = df[['req_path']]
df.with_zone = px.strptime('2021-06-30 23:15:00 +0130', '%Y-%m-%d %H:%M:%S %z')
df.utc = px.strptime('2021-06-30 23:15:00 -0000', '%Y-%m-%d %H:%M:%S %z')
df.no_zone = px.strptime('2021-06-30 23:15:00', '%Y-%m-%d %H:%M:%S')
df.from_int = px.parse_time(250)
df.from_time = px.parse_time(px.strptime('2021-06-30 23:15:00 +0130', '%Y-%m-%d %H:%M:%S %z'))
df.relative = px.parse_time('-5m')
df.upid = px.make_upid(12, 3456, 789)
df.from_uuid = px.uint128('0a1b2c3d-4e5f-4607-8899-aabbccddeeff')
df.ms = px.format_duration(7 * 1000 * 1000)
df.s = px.format_duration(7 * 1000 * 1000 * 1000)
df.m = px.format_duration(-7 * 60 * 1000 * 1000 * 1000)
df.h = px.format_duration(2 * 60 * 60 * 1000 * 1000 * 1000)
df.d = px.format_duration(3 * 24 * 60 * 60 * 1000 * 1000 * 1000)
df.date_only = px.strptime('2021-06-30', '%Y-%m-%d')
df.day_first = px.strptime('30/06/2021 23:15', '%d/%m/%Y %H:%M')
df.named = px.strptime('Jun 30 2021 11:15:00 PM', '%b %d %Y %I:%M:%S %p')
df.epoch_s = px.strptime('1625094900', '%s')
df.fraction = px.strptime('2021-06-30T23:15:00.25+01:30', '%Y-%m-%dT%H:%M:%E*S%Ez')
df.ahead = px.parse_duration('7m')
df.behind = px.parse_duration('-7m')
px.display(df, 'values')
`,
    'px_values',
  );
  const r = await run({ tables: { http_events: [{ time_: T0 - 1_000_000_000n, req_path: '/' }] }, now: T0 });
  const row = Object.fromEntries(Object.entries(r.columns('values')).map(([name, values]) => [name, values[0]]));
  const utc = 1_625_094_900_000_000_000n; // 2021-06-30T23:15:00Z
  t.deepEqual(row, {
    req_path: '/',
    with_zone: utc - 5_400_000_000_000n,
    utc,
    no_zone: utc,
    from_int: 250n,
    from_time: utc - 5_400_000_000_000n,
    relative: T0 - 300_000_000_000n,
    upid: (12n << 96n) | (3456n << 64n) | 789n,
    from_uuid: 0x0a1b2c3d4e5f46078899aabbccddeeffn,
    date_only: utc - 83_700_000_000_000n,
    day_first: utc,
    named: utc,
    epoch_s: utc,
    fraction: utc - 5_400_000_000_000n + 250_000_000n,
    ms: '7ms',
    s: '7s',
    m: '-7m',
    h: '2h',
    d: '3d',
    ahead: 420_000_000_000n,
    behind: -420_000_000_000n,
  });
});

test('px.days/hours/minutes/seconds/milliseconds/microseconds(2) subtracted from px.now() start the window that far back', async (t) => {
  const units: [string, bigint][] = [
    ['days', 172_800_000_000_000n],
    ['hours', 7_200_000_000_000n],
    ['minutes', 120_000_000_000n],
    ['seconds', 2_000_000_000n],
    ['milliseconds', 2_000_000n],
    ['microseconds', 2_000n],
  ];
  for (const [unit, ns] of units) {
    const { run } = await compileScript(
      `import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path'], start_time=px.now() - px.${unit}(2), end_time=px.now())
px.display(df, 'window')
`,
      `window_${unit}`,
    );
    // One row just outside the window, one on its first nanosecond, one at now (both bounds are inclusive).
    const rows = [
      { time_: T0 - ns - 1n, req_path: '/before' },
      { time_: T0 - ns, req_path: '/first' },
      { time_: T0, req_path: '/now' },
    ];
    const r = await run({ tables: { http_events: rows }, now: T0 });
    t.deepEqual(r.columns('window').req_path, ['/first', '/now'], unit);
  }
});
