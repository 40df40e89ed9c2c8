// A plugin script (no px.otel.Endpoint of its own) authenticates to a vendor: headers from --header, from run()
// and from OTEL_EXPORTER_OTLP_HEADERS arrive as gRPC metadata, and none of their values appears in any output.

import test from 'ava';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCollector } from '../../src/collector/server.js';
import { compileScript } from '../support/compiled.js';
import { ROOT } from '../support/golden.js';

const run = promisify(execFile);

test('--header and OTEL_EXPORTER_OTLP_HEADERS arrive as metadata and are printed nowhere', async (t) => {
  const script = await compileScript(
    await readFile(join(ROOT, 'examples', 'http_metrics.pxl'), 'utf8'),
    'http_metrics',
  );
  const collector = await startCollector();
  try {
    const env = {
      ...process.env,
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`,
      OTEL_EXPORTER_OTLP_HEADERS: 'x-tenant=env-tenant-77,x-api-key=env-key-should-lose',
    };
    const r = await run(process.execPath, [script.file, '--header', 'x-api-key=flag-secret-99', '--output', 'json'], {
      env,
    });
    t.regex(r.stderr, /exported \d+ metric points to 127\.0\.0\.1:\d+/);
    t.true(collector.metadata.length > 0);
    for (const md of collector.metadata) {
      t.deepEqual([md['x-api-key'], md['x-tenant']], [['flag-secret-99'], ['env-tenant-77']]);
    }
    for (const secret of ['flag-secret-99', 'env-tenant-77', 'env-key-should-lose'])
      t.false(`${r.stdout}${r.stderr}`.includes(secret));
  } finally {
    await collector.stop();
  }
});

test("run({ headers }) sends them, over the script's, and the report shows none", async (t) => {
  const script = await compileScript(
    `import px
df = px.DataFrame(table='http_events', select=['time_', 'latency'], start_time='-1m')
px.export(df, px.otel.Data(endpoint=px.otel.Endpoint(url='127.0.0.1:1', headers={'x-team': 'from-script', 'x-api-key': 'script-key'}, insecure=True),
  resource={'service.name': 'edge'}, data=[px.otel.metric.Gauge(name='latency', value=df.latency)]))
`,
    'run_headers',
  );
  const collector = await startCollector({
    faults: (k) => (k === 0 ? { rejected: 1, errorMessage: 'one too old' } : undefined),
  });
  try {
    const result = await script.run({
      endpoint: `127.0.0.1:${collector.port}`,
      headers: { 'x-api-key': 'run-key-42' },
      environment: {},
    });
    t.true(collector.metadata.length > 0);
    t.deepEqual(collector.metadata.map((md) => [md['x-api-key']?.[0], md['x-team']?.[0]])[0], [
      'run-key-42',
      'from-script',
    ]);
    t.false(JSON.stringify(result.exports).includes('run-key-42'));
    t.regex(result.exports[0]!.errors.join('\n'), /rejected 1 of/);
  } finally {
    await collector.stop();
  }
});
