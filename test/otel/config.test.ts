// Exporter settings: every OTEL_EXPORTER_OTLP_* variable, the flag / run() option over the script's px.otel.Endpoint
// over the per-signal variable over the general one, headers merged, and every malformed value refused with a
// message that names the setting and never a header value.

import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportContext, resolveTarget, type ExporterSettings } from '../../src/runtime/otel/config.js';
import type { EndpointSpec } from '../../src/core/otel-spec.js';

const script: EndpointSpec = {
  url: 'script-collector:4317',
  headers: [
    ['x-script', 's'],
    ['x-shared', 'from-script'],
  ],
  insecure: true,
  timeoutSeconds: 7,
};
/** `null`: the script has no px.otel.Endpoint. */
const target = (
  settings: ExporterSettings,
  signal: 'metrics' | 'traces' | 'logs' = 'metrics',
  endpoint: EndpointSpec | null = script,
) => resolveTarget(exportContext(settings), signal, endpoint ?? undefined);

test('the endpoint: flag, then the script, then the per-signal variable, then the general one', (t) => {
  const environment = {
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4317',
    OTEL_EXPORTER_OTLP_METRICS_ENDPOINT: 'http://metrics-only:4317',
  };
  t.is(target({ endpoint: 'flag:4317', environment }).address, 'flag:4317');
  t.is(target({ environment }).address, 'script-collector:4317');
  t.is(target({ environment }, 'metrics', null).address, 'metrics-only:4317');
  t.is(target({ environment }, 'traces', null).address, 'general:4317');
});

test('OTLP/HTTP URLs: the general endpoint gets /v1/<signal> appended, the per-signal one is used as it is', (t) => {
  const environment = {
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'https://otlp.example.com/base/',
    OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: 'http://logs.example.com:9999/custom/path',
  };
  t.is(target({ environment }, 'metrics', null).address, 'https://otlp.example.com/base/v1/metrics');
  t.is(target({ environment }, 'traces', null).address, 'https://otlp.example.com/base/v1/traces');
  const logs = target({ environment }, 'logs', null);
  t.deepEqual([logs.address, logs.insecure], ['http://logs.example.com:9999/custom/path', true]);
  // A script's HOST:PORT over HTTP: TLS unless insecure=True, which makes it http://.
  t.is(target({ environment }).address, 'http://script-collector:4317/v1/metrics');
  t.is(
    target({ environment }, 'metrics', { ...script, insecure: false }).address,
    'https://script-collector:4317/v1/metrics',
  );
  t.is(
    target({ protocol: 'http/json', endpoint: 'https://api.vendor.io', environment }).address,
    'https://api.vendor.io/v1/metrics',
  );
});

test('protocol, compression, timeout and insecure: option, then the script (timeout, insecure), then per-signal, then general', (t) => {
  const environment = {
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/protobuf',
    OTEL_EXPORTER_OTLP_COMPRESSION: 'none',
    OTEL_EXPORTER_OTLP_TIMEOUT: '2500',
    OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '1500',
    OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4317',
    OTEL_EXPORTER_OTLP_INSECURE: 'true',
  };
  t.is(target({ environment }).protocol, 'http/json');
  t.is(target({ environment }, 'traces').protocol, 'http/protobuf');
  t.is(target({ protocol: 'grpc', environment }, 'traces').protocol, 'grpc');
  t.is(target({}).protocol, 'grpc', 'gRPC by default, as Pixie sends');
  t.is(target({ environment }).compression, 'none');
  t.is(target({ compression: 'gzip', environment }).compression, 'gzip');
  t.is(target({}).compression, 'gzip');
  t.is(target({ environment }).timeoutMs, 7000, "the script's timeout=7");
  t.is(target({ environment }, 'traces', null).timeoutMs, 1500);
  t.is(target({ environment }, 'logs', null).timeoutMs, 2500);
  t.is(target({ timeoutMs: 300, environment }).timeoutMs, 300);
  t.is(target({}, 'metrics', { ...script, timeoutSeconds: 0 }).timeoutMs, 10_000, 'timeout=0: the default');
  t.true(target({ environment }, 'metrics', null).insecure, 'OTEL_EXPORTER_OTLP_INSECURE=true');
  t.false(
    target(
      { environment: { OTEL_EXPORTER_OTLP_ENDPOINT: 'https://c:4317', OTEL_EXPORTER_OTLP_INSECURE: 'true' } },
      'metrics',
      null,
    ).insecure,
    'an https:// endpoint is TLS whatever INSECURE says',
  );
  t.true(target({ insecure: true }, 'metrics', { ...script, insecure: false }).insecure);
  t.false(target({ endpoint: 'other:4317' }, 'metrics', { ...script, insecure: false }).insecure);
});

test('headers from every source are merged; a nearer source replaces a header of the same name', (t) => {
  const environment = {
    OTEL_EXPORTER_OTLP_ENDPOINT: 'http://general:4317',
    OTEL_EXPORTER_OTLP_HEADERS: 'x-general=g,x-shared=from-general,Authorization=Basic%20dXNlcjpwYXNz',
    OTEL_EXPORTER_OTLP_METRICS_HEADERS: 'x-signal=m,x-shared=from-signal',
  };
  const headers = Object.fromEntries(
    target({ headers: { 'x-flag': 'f', 'X-Shared': 'from-flag' }, environment }).headers,
  );
  t.deepEqual(headers, {
    'x-flag': 'f',
    'x-shared': 'from-flag',
    'x-script': 's',
    'x-signal': 'm',
    'x-general': 'g',
    authorization: 'Basic dXNlcjpwYXNz',
  });
  const noFlag = Object.fromEntries(target({ environment }).headers);
  t.is(noFlag['x-shared'], 'from-script');
  t.is(Object.fromEntries(target({ environment }, 'traces', null).headers)['x-shared'], 'from-general');
});

test("certificates and mTLS keys come from files named by the variables; the caller's PEM wins", (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'pxlc-config-'));
  for (const f of ['ca.pem', 'traces-ca.pem', 'key.pem', 'cert.pem']) writeFileSync(join(dir, f), `-----${f}-----`);
  const environment = {
    OTEL_EXPORTER_OTLP_CERTIFICATE: join(dir, 'ca.pem'),
    OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE: join(dir, 'traces-ca.pem'),
    OTEL_EXPORTER_OTLP_CLIENT_KEY: join(dir, 'key.pem'),
    OTEL_EXPORTER_OTLP_CLIENT_CERTIFICATE: join(dir, 'cert.pem'),
  };
  const m = target({ environment });
  t.deepEqual(
    [m.caPem?.toString(), m.clientKeyPem?.toString(), m.clientCertPem?.toString()],
    ['-----ca.pem-----', '-----key.pem-----', '-----cert.pem-----'],
  );
  t.is(target({ environment }, 'traces').caPem?.toString(), '-----traces-ca.pem-----');
  t.is(target({ caPem: Buffer.from('mine'), environment }).caPem?.toString(), 'mine');
});

test('malformed settings are refused with the setting named and no header value quoted', (t) => {
  const bad: [ExporterSettings, RegExp][] = [
    [{ endpoint: 'collector:99999' }, /the endpoint 'collector:99999' has a port outside 1\.\.65535/],
    [{ endpoint: 'ftp://collector:4317' }, /has the scheme 'ftp'/],
    [{ endpoint: ':4317' }, /has no host/],
    [{ endpoint: 'https://user:pw@collector:4317' }, /must not carry credentials/],
    [
      { environment: { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector' } },
      /OTEL_EXPORTER_OTLP_ENDPOINT 'collector' is not HOST:PORT/,
    ],
    [
      { environment: { OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpcc' } },
      /OTEL_EXPORTER_OTLP_TRACES_PROTOCOL must be grpc, http\/protobuf, http\/json, not 'grpcc'/,
    ],
    [{ environment: { OTEL_EXPORTER_OTLP_COMPRESSION: 'br' } }, /OTEL_EXPORTER_OTLP_COMPRESSION must be gzip or none/],
    [
      { environment: { OTEL_EXPORTER_OTLP_TIMEOUT: '10s' } },
      /OTEL_EXPORTER_OTLP_TIMEOUT must be a positive number of milliseconds, not '10s'/,
    ],
    [{ environment: { OTEL_EXPORTER_OTLP_INSECURE: 'yes' } }, /OTEL_EXPORTER_OTLP_INSECURE must be true or false/],
    [
      { environment: { OTEL_EXPORTER_OTLP_HEADERS: 'api-key' } },
      /OTEL_EXPORTER_OTLP_HEADERS: entry 1 is not KEY=VALUE/,
    ],
    [{ environment: { OTEL_EXPORTER_OTLP_HEADERS: 'a=1,api-key=s3cr%ZZet' } }, /entry 2 has a malformed %-escape/],
    [{ environment: { OTEL_EXPORTER_OTLP_HEADERS: 'bad key=s3cret' } }, /header name "bad key" is not valid/],
    [
      { environment: { OTEL_EXPORTER_OTLP_HEADERS: 'api-key=s3cr%0Aet' } },
      /the value of header 'api-key' has characters gRPC metadata cannot carry/,
    ],
    [
      { environment: { OTEL_EXPORTER_OTLP_CLIENT_KEY: '/nonexistent/key.pem' } },
      /OTEL_EXPORTER_OTLP_CLIENT_KEY: cannot read \/nonexistent\/key\.pem: ENOENT/,
    ],
    [{ clientKeyPem: Buffer.from('k') }, /mTLS needs both the client key and the client certificate/],
    [
      { environment: { OTEL_RESOURCE_ATTRIBUTES: 'k8s.cluster.name' } },
      /OTEL_RESOURCE_ATTRIBUTES: entry 1 is not KEY=VALUE/,
    ],
  ];
  for (const [settings, message] of bad) {
    const e = t.throws(() => target(settings), undefined, JSON.stringify(settings.environment ?? settings));
    t.regex(e!.message, message);
    t.false(e!.message.includes('s3cr'), 'no header value in the message');
  }
});

test('OTEL_RESOURCE_ATTRIBUTES is read as %-decoded KEY=VALUE pairs', (t) => {
  t.deepEqual(
    exportContext({
      environment: { OTEL_RESOURCE_ATTRIBUTES: 'k8s.cluster.name=prod,deployment.environment=eu%20west' },
    }).resourceAttributes,
    [
      ['k8s.cluster.name', 'prod'],
      ['deployment.environment', 'eu west'],
    ],
  );
});
