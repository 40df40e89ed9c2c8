// Whole scripts from Pixie's query-engine tests, over the same small tables, with the rows those tests expect:
// selects, maps, time ranges given in nanoseconds, aggregates with and without groups, filters, head and a script
// of five function-built displays that must run on empty tables.

import test from 'ava';
import { BIG_TEST_ROWS, CARNOT_SCHEMAS, carnotTables, runOver, type Displayed } from '../support/pixie-tables.js';

const run = (text: string): Promise<Displayed[]> => runOver(`import px\n${text}`, CARNOT_SCHEMAS, carnotTables());
const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-9;

test('select two columns of a table without time_: every row, in order', async (t) => {
  const [out] = await run(`df = px.DataFrame(table='test_table', select=['col1', 'col2'])
px.display(df, 'test_output')`);
  t.deepEqual(out, {
    name: 'test_output',
    columns: ['col1', 'col2'],
    rows: [
      [0.5, 1n],
      [1.2, 2n],
      [5.3, 3n],
      [0.1, 5n],
      [5.1, 6n],
    ],
  });
});

test('a literal assigned after an agg is one row; px.display without a name is called output', async (t) => {
  const [out] = await run(`df = px.DataFrame(table='test_table')
df = df.agg(count=('col1', px.mean))
df.col2 = 1
px.display(df[['col2']])`);
  t.deepEqual(out, { name: 'output', columns: ['col2'], rows: [[1n]] });
});

test('px.add of a float and an int column, with attribute and subscript access', async (t) => {
  const [out] = await run(`queryDF = px.DataFrame(table='test_table', select=['col1', 'col2'])
queryDF.res = px.add(queryDF.col1, queryDF['col2'])
df = queryDF[['res']]
px.display(df, 'test_output')`);
  t.is(out!.rows.length, 5);
  [1.5, 3.2, 8.3, 5.1, 11.1].forEach((v, i) => t.true(near(out!.rows[i]![0], v), `row ${i}`));
});

test('start_time and end_time in nanoseconds keep start <= time_ <= end, both bounds inclusive', async (t) => {
  const range = async (start: number, end: number) =>
    (
      await run(`df = px.DataFrame(table='big_test_table', select=['time_', 'col2', 'col3'], start_time=${start}, end_time=${end})
px.display(df, 'range_output')`)
    )[0]!;
  const wide = await range(2, 12);
  t.deepEqual(wide.columns, ['time_', 'col2', 'col3']);
  t.deepEqual(
    wide.rows,
    BIG_TEST_ROWS.filter((r) => r[0] >= 2n && r[0] <= 12n).map((r) => r.slice(0, 3)),
  );
  t.deepEqual(
    wide.rows.map((r) => r[0]),
    [2n, 3n, 5n, 6n, 8n, 9n, 11n],
  );
  t.deepEqual((await range(9, 12)).rows, [
    [9n, 0.1, 12n],
    [11n, 7.3, 13n],
  ]);
  t.deepEqual((await range(12, 10012)).rows, []);
  // Pixie's memory source stops after the last row whose time is <= the stop time.
  t.deepEqual(
    (await range(3, 5)).rows.map((r) => r[0]),
    [3n, 5n],
  );
  t.deepEqual(
    (await range(11, 11)).rows.map((r) => r[0]),
    [11n],
  );
});

test('agg without groups: mean, count, min, max and the same sum twice, one row in keyword order', async (t) => {
  const [out] = await run(`queryDF = px.DataFrame(table='big_test_table', select=['time_', 'col2', 'col3'])
aggDF = queryDF.agg(
  mean=('col2', px.mean),
  count=('col3', px.count),
  min=('col2', px.min),
  max=('col3', px.max),
  sum=('col3', px.sum),
  sum2=('col3', px.sum),
)
px.display(aggDF, 'test_output')`);
  t.deepEqual(out!.columns, ['mean', 'count', 'min', 'max', 'sum', 'sum2']);
  const [mean, ...rest] = out!.rows[0]!;
  t.true(near(mean, (0.5 + 1.2 + 5.3 + 0.1 + 5.1 + 5.2 + 0.1 + 7.3) / 8));
  t.deepEqual(rest, [8n, 0.1, 60n, 166n, 166n]);
});

test('groupby on an int and a string column sums each group', async (t) => {
  const [out] =
    await run(`queryDF = px.DataFrame(table='big_test_table', select=['time_', 'col3', 'num_groups', 'string_groups'])
aggDF = queryDF.groupby(['num_groups', 'string_groups']).agg(sum=('col3', px.sum))
px.display(aggDF, 'test_output')`);
  t.deepEqual(out!.columns, ['num_groups', 'string_groups', 'sum']);
  t.deepEqual(
    out!.rows.sort((a, b) => Number(a[0]) - Number(b[0]) || String(a[1]).localeCompare(String(b[1]))),
    [
      [1n, 'mean', 7n],
      [1n, 'sum', 6n],
      [2n, 'mean', 69n],
      [2n, 'sum', 60n],
      [3n, 'sum', 24n],
    ],
  );
});

test("a filter on string_groups == 'sum' keeps those rows and every column", async (t) => {
  const [out] =
    await run(`queryDF = px.DataFrame(table='big_test_table', select=['time_', 'col2', 'col3', 'num_groups', 'string_groups'])
mapDF = queryDF[queryDF['string_groups'] == 'sum']
px.display(mapDF, 'test_output')`);
  t.deepEqual(
    out!.rows,
    BIG_TEST_ROWS.filter((r) => r[4] === 'sum'),
  );
});

test('head(n) keeps the first n rows: 2, 4 and 7', async (t) => {
  for (const n of [2, 4, 7]) {
    const [out] = await run(`queryDF = px.DataFrame(table='big_test_table', select=['time_', 'col2'])
mapDF = queryDF.head(n=${n})
px.display(mapDF, 'test_output')`);
    t.deepEqual(
      out!.rows,
      BIG_TEST_ROWS.slice(0, n).map((r) => r.slice(0, 2)),
      `n=${n}`,
    );
  }
});

test('two displays of one source: comparison columns, and a filter with every selected column', async (t) => {
  const [cmp, filtered] =
    await run(`queryDF = px.DataFrame(table='big_test_table', select=['time_', 'col3', 'num_groups', 'string_groups'])
mapDF = queryDF[['col3', 'num_groups']]
mapDF['lt'] = mapDF['col3'] < 12
mapDF['gt'] = mapDF['num_groups'] > 1
df = mapDF[['lt', 'gt']]
px.display(df, 'test_output')
x = queryDF[queryDF['num_groups'] > 1]
px.display(x, 'filtered_output')`);
  t.deepEqual(cmp, {
    name: 'test_output',
    columns: ['lt', 'gt'],
    rows: BIG_TEST_ROWS.map((r) => [r[2]! < 12n, r[3]! > 1n]),
  });
  t.deepEqual(filtered!.columns, ['time_', 'col3', 'num_groups', 'string_groups']);
  t.deepEqual(
    filtered!.rows,
    BIG_TEST_ROWS.filter((r) => r[3]! > 1n).map((r) => [r[0], r[2], r[3], r[4]]),
  );
});

test('regex_match with a pattern that matches no group is false on every row', async (t) => {
  const [out] = await run(`df = px.DataFrame('big_test_table')
df.match = px.regex_match('pattern', df.string_groups)
px.display(df)`);
  t.deepEqual(out!.columns, ['time_', 'col2', 'col3', 'num_groups', 'string_groups', 'match']);
  t.deepEqual(
    out!.rows.map((r) => r[5]),
    BIG_TEST_ROWS.map(() => false),
  );
});

test('functions that build per-entity stats from ctx columns, merged with suffixes, run on empty tables', async (t) => {
  // Pixie's engine test runs a cluster-overview script like this one over tables with no rows: every display
  // must still come out, with its columns and no rows (a reassigned column, error_rate, moves to the end).
  const out = await run(`window_ns = px.DurationNanos(10 * 1000 * 1000 * 1000)

def stats_by(start_time: str, entity: str):
    df = px.DataFrame(table='process_stats', start_time=start_time)
    df[entity] = df.ctx[entity]
    df.timestamp = px.bin(df.time_, window_ns)
    df = df.groupby([entity, 'upid', 'timestamp']).agg(
        rss=('rss_bytes', px.mean),
        utime_max=('cpu_utime_ns', px.max),
        utime_min=('cpu_utime_ns', px.min),
    )
    df.cpu_utime_ns = df.utime_max - df.utime_min
    df = df.groupby([entity, 'timestamp']).agg(cpu_utime_ns=('cpu_utime_ns', px.sum), rss=('rss', px.sum))
    df = df.groupby(entity).agg(cpu_utime_ns=('cpu_utime_ns', px.mean), avg_rss=('rss', px.mean))
    df.cpu_usage = px.Percent(df.cpu_utime_ns / window_ns)
    return df.drop(['cpu_utime_ns'])

def nodes(start_time: str):
    df = px.DataFrame(table='process_stats', start_time=start_time)
    df.node = df.ctx['node_name']
    df.pod = df.ctx['pod_name']
    pods = df.groupby(['node', 'pod']).agg()
    per_node = pods.groupby('node').agg(pod_count=('pod', px.count))
    out = stats_by(start_time, 'node').merge(per_node, how='inner', left_on='node', right_on='node', suffixes=['', '_x'])
    return out[['node', 'cpu_usage', 'pod_count']]

def pods(start_time: str):
    df = px.DataFrame(table='process_stats', start_time=start_time)
    df.pod = df.ctx['pod_name']
    df = df.groupby('pod').agg()
    df.start_time = px.pod_name_to_start_time(df.pod)
    df.status = px.pod_name_to_status(df.pod)
    out = stats_by(start_time, 'pod').merge(df, how='inner', left_on='pod', right_on='pod', suffixes=['', '_x'])
    return out[['pod', 'cpu_usage', 'avg_rss', 'start_time', 'status']]

def services(start_time: str):
    df = px.DataFrame(table='http_events', start_time=start_time)
    df.service = df.ctx['service']
    df = df[df.service != '' and df.req_path != '/health']
    df.failure = df.resp_status >= 400
    df = df.groupby('service').agg(
        latency=('latency', px.quantiles)
        error_rate=('failure', px.mean),
    )
    df.p50 = px.DurationNanos(px.floor(px.pluck_float64(df.latency, 'p50')))
    df.error_rate = px.Percent(df.error_rate)
    return df.drop('latency')

px.display(nodes('-5m'), 'nodes')
px.display(pods('-5m'), 'pods')
px.display(services('-5m'), 'services')`);
  t.deepEqual(
    out.map((d) => [d.name, d.columns, d.rows]),
    [
      ['nodes', ['node', 'cpu_usage', 'pod_count'], []],
      ['pods', ['pod', 'cpu_usage', 'avg_rss', 'start_time', 'status'], []],
      ['services', ['service', 'p50', 'error_rate'], []],
    ],
  );
});
