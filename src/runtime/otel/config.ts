// Where an export goes and how: one resolved value per signal, from the OpenTelemetry exporter settings of the
// specification (https://opentelemetry.io/docs/specs/otel/protocol/exporter/). Each setting comes from the first
// of these that sets it:
//
//   1. the caller: a flag of the compiled module, a run() option, an exportRows() option;
//   2. the script's px.otel.Endpoint (url, headers, insecure, timeout);
//   3. the per-signal variable, e.g. OTEL_EXPORTER_OTLP_METRICS_ENDPOINT;
//   4. the general variable, e.g. OTEL_EXPORTER_OTLP_ENDPOINT;
//
// except headers, which are merged from all four (a later source replaces an earlier one's value for the same name).
// Everything is checked when the context is read, before any data is, so a typo is a usage error and not five failed
// attempts. Header values are secrets: no message here quotes one.

import { readFileSync } from 'node:fs';
import { PxlRuntimeError } from '../contracts.js';
import type { EndpointSpec } from '../../core/otel-spec.js';
import { endpointProblem, headerProblem } from '../../core/header-rules.js';
import type { OtlpSignal } from './proto.js';

export type OtlpProtocol = 'grpc' | 'http/protobuf' | 'http/json';
export const PROTOCOLS: readonly OtlpProtocol[] = ['grpc', 'http/protobuf', 'http/json'];
export type Compression = 'gzip' | 'none';

/** What a caller sets: flags of the compiled module, run() options, exportRows() options. */
export interface ExporterSettings {
  /**
   * gRPC: HOST:PORT or http(s)://HOST[:PORT]. HTTP: http(s)://HOST[:PORT][/PATH], to which /v1/metrics,
   * /v1/traces or /v1/logs is appended (or HOST:PORT). Overrides the script's px.otel.Endpoint url.
   */
  readonly endpoint?: string;
  readonly protocol?: OtlpProtocol;
  /** Sent with every request, added to (and replacing same-named) headers of the script and the environment. */
  readonly headers?: readonly (readonly [string, string])[] | Readonly<Record<string, string>>;
  /** Plaintext (no TLS). */
  readonly insecure?: boolean;
  /** Trust this CA (PEM) for the collector's certificate. */
  readonly caPem?: Buffer;
  /** mTLS: the client's private key and certificate chain (PEM). */
  readonly clientKeyPem?: Buffer;
  readonly clientCertPem?: Buffer;
  readonly compression?: Compression;
  /** Deadline of one request, milliseconds. */
  readonly timeoutMs?: number;
  /** Where OTEL_* variables are read; default process.env. */
  readonly environment?: Readonly<Record<string, string | undefined>>;
}

/** One signal's resolved destination. */
export interface ChannelTarget {
  readonly protocol: OtlpProtocol;
  /** For reports: HOST:PORT (gRPC) or the request URL (HTTP). */
  readonly address: string;
  readonly insecure: boolean;
  readonly caPem?: Buffer;
  readonly clientKeyPem?: Buffer;
  readonly clientCertPem?: Buffer;
  readonly headers: readonly (readonly [string, string])[];
  readonly compression: Compression;
  readonly timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 10_000;

/** A setting from a flag or a variable that cannot work: reported as a usage error (exit 2) before any work. */
export class ExporterConfigError extends PxlRuntimeError {
  readonly usage = true;
}

interface Endpoint {
  readonly scheme?: 'http' | 'https';
  /** Brackets kept for IPv6. */
  readonly host: string;
  readonly port?: number;
  /** '' or '/...' without a trailing slash. */
  readonly path: string;
  /** HTTP: append /v1/<signal> (general endpoints); a per-signal variable's URL is used as it is. */
  readonly appendSignalPath: boolean;
}

/** One source's settings: the caller's, the script's, a per-signal or the general variables. */
interface Layer extends Omit<ExporterSettings, 'endpoint' | 'headers' | 'environment'> {
  readonly endpoint?: Endpoint;
  readonly headers: readonly (readonly [string, string])[];
}

const SIGNAL_VARIABLE: Record<OtlpSignal, string> = { metrics: 'METRICS', traces: 'TRACES', logs: 'LOGS' };
const SIGNAL_PATH: Record<OtlpSignal, string> = { metrics: '/v1/metrics', traces: '/v1/traces', logs: '/v1/logs' };

/** The caller's and the environment's settings, checked: everything but the script's own endpoint. */
export interface ExportContext {
  readonly caller: Layer;
  readonly signal: Readonly<Record<OtlpSignal, Layer>>;
  readonly general: Layer;
  /** OTEL_RESOURCE_ATTRIBUTES, in order. */
  readonly resourceAttributes: readonly (readonly [string, string])[];
}

/** Reads and checks the caller's settings and every OTEL_EXPORTER_OTLP_* variable; throws ExporterConfigError. */
export function exportContext(settings: ExporterSettings = {}): ExportContext {
  const env = settings.environment ?? process.env;
  const headers =
    settings.headers === undefined
      ? []
      : Array.isArray(settings.headers)
        ? (settings.headers as readonly (readonly [string, string])[])
        : Object.entries(settings.headers as Readonly<Record<string, string>>);
  for (const [k, v] of headers) checkHeader(k, v, 'header');
  const caller: Layer = {
    ...(settings.endpoint !== undefined ? { endpoint: parseEndpoint(settings.endpoint, 'the endpoint', true) } : {}),
    ...(settings.protocol !== undefined ? { protocol: protocolOf(settings.protocol, 'the protocol') } : {}),
    headers,
    ...(settings.insecure === true ? { insecure: true } : {}),
    ...(settings.caPem ? { caPem: settings.caPem } : {}),
    ...(settings.clientKeyPem ? { clientKeyPem: settings.clientKeyPem } : {}),
    ...(settings.clientCertPem ? { clientCertPem: settings.clientCertPem } : {}),
    ...(settings.compression !== undefined
      ? { compression: compressionOf(settings.compression, 'the compression') }
      : {}),
    ...(settings.timeoutMs !== undefined ? { timeoutMs: timeoutOf(String(settings.timeoutMs), 'the timeout') } : {}),
  };
  if ((caller.clientKeyPem === undefined) !== (caller.clientCertPem === undefined)) {
    throw new ExporterConfigError('mTLS needs both the client key and the client certificate');
  }
  const fromEnv = (prefix: string, perSignal: boolean): Layer => {
    const v = (name: string) => {
      const raw = env[`${prefix}${name}`];
      return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
    };
    const file = (name: string) => {
      const path = v(name);
      if (path === undefined) return undefined;
      try {
        return readFileSync(path);
      } catch (e) {
        throw new ExporterConfigError(
          `${prefix}${name}: cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
        );
      }
    };
    const endpoint = v('ENDPOINT');
    const protocol = v('PROTOCOL');
    const insecure = v('INSECURE');
    const compression = v('COMPRESSION');
    const timeout = v('TIMEOUT');
    const [caPem, clientKeyPem, clientCertPem] = [file('CERTIFICATE'), file('CLIENT_KEY'), file('CLIENT_CERTIFICATE')];
    if ((clientKeyPem === undefined) !== (clientCertPem === undefined)) {
      throw new ExporterConfigError(`${prefix}CLIENT_KEY and ${prefix}CLIENT_CERTIFICATE go together: mTLS needs both`);
    }
    return {
      ...(endpoint !== undefined ? { endpoint: parseEndpoint(endpoint, `${prefix}ENDPOINT`, !perSignal) } : {}),
      ...(protocol !== undefined ? { protocol: protocolOf(protocol, `${prefix}PROTOCOL`) } : {}),
      headers: parseHeaderList(v('HEADERS'), `${prefix}HEADERS`),
      ...(insecure !== undefined ? { insecure: booleanOf(insecure, `${prefix}INSECURE`) } : {}),
      ...(caPem ? { caPem } : {}),
      ...(clientKeyPem && clientCertPem ? { clientKeyPem, clientCertPem } : {}),
      ...(compression !== undefined ? { compression: compressionOf(compression, `${prefix}COMPRESSION`) } : {}),
      ...(timeout !== undefined ? { timeoutMs: timeoutOf(timeout, `${prefix}TIMEOUT`) } : {}),
    };
  };
  const signal = Object.fromEntries(
    (Object.keys(SIGNAL_VARIABLE) as OtlpSignal[]).map((s) => [
      s,
      fromEnv(`OTEL_EXPORTER_OTLP_${SIGNAL_VARIABLE[s]}_`, true),
    ]),
  ) as Record<OtlpSignal, Layer>;
  return {
    caller,
    signal,
    general: fromEnv('OTEL_EXPORTER_OTLP_', false),
    resourceAttributes: parseKeyValueList(env['OTEL_RESOURCE_ATTRIBUTES'], 'OTEL_RESOURCE_ATTRIBUTES'),
  };
}

/** Whether some source gives `signal` an endpoint even when the script has none. */
export function hasContextEndpoint(ctx: ExportContext, signal: OtlpSignal): boolean {
  return [ctx.caller, ctx.signal[signal], ctx.general].some((l) => l.endpoint !== undefined);
}

export function noEndpoint(): PxlRuntimeError {
  return new PxlRuntimeError(
    'px.export has no OpenTelemetry endpoint: the script sets no px.otel.Endpoint and none was given',
    [
      'pass --endpoint HOST:PORT (and --insecure for a plaintext collector), set OTEL_EXPORTER_OTLP_ENDPOINT, or add endpoint=px.otel.Endpoint(url=...) to px.otel.Data',
    ],
  );
}

/** The destination of one signal of one export: the context's settings over the script's px.otel.Endpoint. */
export function resolveTarget(ctx: ExportContext, signal: OtlpSignal, script: EndpointSpec | undefined): ChannelTarget {
  const scriptLayer: Layer | undefined = script && {
    endpoint: parseEndpoint(script.url, "the script's endpoint url", true),
    headers: script.headers,
    insecure: script.insecure,
    ...(script.timeoutSeconds > 0 ? { timeoutMs: script.timeoutSeconds * 1000 } : {}),
  };
  const layers = [ctx.caller, ...(scriptLayer ? [scriptLayer] : []), ctx.signal[signal], ctx.general];
  const first = <K extends keyof Layer>(key: K): Layer[K] | undefined =>
    layers.find((l) => l[key] !== undefined)?.[key];
  const endpoint = first('endpoint');
  if (!endpoint) throw noEndpoint();
  const protocol = first('protocol') ?? 'grpc';
  // Plaintext when asked for, or when the endpoint says http://; otherwise the first source that says.
  const insecure =
    ctx.caller.insecure === true ||
    (endpoint.scheme !== undefined ? endpoint.scheme === 'http' : first('insecure') === true);
  const headers = new Map<string, readonly [string, string]>();
  for (const l of [...layers].reverse())
    for (const [k, v] of l.headers) headers.set(k.toLowerCase(), [k.toLowerCase(), v]);
  const clientKeyPem = first('clientKeyPem');
  const clientCertPem = layers.find((l) => l.clientKeyPem !== undefined)?.clientCertPem;
  const caPem = first('caPem');
  return {
    protocol,
    address: protocol === 'grpc' ? grpcAddress(endpoint) : httpUrl(endpoint, insecure, signal),
    insecure,
    ...(caPem ? { caPem } : {}),
    ...(clientKeyPem && clientCertPem ? { clientKeyPem, clientCertPem } : {}),
    headers: [...headers.values()],
    compression: first('compression') ?? 'gzip',
    timeoutMs: first('timeoutMs') ?? DEFAULT_TIMEOUT_MS,
  };
}

function grpcAddress(e: Endpoint): string {
  return `${e.host}:${e.port ?? (e.scheme === 'http' ? 80 : 443)}`;
}

function httpUrl(e: Endpoint, insecure: boolean, signal: OtlpSignal): string {
  const scheme = e.scheme ?? (insecure ? 'http' : 'https');
  const port = e.port !== undefined ? `:${e.port}` : '';
  return `${scheme}://${e.host}${port}${e.path}${e.appendSignalPath ? SIGNAL_PATH[signal] : ''}`;
}

/** HOST:PORT, or an http(s) URL. */
function parseEndpoint(text: string, what: string, general: boolean): Endpoint {
  const t = text.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(t)) {
    const problem = endpointProblem(t);
    if (problem)
      throw new ExporterConfigError(`${what} '${t}' ${problem}`, [
        'give HOST:PORT (e.g. otel-collector.observability:4317) or an http:// or https:// URL',
      ]);
    const colon = t.lastIndexOf(':');
    return { host: t.slice(0, colon), port: Number(t.slice(colon + 1)), path: '', appendSignalPath: true };
  }
  let url: URL;
  try {
    url = new URL(t);
  } catch {
    throw new ExporterConfigError(`${what} '${t}' is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ExporterConfigError(
      `${what} '${t}' has the scheme '${url.protocol.slice(0, -1)}': use http:// (plaintext) or https:// (TLS)`,
    );
  }
  if (url.hostname === '') throw new ExporterConfigError(`${what} '${t}' has no host`);
  if (url.username || url.password || url.search || url.hash) {
    throw new ExporterConfigError(
      `${what} must not carry credentials, a query or a fragment: pass credentials as headers`,
    );
  }
  // new URL() has already refused ports past 65535; port 0 is no service.
  if (url.port === '0') throw new ExporterConfigError(`${what} '${t}' has a port outside 1..65535`);
  return {
    scheme: url.protocol === 'http:' ? 'http' : 'https',
    host: url.hostname,
    ...(url.port !== '' ? { port: Number(url.port) } : {}),
    path: url.pathname.replace(/\/+$/, ''),
    appendSignalPath: general,
  };
}

function protocolOf(v: string, what: string): OtlpProtocol {
  const p = PROTOCOLS.find((x) => x === v);
  if (!p) throw new ExporterConfigError(`${what} must be ${PROTOCOLS.join(', ')}, not '${v}'`);
  return p;
}

function compressionOf(v: string, what: string): Compression {
  if (v !== 'gzip' && v !== 'none') throw new ExporterConfigError(`${what} must be gzip or none, not '${v}'`);
  return v;
}

function timeoutOf(v: string, what: string): number {
  if (!/^\d+$/.test(v) || Number(v) <= 0)
    throw new ExporterConfigError(`${what} must be a positive number of milliseconds, not '${v}'`);
  return Number(v);
}

function booleanOf(v: string, what: string): boolean {
  const l = v.toLowerCase();
  if (l !== 'true' && l !== 'false') throw new ExporterConfigError(`${what} must be true or false, not '${v}'`);
  return l === 'true';
}

function checkHeader(key: string, value: string, what: string): void {
  const problem = headerProblem(key, value);
  if (problem !== undefined) throw new ExporterConfigError(`${what}: ${problem}`);
}

/** `k1=v1,k2=v2` with percent-encoded values (the W3C Baggage form the specification gives OTEL_* lists). */
function parseKeyValueList(text: string | undefined, what: string): [string, string][] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((item, i) => {
    const eq = item.indexOf('=');
    if (eq <= 0 || item.slice(0, eq).trim() === '')
      throw new ExporterConfigError(`${what}: entry ${i + 1} is not KEY=VALUE`);
    try {
      return [decodeURIComponent(item.slice(0, eq).trim()), decodeURIComponent(item.slice(eq + 1).trim())];
    } catch {
      throw new ExporterConfigError(`${what}: entry ${i + 1} has a malformed %-escape`);
    }
  });
}

function parseHeaderList(text: string | undefined, what: string): [string, string][] {
  const list = parseKeyValueList(text, what);
  for (const [k, v] of list) checkHeader(k, v, what);
  return list;
}

/** Flag `--header KEY=VALUE` (and `--resource-attribute`): the value taken as it is, not %-decoded. */
export function keyValueFlag(text: string, flag: string): [string, string] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new ExporterConfigError(`${flag} needs KEY=VALUE${flag === '--header' ? '' : `, not '${text}'`}`);
  return [text.slice(0, eq), text.slice(eq + 1)];
}
