// px.otel.metric.Histogram (pixie-io/pixie#1968) and px.otel.log.Record (pixie-io/pixie#705), beyond Pixie:
// PxL in, the decoded OTLP out of the real collector, field by field; mistakes are located errors.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { formatReceived } from '../../src/collector/format.js';
import { idHex } from '../../src/collector/payload.js';
import { startCollector } from '../../src/collector/server.js';
import { check, compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';

const NOW = 1_767_225_600_000_000_000n;

const histogramScript = `import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'latency'], start_time='-1m')
df.le_10ms = px.select(df.latency <= 10000000, 1, 0)
df.le_100ms = px.select(df.latency > 10000000 and df.latency <= 100000000, 1, 0)
df.over = px.select(df.latency > 100000000, 1, 0)
df = df.groupby('req_path').agg(
  time_=('time_', px.max), count=('latency', px.count), total=('latency', px.sum), lo=('latency', px.min), hi=('latency', px.max),
  b0=('le_10ms', px.sum), b1=('le_100ms', px.sum), b2=('over', px.sum),
)
df.total = px.DurationNanos(df.total)
px.export(df, px.otel.Data(
  resource={'service.name': 'checkout'},
  data=[px.otel.metric.Histogram(name='http.server.duration', bucket_counts=[df.b0, df.b1, df.b2],
    explicit_bounds=[10000000.0, 100000000.0], count=df.count, sum=df.total, min=df.lo, max=df.hi,
    temporality='delta', attributes={'http.route': df.req_path})],
))
`;

const logScript = `import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'resp_status', 'latency'], start_time='-1m')
df = df[df.resp_status >= 500]
df.message = 'HTTP ' + px.itoa(df.resp_status) + ' on ' + df.req_path
df.trace = '4bf92f3577b34da6a3ce929d0e0e4736'
px.export(df, px.otel.Data(
  resource={'service.name': 'checkout'},
  data=[px.otel.log.Record(body=df.message, severity_number=px.otel.log.SEVERITY_NUMBER_ERROR, severity_text='ERROR',
    attributes={'http.route': df.req_path, 'http.status_code': df.resp_status}, trace_id=df.trace)],
))
`;

async function runScript(path: string, text: string, tables: Record<string, unknown>) {
  const r = compile({ path, text });
  if (r.diagnostics.length > 0) throw new Error(JSON.stringify(r.diagnostics));
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-hl-')), 'out.js');
  await writeFile(file, r.js!);
  const { run } = (await import(pathToFileURL(file).href)) as {
    run: (o: Record<string, unknown>) => Promise<RunResult>;
  };
  const c = await startCollector();
  try {
    const result = await run({ now: NOW, endpoint: `127.0.0.1:${c.port}`, insecure: true, tables });
    return { c, result };
  } finally {
    await c.stop();
  }
}

test('a Histogram arrives with its bounds, per-bucket counts, count, sum, min, max, delta temporality and unit', async (t) => {
  const rows = [3_000_000n, 8_000_000n, 40_000_000n, 250_000_000n].map((latency, i) => ({
    time_: NOW - 10n + BigInt(i),
    req_path: '/pay',
    latency,
  }));
  const { c, result } = await runScript('hist.pxl', histogramScript, { http_events: rows });
  t.true(result.delivered);
  const m = c.metrics[0]!.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
  t.deepEqual(
    [m.name, m.unit, m.histogram!.aggregationTemporality],
    ['http.server.duration', 'ns', 'AGGREGATION_TEMPORALITY_DELTA'],
  );
  const p = m.histogram!.dataPoints[0]!;
  t.deepEqual(
    {
      count: p.count,
      sum: p.sum,
      min: p.min,
      max: p.max,
      bounds: p.explicitBounds,
      buckets: p.bucketCounts,
      time: p.timeUnixNano,
      route: p.attributes[0]!.value.stringValue,
    },
    {
      count: '4',
      sum: 301_000_000,
      min: 3_000_000,
      max: 250_000_000,
      bounds: [10_000_000, 100_000_000],
      buckets: ['2', '1', '1'],
      time: String(NOW - 7n),
      route: '/pay',
    },
  );
  t.regex(
    formatReceived(c),
    /histogram delta http\.server\.duration \[ns\] scope pxlc@1: 1 point\n.* count=4 sum=301000000 buckets=\(\.\.10000000\]=2 \(10000000\.\.100000000\]=1 \(100000000\.\.\)=1 http\.route="\/pay"/,
  );
});

test('log records carry body, severity, attributes of each type, the row time as both times, and the trace id', async (t) => {
  const rows = [
    { time_: NOW - 5n, req_path: '/pay', resp_status: 503, latency: 1n },
    { time_: NOW - 4n, req_path: '/ok', resp_status: 200, latency: 1n },
  ];
  const { c, result } = await runScript('log.pxl', logScript, { http_events: rows });
  t.deepEqual([result.exports[0]!.logRecordsSent, result.exports[0]!.logRecordsFailed], [1, 0]);
  const rl = c.logs[0]!.resourceLogs[0]!;
  t.deepEqual(rl.resource.attributes, [
    { key: 'service.name', value: { stringValue: 'checkout', value: 'stringValue' } },
  ]);
  const r = rl.scopeLogs[0]!.logRecords[0]!;
  t.deepEqual(
    {
      body: r.body?.stringValue,
      severity: r.severityNumber,
      text: r.severityText,
      time: r.timeUnixNano,
      observed: r.observedTimeUnixNano,
      attributes: r.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue]),
      trace: idHex(r.traceId),
    },
    {
      body: 'HTTP 503 on /pay',
      severity: 'SEVERITY_NUMBER_ERROR',
      text: 'ERROR',
      time: String(NOW - 5n),
      observed: String(NOW - 5n),
      attributes: [
        ['http.route', '/pay'],
        ['http.status_code', '503'],
      ],
      trace: '4bf92f3577b34da6a3ce929d0e0e4736',
    },
  );
  t.regex(
    formatReceived(c),
    /1 log record scope pxlc@1\n.*ERROR\/ERROR "HTTP 503 on \/pay" trace=4bf92f3577b34da6a3ce929d0e0e4736 http\.route="\/pay" http\.status_code="503"/,
  );
});

const errors = (text: string) =>
  check({ path: 'bad.pxl', text })
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => {
      const p = d.file.position(d.span.start);
      return `${p.line}:${p.col}: ${d.message}`;
    });
const head = `import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'latency', 'resp_status'])
df.b = 1
`;
const exportOf = (item: string) =>
  `${head}px.export(df, px.otel.Data(resource={'service.name': 'x'}, data=[${item}]))\n`;

test('Histogram mistakes are located errors', (t) => {
  t.deepEqual(
    errors(exportOf("px.otel.metric.Histogram(name='h', bucket_counts=[df.b, df.b], explicit_bounds=[1.0, 2.0])")),
    [
      '4:115: Histogram has 2 bucket_counts columns for 2 explicit_bounds: it needs exactly one more bucket than bounds',
    ],
  );
  t.deepEqual(
    errors(
      exportOf("px.otel.metric.Histogram(name='h', bucket_counts=[df.b, df.b, df.b], explicit_bounds=[2.0, 1.0])"),
    ),
    ['4:157: explicit_bounds must be strictly increasing'],
  );
  t.deepEqual(
    errors(exportOf("px.otel.metric.Histogram(name='h', bucket_counts=[df.req_path, df.b], explicit_bounds=[1])")),
    ["4:119: Expected bucket column 'req_path' to be INT64, received STRING"],
  );
  t.deepEqual(errors(exportOf("px.otel.metric.Histogram(name='h', bucket_counts=df.b, explicit_bounds=[1])")), [
    '4:115: Expected bucket_counts to be a list of columns, received Column',
  ]);
  t.deepEqual(
    errors(
      exportOf("px.otel.metric.Histogram(name='h', bucket_counts=[df.b, df.b], explicit_bounds=[1], sum=df.req_path)"),
    ),
    ["4:157: Expected sum column 'req_path' to be INT64 or FLOAT64, received STRING"],
  );
});

test('log Record mistakes are located errors', (t) => {
  t.deepEqual(errors(exportOf('px.otel.log.Record(body=df.latency)')), [
    "4:93: Expected body column 'latency' to be STRING, received INT64",
  ]);
  t.deepEqual(errors(exportOf('px.otel.log.Record(body=1)')), ["4:90: Expected string or column for 'body' 'Int'"]);
  t.deepEqual(errors(exportOf("px.otel.log.Record(body='x', severity_number=30)")), [
    '4:111: severity_number must be an integer from 0 to 24 or an INT64 column, not 30',
  ]);
  t.deepEqual(errors(exportOf("px.otel.log.Record(body='x', severity_number=df.req_path)")), [
    "4:114: Expected severity_number column 'req_path' to be INT64, received STRING",
  ]);
  t.deepEqual(
    errors(`import px
df = px.DataFrame(table='http_events', select=['req_path'])
px.export(df, px.otel.Data(resource={'service.name': 'x'}, data=[px.otel.log.Record(body=df.req_path)]))
`),
    ["3:66: Column 'time_' not found in parent dataframe"],
  );
});
