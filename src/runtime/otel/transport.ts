// The channel to a collector, over gRPC or OTLP/HTTP, through the official OpenTelemetry export delegates (the
// transports inside the SDK's OTLP exporters: credentials, metadata or headers, gzip, deadline) carrying requests we
// encode ourselves from the official .proto files. Configuration is passed whole (config.ts resolved it), so the
// delegates never read OTEL_* variables behind our back.
//
// gRPC: the delegate sends once; retries of the retryable codes with back-off, honouring the server's RetryInfo,
// are ours. OTLP/HTTP: the delegate's own retrying transport applies the OTLP/HTTP rules (429, 502, 503, 504 and
// network errors, Retry-After honoured) within the request's deadline. Both: partial-success responses are read,
// TLS failures no retry can mend are said plainly and not retried, and a request whose deadline passed after it was
// sent is marked: the collector may have it (and, if it is sent again, have it twice).

import { isIP } from 'node:net';
import type { ChannelTarget } from './config.js';
import {
  LOGS_EXPORT_PATH,
  METRICS_EXPORT_PATH,
  RETRY_INFO_TYPE_URL,
  TRACE_EXPORT_PATH,
  rejectedField,
  type OtlpSignal,
} from './otlp-names.js';
import { readPartialSuccess, readRetryDelayMs } from './proto-reader.js';
import { GRPC_MAX_MESSAGE_BYTES, type OtlpBatch } from './rows-to-otlp.js';
import { PxlRuntimeError } from '../contracts.js';
import { headerProblem } from '../../core/header-rules.js';
import { plaintextToTlsAdvice, tlsAdvice, tlsProblem } from './tls-advice.js';
import { grpcPackages, httpPackage } from './transport-packages.js';

export type Signal = OtlpSignal;
export type { ChannelTarget } from './config.js';

/**
 * What became of one request. `rejected`: how many of its items a partial-success response said the server did not
 * accept (they are not delivered, and re-sending them would not help). `duplicatesPossible`: delivered, but an
 * earlier attempt timed out after it was sent, so the collector may hold the items twice. `uncertain`: not
 * acknowledged, but sent: the collector may have them.
 */
export type SendOutcome =
  | { readonly ok: true; readonly rejected: number; readonly message?: string; readonly duplicatesPossible: boolean }
  | { readonly ok: false; readonly error: string; readonly uncertain: boolean };

/** How a run asks deliveries to stop: `noRetry` cuts retries short; `abandon` gives up on what is in flight. */
export interface StopSignals {
  readonly noRetry: AbortSignal;
  readonly abandon: AbortSignal;
}

export interface OtlpChannel {
  send(batch: OtlpBatch, stop?: StopSignals): Promise<SendOutcome>;
  close(): Promise<void>;
}

interface PartialSuccess {
  readonly rejected: number;
  readonly message: string;
}

/** One try: delivered (maybe partly), or failed, with whether trying again can help and whether it was sent. */
type Attempt =
  | { readonly ok: true; readonly partial?: PartialSuccess }
  | {
      readonly ok: false;
      readonly error: string;
      readonly retryable: boolean;
      readonly delayMs?: number;
      readonly timedOut: boolean;
    };

interface Attempter {
  attempt(batch: OtlpBatch): Promise<Attempt>;
  close(): Promise<void>;
}

const ITEM: Record<Signal, 'metric_data_point' | 'span' | 'log'> = {
  metrics: 'metric_data_point',
  traces: 'span',
  logs: 'log',
};

/** OTLP/JSON's codec (protobufjs and the OTLP descriptor), loaded only for http/json. */
type JsonCodec = typeof import('./otlp-json.js');

export async function openChannel(signal: Signal, target: ChannelTarget): Promise<OtlpChannel> {
  for (const [k, v] of target.headers) {
    const problem = headerProblem(k, v);
    if (problem !== undefined) throw new PxlRuntimeError(problem);
  }
  const json = target.protocol === 'http/json' ? await import('./otlp-json.js') : undefined;
  const attempter = target.protocol === 'grpc' ? grpcAttempter(signal, target) : httpAttempter(signal, target, json);
  return {
    async send(batch, stop) {
      if (batch.encoded.length > GRPC_MAX_MESSAGE_BYTES) {
        return {
          ok: false,
          error: `one row makes a ${mib(batch.encoded.length)} request, over ${target.protocol === 'grpc' ? "gRPC's" : 'the'} 4 MiB message limit: not sent`,
          uncertain: false,
        };
      }
      let timedOut = false;
      for (let k = 0; ; k++) {
        const r = await attempter.attempt(batch);
        if (r.ok) {
          const p = r.partial;
          return {
            ok: true,
            rejected: Math.min(batch.items, Math.max(0, p?.rejected ?? 0)),
            ...(p?.message ? { message: p.message } : {}),
            duplicatesPossible: timedOut,
          };
        }
        timedOut ||= r.timedOut;
        const attempts = k > 0 ? ` (after ${k + 1} attempts)` : '';
        if (k + 1 >= MAX_ATTEMPTS || !r.retryable)
          return { ok: false, error: `${r.error}${attempts}`, uncertain: timedOut };
        if (stop?.noRetry.aborted)
          return { ok: false, error: `${r.error}${attempts}; not retried: stopping`, uncertain: timedOut };
        await sleep(r.delayMs !== undefined ? Math.min(r.delayMs, MAX_SERVER_DELAY_MS) : backoffMs(k), stop?.noRetry);
        if (stop?.noRetry.aborted)
          return { ok: false, error: `${r.error}${attempts}; not retried: stopping`, uncertain: timedOut };
      }
    },
    close: () => attempter.close(),
  };
}

/** gRPC codes the OTLP specification lists as retryable: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS. */
const RETRYABLE: ReadonlySet<number> = new Set([1, 4, 8, 10, 11, 14, 15]);
const DEADLINE_EXCEEDED = 4;
const RESOURCE_EXHAUSTED = 8;
const MAX_ATTEMPTS = 5;
const INITIAL_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;
/** A server asking for a longer pause than this still gets retried after it: a run must end. */
const MAX_SERVER_DELAY_MS = 30_000;

/** Exponential back-off with full jitter: uniform in [0.5, 1.5) × 250 ms × 2^k, capped at 5 s. */
function backoffMs(k: number): number {
  return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** k) * (0.5 + Math.random());
}

function sleep(ms: number, cut?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (cut?.aborted) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      cut?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    cut?.addEventListener('abort', done, { once: true });
  });
}

/** host and port of a gRPC address or an HTTP URL, for the TLS probe. */
function hostPort(target: ChannelTarget): { host: string; port: number } {
  if (target.protocol === 'grpc') {
    const colon = target.address.lastIndexOf(':');
    return { host: target.address.slice(0, colon), port: Number(target.address.slice(colon + 1)) };
  }
  const u = new URL(target.address);
  return { host: u.hostname, port: u.port !== '' ? Number(u.port) : u.protocol === 'https:' ? 443 : 80 };
}

async function tlsFailure(text: string, target: ChannelTarget): Promise<string | undefined> {
  if (target.insecure) {
    if (target.protocol !== 'grpc') return undefined;
    const { host, port } = hostPort(target);
    return plaintextToTlsAdvice(text, host, port, target.address);
  }
  const problem = tlsProblem(text);
  if (!problem) return undefined;
  const { host, port } = hostPort(target);
  return tlsAdvice(problem, text, host, port, target.address);
}

let warningFilterInstalled = false;

/**
 * grpc-js names an IP address as the TLS server name, which Node reports with a DEP0123 deprecation warning on the
 * first TLS connection to an IP. The certificate is still checked against the address; the warning says nothing a
 * user can act on, so this one warning (and only it) is dropped.
 */
function dropGrpcServernameWarning(): void {
  if (warningFilterInstalled) return;
  warningFilterInstalled = true;
  const emit = process.emitWarning.bind(process) as (...args: unknown[]) => void;
  process.emitWarning = ((warning: string | Error, ...rest: unknown[]) => {
    const code = typeof rest[0] === 'object' && rest[0] !== null ? (rest[0] as { code?: unknown }).code : rest[1];
    if (code === 'DEP0123') return;
    emit(warning, ...rest);
  }) as typeof process.emitWarning;
}

function grpcAttempter(signal: Signal, target: ChannelTarget): Attempter {
  // Loaded with the transport, on the first delivery (this module itself is imported lazily).
  const {
    grpc: { Metadata },
    base,
  } = grpcPackages();
  const paths = {
    metrics: [METRICS_EXPORT_PATH, 'MetricsExportService'],
    traces: [TRACE_EXPORT_PATH, 'TraceExportService'],
    logs: [LOGS_EXPORT_PATH, 'LogsExportService'],
  } as const;
  const [path, grpcName] = paths[signal];
  if (!target.insecure && isIP(hostPort(target).host.replace(/^\[(.*)\]$/, '$1'))) dropGrpcServernameWarning();
  const credentials = target.insecure
    ? base.createInsecureCredentials()
    : base.createSslCredentials(target.caPem, target.clientKeyPem, target.clientCertPem);
  const metadata = new Metadata();
  for (const [k, v] of target.headers) metadata.add(k.toLowerCase(), v);
  // The delegate decodes a success response and then, synchronously, calls the export's callback: the partial
  // success read here belongs to the callback that runs next.
  let lastPartial: PartialSuccess | undefined;
  const delegate = base.createOtlpGrpcExportDelegate<OtlpBatch, unknown>(
    {
      url: target.address,
      metadata: () => metadata.clone(),
      credentials: () => credentials,
      compression: target.compression,
      timeoutMillis: target.timeoutMs,
      concurrencyLimit: 8,
    },
    {
      serializeRequest: (batch) => batch.encoded,
      deserializeResponse: (bytes) => {
        lastPartial = readPartialSuccess(bytes);
        return lastPartial;
      },
    },
    'pxlc_otlp_grpc_exporter',
    { name: ITEM[signal], countItems: (batch) => batch.items },
    undefined,
    grpcName,
    path,
  );
  return attempter(
    delegate,
    () => {
      const p = lastPartial;
      lastPartial = undefined;
      return p;
    },
    async (error) => {
      const code = (error as { code?: unknown } | undefined)?.code;
      const delayMs = retryDelayMs(error, Metadata);
      const text = describe(error);
      const advice = await tlsFailure(text, target);
      if (advice) return { ok: false, error: advice, retryable: false, timedOut: false };
      // RESOURCE_EXHAUSTED is retryable only when the server says when to come back (OTLP specification).
      const retryable =
        typeof code === 'number' && RETRYABLE.has(code) && (code !== RESOURCE_EXHAUSTED || delayMs !== undefined);
      return {
        ok: false,
        error: text,
        retryable,
        ...(delayMs !== undefined ? { delayMs } : {}),
        timedOut: code === DEADLINE_EXCEEDED,
      };
    },
  );
}

function httpAttempter(signal: Signal, target: ChannelTarget, jsonCodec: JsonCodec | undefined): Attempter {
  const base = httpPackage();
  const json = jsonCodec !== undefined;
  const headers: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of target.headers) headers[k] = v;
  headers['Content-Type'] = json ? 'application/json' : 'application/x-protobuf';
  let lastPartial: PartialSuccess | undefined;
  const delegate = base.createOtlpHttpExportDelegate<OtlpBatch, unknown>(
    {
      url: target.address,
      headers: async () => ({ ...headers }),
      agentFactory: base.httpAgentFactoryFromOptions({
        keepAlive: true,
        ...(target.caPem ? { ca: target.caPem } : {}),
        ...(target.clientKeyPem && target.clientCertPem
          ? { key: target.clientKeyPem, cert: target.clientCertPem }
          : {}),
      }),
      compression: target.compression,
      timeoutMillis: target.timeoutMs,
      concurrencyLimit: 8,
    },
    {
      serializeRequest: (batch) =>
        jsonCodec ? Buffer.from(jsonCodec.requestJsonText(signal, batch.encoded)) : batch.encoded,
      deserializeResponse: (bytes) => {
        lastPartial =
          bytes.length === 0
            ? undefined
            : jsonCodec
              ? partialSuccess(signal, jsonCodec.decodeResponse(signal, bytes, true))
              : readPartialSuccess(bytes);
        return lastPartial;
      },
    },
    'pxlc_otlp_http_exporter',
    { name: ITEM[signal], countItems: (batch) => batch.items },
    undefined,
  );
  return attempter(
    delegate,
    () => {
      const p = lastPartial;
      lastPartial = undefined;
      return p;
    },
    async (error) => {
      const text = httpError(error);
      const advice = await tlsFailure(`${text} ${(error as { code?: unknown } | undefined)?.code ?? ''}`, target);
      // The delegate has retried what OTLP/HTTP allows until the deadline: nothing is left to retry here.
      if (advice) return { ok: false, error: advice, retryable: false, timedOut: false };
      return { ok: false, error: text, retryable: false, timedOut: /timed out/i.test(error?.message ?? '') };
    },
  );
}

interface Delegate {
  export(batch: OtlpBatch, done: (result: { code: number; error?: Error }) => void): void;
  shutdown(): Promise<void>;
}

/**
 * One export through a delegate. `takePartial`: the partial success its response decoder read (the delegate calls
 * the callback synchronously after decoding, so it belongs to this export); `failed`: what a failure means.
 */
function attempter(
  delegate: Delegate,
  takePartial: () => PartialSuccess | undefined,
  failed: (error: Error | undefined) => Promise<Attempt>,
): Attempter {
  return {
    attempt: (batch) =>
      new Promise<Attempt>((resolve) => {
        delegate.export(batch, (result) => {
          const partial = takePartial();
          if (result.code === 0) resolve({ ok: true, ...(partial ? { partial } : {}) });
          else void failed(result.error).then(resolve);
        });
      }),
    close: () => delegate.shutdown(),
  };
}

/** One line about a failed OTLP/HTTP export: the status and the server's message, never the request or headers. */
function httpError(error: Error | undefined): string {
  if (!error) return 'export failed';
  const e = error as Error & { code?: unknown; data?: unknown };
  if (typeof e.code === 'number') {
    const body = typeof e.data === 'string' && /^[\x20-\x7e]*$/.test(e.data.trim()) ? e.data.trim().slice(0, 200) : '';
    return `HTTP ${e.code}${e.message && e.message !== String(e.code) ? ` ${e.message}` : ''}${body ? `: ${body}` : ''}`;
  }
  if (/retryable status/.test(e.message))
    return 'the collector kept answering 429, 502, 503 or 504 (retried until the deadline)';
  if (/timed out/i.test(e.message))
    return 'no answer before the deadline (the request was sent: the collector may have it)';
  return `${typeof e.code === 'string' ? `${e.code}: ` : ''}${describe(error)}`;
}

/** The partial success of an OTLP/JSON response (decoded by protobufjs). */
function partialSuccess(signal: Signal, response: Record<string, unknown>): PartialSuccess | undefined {
  const p = response['partialSuccess'] as Record<string, unknown> | undefined;
  return p ? { rejected: Number(p[rejectedField(signal)] ?? 0), message: String(p['errorMessage'] ?? '') } : undefined;
}

type MetadataClass = typeof import('@grpc/grpc-js').Metadata;

/** The delay of a google.rpc.RetryInfo in the error's grpc-status-details-bin trailer, if the server sent one. */
export function retryDelayMs(error: Error | undefined, metadataClass: MetadataClass): number | undefined {
  const md = (error as { metadata?: unknown } | undefined)?.metadata;
  if (!(md instanceof metadataClass)) return undefined;
  const bin = md.get('grpc-status-details-bin')[0];
  if (!Buffer.isBuffer(bin)) return undefined;
  try {
    return readRetryDelayMs(bin, RETRY_INFO_TYPE_URL);
  } catch {
    return undefined; // Undecodable details: fall back to our own back-off.
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** One line about a failed export: the status text, never the request or its metadata; no empty trailers. */
function describe(error: Error | undefined): string {
  if (!error) return 'export failed';
  const line = (error.message.split('\n')[0] ?? '').replace(/\s*Resolution note:\s*$/, '').trim();
  return line.slice(0, 300) || error.name;
}
