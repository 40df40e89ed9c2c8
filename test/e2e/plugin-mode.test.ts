// `node out.js --every 1s`: the compiled tutorial runs like a Pixie export plugin, one window per tick, until
// interrupted.

import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCollector } from '../../src/collector/server.js';
import { ROOT } from '../support/golden.js';

test('plugin mode exports one batch per window and stops cleanly on SIGINT', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-every-'));
  const out = join(dir, 'out.js');
  await promisify(execFile)('node', [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(ROOT, 'examples', 'http_throughput.pxl'),
    '-o',
    out,
  ]);
  const collector = await startCollector();
  try {
    const child = spawn('node', [out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure', '--every', '1s'], {
      cwd: tmpdir(),
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    while ((stderr.match(/^exported /gm) ?? []).length < 3) await new Promise((r) => setTimeout(r, 100));
    child.kill('SIGINT');
    t.is(await exited, 0, stderr);
    t.regex(stderr, /stopped after \d+ windows, 0 failed/);
    t.true(collector.metrics.length >= 3);
    // Each window exports its own rows: the newest point of a later request is later than the earlier ones'.
    const newest = collector.metrics.map((req) =>
      req.resourceMetrics
        .flatMap((rm) => rm.scopeMetrics[0]!.metrics[0]!.gauge!.dataPoints.map((p) => BigInt(p.timeUnixNano)))
        .reduce((a, b) => (a > b ? a : b)),
    );
    t.true(newest[2]! > newest[0]!);
  } finally {
    await collector.stop();
  }
});

/** The tutorial compiled, running in plugin mode against a collector that never answers. */
async function pluginAgainstHangingCollector(extra: string[]) {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-stop-'));
  const out = join(dir, 'out.js');
  await promisify(execFile)('node', [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(ROOT, 'examples', 'http_throughput.pxl'),
    '-o',
    out,
  ]);
  const collector = await startCollector({ faults: () => ({ delayMs: 120_000 }) });
  const spool = join(dir, 'spool');
  const child = spawn(
    'node',
    [out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure', '--every', '1s', '--spool', spool, ...extra],
    { cwd: tmpdir(), env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' } },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  // Wait until the first window's request is on the wire.
  while (collector.requests.length === 0) await new Promise((r) => setTimeout(r, 50));
  return { child, exited, spool, collector, stderr: () => stderr };
}

test('SIGTERM against a hanging collector: retries cut short, the window spooled within --stop-timeout, reported', async (t) => {
  const p = await pluginAgainstHangingCollector(['--stop-timeout', '2s']);
  try {
    const sent = Date.now();
    p.child.kill('SIGTERM');
    const code = await p.exited;
    const took = Date.now() - sent;
    t.is(code, 1, p.stderr());
    t.regex(
      p.stderr(),
      /stopping \(SIGTERM\): no more retries; what window 1 has not delivered in 2s is abandoned \(it will be spooled\)/,
    );
    t.regex(p.stderr(), /sent, outcome unknown: the collector may have them/);
    t.regex(p.stderr(), /of them were written to .*spool: re-send with pxlc resend/);
    t.true(took < 10_000, `exited ${took} ms after SIGTERM (2 s limit; the machine is shared)`);
    t.true((await readdir(p.spool)).some((f) => f.endsWith('.otlp')));
  } finally {
    p.collector.kill();
  }
});

test('Ctrl-C in plugin mode: the first says it finishes the window, the second abandons it to the spool and exits', async (t) => {
  const p = await pluginAgainstHangingCollector([]);
  try {
    p.child.kill('SIGINT');
    while (!/stopping: finishing window/.test(p.stderr())) await new Promise((r) => setTimeout(r, 50));
    t.regex(p.stderr(), /stopping: finishing window 1 \(Ctrl-C again to abandon; it will be spooled\)/);
    p.child.kill('SIGINT');
    t.is(await p.exited, 1, p.stderr());
    t.regex(p.stderr(), /abandoning window 1/);
    t.regex(p.stderr(), /were NOT delivered/);
    t.regex(p.stderr(), /stopped after 1 window, 1 failed/);
    t.true((await readdir(p.spool)).some((f) => f.endsWith('.otlp')));
  } finally {
    p.collector.kill();
  }
});
