// A script whose export has no endpoint from anywhere fails at once, before any data is read or computed.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compile } from '../../src/index.js';

const run = promisify(execFile);

const script = `import px
df = px.DataFrame(table='http_events', select=['time_', 'latency'], start_time='-1m')
px.export(df, px.otel.Data(resource={'service.name': 'edge'}, data=[px.otel.metric.Gauge(name='latency', value=df.latency)]))
`;

test('no --endpoint, no px.otel.Endpoint, no OTEL_EXPORTER_OTLP_ENDPOINT: a clear error before the data is even opened', async (t) => {
  const r = compile({ path: 'noendpoint.pxl', text: script });
  t.deepEqual(r.diagnostics, []);
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-noep-')), 'out.js');
  await writeFile(file, r.js!);
  const env = { ...process.env };
  delete env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const err = await run(process.execPath, [file, '--data', '/nonexistent/dir'], { env }).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  t.truthy(err);
  t.is(err!.code, 1);
  t.regex(err!.stderr, /px\.export has no OpenTelemetry endpoint/);
  t.regex(err!.stderr, /--endpoint HOST:PORT/);
  t.notRegex(
    err!.stderr,
    /nonexistent|at .*\.js:\d+/,
    'reported before the data directory is read, and without a stack trace',
  );
});

test('a malformed --endpoint or OTEL_EXPORTER_OTLP_* variable is a usage error before anything runs', async (t) => {
  const r = compile({ path: 'noendpoint.pxl', text: script });
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-noep-')), 'out.js');
  await writeFile(file, r.js!);
  // Each check of config.ts (test/otel/config.test.ts has them all) reaches the command line as a usage error.
  const cases: [string[], Record<string, string>, RegExp][] = [
    [['--endpoint', 'collector:99999'], {}, /the endpoint 'collector:99999' has a port outside 1\.\.65535/],
    [
      [],
      { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://c:4318', OTEL_EXPORTER_OTLP_HEADERS: 'api-key' },
      /OTEL_EXPORTER_OTLP_HEADERS: entry 1 is not KEY=VALUE/,
    ],
    [
      ['--endpoint', 'c:4317', '--spool', '/proc/pxlc-spool'],
      {},
      /--spool \/proc\/pxlc-spool: not a writable directory/,
    ],
  ];
  await Promise.all(
    cases.map(async ([args, vars, message]) => {
      const env = { ...process.env, ...vars };
      if (!('OTEL_EXPORTER_OTLP_ENDPOINT' in vars)) delete env['OTEL_EXPORTER_OTLP_ENDPOINT'];
      const err = await run(process.execPath, [file, '--data', '/nonexistent/dir', ...args], { env }).then(
        () => undefined,
        (e: { code: number; stderr: string }) => e,
      );
      t.is(err?.code, 2, `${args.join(' ')} ${JSON.stringify(vars)}: ${err?.stderr}`);
      t.regex(err!.stderr, message);
      t.notRegex(err!.stderr, /nonexistent\/dir|\n\s+at /, 'before the data is read; no stack trace');
    }),
  );
});

test('plugin mode without any endpoint stops at once instead of failing every window', async (t) => {
  const r = compile({ path: 'noendpoint.pxl', text: script });
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-noep-')), 'out.js');
  await writeFile(file, r.js!);
  const env = { ...process.env };
  delete env['OTEL_EXPORTER_OTLP_ENDPOINT'];
  const err = await run(process.execPath, [file, '--every', '1s'], { env, timeout: 20_000 }).then(
    () => undefined,
    (e: { code: number; stderr: string }) => e,
  );
  t.is(err?.code, 1);
  t.regex(err!.stderr, /px\.export has no OpenTelemetry endpoint/);
  t.notRegex(err!.stderr, /^window /m, 'no window was run');
});
