// Bugs the fuzzer found (npm run fuzz), kept as examples of what must hold.

import test from 'ava';
import { compile } from '../../src/index.js';
import { compileScript as load } from '../support/compiled.js';

const now = 1_767_225_600_000_000_000n;
const s = 1_000_000_000n;

test('a computed column nothing reads is not computed (its input column was never read from the source)', async (t) => {
  // px.length(remote_addr) is dropped by the groupby, so the source skips remote_addr; computing it anyway crashed.
  const { run } = await load(`import px
df = px.DataFrame(table='http_events', start_time='-1m')
df.a = px.length(df.remote_addr)
df = df.groupby('req_path').agg(n=('latency', px.count))
px.display(df, 'out')
`);
  const rows = [
    { time_: now - s, req_path: '/a', latency: 1 },
    { time_: now - 2n * s, req_path: '/a', latency: 2 },
  ];
  const r = await run({ tables: { http_events: rows }, now });
  t.deepEqual(
    r.tables[0]!.table.columns.map((c) => [...c]),
    [['/a'], [2n]],
  );
});

test('the time window applies even when the script never reads time_', async (t) => {
  const { run } = await load(`import px
df = px.DataFrame(table='http_events', start_time='-10s')
df = df.groupby('req_path').agg(n=('latency', px.count))
px.display(df, 'out')
`);
  // Two rows inside the last 10 s (the bound is inclusive), one 11 s old.
  const rows = [
    { time_: now - 10n * s, req_path: '/a', latency: 1 },
    { time_: now - s, req_path: '/a', latency: 2 },
    { time_: now - 11n * s, req_path: '/a', latency: 3 },
  ];
  const r = await run({ tables: { http_events: rows }, now });
  t.deepEqual(
    r.tables[0]!.table.columns.map((c) => [...c]),
    [['/a'], [2n]],
  );
});

test('a header gRPC cannot carry is a located compile error that does not quote the value', (t) => {
  const text = `import px
df = px.DataFrame(table='http_events', start_time='-10s')
px.export(df, px.otel.Data(
  endpoint=px.otel.Endpoint(url='collector:4317', headers={'api key': 's3cr3t', 'x-token': 'caf\u00e9-s3cr3t'}),
  resource={'service.name': df.req_path},
  data=[px.otel.metric.Gauge(name='latency', value=df.latency)],
))
`;
  const r = compile({ path: 'headers.pxl', text });
  t.is(r.js, undefined);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  t.deepEqual(
    errors.map((d) => d.message),
    [
      "header name \"api key\" is not valid gRPC metadata: use letters, digits, '-', '_' and '.'",
      "the value of header 'x-token' has characters gRPC metadata cannot carry (only printable ASCII); the value is not shown",
    ],
  );
  t.deepEqual(
    errors.map((d) => text.slice(d.span.start, d.span.end)),
    ["'api key'", "'x-token'"],
  );
  t.false(JSON.stringify(r.diagnostics.map((d) => [d.message, d.hints])).includes('s3cr3t'));
});

test('px.parse_time of a script argument is the argument read as a time (it was the raw text in arithmetic)', async (t) => {
  const { run } = await load(`import px
def window(start_time: str):
    df = px.DataFrame(table='http_events', start_time=start_time)
    df.span = px.now() - px.parse_time(start_time)
    return df.groupby('req_path').agg(n=('latency', px.count), span=('span', px.max))
`);
  const rows = [
    { time_: now - s, req_path: '/a', latency: 1 },
    { time_: now - 400n * s, req_path: '/a', latency: 1 },
  ];
  const r = await run({ tables: { http_events: rows }, now, func: 'window', args: { start_time: '-5m' } });
  t.deepEqual(
    r.tables[0]!.table.columns.map((c) => [...c]),
    [['/a'], [1n], [300n * s]],
  );
});
