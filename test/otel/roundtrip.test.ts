// Rows in, OTLP out: export hand-built tables to a real gRPC collector on 127.0.0.1 and read back what it
// decoded with the official protos.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCollector } from '../../src/collector/server.js';
import { idHex } from '../../src/collector/payload.js';
import { exportTable } from '../../src/runtime/otel/exporter.js';
import type { Attribute, OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';

const T0 = 1_700_000_000_123_456_789n;

const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
    { name: 'path', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'rps', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'count', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'p50', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'end_time', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'trace', dataType: 'STRING', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.of(T0, T0 + 1n, T0 + 2n),
    ['ns/a', 'ns/b', '["ns/a","ns/c"]'],
    ['/x', '/y', '/z'],
    Float64Array.of(1.5, 2, 0.25),
    BigInt64Array.of(9_007_199_254_740_993n, 2n, 3n),
    Float64Array.of(10, 20, 30),
    BigInt64Array.of(T0 + 1_000n, T0 + 2_000n, T0 + 3_000n),
    ['0102030405060708090a0b0c0d0e0f10', 'nothex', '0102030405060708090a0b0c0d0e0f10'],
  ],
  3,
);

const col = (column: string, dataType: 'STRING' | 'FLOAT64' | 'INT64', expand = false): Attribute['value'] => ({
  kind: 'column',
  column,
  dataType,
  expand,
});

function spec(port: number, data: OTelExportSpec['data'], headers: [string, string][] = []): OTelExportSpec {
  return {
    endpoint: { url: `127.0.0.1:${port}`, headers, insecure: true, timeoutSeconds: 20 },
    resource: [{ key: 'service.name', value: col('service', 'STRING', true) }],
    data,
  };
}

test('gauge points keep exact nanosecond times, value types and attributes; resources group rows', async (t) => {
  const c = await startCollector();
  try {
    const report = await exportTable(
      spec(
        c.port,
        [
          {
            kind: 'gauge',
            name: 'http.rps',
            description: 'requests per second',
            unit: '1/s',
            value: { column: 'rps', dataType: 'FLOAT64' },
            attributes: [{ key: 'path', value: col('path', 'STRING') }],
          },
          {
            kind: 'gauge',
            name: 'http.count',
            description: '',
            unit: '',
            value: { column: 'count', dataType: 'INT64' },
            attributes: [],
          },
        ],
        [['apikey', 's3cret']],
      ),
      table,
      {},
    );
    t.deepEqual(
      { sent: report.metricPointsSent, failed: report.metricPointsFailed, requests: report.requests },
      { sent: 8, failed: 0, requests: 1 },
    );
    const rms = c.metrics[0]!.resourceMetrics;
    // Row 3 serves two services: it is exported under both.
    t.deepEqual(
      rms.map((rm) => rm.resource.attributes.map((a) => a.value.stringValue)),
      [['ns/a'], ['ns/b'], ['ns/c']],
    );
    const a = rms[0]!.scopeMetrics[0]!;
    t.deepEqual(a.scope.name, 'pxlc');
    t.deepEqual(
      a.metrics.map((m) => [m.name, m.description, m.unit]),
      [
        ['http.rps', 'requests per second', '1/s'],
        ['http.count', '', ''],
      ],
    );
    t.deepEqual(
      a.metrics[0]!.gauge!.dataPoints.map((p) => [p.timeUnixNano, p.asDouble, p.attributes[0]!.value.stringValue]),
      [
        ['1700000000123456789', 1.5, '/x'],
        ['1700000000123456791', 0.25, '/z'],
      ],
    );
    t.deepEqual(
      a.metrics[1]!.gauge!.dataPoints.map((p) => p.asInt),
      ['9007199254740993', '3'],
    );
    t.deepEqual(c.metadata[0]!['apikey'], ['s3cret']);
  } finally {
    await c.stop();
  }
});

test('summary points carry count, sum and quantile values', async (t) => {
  const c = await startCollector();
  try {
    await exportTable(
      spec(c.port, [
        {
          kind: 'summary',
          name: 'latency',
          description: '',
          unit: 'ns',
          count: { column: 'count', dataType: 'INT64' },
          sum: { column: 'rps', dataType: 'FLOAT64' },
          quantiles: [{ quantile: 0.5, column: 'p50' }],
          attributes: [],
        },
      ]),
      table,
      {},
    );
    const p = c.metrics[0]!.resourceMetrics[1]!.scopeMetrics[0]!.metrics[0]!.summary!.dataPoints[0]!;
    t.deepEqual(
      { time: p.timeUnixNano, count: p.count, sum: p.sum, q: p.quantileValues },
      { time: '1700000000123456790', count: '2', sum: 2, q: [{ quantile: 0.5, value: 20 }] },
    );
  } finally {
    await c.stop();
  }
});

test('spans take names, times and ids from columns; an invalid id is replaced by a random one', async (t) => {
  const c = await startCollector();
  try {
    const report = await exportTable(
      spec(c.port, [
        {
          kind: 'span',
          name: { kind: 'column', column: 'path' },
          startTime: 'time_',
          endTime: 'end_time',
          traceId: 'trace',
          spanKind: 2,
          attributes: [{ key: 'rps', value: col('rps', 'FLOAT64') }],
        },
      ]),
      table,
      {},
    );
    t.is(report.spansSent, 4);
    const spans = c.traces[0]!.resourceSpans.flatMap((rs) => rs.scopeSpans[0]!.spans);
    t.deepEqual(
      spans.map((s) => [s.name, s.kind, s.startTimeUnixNano, s.endTimeUnixNano]),
      [
        ['/x', 'SPAN_KIND_SERVER', '1700000000123456789', '1700000000123457789'],
        ['/z', 'SPAN_KIND_SERVER', '1700000000123456791', '1700000000123459789'],
        ['/y', 'SPAN_KIND_SERVER', '1700000000123456790', '1700000000123458789'],
        ['/z', 'SPAN_KIND_SERVER', '1700000000123456791', '1700000000123459789'],
      ],
    );
    t.is(idHex(spans[0]!.traceId), '0102030405060708090a0b0c0d0e0f10');
    t.regex(idHex(spans[2]!.traceId), /^[0-9a-f]{32}$/);
    t.not(idHex(spans[2]!.traceId), '0102030405060708090a0b0c0d0e0f10');
    t.regex(idHex(spans[0]!.spanId), /^[0-9a-f]{16}$/);
    t.deepEqual(spans[0]!.attributes, [{ key: 'rps', value: { doubleValue: 1.5, value: 'doubleValue' } }]);
  } finally {
    await c.stop();
  }
});

test('a collector that is down: every point counted as not delivered, the error names the endpoint, no secrets', async (t) => {
  const c = await startCollector();
  const port = c.port;
  await c.stop();
  const report = await exportTable(
    spec(
      port,
      [
        {
          kind: 'gauge',
          name: 'g',
          description: '',
          unit: '',
          value: { column: 'rps', dataType: 'FLOAT64' },
          attributes: [],
        },
      ],
      [['x-api-key', 'topsecret']],
    ),
    table,
    {},
  );
  t.deepEqual([report.metricPointsSent, report.metricPointsFailed], [0, 4]);
  t.regex(report.errors.join('\n'), new RegExp(`127\\.0\\.0\\.1:${port}`));
  t.false(report.errors.join('\n').includes('topsecret'));
});

test('no endpoint anywhere is an error that says how to give one', async (t) => {
  const s: OTelExportSpec = {
    resource: [],
    data: [
      {
        kind: 'gauge',
        name: 'g',
        description: '',
        unit: '',
        value: { column: 'rps', dataType: 'FLOAT64' },
        attributes: [],
      },
    ],
  };
  await t.throwsAsync(exportTable(s, table, {}), { message: /no OpenTelemetry endpoint/ });
});

test('TLS: a collector with a private CA is reached with --ca, and refused without it', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pxlc-tls-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
  const cert = readFileSync(join(dir, 'cert.pem'));
  const c = await startCollector({ tls: { cert, key: readFileSync(join(dir, 'key.pem')) } });
  try {
    const s = {
      ...spec(c.port, [
        {
          kind: 'gauge',
          name: 'g',
          description: '',
          unit: '',
          value: { column: 'rps', dataType: 'FLOAT64' },
          attributes: [],
        },
      ]),
    } as OTelExportSpec;
    const tlsSpec: OTelExportSpec = { ...s, endpoint: { ...s.endpoint!, insecure: false } };
    const ok = await exportTable(tlsSpec, table, { caPem: cert });
    t.deepEqual([ok.metricPointsSent, ok.metricPointsFailed], [4, 0]);
    const refused = await exportTable(tlsSpec, table, {});
    t.is(refused.metricPointsFailed, 4);
  } finally {
    await c.stop();
  }
});

test('many requests: every batch is delivered, none refused by the transport concurrency limit', async (t) => {
  const c = await startCollector();
  try {
    const n = 40;
    const big = makeTable(
      [table.schema[0]!, table.schema[1]!, table.schema[3]!],
      [
        BigInt64Array.from({ length: n }, (_, i) => T0 + BigInt(i)),
        Array.from({ length: n }, () => 'ns/a'),
        Float64Array.from({ length: n }, (_, i) => i),
      ],
      n,
    );
    const report = await exportTable(
      spec(c.port, [
        {
          kind: 'gauge',
          name: 'g',
          description: '',
          unit: '',
          value: { column: 'rps', dataType: 'FLOAT64' },
          attributes: [],
        },
      ]),
      big,
      { batchRows: 2 },
    );
    t.deepEqual([report.metricPointsSent, report.metricPointsFailed, report.requests], [40, 0, 20]);
    t.is(c.metrics.length, 20);
  } finally {
    await c.stop();
  }
});

test('with no --endpoint and no px.otel.Endpoint, OTEL_EXPORTER_OTLP_ENDPOINT is used (http:// means plaintext)', async (t) => {
  const c = await startCollector();
  const saved = process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = `http://127.0.0.1:${c.port}`;
  try {
    const s: OTelExportSpec = {
      resource: [],
      data: [
        {
          kind: 'gauge',
          name: 'g',
          description: '',
          unit: '',
          value: { column: 'rps', dataType: 'FLOAT64' },
          attributes: [],
        },
      ],
    };
    const report = await exportTable(s, table, {});
    t.deepEqual([report.endpoint, report.metricPointsSent], [`127.0.0.1:${c.port}`, 3]);
  } finally {
    if (saved === undefined) delete process.env['OTEL_EXPORTER_OTLP_ENDPOINT'];
    else process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] = saved;
    await c.stop();
  }
});
