// What the collector keeps and prints for every kind of export (gauge, sum, Summary, histogram, span, log record),
// over gRPC, http/protobuf and http/json: the decoded requests and their printed form, against a golden file
// written before the collector kept requests as bytes and decoded them only when asked.

import test from 'ava';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector, type ReceivedCollector } from '../../src/collector/server.js';
import { formatReceived, formatRequest } from '../../src/collector/format.js';
import { exportTable } from '../../src/runtime/otel/exporter.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';
import { golden, ROOT } from '../support/golden.js';

const n = 7;
const T0 = 1_700_000_000_000_000_007n;
const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
    { name: 'path', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'v', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'count', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'ok', dataType: 'BOOLEAN', semanticType: 'ST_NONE' },
    { name: 'low', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'high', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'trace', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'span', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'parent', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'body', dataType: 'STRING', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.from({ length: n }, (_, i) => T0 + BigInt(i) * 1_000_000_001n),
    Array.from({ length: n }, (_, i) => (i === 3 ? '["ns/a","ns/b"]' : `ns/svc-${i % 2}`)),
    Array.from({ length: n }, (_, i) => `/p/${i % 3}`),
    Float64Array.from({ length: n }, (_, i) => i / 4 - 0.5),
    BigInt64Array.from({ length: n }, (_, i) => 9_007_199_254_740_993n + BigInt(i)),
    Uint8Array.from({ length: n }, (_, i) => i % 2),
    BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
    BigInt64Array.from({ length: n }, (_, i) => BigInt(2 * i + 1)),
    Array.from({ length: n }, (_, i) => `0af7651916cd43dd8448eb211c80319${i.toString(16)}`),
    Array.from({ length: n }, (_, i) => `b7ad6b716920333${i.toString(16)}`),
    Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '' : `a7ad6b716920333${i.toString(16)}`)),
    Array.from({ length: n }, (_, i) => `line ${i} ünïcödé`),
  ],
  n,
);

const column = (c: string, dataType: 'STRING' | 'FLOAT64' | 'INT64' | 'BOOLEAN') =>
  ({ kind: 'column', column: c, dataType, expand: false }) as const;
const attributes = [
  { key: 'path', value: column('path', 'STRING') },
  { key: 'ok', value: column('ok', 'BOOLEAN') },
  { key: 'v', value: column('v', 'FLOAT64') },
  { key: 'n', value: column('count', 'INT64') },
  { key: 'team', value: { kind: 'string', value: 'core' } },
] as const;

const spec: OTelExportSpec = {
  resource: [{ key: 'service.name', value: { kind: 'column', column: 'service', dataType: 'STRING', expand: true } }],
  data: [
    {
      kind: 'gauge',
      name: 'queue.depth',
      description: 'items waiting',
      unit: 'By',
      value: { column: 'v', dataType: 'FLOAT64' },
      attributes,
    },
    {
      kind: 'sum',
      name: 'requests',
      description: '',
      unit: '1',
      value: { column: 'count', dataType: 'INT64' },
      isMonotonic: true,
      temporality: 'delta',
      attributes: [],
    },
    {
      kind: 'summary',
      name: 'latency',
      description: 'request latency',
      unit: 'ms',
      count: { column: 'count', dataType: 'INT64' },
      sum: { column: 'v', dataType: 'FLOAT64' },
      quantiles: [
        { quantile: 0.5, column: 'v' },
        { quantile: 0.99, column: 'v' },
      ],
      attributes: attributes.slice(0, 1),
    },
    {
      kind: 'histogram',
      name: 'sizes',
      description: '',
      unit: 'By',
      bounds: [10, 100],
      buckets: ['low', 'high', 'low'],
      sum: 'v',
      min: 'v',
      max: 'v',
      temporality: 'cumulative',
      attributes: [],
    },
    {
      kind: 'span',
      name: { kind: 'column', column: 'path' },
      startTime: 'time_',
      endTime: 'time_',
      traceId: 'trace',
      spanId: 'span',
      parentSpanId: 'parent',
      spanKind: 3,
      attributes,
    },
    {
      kind: 'log',
      body: { kind: 'column', column: 'body' },
      time: 'time_',
      severityNumber: { kind: 'column', column: 'low' },
      severityText: { kind: 'literal', value: 'WARN' },
      traceId: 'trace',
      spanId: 'span',
      attributes: attributes.slice(0, 2),
    },
  ],
};

// Requests go out concurrently and arrive in any order: each is compared as text, in sorted order.
const textOf = (x: unknown) => JSON.stringify(x, null, 1);
const sorted = (xs: readonly string[]) => [...xs].sort();

/** What a collector kept and printed; `live`: printing each request as it arrives (as `pxlc collector` does). */
async function received(protocol: 'grpc' | 'http/protobuf' | 'http/json', live: boolean): Promise<string> {
  const c: ReceivedCollector = await startCollector({ httpPort: 0 });
  const printed: string[] = [];
  if (live)
    c.onRequest = (r, payload) => {
      printed.push(formatRequest(r, payload));
    };
  try {
    const report = await exportTable(spec, table, {
      protocol,
      endpoint: protocol === 'grpc' ? `127.0.0.1:${c.port}` : `http://127.0.0.1:${c.httpPort}`,
      insecure: true,
      environment: {},
      batchRows: 3,
      headers: { 'x-api-key': 'secret-1' },
    });
    const stored = c.requests.map((r, k) =>
      formatRequest(r, (c[r.signal] as unknown[])[c.requests.slice(0, k).filter((q) => q.signal === r.signal).length]),
    );
    return [
      `${protocol}: ${report.metricPointsSent} points, ${report.spansSent} spans, ${report.logRecordsSent} log records sent, ${report.requests} requests`,
      '-- printed as they arrived',
      ...sorted(printed),
      '-- printed from what was kept',
      ...sorted(stored),
      '-- summary',
      formatReceived(c).split('\n')[0]!,
      '-- metrics',
      ...sorted(c.metrics.map(textOf)),
      '-- traces',
      ...sorted(c.traces.map(textOf)),
      '-- logs',
      ...sorted(c.logs.map(textOf)),
    ].join('\n');
  } finally {
    await c.stop();
  }
}

const goldenFile = (protocol: string) =>
  join(ROOT, 'test', 'otel', 'golden', `collector-${protocol.replace('/', '-')}.txt`);

for (const protocol of ['grpc', 'http/protobuf', 'http/json'] as const) {
  test(`the collector keeps and prints every kind of export sent over ${protocol} as before`, async (t) => {
    const [expected, actual] = golden(goldenFile(protocol), `${await received(protocol, true)}\n`);
    t.is(actual, expected);
  });

  test(`requests over ${protocol} nobody printed are decoded when read, into the same objects`, async (t) => {
    const kept = (text: string) => text.slice(text.indexOf('-- printed from what was kept'));
    t.is(kept(`${await received(protocol, false)}\n`), kept(readFileSync(goldenFile(protocol), 'utf8')));
  });
}
