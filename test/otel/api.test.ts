// The typed TypeScript API of the export shim, used as a service would: rows of its own in, OTLP out to the real
// collector, the same mapping as px.export; mistakes are errors that name the column and row.

import test from 'ava';
import { startCollector } from '../../src/collector/server.js';
import { idHex } from '../../src/collector/payload.js';
import { otel } from '../../src/index.js';

interface HttpRow {
  time_: bigint;
  service: string;
  path: string;
  status: bigint;
  rps: number;
  requests: bigint;
  total_ms: number;
  p50: number;
  p99: number;
  start: Date;
  end: string;
  trace: string;
}

const T = 1_767_225_600_123_456_789n;
const rows: HttpRow[] = [
  {
    time_: T,
    service: '["shop/cart","shop/web"]',
    path: '/cart',
    status: 200n,
    rps: 12.5,
    requests: 9_007_199_254_740_993n,
    total_ms: 30,
    p50: 1.5,
    p99: 9,
    start: new Date('2026-01-01T00:00:00.000Z'),
    end: '2026-01-01T00:00:00.250000001Z',
    trace: 'a1b2c3d4e5f60718',
  },
  {
    time_: T + 1n,
    service: 'shop/pay',
    path: '/pay',
    status: 503n,
    rps: 0.5,
    requests: 2n,
    total_ms: 4,
    p50: 2,
    p99: 3,
    start: new Date('2026-01-01T00:00:01.000Z'),
    end: '2026-01-01T00:00:01.5Z',
    trace: 'not-hex',
  },
];

test("gauges (int and double), a summary and spans from a service's rows, field by field", async (t) => {
  const c = await startCollector();
  try {
    const report = await otel.exportRows<HttpRow>({
      endpoint: { url: `127.0.0.1:${c.port}`, insecure: true, headers: { 'x-api-key': 'k3y' } },
      resource: { 'service.name': otel.serviceColumn('service'), 'k8s.cluster.name': 'prod' },
      data: [
        otel.gauge({
          name: 'http.rps',
          value: 'rps',
          unit: '1/s',
          attributes: { 'http.route': otel.column('path'), 'http.status_code': otel.column('status') },
        }),
        otel.gauge({ name: 'http.requests', value: 'requests' }),
        otel.summary({
          name: 'http.latency',
          count: 'requests',
          sum: 'total_ms',
          quantiles: { 0.99: 'p99', 0.5: 'p50' },
          unit: 'ms',
        }),
        otel.span({
          name: otel.column('path'),
          startTime: 'start',
          endTime: 'end',
          traceId: 'trace',
          spanKind: otel.SpanKind.CLIENT,
        }),
      ],
      rows,
    });
    t.deepEqual([report.metricPointsSent, report.spansSent, report.metricPointsFailed + report.spansFailed], [9, 3, 0]);
    const rms = c.metrics[0]!.resourceMetrics;
    t.deepEqual(
      rms.map((rm) => rm.resource.attributes.map((a) => `${a.key}=${a.value.stringValue}`)),
      [
        ['k8s.cluster.name=prod', 'service.name=shop/cart'],
        ['k8s.cluster.name=prod', 'service.name=shop/web'],
        ['k8s.cluster.name=prod', 'service.name=shop/pay'],
      ],
    );
    const [rps, requests, latency] = rms[2]!.scopeMetrics[0]!.metrics;
    t.deepEqual(
      rps!.gauge!.dataPoints.map((p) => [
        p.timeUnixNano,
        p.asDouble,
        p.attributes.map((a) => a.value.stringValue ?? a.value.intValue),
      ]),
      [[String(T + 1n), 0.5, ['/pay', '503']]],
    );
    t.is(rps!.unit, '1/s');
    t.deepEqual(
      rms[0]!.scopeMetrics[0]!.metrics[1]!.gauge!.dataPoints.map((p) => p.asInt),
      ['9007199254740993'],
    );
    t.deepEqual(
      requests!.gauge!.dataPoints.map((p) => p.asInt),
      ['2'],
    );
    const q = latency!.summary!.dataPoints[0]!;
    t.deepEqual(
      [q.count, q.sum, q.quantileValues],
      [
        '2',
        4,
        [
          { quantile: 0.5, value: 2 },
          { quantile: 0.99, value: 3 },
        ],
      ],
    );
    const spans = c.traces[0]!.resourceSpans.flatMap((rs) => rs.scopeSpans[0]!.spans);
    t.deepEqual(
      spans.map((s) => [s.name, s.kind, s.startTimeUnixNano, s.endTimeUnixNano]),
      [
        ['/cart', 'SPAN_KIND_CLIENT', '1767225600000000000', '1767225600250000001'],
        ['/cart', 'SPAN_KIND_CLIENT', '1767225600000000000', '1767225600250000001'],
        ['/pay', 'SPAN_KIND_CLIENT', '1767225601000000000', '1767225601500000000'],
      ],
    );
    t.is(idHex(spans[0]!.traceId), '0000000000000000a1b2c3d4e5f60718');
    t.regex(idHex(spans[2]!.traceId), /^[0-9a-f]{32}$/);
    t.deepEqual(c.metadata[0]!['x-api-key'], ['k3y']);
  } finally {
    await c.stop();
  }
});

test('histograms and log records through the same API', async (t) => {
  const c = await startCollector();
  try {
    interface JobRow {
      time_: bigint;
      b0: bigint;
      b1: bigint;
      total: number;
      msg: string;
      job: string;
    }
    const report = await otel.exportRows<JobRow>({
      endpoint: { url: `127.0.0.1:${c.port}`, insecure: true },
      resource: { 'service.name': 'batch' },
      data: [
        otel.histogram({ name: 'job.duration', buckets: ['b0', 'b1'], bounds: [1.5], sum: 'total', unit: 's' }),
        otel.logRecord({
          body: otel.column('msg'),
          severityNumber: otel.Severity.WARN,
          severityText: 'WARN',
          attributes: { job: otel.column('job') },
        }),
      ],
      rows: [{ time_: T, b0: 3n, b1: 1n, total: 4.5, msg: 'slow job', job: 'nightly' }],
    });
    t.deepEqual([report.metricPointsSent, report.logRecordsSent], [1, 1]);
    const p = c.metrics[0]!.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!.histogram!.dataPoints[0]!;
    t.deepEqual([p.count, p.sum, p.bucketCounts, p.explicitBounds], ['4', 4.5, ['3', '1'], [1.5]]);
    const r = c.logs[0]!.resourceLogs[0]!.scopeLogs[0]!.logRecords[0]!;
    t.deepEqual(
      [r.body?.stringValue, r.severityNumber, r.severityText, r.timeUnixNano, r.attributes[0]!.value.stringValue],
      ['slow job', 'SEVERITY_NUMBER_WARN', 'WARN', String(T), 'nightly'],
    );
  } finally {
    await c.stop();
  }
});

test('column names are checked against the row type when the service compiles', (t) => {
  // @ts-expect-error 'rpss' is not a column of HttpRow
  const typo = otel.gauge<HttpRow>({ name: 'g', value: 'rpss' });
  t.is(typo.kind, 'gauge');
});

test('each role takes only columns of fitting types: numbers for values, times for span times, text for ids', (t) => {
  // @ts-expect-error a STRING column is no Gauge value
  otel.gauge<HttpRow>({ name: 'g', value: 'path' });
  // @ts-expect-error nor a Sum value
  otel.sum<HttpRow>({ name: 's', value: 'service' });
  // @ts-expect-error nor a Summary quantile
  otel.summary<HttpRow>({ name: 'q', count: 'requests', sum: 'total_ms', quantiles: { 0.5: 'trace' } });
  // @ts-expect-error a number is no span start time
  otel.span<HttpRow>({ name: 'x', startTime: 'rps', endTime: 'end' });
  // @ts-expect-error a bigint is no trace id
  otel.span<HttpRow>({ name: 'x', startTime: 'start', endTime: 'end', traceId: 'status' });
  const fine = [
    otel.gauge<HttpRow>({ name: 'g', value: 'requests' }),
    otel.sum<HttpRow>({ name: 's', value: 'rps' }),
    otel.span<HttpRow>({ name: 'x', startTime: 'start', endTime: 'end', traceId: 'trace' }),
    otel.logRecord<HttpRow>({ body: 'b', time: 'time_', traceId: 'trace' }),
  ];
  // Optional columns and loose row types fit too; their values are checked when the rows are read.
  interface Partial_ {
    time_: bigint;
    latency?: number;
    any: unknown;
  }
  fine.push(
    otel.gauge<Partial_>({ name: 'g', value: 'latency' }) as never,
    otel.gauge<Partial_>({ name: 'g', value: 'any' }) as never,
  );
  t.is(fine.length, 6);
});

test('mistakes name the column and row, before anything is sent', (t) => {
  type Loose = Record<string, unknown>;
  const base = { resource: { 'service.name': 'x' } } as const;
  t.throws(
    () =>
      otel.buildExport<Loose>({
        ...base,
        data: [otel.gauge({ name: 'g', value: 'v' })],
        rows: [
          { time_: T, v: 1 },
          { time_: T, v: 'two' },
        ],
      }),
    { message: `row 1: 'v' is the string "two", expected a number` },
  );
  t.throws(
    () => otel.buildExport<Loose>({ ...base, data: [otel.gauge({ name: 'g', value: 'v' })], rows: [{ v: 1 }] }),
    { message: "row 0: 'time_' is missing, expected a time (bigint nanoseconds, a Date or ISO-8601 text)" },
  );
  t.throws(
    () =>
      otel.buildExport<Loose>({
        ...base,
        data: [otel.gauge({ name: '1bad', value: 'v' })],
        rows: [{ time_: T, v: 1 }],
      }),
    { message: /metric name '1bad' is invalid/ },
  );
  t.throws(
    () =>
      otel.buildExport<Loose>({ ...base, data: [otel.gauge({ name: 'g', value: 's' })], rows: [{ time_: T, s: 'x' }] }),
    { message: "gauge 'g' value column 's' must hold numbers or bigints, not STRING" },
  );
  t.throws(
    () =>
      otel.buildExport<Loose>({
        ...base,
        data: [otel.histogram({ name: 'h', buckets: ['a'], bounds: [1] })],
        rows: [{ time_: T, a: 1n }],
      }),
    { message: /needs exactly one more bucket than bounds/ },
  );
  t.throws(
    () =>
      otel.buildExport<Loose>({
        resource: {} as { 'service.name': string },
        data: [otel.gauge({ name: 'g', value: 'v' })],
        rows: [{ time_: T, v: 1 }],
      }),
    { message: "'service.name' must be specified in resource" },
  );
});
