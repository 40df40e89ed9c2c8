// `pxlc collector`: a script author's local receiver prints what an export script sends, headers masked.

import test from 'ava';
import { execFile, spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../support/golden.js';

const run = promisify(execFile);

test('pxlc collector prints the resources, gauge and points the tutorial sends, with the API key masked', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-coll-'));
  const out = join(dir, 'out.js');
  await run('node', [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(ROOT, 'examples', 'http_throughput.pxl'),
    '-o',
    out,
  ]);
  const collector = spawn('node', [join(ROOT, 'bin', 'pxlc.js'), 'collector', '--port', '0']);
  let stdout = '';
  let stderr = '';
  collector.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  collector.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => collector.on('exit', resolve));
  try {
    while (!/listening on 127\.0\.0\.1:(\d+)/.test(stderr)) await new Promise((r) => setTimeout(r, 50));
    const port = /listening on 127\.0\.0\.1:(\d+)/.exec(stderr)![1]!;
    await run('node', [out, '--endpoint', `127.0.0.1:${port}`, '--insecure'], {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' },
    });
    while (!stdout.includes('gauge http.throughput')) await new Promise((r) => setTimeout(r, 50));
    t.regex(stdout, /^metrics request apikey=\*\*\*/m);
    t.regex(stdout, /resource service\.instance\.id="[^"]+" k8s\.pod\.name="[^"]+" service\.name="[^"]+"/);
    t.regex(stdout, /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z [\d.]+ req_path="\//);
    t.false(stdout.includes('12345'));
  } finally {
    collector.kill('SIGINT');
    t.is(await exited, 0);
  }
});
