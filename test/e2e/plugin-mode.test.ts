// `node out.js --every 1s`: the compiled tutorial runs like a Pixie export plugin, one window per tick, until
// interrupted.

import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCollector } from '../../src/collector/server.js';
import { ROOT } from '../support/golden.js';

test('plugin mode exports one batch per window and stops cleanly on SIGINT', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-every-'));
  const out = join(dir, 'out.js');
  await promisify(execFile)('node', [join(ROOT, 'bin', 'pxlc.js'), 'compile', join(ROOT, 'examples', 'http_throughput.pxl'), '-o', out]);
  const collector = await startCollector();
  try {
    const child = spawn('node', [out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure', '--every', '1s'], { cwd: tmpdir(), env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' } });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while ((stderr.match(/^exported /gm) ?? []).length < 3) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    t.is(await exited, 0, stderr);
    t.regex(stderr, /stopped after \d+ windows, 0 failed/);
    t.true(collector.metrics.length >= 3);
    // Each window exports its own rows: the newest point of a later request is later than the earlier ones'.
    const newest = collector.metrics.map((req) => req.resourceMetrics.flatMap((rm) => rm.scopeMetrics[0]!.metrics[0]!.gauge!.dataPoints.map((p) => BigInt(p.timeUnixNano)))
      .reduce((a, b) => (a > b ? a : b)));
    t.true(newest[2]! > newest[0]!);
  } finally {
    await collector.stop();
  }
});
