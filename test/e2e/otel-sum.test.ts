// px.otel.metric.Sum (beyond Pixie, pixie-io/pixie#627): counters as OTLP Sum points, checked like Gauge.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startCollector } from '../../src/collector/server.js';
import { check, compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';

const script = (temporality: string) => `import px
df = px.DataFrame(table='conn_stats', select=['time_', 'remote_addr', 'bytes_sent'], start_time='-1m')
px.export(df, px.otel.Data(
  resource={'service.name': 'edge'},
  data=[px.otel.metric.Sum(name='net.bytes_sent', value=df.bytes_sent, temporality='${temporality}',
    attributes={'peer': df.remote_addr})],
))
`;

test('a Sum arrives as a monotonic cumulative counter with integer points and the column unit', async (t) => {
  const r = compile({ path: 'sum.pxl', text: script('cumulative') });
  t.deepEqual(r.diagnostics, []);
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-sum-')), 'sum.js');
  await writeFile(file, r.js!);
  const { run } = (await import(pathToFileURL(file).href)) as {
    run: (o: Record<string, unknown>) => Promise<RunResult>;
  };
  const c = await startCollector();
  try {
    const now = 1_767_225_600_000_000_000n;
    await run({
      now,
      endpoint: `127.0.0.1:${c.port}`,
      insecure: true,
      tables: { conn_stats: [{ time_: now - 5n, remote_addr: '10.0.0.9', bytes_sent: 9_007_199_254_740_993n }] },
    });
    const m = c.metrics[0]!.resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    t.is(m.name, 'net.bytes_sent');
    t.is(m.unit, 'By');
    t.is(m.sum!.aggregationTemporality, 'AGGREGATION_TEMPORALITY_CUMULATIVE');
    t.true(m.sum!.isMonotonic);
    t.deepEqual(
      m.sum!.dataPoints.map((p) => [p.asInt, p.timeUnixNano, p.attributes[0]!.value.stringValue]),
      [['9007199254740993', String(now - 5n), '10.0.0.9']],
    );
  } finally {
    await c.stop();
  }
});

test('temporality must be cumulative or delta', (t) => {
  const r = check({ path: 'sum.pxl', text: script('weekly') });
  t.deepEqual(
    r.diagnostics.map((d) => d.message),
    ["temporality must be 'cumulative' or 'delta', not 'weekly'"],
  );
});
