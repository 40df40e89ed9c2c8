// The whole path a user takes: `pxlc compile` the tutorial script, run the module with node from another
// directory against a real OTLP/gRPC collector, and look at what arrived.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCollector } from '../../src/collector/server.js';
import { ROOT } from '../support/golden.js';

const run = promisify(execFile);
const PXLC = join(ROOT, 'bin', 'pxlc.js');

async function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run(cmd, args, { cwd, env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

async function compileTutorial(): Promise<{ dir: string; out: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-e2e-'));
  const out = join(dir, 'out.js');
  const r = await sh('node', [PXLC, 'compile', join(ROOT, 'examples', 'http_throughput.pxl'), '-o', out], dir);
  if (r.code !== 0) throw new Error(`compile failed: ${r.stderr}`);
  return { dir, out };
}

test('the tutorial script delivers gauge points with resource attributes, req_path, headers and ns timestamps', async (t) => {
  const { dir, out } = await compileTutorial();
  const collector = await startCollector({ port: 0 });
  try {
    const r = await sh('node', [out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure'], tmpdir());
    t.is(r.code, 0, r.stderr);
    t.regex(r.stderr, /exported \d+ metric points to 127\.0\.0\.1:\d+/);
    t.true(collector.metrics.length > 0);
    const rms = collector.metrics.flatMap((req) => req.resourceMetrics);
    t.true(rms.length > 0);
    for (const rm of rms) {
      const keys = rm.resource.attributes.map((a) => a.key);
      t.true(
        keys.includes('service.name') && keys.includes('service.instance.id') && keys.includes('k8s.pod.name'),
        keys.join(','),
      );
      const metric = rm.scopeMetrics[0]!.metrics[0]!;
      t.is(metric.name, 'http.throughput');
      t.is(metric.description, 'The number of messages sent per second');
      const point = metric.gauge!.dataPoints[0]!;
      t.deepEqual(
        point.attributes.map((a) => a.key),
        ['req_path'],
      );
      t.is(typeof point.asDouble, 'number');
      // Nanosecond timestamps arrive exactly: within the last minute, and not rounded to milliseconds.
      const ns = BigInt(point.timeUnixNano);
      const nowNs = BigInt(Date.now()) * 1_000_000n;
      t.true(ns > nowNs - 60_000_000_000n && ns <= nowNs, String(ns));
    }
    t.true(
      rms.some((rm) => BigInt(rm.scopeMetrics[0]!.metrics[0]!.gauge!.dataPoints[0]!.timeUnixNano) % 1_000_000n !== 0n),
    );
    t.true(collector.metadata.every((md) => md['apikey']?.[0] === '12345'));
    t.false(r.stderr.includes('12345'), 'header values never appear in output');
  } finally {
    await collector.stop();
  }
  void dir;
});

test('a collector that is down gives a non-zero exit naming the endpoint and the undelivered points', async (t) => {
  const { out } = await compileTutorial();
  const collector = await startCollector({ port: 0 });
  const port = collector.port;
  await collector.stop();
  const r = await sh('node', [out, '--endpoint', `127.0.0.1:${port}`, '--insecure'], tmpdir());
  t.is(r.code, 1);
  t.regex(r.stderr, new RegExp(`\\d+ metric points and 0 spans were NOT delivered to 127\\.0\\.0\\.1:${port}`));
  t.false(r.stderr.includes('12345'));
  t.false(/\n\s+at /.test(r.stderr), 'no stack trace');
});

test('an unknown column is a located error with a caret and exit code 1', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-e2e-'));
  const script = join(dir, 'bad.pxl');
  await writeFile(
    script,
    "import px\ndf = px.DataFrame(table='http_events', start_time='-10s')\ndf.x = df.latncy * 2\npx.display(df)\n",
  );
  const r = await sh('node', [PXLC, 'compile', script, '-o', join(dir, 'out.js')], dir);
  t.is(r.code, 1);
  t.true(r.stderr.startsWith(`${script}:3:11: error PXL4003: Column 'latncy' not found in parent dataframe`), r.stderr);
  t.true(r.stderr.includes('3 | df.x = df.latncy * 2\n  |           ^^^^^^'), r.stderr);
  t.true(r.stderr.includes("did you mean 'latency'?"));
});

test('usage errors exit 2', async (t) => {
  const r = await sh('node', [PXLC, 'compile'], tmpdir());
  t.is(r.code, 2);
  t.regex(r.stderr, /missing the script to compile/);
});

test('px.display prints JSON rows in the format of px run -o json', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-e2e-'));
  const script = join(dir, 'display.pxl');
  await writeFile(
    script,
    "import px\ndf = px.DataFrame(table='http_events', start_time='-1m')\ndf = df.groupby('req_method').agg(n=('latency', px.count))\npx.display(df, 'by_method')\n",
  );
  const out = join(dir, 'display.js');
  t.is((await sh('node', [PXLC, 'compile', script, '-o', out], dir)).code, 0);
  const r = await sh('node', [out, '--output', 'json'], dir);
  t.is(r.code, 0, r.stderr);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  t.true(rows.length > 0);
  for (const row of rows) {
    t.deepEqual(Object.keys(row), ['_tableName_', 'req_method', 'n']);
    t.is(row['_tableName_'], 'by_method');
  }
});
