// The example export scripts (examples/*.pxl, modelled on Pixie's export plugins), the way a user runs them:
// compiled with `pxlc compile`, run with node on the demo data and on --data files, against the real collector over
// plaintext and over TLS with a private CA (a certificate made here with openssl). Their payloads are checked field
// by field in their own .test.yaml files (`pxlc test`, part of npm test); here it is the transport end to end.

import test from 'ava';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { formatReceived } from '../../src/collector/format.js';
import { idHex } from '../../src/collector/payload.js';
import { startCollector, type ReceivedCollector } from '../../src/collector/server.js';
import { ROOT } from '../support/golden.js';

const exec = promisify(execFile);
const PXLC = join(ROOT, 'bin', 'pxlc.js');
const EXAMPLES = [
  'http_metrics',
  'http_spans',
  'dns_metrics',
  'mysql_metrics',
  'kafka_metrics',
  'conn_stats',
  'network_stats',
  'process_stats',
];

async function sh(args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const r = await exec('node', args, { cwd: tmpdir(), env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' } });
    return { code: 0, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stderr: string };
    return { code: err.code, stderr: err.stderr };
  }
}

async function compiled(name: string, dir: string): Promise<string> {
  const out = join(dir, `${name}.js`);
  const r = await sh([PXLC, 'compile', join(ROOT, 'examples', `${name}.pxl`), '-o', out]);
  if (r.code !== 0) throw new Error(`compile ${name}: ${r.stderr}`);
  return out;
}

const items = (c: ReceivedCollector) =>
  c.metrics.flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics))).length +
  c.traces.flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans))).length;

test('every example runs on the demo data and delivers everything to a plaintext collector', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-examples-'));
  const c = await startCollector();
  try {
    for (const name of EXAMPLES) {
      const before = items(c);
      const r = await sh([await compiled(name, dir), '--endpoint', `127.0.0.1:${c.port}`, '--insecure']);
      t.is(r.code, 0, `${name}: ${r.stderr}`);
      t.regex(r.stderr, /exported [1-9]\d* (metric points|spans) to 127\.0\.0\.1:\d+/, name);
      t.true(items(c) > before, `${name} sent something`);
    }
    // What `pxlc collector` prints for all of it (gauges without attributes included).
    t.regex(formatReceived(c), /gauge network_stats\.rx_bytes \[By\].*: \d+ points?/);
    t.regex(formatReceived(c), /summary http\.server\.duration \[ms\]/);
  } finally {
    await c.stop();
  }
});

const CLUSTER = {
  services: [{ id: 's1', namespace: 'shop', name: 'cart' }],
  pods: [{ id: 'p1', namespace: 'shop', name: 'cart-1', node: 'node-a', ip: '10.0.0.1', services: ['cart'] }],
  containers: [{ id: 'c1', name: 'cart', pod: 'shop/cart-1' }],
  processes: [{ upid: '1:10:1', container: 'c1' }],
};

const HTTP = [
  {
    time_: '2026-01-01T00:00:01.25Z',
    upid: '1:10:1',
    local_addr: '10.0.0.1',
    remote_addr: '10.0.0.2',
    trace_role: 2,
    req_method: 'GET',
    req_path: '/cart/8f3a9c21',
    resp_status: 200,
    latency: 250000000,
    req_headers: JSON.stringify({
      Host: 'cart.shop',
      'X-B3-TraceId': '4bf92f3577b34da6a3ce929d0e0e4736',
      'X-B3-SpanId': '00f067aa0ba902b7',
    }),
  },
  {
    time_: '2026-01-01T00:00:02Z',
    upid: '1:10:1',
    local_addr: '10.0.0.1',
    remote_addr: '10.0.0.2',
    trace_role: 2,
    req_method: 'GET',
    req_path: '/cart/77d01e42',
    resp_status: 200,
    latency: 750000000,
    req_headers: '{}',
  },
];

async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-examples-data-'));
  await writeFile(join(dir, 'http_events.jsonl'), HTTP.map((r) => JSON.stringify(r)).join('\n'));
  await writeFile(
    join(dir, 'network_stats.jsonl'),
    JSON.stringify({
      time_: '2026-01-01T00:00:05Z',
      pod_id: 'p1',
      rx_bytes: 10240,
      tx_bytes: 2048,
      rx_packets: 12,
      tx_packets: 7,
      rx_errors: 0,
      tx_errors: 1,
      rx_drops: 2,
      tx_drops: 0,
    }),
  );
  await writeFile(
    join(dir, 'process_stats.jsonl'),
    [
      {
        time_: '2026-01-01T00:00:01Z',
        upid: '1:10:1',
        cpu_utime_ns: 1000000000,
        cpu_ktime_ns: 0,
        rss_bytes: 1000,
        vsize_bytes: 3000,
      },
      {
        time_: '2026-01-01T00:00:09Z',
        upid: '1:10:1',
        cpu_utime_ns: 1500000000,
        cpu_ktime_ns: 250000000,
        rss_bytes: 2000,
        vsize_bytes: 3000,
      },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n'),
  );
  await writeFile(join(dir, 'metadata.json'), JSON.stringify(CLUSTER));
  return dir;
}

/** Runs four examples on the same data and checks the payloads, whichever way they travelled. */
async function checkPayloads(
  t: import('ava').ExecutionContext,
  c: ReceivedCollector,
  transport: string[],
): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-examples-'));
  const data = await dataDir();
  for (const name of ['http_metrics', 'http_spans', 'network_stats', 'process_stats']) {
    const r = await sh([
      await compiled(name, dir),
      '--data',
      data,
      '--now',
      '2026-01-01T00:00:10Z',
      '--endpoint',
      `127.0.0.1:${c.port}`,
      ...transport,
    ]);
    t.is(r.code, 0, `${name}: ${r.stderr}`);
  }
  const [summaries, gauges] = [c.metrics[0]!, c.metrics[1]!];
  const rm = summaries.resourceMetrics[0]!;
  t.deepEqual(
    rm.resource.attributes.map((a) => [a.key, a.value.stringValue]).filter(([k]) => k !== 'k8s.cluster.name'),
    [
      ['service.instance.id', 'shop/cart-1'],
      ['k8s.pod.name', 'shop/cart-1'],
      ['k8s.namespace.name', 'shop'],
      ['k8s.node.name', 'node-a'],
      ['instrumentation.provider', 'pixie'],
      ['service.name', 'shop/cart'],
    ],
  );
  const m = rm.scopeMetrics[0]!.metrics[0]!;
  const p = m.summary!.dataPoints[0]!;
  t.deepEqual(
    [m.name, m.unit, p.count, p.sum, p.quantileValues, p.timeUnixNano],
    [
      'http.server.duration',
      'ms',
      '2',
      1000,
      [
        { quantile: 0, value: 250 },
        { quantile: 1, value: 750 },
      ],
      '1767225602000000000',
    ],
  );
  t.deepEqual(
    p.attributes.map((a) => [a.key, a.value.stringValue ?? a.value.intValue]),
    [
      ['http.route', '/cart/<id>'],
      ['http.method', 'GET'],
      ['http.status_code', '200'],
    ],
  );
  const spans = c.traces[0]!.resourceSpans[0]!.scopeSpans[0]!.spans;
  t.deepEqual(
    spans.map((s) => [s.name, s.startTimeUnixNano, s.endTimeUnixNano, s.kind]),
    [
      ['GET /cart/<id>', '1767225601000000000', '1767225601250000000', 'SPAN_KIND_SERVER'],
      ['GET /cart/<id>', '1767225601250000000', '1767225602000000000', 'SPAN_KIND_SERVER'],
    ],
  );
  t.deepEqual(
    [idHex(spans[0]!.traceId), idHex(spans[0]!.spanId), idHex(spans[0]!.parentSpanId)],
    ['4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7', ''],
  );
  t.regex(idHex(spans[1]!.traceId), /^[0-9a-f]{32}$/, 'no B3 headers: a random trace id');
  const g = gauges.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
  t.deepEqual(
    g.map((x) => [x.name, x.unit, x.gauge!.dataPoints[0]!.asInt, x.gauge!.dataPoints[0]!.timeUnixNano]),
    [
      ['network_stats.rx_bytes', 'By', '10240', '1767225605000000000'],
      ['network_stats.tx_bytes', 'By', '2048', '1767225605000000000'],
      ['network_stats.rx_packets', '', '12', '1767225605000000000'],
      ['network_stats.tx_packets', '', '7', '1767225605000000000'],
      ['network_stats.rx_errors', '', '0', '1767225605000000000'],
      ['network_stats.tx_errors', '', '1', '1767225605000000000'],
      ['network_stats.rx_drops', '', '2', '1767225605000000000'],
      ['network_stats.tx_drops', '', '0', '1767225605000000000'],
    ],
  );
  // Double gauges: 0.75 s of CPU in the 10 s window, mean memory, at the window's start.
  const cpu = c.metrics[2]!.resourceMetrics[0]!.scopeMetrics[0]!.metrics;
  t.deepEqual(
    cpu.map((x) => [x.name, x.unit, x.gauge!.dataPoints[0]!.asDouble, x.gauge!.dataPoints[0]!.timeUnixNano]),
    [
      ['process.cpu.utilization', '1', 0.075, '1767225600000000000'],
      ['process.memory.usage', 'By', 1500, '1767225600000000000'],
      ['process.memory.virtual', 'By', 3000, '1767225600000000000'],
    ],
  );
}

test('examples over plaintext: summary, spans, integer and double gauges arrive field by field', async (t) => {
  const c = await startCollector();
  try {
    await checkPayloads(t, c, ['--insecure']);
  } finally {
    await c.stop();
  }
});

test('examples over TLS with a private CA (--ca): the same payloads; without the CA nothing is sent in clear', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-tls-'));
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
  const c = await startCollector({
    tls: { cert: await readFile(join(dir, 'cert.pem')), key: await readFile(join(dir, 'key.pem')) },
  });
  try {
    await checkPayloads(t, c, ['--ca', join(dir, 'cert.pem')]);
    const untrusted = await sh([
      await compiled('network_stats', dir),
      '--data',
      await dataDir(),
      '--now',
      '2026-01-01T00:00:10Z',
      '--endpoint',
      `127.0.0.1:${c.port}`,
    ]);
    t.is(untrusted.code, 1);
    t.regex(untrusted.stderr, /8 metric points and 0 spans were NOT delivered/);
  } finally {
    await c.stop();
  }
});
