// Requests stay under gRPC's 4 MiB default message size whatever the rows hold, and are built only as fast as
// the collector takes them (memory stays flat for big results). The real collector refuses messages over 4 MiB,
// as an OpenTelemetry Collector with default settings does.

import test from 'ava';
import { startCollector } from '../../src/collector/server.js';
import { deliver, exportTable, IN_FLIGHT } from '../../src/runtime/otel/exporter.js';
import { otlpBatches } from '../../src/runtime/otel/rows-to-otlp.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';

const T0 = 1_700_000_000_000_000_000n;

function wideTable(n: number, attributeBytes: (i: number) => number) {
  return makeTable(
    [
      { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
      { name: 'v', dataType: 'INT64', semanticType: 'ST_NONE' },
      { name: 'body', dataType: 'STRING', semanticType: 'ST_NONE' },
    ],
    [
      BigInt64Array.from({ length: n }, (_, i) => T0 + BigInt(i)),
      BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
      Array.from({ length: n }, (_, i) => `${i}:`.padEnd(attributeBytes(i), 'x')),
    ],
    n,
  );
}

const spec = (port: number): OTelExportSpec => ({
  endpoint: { url: `127.0.0.1:${port}`, headers: [], insecure: true, timeoutSeconds: 10 },
  resource: [{ key: 'service.name', value: { kind: 'string', value: 'wide' } }],
  data: [
    {
      kind: 'gauge',
      name: 'g',
      description: '',
      unit: '',
      value: { column: 'v', dataType: 'INT64' },
      attributes: [{ key: 'body', value: { kind: 'column', column: 'body', dataType: 'STRING', expand: false } }],
    },
  ],
});

const values = (c: Awaited<ReturnType<typeof startCollector>>) =>
  c.metrics.flatMap((r) =>
    r.resourceMetrics.flatMap((rm) =>
      rm.scopeMetrics.flatMap((sm) => sm.metrics.flatMap((m) => m.gauge!.dataPoints.map((p) => Number(p.asInt)))),
    ),
  );

test('rows with 200 kB attributes (10 MB in all) arrive in requests under 4 MiB, every point exactly once', async (t) => {
  const c = await startCollector();
  try {
    const n = 50;
    const r = await exportTable(
      spec(c.port),
      wideTable(n, () => 200_000),
    );
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [n, 0]);
    t.true(r.requests >= 3, `${r.requests} requests`);
    t.deepEqual(
      values(c).sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => i),
    );
  } finally {
    await c.stop();
  }
});

test('rows of very different sizes: the batch size adapts and nothing is refused', async (t) => {
  const c = await startCollector();
  try {
    const n = 3000;
    const r = await exportTable(
      spec(c.port),
      wideTable(n, (i) => (i % 500 === 0 ? 1_500_000 : 100)),
    );
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [n, 0]);
    t.deepEqual(
      values(c).sort((a, b) => a - b),
      Array.from({ length: n }, (_, i) => i),
    );
  } finally {
    await c.stop();
  }
});

test('a single row over 4 MiB is not sent: it is counted as not delivered with the reason, the others arrive', async (t) => {
  const c = await startCollector();
  try {
    const r = await exportTable(
      spec(c.port),
      wideTable(5, (i) => (i === 2 ? 5_000_000 : 10)),
    );
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [4, 1]);
    t.regex(r.errors.join('\n'), /one row makes a 4\.8 MiB request, over gRPC's 4 MiB message limit/);
    t.deepEqual(
      values(c).sort((a, b) => a - b),
      [0, 1, 3, 4],
    );
  } finally {
    await c.stop();
  }
});

test('batches are built lazily: never more than the requests in flight ahead of the collector', async (t) => {
  let built = 0;
  let answered = 0;
  let maxAhead = 0;
  const c = await startCollector({
    faults: () => {
      maxAhead = Math.max(maxAhead, built - answered);
      answered++;
      return undefined;
    },
  });
  try {
    const n = 20_000;
    const table = wideTable(n, () => 4);
    function* counted() {
      for (const b of otlpBatches('metrics', spec(c.port), table, { maxRows: 100, maxBytes: 4_000_000 })) {
        built++;
        yield b;
      }
    }
    const target = {
      protocol: 'grpc',
      address: `127.0.0.1:${c.port}`,
      insecure: true,
      headers: [],
      timeoutMs: 10_000,
      compression: 'gzip',
    } as const;
    const r = await deliver('metrics', counted(), target);
    t.deepEqual([r.sent, r.requests, built], [n, 200, 200]);
    t.true(maxAhead <= IN_FLIGHT + 1, `${maxAhead} batches built ahead of the collector`);
  } finally {
    await c.stop();
  }
});
