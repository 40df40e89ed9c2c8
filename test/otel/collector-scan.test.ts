// The collector checks and counts each request from its bytes and decodes it only when read: counts agree with the
// sender's and with the decoded requests; what protobufjs cannot decode is refused as before (gRPC INTERNAL, HTTP
// 400 with protobufjs's reason), and bytes the walk is unsure of but protobufjs decodes are kept, as before.

import test from 'ava';
import * as grpc from '@grpc/grpc-js';
import { startCollector, type ReceivedCollector } from '../../src/collector/server.js';
import { countItems } from '../../src/collector/request-scan.js';
import { exportTable } from '../../src/runtime/otel/exporter.js';
import { otlpBatches } from '../../src/runtime/otel/rows-to-otlp.js';
import { METRICS_EXPORT_PATH, requestType } from '../../src/runtime/otel/proto.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';

const n = 40;
const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'v', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'path', dataType: 'STRING', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.from({ length: n }, (_, i) => 1_700_000_000_000_000_000n + BigInt(i)),
    Float64Array.from({ length: n }, (_, i) => i / 2),
    Array.from({ length: n }, (_, i) => `/p/${i % 4}`),
  ],
  n,
);

const spec: OTelExportSpec = {
  resource: [{ key: 'service.name', value: { kind: 'string', value: 'checkout' } }],
  data: [
    {
      kind: 'gauge',
      name: 'g',
      description: '',
      unit: '',
      value: { column: 'v', dataType: 'FLOAT64' },
      attributes: [{ key: 'path', value: { kind: 'column', column: 'path', dataType: 'STRING', expand: false } }],
    },
    {
      kind: 'summary',
      name: 's',
      description: '',
      unit: '',
      count: { column: 'v', dataType: 'FLOAT64' },
      sum: { column: 'v', dataType: 'FLOAT64' },
      quantiles: [{ quantile: 0.5, column: 'v' }],
      attributes: [],
    },
    {
      kind: 'span',
      name: { kind: 'column', column: 'path' },
      startTime: 'time_',
      endTime: 'time_',
      spanKind: 2,
      attributes: [],
    },
    {
      kind: 'log',
      body: { kind: 'column', column: 'path' },
      time: 'time_',
      severityNumber: { kind: 'literal', value: 9 },
      severityText: { kind: 'literal', value: 'INFO' },
      attributes: [],
    },
  ],
};

/** One metrics request of every row's points, encoded as the exporter sends it. */
const metricsRequest = (): Uint8Array => [...otlpBatches('metrics', spec, table)][0]!.encoded;

/** Sends bytes as a metrics export over gRPC, as they are; resolves to the status code. */
function sendRaw(port: number, bytes: Uint8Array): Promise<number> {
  const client = new grpc.Client(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  return new Promise<number>((resolve) => {
    client.makeUnaryRequest(
      METRICS_EXPORT_PATH,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => b,
      bytes,
      (err) => {
        client.close();
        resolve(err ? err.code : grpc.status.OK);
      },
    );
  });
}

async function withCollector(f: (c: ReceivedCollector) => Promise<void>): Promise<void> {
  const c = await startCollector({ httpPort: 0 });
  try {
    await f(c);
  } finally {
    await c.stop();
  }
}

test('points, spans and log records are counted from the bytes as the exporter counted them, and clear() forgets them', async (t) => {
  await withCollector(async (c) => {
    const r = await exportTable(spec, table, {
      endpoint: `127.0.0.1:${c.port}`,
      insecure: true,
      environment: {},
      batchRows: 7,
    });
    t.deepEqual(c.items, { metrics: r.metricPointsSent, traces: r.spansSent, logs: r.logRecordsSent });
    t.deepEqual(c.items, { metrics: 2 * n, traces: n, logs: n });
    t.is(
      c.requests.reduce((a, q) => a + q.items, 0),
      4 * n,
    );
    const decodedPoints = c.metrics
      .flatMap((q) => q.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics)))
      .reduce((a, m) => a + (m.gauge?.dataPoints.length ?? 0) + (m.summary?.dataPoints.length ?? 0), 0);
    t.is(decodedPoints, 2 * n);
    c.clear();
    t.deepEqual(
      [c.items, c.metrics.length, c.traces.length, c.logs.length, c.requests.length],
      [{ metrics: 0, traces: 0, logs: 0 }, 0, 0, 0, 0],
    );
  });
});

test("a truncated request is refused as before: gRPC INTERNAL, HTTP 400 with protobufjs's reason; nothing is kept", async (t) => {
  const bytes = metricsRequest();
  const truncated = Buffer.from(bytes.subarray(0, bytes.length - 5));
  t.is(countItems('metrics', truncated), undefined);
  let reason = '';
  try {
    requestType('metrics').decode(truncated);
  } catch (e) {
    reason = (e as Error).message.split('\n')[0]!;
  }
  t.not(reason, '');
  await withCollector(async (c) => {
    t.is(await sendRaw(c.port, truncated), grpc.status.INTERNAL);
    const res = await fetch(`http://127.0.0.1:${c.httpPort}/v1/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-protobuf' },
      body: truncated,
    });
    t.is(res.status, 400);
    t.is(await res.text(), `undecodable protobuf request: ${reason}\n`);
    t.deepEqual([c.requests.length, c.items.metrics, c.metrics.length], [0, 0, 0]);
  });
});

test('bytes the walk is unsure of (a field numbered 0) but protobufjs decodes are kept and counted, as before', async (t) => {
  const bytes = metricsRequest();
  const odd = Buffer.concat([bytes, Buffer.from([0x00, 0x00])]);
  t.is(countItems('metrics', odd), undefined);
  t.is(countItems('metrics', bytes), 2 * n);
  await withCollector(async (c) => {
    t.is(await sendRaw(c.port, odd), grpc.status.OK);
    t.is(await sendRaw(c.port, bytes), grpc.status.OK);
    t.deepEqual(c.items, { metrics: 4 * n, traces: 0, logs: 0 });
    t.is(c.metrics.length, 2);
    t.deepEqual(c.metrics[0], c.metrics[1]);
  });
});

/** Points of a request protobufjs decoded, wherever they sit (the deprecated instrumentation-library level too). */
function decodedPoints(bytes: Uint8Array): number {
  const m = requestType('metrics').toObject(requestType('metrics').decode(bytes), { arrays: true }) as {
    resourceMetrics: {
      scopeMetrics: { metrics: Record<string, { dataPoints?: unknown[] } | undefined>[] }[];
      instrumentationLibraryMetrics: { metrics: Record<string, { dataPoints?: unknown[] }>[] }[];
    }[];
  };
  const metrics = m.resourceMetrics.flatMap((rm) =>
    [...rm.scopeMetrics, ...rm.instrumentationLibraryMetrics].flatMap((sm) => sm.metrics),
  );
  return metrics.reduce(
    (a, x) =>
      a +
      ['gauge', 'sum', 'histogram', 'exponentialHistogram', 'summary'].reduce(
        (b, k) => b + (x[k]?.dataPoints?.length ?? 0),
        0,
      ),
    0,
  );
}

test('damaged requests (bytes changed, cut, inserted): whatever the walk counts, protobufjs decodes with as many points', (t) => {
  const small = makeTable(
    table.schema,
    table.columns.map((c) => (c as { slice(a: number, b: number): unknown }).slice(0, 3) as never),
    3,
  );
  const bytes = [...otlpBatches('metrics', spec, small)][0]!.encoded;
  let seed = 7;
  const random = (k: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % k;
  };
  let counted = 0;
  for (let i = 0; i < 3000; i++) {
    const b = Buffer.from(bytes);
    const at = random(b.length);
    const damaged =
      i % 3 === 0
        ? b.subarray(0, at)
        : i % 3 === 1
          ? ((b[at] = random(256)), b)
          : Buffer.concat([b.subarray(0, at), Buffer.from([random(256)]), b.subarray(at)]);
    const items = countItems('metrics', damaged);
    if (items === undefined) continue;
    counted++;
    t.is(items, decodedPoints(damaged), `damage ${i} at ${at}`);
  }
  t.true(counted > 100, `${counted} of 3000 damaged requests were still well-formed to the walk`);
});
