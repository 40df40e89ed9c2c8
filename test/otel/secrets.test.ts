// Endpoint headers are secrets (API keys): they never appear in what a run prints, in its errors, in the names
// or contents of spool files, or in what pxlc resend prints — including when TLS fails. A TLS failure is
// reported as a certificate or TLS problem and nothing is ever sent in plaintext instead.

import test from 'ava';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCollector } from '../../src/collector/server.js';
import { compile } from '../../src/index.js';
import { ROOT } from '../support/golden.js';

const SECRET = 'sk-live-7Hq2pZ9';

const script = (endpoint: string) => `import px
df = px.DataFrame(table='http_events', start_time='-10s')
df = df.head(20)
px.export(df, px.otel.Data(
  endpoint=px.otel.Endpoint(url='${endpoint}', headers={'authorization': 'Bearer ${SECRET}', 'x-api-key': '${SECRET}'}, timeout=2),
  resource={'service.name': df.req_path},
  data=[px.otel.metric.Gauge(name='http.latency', value=df.latency)],
))
`;

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function runNode(args: readonly string[]): Promise<Outcome> {
  try {
    const r = await promisify(execFile)(process.execPath, args, {
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', PXLC_DEBUG: '1' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

function compiled(endpoint: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pxlc-secret-'));
  const out = join(dir, 'out.js');
  writeFileSync(out, compile({ path: 'secret.pxl', text: script(endpoint) }).js!);
  return out;
}

function selfSigned(): { cert: Buffer; key: Buffer } {
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
  return { cert: readFileSync(join(dir, 'cert.pem')), key: readFileSync(join(dir, 'key.pem')) };
}

function spoolContents(dir: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return '';
  }
  return names.join('\n') + names.map((n) => readFileSync(join(dir, n)).toString('latin1')).join('');
}

test('an untrusted certificate: reported as a certificate error, nothing sent, the key nowhere (output, spool, resend)', async (t) => {
  const collector = await startCollector({ tls: selfSigned() });
  try {
    const spool = mkdtempSync(join(tmpdir(), 'pxlc-spool-'));
    const r = await runNode([compiled(`127.0.0.1:${collector.port}`), '--spool', spool]);
    t.is(r.code, 1);
    t.regex(r.stderr, /NOT delivered to 127\.0\.0\.1:\d+/);
    t.regex(r.stderr, /certificate|self[- ]signed/i, r.stderr);
    t.is(collector.requests.length, 0, 'the export was not sent some other way');
    const spooled = spoolContents(spool);
    t.true(spooled.length > 0, 'the undelivered requests were spooled');
    for (const text of [r.stdout, r.stderr, spooled]) t.false(text.includes(SECRET));

    const resend = await runNode([
      join(ROOT, 'bin', 'pxlc.js'),
      'resend',
      spool,
      '--endpoint',
      `127.0.0.1:${collector.port}`,
      '--header',
      `x-api-key=${SECRET}`,
    ]);
    t.is(resend.code, 1);
    t.regex(resend.stderr, /certificate|self[- ]signed/i, resend.stderr);
    t.false((resend.stdout + resend.stderr).includes(SECRET));
    t.is(collector.requests.length, 0);
  } finally {
    collector.kill();
  }
});

test('TLS to a plaintext collector fails as a TLS error: no downgrade to plaintext, the key nowhere', async (t) => {
  const collector = await startCollector();
  try {
    const r = await runNode([compiled(`127.0.0.1:${collector.port}`)]);
    t.is(r.code, 1);
    t.regex(r.stderr, /NOT delivered/);
    t.regex(r.stderr, /TLS|SSL|handshake|wrong version|certificate/i, r.stderr);
    t.is(collector.requests.length, 0, 'no plaintext request reached the collector');
    t.false((r.stdout + r.stderr).includes(SECRET));
  } finally {
    collector.kill();
  }
});

test('a down collector: retries exhausted, errors and spool files without the key', async (t) => {
  const c = await startCollector();
  const port = c.port;
  await c.stop();
  const spool = mkdtempSync(join(tmpdir(), 'pxlc-spool-'));
  const r = await runNode([compiled(`127.0.0.1:${port}`), '--insecure', '--spool', spool]);
  t.is(r.code, 1);
  t.regex(r.stderr, /NOT delivered/);
  const spooled = spoolContents(spool);
  t.true(spooled.length > 0);
  for (const text of [r.stdout, r.stderr, spooled]) t.false(text.includes(SECRET));
});

test('a header value gRPC cannot carry, given to pxlc resend: an error that does not quote it', async (t) => {
  const spool = mkdtempSync(join(tmpdir(), 'pxlc-spool-'));
  const c = await startCollector();
  const port = c.port;
  await c.stop();
  await runNode([compiled(`127.0.0.1:${port}`), '--insecure', '--spool', spool]);
  const r = await runNode([
    join(ROOT, 'bin', 'pxlc.js'),
    'resend',
    spool,
    '--endpoint',
    `127.0.0.1:${port}`,
    '--insecure',
    '--header',
    `x-api-key=${SECRET}\u00e9`,
  ]);
  t.not(r.code, 0);
  t.regex(r.stderr, /header 'x-api-key' has characters gRPC metadata cannot carry/);
  t.false((r.stdout + r.stderr).includes(SECRET));
});
