// The transport under faults, against the real collector answering with scripted gRPC statuses: retryable codes
// are retried with back-off, others fail at once; every point is either delivered or counted as not delivered.

import test from 'ava';
import { status } from '@grpc/grpc-js';
import { startCollector, type InjectedFault, type ReceivedCollector } from '../../src/collector/server.js';
import { exportTable } from '../../src/runtime/otel/exporter.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';

const n = 30;
const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'v', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.from({ length: n }, (_, i) => 1_700_000_000_000_000_000n + BigInt(i)),
    Float64Array.from({ length: n }, (_, i) => i),
  ],
  n,
);

const spec = (port: number, timeoutSeconds = 20): OTelExportSpec => ({
  endpoint: { url: `127.0.0.1:${port}`, headers: [['authorization', 'Bearer sekrit']], insecure: true, timeoutSeconds },
  resource: [{ key: 'service.name', value: { kind: 'string', value: 'faults' } }],
  data: [
    {
      kind: 'gauge',
      name: 'g',
      description: '',
      unit: '',
      value: { column: 'v', dataType: 'FLOAT64' },
      attributes: [],
    },
  ],
});

const points = (c: ReceivedCollector) =>
  c.metrics.flatMap((r) =>
    r.resourceMetrics.flatMap((rm) =>
      rm.scopeMetrics.flatMap((sm) => sm.metrics.flatMap((m) => m.gauge?.dataPoints ?? [])),
    ),
  ).length;

test('UNAVAILABLE then OK: the request is retried and everything arrives exactly once', async (t) => {
  const c = await startCollector({
    faults: (k): InjectedFault | undefined => (k < 2 ? { code: status.UNAVAILABLE } : undefined),
  });
  try {
    const r = await exportTable(spec(c.port), table, { batchRows: 10 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed, r.requests], [30, 0, 3]);
    t.is(points(c), 30);
  } finally {
    await c.stop();
  }
});

test('INVALID_ARGUMENT is not retried: the batch is counted as not delivered, the others arrive', async (t) => {
  let answered = 0;
  const c = await startCollector({
    faults: (k) => {
      answered++;
      return k === 0 ? { code: status.INVALID_ARGUMENT, details: 'bad point' } : undefined;
    },
  });
  try {
    const r = await exportTable(spec(c.port), table, { batchRows: 10 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [20, 10]);
    t.is(answered, 3, 'one attempt per batch: no retry of a non-retryable code');
    t.is(points(c), 20);
    t.regex(r.errors.join('\n'), /metrics export to 127\.0\.0\.1:\d+ failed/);
    t.false(r.errors.join('\n').includes('sekrit'));
  } finally {
    await c.stop();
  }
});

test('a collector slower than the timeout: retried (DEADLINE_EXCEEDED is retryable), then counted as not delivered', async (t) => {
  const c = await startCollector({ faults: () => ({ code: status.OK, delayMs: 3_000 }) });
  try {
    const r = await exportTable(spec(c.port, 1), table, { batchRows: 30 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [0, 30]);
  } finally {
    c.kill();
  }
});

test('a collector that dies mid-export: sent and not-delivered add up to every point', async (t) => {
  const c = await startCollector({ faults: (k) => (k === 1 ? { code: status.OK, delayMs: 200 } : undefined) });
  setTimeout(() => c.kill(), 100);
  const r = await exportTable(spec(c.port, 2), table, { batchRows: 10 });
  t.is(r.metricPointsSent + r.metricPointsFailed, 30);
  t.true(r.metricPointsFailed >= 10);
});

test('--spool keeps what was not delivered, and pxlc resend delivers it later with the header given again', async (t) => {
  const { mkdtemp, readdir } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { main } = await import('../../src/cli/main.js');
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-spool-'));
  const down = await startCollector();
  await down.stop();
  const r = await exportTable(spec(down.port), table, { batchRows: 10, spoolDir: dir });
  t.deepEqual([r.metricPointsFailed, r.spooled], [30, 30]);
  const files = await readdir(dir);
  t.is(files.length, 6);
  for (const f of files)
    t.false(
      (await import('node:fs')).readFileSync(join(dir, f)).toString('latin1').includes('sekrit'),
      'no header values on disk',
    );
  const c = await startCollector();
  try {
    const code = await main([
      'resend',
      dir,
      '--endpoint',
      `127.0.0.1:${c.port}`,
      '--insecure',
      '--header',
      'authorization=Bearer sekrit',
    ]);
    t.is(code, 0);
    t.is(points(c), 30);
    t.deepEqual(
      c.metadata.map((m) => m['authorization']?.[0]),
      ['Bearer sekrit', 'Bearer sekrit', 'Bearer sekrit'],
    );
    t.deepEqual(await readdir(dir), []);
  } finally {
    await c.stop();
  }
});

test("the server's RetryInfo delay is honoured: RESOURCE_EXHAUSTED with a 1.2 s retry delay is retried after it", async (t) => {
  const times: number[] = [];
  const c = await startCollector({
    faults: (k) => {
      times.push(Date.now());
      return k === 0 ? { code: status.RESOURCE_EXHAUSTED, details: 'slow down', retryDelayMs: 1200 } : undefined;
    },
  });
  try {
    const r = await exportTable(spec(c.port), table, { batchRows: 30 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed, r.requests], [30, 0, 1]);
    t.is(times.length, 2);
    const waited = times[1]! - times[0]!;
    t.true(waited >= 1150 && waited < 3000, `retried after ${waited} ms`);
  } finally {
    await c.stop();
  }
});

test('RESOURCE_EXHAUSTED without RetryInfo is not retried (OTLP: retryable only when the server says when)', async (t) => {
  let answered = 0;
  const c = await startCollector({
    faults: () => {
      answered++;
      return { code: status.RESOURCE_EXHAUSTED, details: 'quota' };
    },
  });
  try {
    const r = await exportTable(spec(c.port), table, { batchRows: 30 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed, answered], [0, 30, 1]);
    t.regex(r.errors[0]!, /RESOURCE_EXHAUSTED: quota/);
  } finally {
    await c.stop();
  }
});

test("partial success: rejected points are counted as not delivered and the collector's message is reported", async (t) => {
  const c = await startCollector({
    faults: (k) => (k === 1 ? { rejected: 4, errorMessage: 'points too old' } : undefined),
  });
  try {
    const r = await exportTable(spec(c.port), table, { batchRows: 10 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed, r.rejected, r.requests], [26, 4, 4, 3]);
    t.is(points(c), 30, 'the collector received every point; it just did not keep 4');
    t.deepEqual(r.errors, [
      `metrics export to 127.0.0.1:${c.port}: the collector rejected 4 of 10 metric points: points too old`,
    ]);
  } finally {
    await c.stop();
  }
});

test('partial success with nothing rejected and a message is a warning, not a loss', async (t) => {
  const c = await startCollector({ faults: () => ({ rejected: 0, errorMessage: 'unit missing' }) });
  try {
    const r = await exportTable(spec(c.port), table, { batchRows: 30 });
    t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [30, 0]);
    t.regex(r.errors.join('\n'), /the collector warned: unit missing/);
  } finally {
    await c.stop();
  }
});

test('partial success is read for spans and log records too (each signal names its own rejected count)', async (t) => {
  const c = await startCollector({
    faults: (_k, signal) =>
      signal === 'traces'
        ? { rejected: 3, errorMessage: 'span too long' }
        : signal === 'logs'
          ? { rejected: 30 }
          : undefined,
  });
  try {
    const s: OTelExportSpec = {
      ...spec(c.port),
      data: [
        {
          kind: 'span',
          name: { kind: 'string', value: 'op' },
          startTime: 'time_',
          endTime: 'time_',
          spanKind: 2,
          attributes: [],
        },
        {
          kind: 'log',
          body: { kind: 'literal', value: 'hello' },
          time: 'time_',
          severityNumber: { kind: 'literal', value: 9 },
          severityText: { kind: 'literal', value: '' },
          attributes: [],
        },
      ],
    };
    const r = await exportTable(s, table, { batchRows: 30 });
    t.deepEqual([r.spansSent, r.spansFailed, r.logRecordsSent, r.logRecordsFailed, r.rejected], [27, 3, 0, 30, 33]);
    t.true(r.errors.some((e) => /rejected 3 of 30 spans: span too long/.test(e)));
    t.true(r.errors.some((e) => /rejected 30 of 30 log records$/.test(e)));
  } finally {
    await c.stop();
  }
});
