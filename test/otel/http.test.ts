// OTLP/HTTP beside gRPC: http/protobuf and http/json deliver the same metrics, spans and log records as gRPC, field
// by field, to pxlc's collector and to an independent receiver built on the official protos; OTLP/HTTP's retry
// rules (503, 429 with Retry-After), partial success and a non-retryable 400; mTLS; TLS failures said plainly, once.

import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import protobuf from 'protobufjs';
import { status } from '@grpc/grpc-js';
import { startCollector, type CollectorOptions, type ReceivedCollector } from '../../src/collector/server.js';
import { exportTable, type ExportOptions } from '../../src/runtime/otel/exporter.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';
import { requestFromJson, requestToJson } from '../../src/runtime/otel/otlp-json.js';
import { requestType } from '../../src/runtime/otel/proto.js';
import { ROOT } from '../support/golden.js';

const n = 12;
const T0 = 1_700_000_000_000_000_000n;
const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'v', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'count', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'trace', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'span', dataType: 'STRING', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.from({ length: n }, (_, i) => T0 + BigInt(i) * 1_000_000_001n),
    Float64Array.from({ length: n }, (_, i) => i / 4),
    BigInt64Array.from({ length: n }, (_, i) => 9_007_199_254_740_993n + BigInt(i)),
    Array.from({ length: n }, (_, i) => `0af7651916cd43dd8448eb211c80319${i.toString(16)}`),
    Array.from({ length: n }, (_, i) => `b7ad6b716920333${i.toString(16)}`),
  ],
  n,
);

const spec: OTelExportSpec = {
  resource: [{ key: 'service.name', value: { kind: 'string', value: 'checkout' } }],
  data: [
    {
      kind: 'gauge',
      name: 'queue.depth',
      description: 'items waiting',
      unit: 'By',
      value: { column: 'v', dataType: 'FLOAT64' },
      attributes: [],
    },
    {
      kind: 'sum',
      name: 'requests',
      description: '',
      unit: '',
      value: { column: 'count', dataType: 'INT64' },
      isMonotonic: true,
      temporality: 'cumulative',
      attributes: [],
    },
    {
      kind: 'span',
      name: { kind: 'string', value: 'GET /cart' },
      startTime: 'time_',
      endTime: 'time_',
      traceId: 'trace',
      spanId: 'span',
      spanKind: 2,
      attributes: [],
    },
    {
      kind: 'log',
      body: { kind: 'literal', value: 'cart viewed' },
      time: 'time_',
      severityNumber: { kind: 'literal', value: 9 },
      severityText: { kind: 'literal', value: 'INFO' },
      traceId: 'trace',
      attributes: [],
    },
  ],
};

const over = (c: ReceivedCollector, protocol: 'grpc' | 'http/protobuf' | 'http/json', extra: ExportOptions = {}) =>
  exportTable(spec, table, {
    protocol,
    endpoint: protocol === 'grpc' ? `127.0.0.1:${c.port}` : `http://127.0.0.1:${c.httpPort}`,
    insecure: true,
    environment: {},
    batchRows: 5,
    ...extra,
  });

async function withCollector(options: CollectorOptions, f: (c: ReceivedCollector) => Promise<void>): Promise<void> {
  const c = await startCollector({ httpPort: 0, ...options });
  try {
    await f(c);
  } finally {
    c.kill();
  }
}

// Requests are sent concurrently and arrive in any order: compare them as sorted lists.
const textOf = (x: unknown) => JSON.stringify(x, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
const inOrder = <T>(xs: readonly T[]): T[] =>
  [...xs].sort((a, b) => (textOf(a) < textOf(b) ? -1 : textOf(a) > textOf(b) ? 1 : 0));
const received = (c: ReceivedCollector) => ({
  metrics: inOrder(c.metrics),
  traces: inOrder(c.traces),
  logs: inOrder(c.logs),
});

test('http/protobuf and http/json deliver the same points, spans and log records as gRPC, field by field', async (t) => {
  const got: Record<string, unknown> = {};
  for (const protocol of ['grpc', 'http/protobuf', 'http/json'] as const) {
    await withCollector({}, async (c) => {
      const r = await over(c, protocol, { headers: { 'x-api-key': 'k-123' } });
      t.deepEqual(
        [r.metricPointsSent, r.spansSent, r.logRecordsSent, r.metricPointsFailed + r.spansFailed + r.logRecordsFailed],
        [2 * n, n, n, 0],
        protocol,
      );
      t.true(
        c.requests.every(
          (q) => q.transport === (protocol === 'grpc' ? 'grpc' : 'http') && q.metadata['x-api-key']?.[0] === 'k-123',
        ),
      );
      got[protocol] = received(c);
    });
  }
  t.deepEqual(got['http/protobuf'], got['grpc']);
  t.deepEqual(got['http/json'], got['grpc']);
  t.regex(textOf(got['http/json']), /"asInt":"9007199254740993"/, 'int64 past 2^53 exact through JSON');
});

test("OTLP/HTTP paths: /v1/metrics, /v1/traces, /v1/logs under the endpoint's path; gzip by default, none when asked", async (t) => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(
      `${req.method} ${req.url} ${req.headers['content-type']} ${req.headers['content-encoding'] ?? 'identity'}`,
    );
    req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as { port: number }).port;
    await exportTable(spec, table, {
      protocol: 'http/protobuf',
      endpoint: `http://127.0.0.1:${port}/otlp`,
      environment: {},
    });
    await exportTable(spec, table, {
      protocol: 'http/json',
      compression: 'none',
      endpoint: `http://127.0.0.1:${port}`,
      environment: {},
    });
    t.deepEqual([...seen].sort(), [
      'POST /otlp/v1/logs application/x-protobuf gzip',
      'POST /otlp/v1/metrics application/x-protobuf gzip',
      'POST /otlp/v1/traces application/x-protobuf gzip',
      'POST /v1/logs application/json identity',
      'POST /v1/metrics application/json identity',
      'POST /v1/traces application/json identity',
    ]);
  } finally {
    server.close();
  }
});

test('an independent receiver on the official protos decodes the http/protobuf and http/json bodies into the same requests', async (t) => {
  // The official .proto files (vendored in proto/), loaded here with protobufjs on their own, not through pxlc's
  // generated descriptor.
  const root = new protobuf.Root();
  const protos = join(ROOT, 'proto');
  root.resolvePath = (_o, target) => join(protos, target);
  root.loadSync('opentelemetry/proto/collector/metrics/v1/metrics_service.proto');
  const Req = root.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');
  const bodies: Record<string, unknown> = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req
      .on('data', (c: Buffer) => chunks.push(c))
      .on('end', () => {
        const raw =
          req.headers['content-encoding'] === 'gzip' ? gunzipSync(Buffer.concat(chunks)) : Buffer.concat(chunks);
        if (req.url === '/v1/metrics') {
          // OTLP/JSON as the specification defines it: proto3 JSON with hex ids (metrics have none) and int64 as strings.
          const message =
            req.headers['content-type'] === 'application/json'
              ? Req.fromObject(JSON.parse(raw.toString()) as Record<string, unknown>)
              : Req.decode(raw);
          bodies[String(req.headers['content-type'])] = Req.toObject(message, {
            longs: String,
            enums: String,
            defaults: false,
          });
        }
        res.writeHead(200).end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const port = (server.address() as { port: number }).port;
    for (const protocol of ['http/protobuf', 'http/json'] as const)
      await exportTable(spec, table, { protocol, endpoint: `http://127.0.0.1:${port}`, environment: {} });
    t.truthy(bodies['application/json']);
    t.deepEqual(bodies['application/json'], bodies['application/x-protobuf']);
    const gauge = (
      bodies['application/json'] as {
        resourceMetrics: {
          scopeMetrics: {
            metrics: { name: string; unit: string; gauge: { dataPoints: { timeUnixNano: string }[] } }[];
          }[];
        }[];
      }
    ).resourceMetrics[0]!.scopeMetrics[0]!.metrics[0]!;
    t.deepEqual(
      [gauge.name, gauge.unit, gauge.gauge.dataPoints[1]!.timeUnixNano],
      ['queue.depth', 'By', String(T0 + 1_000_000_001n)],
    );
  } finally {
    server.close();
  }
});

test('OTLP/JSON: hex ids, int64 as strings, enums as numbers; reading it back gives the same request', async (t) => {
  await withCollector({}, async (c) => {
    await over(c, 'grpc');
    for (const signal of ['metrics', 'traces', 'logs'] as const) {
      const type = requestType(signal);
      const bytes = type.encode(type.fromObject(c[signal][0] as unknown as Record<string, unknown>)).finish();
      const json = requestToJson(signal, bytes);
      t.deepEqual(
        type.decode(requestFromJson(signal, JSON.parse(JSON.stringify(json)))).toJSON(),
        type.decode(bytes).toJSON(),
        signal,
      );
    }
    // Requests are sent concurrently, so the first row's span may arrive in any of them: read them all.
    const traces = c.traces
      .map((r) =>
        JSON.stringify(
          requestToJson(
            'traces',
            requestType('traces')
              .encode(requestType('traces').fromObject(r as unknown as Record<string, unknown>))
              .finish(),
          ),
        ),
      )
      .join('\n');
    t.regex(traces, /"traceId":"0af7651916cd43dd8448eb211c803190","spanId":"b7ad6b7169203330"/);
    t.regex(traces, /"kind":2/);
    t.regex(traces, /"startTimeUnixNano":"1700000000000000000"/);
    t.notRegex(traces, /instrumentationLibrary|"value":"stringValue"/);
  });
});

test('OTLP/HTTP retries 503 and honours 429 Retry-After; 400 is not retried; partial success is read (protobuf and JSON)', async (t) => {
  for (const protocol of ['http/protobuf', 'http/json'] as const) {
    let answered = 0;
    await withCollector(
      {
        faults: (k) => {
          answered++;
          return k < 2 ? { code: status.UNAVAILABLE } : undefined;
        },
      },
      async (c) => {
        const r = await over(c, protocol, { batchRows: 100, timeoutMs: 20_000 });
        t.deepEqual([r.metricPointsSent, r.metricPointsFailed, answered >= 5], [2 * n, 0, true], protocol);
      },
    );
    const times: number[] = [];
    await withCollector(
      {
        faults: (k) => {
          times.push(Date.now());
          return k === 0 ? { code: status.RESOURCE_EXHAUSTED, retryDelayMs: 2000 } : undefined;
        },
      },
      async (c) => {
        const r = await exportTable({ ...spec, data: [spec.data[0]!] }, table, {
          protocol,
          endpoint: `http://127.0.0.1:${c.httpPort}`,
          environment: {},
          timeoutMs: 20_000,
        });
        t.deepEqual([r.metricPointsSent, r.metricPointsFailed], [n, 0]);
        t.true(times[1]! - times[0]! >= 1900, `retried after ${times[1]! - times[0]!} ms (Retry-After: 2)`);
      },
    );
    let bad = 0;
    await withCollector(
      {
        faults: () => {
          bad++;
          return { code: status.INVALID_ARGUMENT, details: 'bad point' };
        },
      },
      async (c) => {
        const r = await exportTable({ ...spec, data: [spec.data[0]!] }, table, {
          protocol,
          endpoint: `http://127.0.0.1:${c.httpPort}`,
          environment: {},
        });
        t.deepEqual([r.metricPointsFailed, bad], [n, 1]);
        t.regex(
          r.errors[0]!,
          /metrics export to http:\/\/127\.0\.0\.1:\d+\/v1\/metrics failed: HTTP 400 Bad Request: bad point/,
        );
      },
    );
    await withCollector(
      { faults: (_k, signal) => (signal === 'traces' ? { rejected: 2, errorMessage: 'span too old' } : undefined) },
      async (c) => {
        const r = await over(c, protocol, { batchRows: 100 });
        t.deepEqual([r.spansSent, r.spansFailed, r.rejected], [n - 2, 2, 2]);
        t.true(r.errors.some((e) => /rejected 2 of 12 spans: span too old/.test(e)));
      },
    );
  }
});

/** A CA, a server certificate for 127.0.0.1 and a client certificate, both signed by the CA. */
function certificates(): Record<'ca' | 'caKey' | 'serverCert' | 'serverKey' | 'clientCert' | 'clientKey', Buffer> {
  const dir = mkdtempSync(join(tmpdir(), 'pxlc-mtls-'));
  const sh = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
  sh(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=pxlc test CA',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
  );
  for (const [name, subject, ext] of [
    ['server', '/CN=127.0.0.1', 'subjectAltName=IP:127.0.0.1'],
    ['client', '/CN=pxlc client', 'extendedKeyUsage=clientAuth'],
  ] as const) {
    sh('req', '-newkey', 'rsa:2048', '-nodes', '-subj', subject, '-keyout', `${name}.key`, '-out', `${name}.csr`);
    execFileSync('sh', ['-c', `printf '%s\\n' '${ext}' > ${name}.ext`], { cwd: dir });
    sh(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.pem`,
    );
  }
  const f = (name: string) => readFileSync(join(dir, name));
  return {
    ca: f('ca.pem'),
    caKey: f('ca.key'),
    serverCert: f('server.pem'),
    serverKey: f('server.key'),
    clientCert: f('client.pem'),
    clientKey: f('client.key'),
  };
}

test('mTLS over gRPC and HTTP: the client key and certificate are presented; without them the collector refuses', async (t) => {
  const c = certificates();
  await withCollector({ tls: { cert: c.serverCert, key: c.serverKey, clientCa: c.ca } }, async (col) => {
    for (const protocol of ['grpc', 'http/protobuf'] as const) {
      const endpoint = protocol === 'grpc' ? `127.0.0.1:${col.port}` : `https://127.0.0.1:${col.httpPort}`;
      const one = { ...spec, data: [spec.data[0]!] };
      const ok = await exportTable(one, table, {
        protocol,
        endpoint,
        caPem: c.ca,
        clientKeyPem: c.clientKey,
        clientCertPem: c.clientCert,
        environment: {},
      });
      t.deepEqual([ok.metricPointsSent, ok.metricPointsFailed], [n, 0], `${protocol}: ${ok.errors.join('; ')}`);
      const refused = await exportTable(one, table, {
        protocol,
        endpoint,
        caPem: c.ca,
        environment: {},
        timeoutMs: 3000,
      });
      t.is(refused.metricPointsFailed, n, protocol);
    }
    t.is(col.metrics.length, 2);
  });
});

test('TLS to a plaintext collector, and to an untrusted certificate: said plainly, naming what to pass, not retried', async (t) => {
  const c = certificates();
  for (const protocol of ['grpc', 'http/protobuf'] as const) {
    await withCollector({}, async (plain) => {
      const started = Date.now();
      const r = await exportTable({ ...spec, data: [spec.data[0]!] }, table, {
        protocol,
        endpoint: protocol === 'grpc' ? `127.0.0.1:${plain.port}` : `https://127.0.0.1:${plain.httpPort}`,
        environment: {},
      });
      const took = Date.now() - started;
      t.is(r.metricPointsFailed, n);
      t.regex(
        r.errors[0]!,
        /the collector at \S+ does not speak TLS: pass --insecure \(or insecure=True in px\.otel\.Endpoint, or an http:\/\/ endpoint\)/,
      );
      t.notRegex(r.errors[0]!, /attempts|ssl3_get_record|Resolution note/);
      t.true(took < 15_000, `${protocol}: ${took} ms (a single attempt, no retries; the shared machine is slow)`);
    });
    await withCollector({ tls: { cert: c.serverCert, key: c.serverKey } }, async (tls) => {
      const r = await exportTable({ ...spec, data: [spec.data[0]!] }, table, {
        protocol,
        endpoint: protocol === 'grpc' ? `127.0.0.1:${tls.port}` : `https://127.0.0.1:${tls.httpPort}`,
        environment: {},
      });
      t.regex(
        r.errors[0]!,
        /is not trusted: its certificate \(subject CN=127\.0\.0\.1, issuer CN=pxlc test CA, IP Address:127\.0\.0\.1\) is refused because no trusted authority signed it; pass --ca FILE \(or set OTEL_EXPORTER_OTLP_CERTIFICATE=FILE\)/,
      );
      t.notRegex(r.errors[0]!, /attempts/);
    });
  }
});

test('plaintext gRPC (--insecure) to a collector that speaks TLS: said plainly, drop --insecure, not retried', async (t) => {
  const c = certificates();
  await withCollector({ tls: { cert: c.serverCert, key: c.serverKey } }, async (tls) => {
    const started = Date.now();
    const r = await exportTable({ ...spec, data: [spec.data[0]!] }, table, {
      endpoint: `127.0.0.1:${tls.port}`,
      insecure: true,
      environment: {},
    });
    const took = Date.now() - started;
    t.is(r.metricPointsFailed, n);
    t.is(
      r.errors[0],
      `metrics export to 127.0.0.1:${tls.port} failed: the collector at 127.0.0.1:${tls.port} speaks TLS, and this run connected in plaintext: ` +
        'drop --insecure (or insecure=True in px.otel.Endpoint, or the http:// of the endpoint), and pass --ca FILE if a private CA signed its certificate',
    );
    t.true(took < 15_000, `${took} ms (a single attempt, no retries; the shared machine is slow)`);
  });
});
