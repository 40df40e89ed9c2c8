// DataFrame operations with Pixie's semantics (SPEC §8, §13), end to end: a PxL snippet over small hand-built
// tables, and the rows worked out by hand from the SPEC — output column order, int64 values past 2^53, merge
// kinds, suffixes and zero-fill, union by time, the row limit and px.debug names.

import test from 'ava';
import { startCollector } from '../../src/collector/server.js';
import { columnArrays, compileScript } from '../support/compiled.js';

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z, "now" for every run
const s = 1_000_000_000n;
const upid = (asid: bigint, pid: bigint, start: bigint) => (asid << 96n) | (pid << 64n) | start;
const [A, B, C] = [upid(1n, 1n, 1n), upid(2n, 2n, 2n), upid(3n, 3n, 3n)];

/** Rows of a result, sorted: Pixie leaves the order of groups and join output unspecified. */
function sortedRows(cols: unknown[][]): unknown[][] {
  const rows = (cols[0] ?? []).map((_, i) => cols.map((c) => c[i]));
  return rows.sort((x, y) => (JSON.stringify(x, big) < JSON.stringify(y, big) ? -1 : 1));
}
const big = (_k: string, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v);

test('groupby/agg: group columns in by order, then aggregates in keyword order; int64 sums past 2^53 exact', async (t) => {
  const { run } = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-1m')
df = df.groupby(['resp_status', 'req_path']).agg(total=('latency', px.sum), n=('latency', px.count),
    avg=('latency', px.mean), worst=('latency', px.max))
px.display(df, 'g')
`);
  const rows = [
    { time_: T0 - 4n * s, resp_status: 200, req_path: '/a', latency: 2n ** 62n },
    { time_: T0 - 3n * s, resp_status: 200, req_path: '/a', latency: 3 },
    { time_: T0 - 2n * s, resp_status: 500, req_path: '/b', latency: 7 },
    { time_: T0 - 1n * s, resp_status: 200, req_path: '/b', latency: 1 },
  ];
  const r = await run({ tables: { http_events: rows }, now: T0 });
  t.deepEqual(
    r.tables[0]!.table.schema.map((c) => `${c.name}:${c.dataType}`),
    ['resp_status:INT64', 'req_path:STRING', 'total:INT64', 'n:INT64', 'avg:FLOAT64', 'worst:INT64'],
  );
  t.deepEqual(sortedRows(columnArrays(r, 'g')), [
    // 2^62 + 3 is exact in int64; the mean is a double, where 2^62 + 3 rounds to 2^62, so the mean is 2^61.
    [200n, '/a', 4_611_686_018_427_387_907n, 2n, 2 ** 61, 4_611_686_018_427_387_904n],
    [200n, '/b', 1n, 1n, 1, 1n],
    [500n, '/b', 7n, 1n, 7, 7n],
  ]);
});

test('agg without groupby gives exactly one row, even for no input; groupby().agg() gives the distinct groups', async (t) => {
  const { run } = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-1m')
none = df[df.resp_status == 999].agg(n=('latency', px.count), total=('latency', px.sum))
px.display(none, 'none')
px.display(df.groupby('req_path').agg(), 'paths')
`);
  const rows = [
    { time_: T0 - 3n * s, resp_status: 200, req_path: '/b', latency: 1 },
    { time_: T0 - 2n * s, resp_status: 200, req_path: '/a', latency: 1 },
    { time_: T0 - 1n * s, resp_status: 404, req_path: '/b', latency: 1 },
  ];
  const r = await run({ tables: { http_events: rows }, now: T0 });
  t.deepEqual(columnArrays(r, 'none'), [[0n], [0n]]);
  t.deepEqual(sortedRows(columnArrays(r, 'paths')), [['/a'], ['/b']]);
});

test('merge: inner, left, right and outer; names on both sides get the suffixes; the missing side is zero-filled', async (t) => {
  const script = (how: string) => `import px
l = px.DataFrame(table='http_events', start_time='-1m').groupby('upid').agg(n=('latency', px.count))
r = px.DataFrame(table='process_stats', start_time='-1m').groupby('upid').agg(n=('rss_bytes', px.count), last=('time_', px.max))
r.busy = r.n > 1
r.ratio = r.n / 2
r.label = 'proc'
px.display(l.merge(r, how='${how}', left_on='upid', right_on='upid'), 'm')
`;
  const tables = {
    http_events: [
      { time_: T0 - 3n * s, upid: A, latency: 1 },
      { time_: T0 - 2n * s, upid: A, latency: 1 },
      { time_: T0 - s, upid: B, latency: 1 },
    ],
    process_stats: [
      { time_: T0 - 3n * s, upid: B, rss_bytes: 1 },
      { time_: T0 - 2n * s, upid: B, rss_bytes: 1 },
      { time_: T0 - s, upid: B, rss_bytes: 1 },
      { time_: T0 - 5n * s, upid: C, rss_bytes: 1 },
    ],
  };
  const both = [B, 1n, B, 3n, T0 - s, true, 1.5, 'proc'];
  const leftOnly = [A, 2n, 0n, 0n, 0n, false, 0, ''];
  const rightOnly = [0n, 0n, C, 1n, T0 - 5n * s, false, 0.5, 'proc'];
  const expected: Record<string, unknown[][]> = {
    inner: [both],
    left: [leftOnly, both],
    right: [rightOnly, both],
    outer: [rightOnly, leftOnly, both],
  };
  for (const how of ['inner', 'left', 'right', 'outer']) {
    const r = await (await compileScript(script(how))).run({ tables, now: T0 });
    t.deepEqual(
      r.tables[0]!.table.schema.map((c) => c.name),
      ['upid_x', 'n_x', 'upid_y', 'n_y', 'last', 'busy', 'ratio', 'label'],
      how,
    );
    t.deepEqual(sortedRows(columnArrays(r, 'm')), sortedRows(transpose(expected[how]!)), how);
  }
});

function transpose(rows: unknown[][]): unknown[][] {
  return rows[0]!.map((_, j) => rows.map((row) => row[j]));
}

test("merge with suffixes ['', '_x'] keeps the left names: [upid, cpu, upid_x, count]", async (t) => {
  const { run } = await compileScript(`import px
l = px.DataFrame(table='process_stats', start_time='-1m').groupby('upid').agg(cpu=('cpu_utime_ns', px.sum))
r = px.DataFrame(table='http_events', start_time='-1m').groupby('upid').agg(count=('latency', px.count))
px.display(l.merge(r, how='inner', left_on='upid', right_on='upid', suffixes=['', '_x']), 'm')
`);
  const r = await run({
    tables: {
      process_stats: [
        { time_: T0 - s, upid: A, cpu_utime_ns: 2n ** 60n },
        { time_: T0 - s, upid: A, cpu_utime_ns: 2n ** 60n },
      ],
      http_events: [{ time_: T0 - s, upid: A, latency: 1 }],
    },
    now: T0,
  });
  t.deepEqual(
    r.tables[0]!.table.schema.map((c) => c.name),
    ['upid', 'cpu', 'upid_x', 'count'],
  );
  t.deepEqual(columnArrays(r, 'm'), [[A], [2n ** 61n], [A], [1n]]);
});

test('append merges its inputs by time_, stably; head keeps the first rows; reassigning an input column moves it last', async (t) => {
  const { run } = await compileScript(`import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'latency'], start_time='-1m')
ok = df[df.latency < 10]
slow = df[df.latency >= 10]
both = ok.append(slow)
both.req_path = px.toupper(both.req_path)
px.display(both, 'all')
px.display(both.head(2), 'first')
`);
  const rows = [
    { time_: T0 - 5n * s, req_path: '/a', latency: 1 },
    { time_: T0 - 4n * s, req_path: '/b', latency: 50 },
    { time_: T0 - 3n * s, req_path: '/c', latency: 2 },
    { time_: T0 - 3n * s, req_path: '/d', latency: 60 },
  ];
  const r = await run({ tables: { http_events: rows }, now: T0 });
  t.deepEqual(
    r.tables[0]!.table.schema.map((c) => c.name),
    ['time_', 'latency', 'req_path'],
  );
  // By time; the tie at -3 s keeps input order: `ok` (/c) before `slow` (/d).
  t.deepEqual(columnArrays(r, 'all'), [
    [T0 - 5n * s, T0 - 4n * s, T0 - 3n * s, T0 - 3n * s],
    [1n, 50n, 2n, 60n],
    ['/A', '/B', '/C', '/D'],
  ]);
  t.deepEqual(columnArrays(r, 'first'), [
    [T0 - 5n * s, T0 - 4n * s],
    [1n, 50n],
    ['/A', '/B'],
  ]);
});

const manyRows = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ time_: T0 - s + BigInt(i), req_path: `/p${i}`, latency: i }));

test('every output keeps at most 10 000 rows by default, with a warning saying how to raise it', async (t) => {
  const { run } = await compileScript(`import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'latency'], start_time='-1m')
px.display(df, 'all')
`);
  const r = await run({ tables: { http_events: manyRows(10_001) }, now: T0 });
  t.is(r.tables[0]!.table.length, 10_000);
  t.deepEqual(columnArrays(r, 'all')[2]!.slice(-1), [9_999n], 'the first 10 000 rows are kept');
  t.deepEqual(r.warnings, [
    "px.display 'all': 10001 rows, only the first 10000 are kept (Pixie's row limit; raise it with #px:set max_output_rows_per_table=N)",
  ]);
});

test('#px:set max_output_rows_per_table limits displays and exports alike', async (t) => {
  const { run } = await compileScript(`#px:set max_output_rows_per_table=3
import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'latency'], start_time='-1m')
px.display(df, 'all')
px.export(df, px.otel.Data(resource={'service.name': df.req_path}, data=[px.otel.metric.Gauge(name='latency', value=df.latency)]))
`);
  const collector = await startCollector();
  try {
    const r = await run({
      tables: { http_events: manyRows(5) },
      now: T0,
      endpoint: `127.0.0.1:${collector.port}`,
      insecure: true,
    });
    t.deepEqual(columnArrays(r, 'all')[1], ['/p0', '/p1', '/p2']);
    t.is(r.exports[0]!.metricPointsSent, 3);
    const services = collector.metrics.flatMap((m) =>
      m.resourceMetrics.map((rm) => rm.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue),
    );
    t.deepEqual(services.sort(), ['/p0', '/p1', '/p2']);
  } finally {
    await collector.stop();
  }
});

test("px.debug names its table '_name'; a repeated display name gets _1, _2", async (t) => {
  const { run } = await compileScript(`import px
df = px.DataFrame(table='http_events', select=['time_', 'latency'], start_time='-1m')
px.display(df, 'x')
px.display(df, 'x')
px.debug(df, 'x')
px.display(df, 'x')
`);
  const r = await run({ tables: { http_events: [{ time_: T0 - s, latency: 5 }] }, now: T0 });
  t.deepEqual(
    r.tables.map((x) => x.name),
    ['x', 'x_1', '_x', 'x_2'],
  );
  t.deepEqual(columnArrays(r, '_x'), [[T0 - s], [5n]]);
});
