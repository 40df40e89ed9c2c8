// The gRPC channel to a collector: the official OpenTelemetry gRPC export delegate (the transport inside
// OTLPMetricExporter/OTLPTraceExporter/OTLPLogExporter: credentials, metadata, deadline) carrying requests we
// encode ourselves from the official .proto files. Configuration is passed whole, so OTEL_EXPORTER_OTLP_* variables
// cannot silently redirect an export the script or the command line pointed somewhere.
//
// On top of the delegate, what OTLP asks of a client and the official gRPC transport does not do: retries of the
// retryable codes with back-off, honouring the server's RetryInfo delay, and reading partial-success responses.

import { Metadata, type ChannelCredentials } from '@grpc/grpc-js';
import { createInsecureCredentials, createOtlpGrpcExportDelegate, createSslCredentials } from '@opentelemetry/otlp-grpc-exporter-base';
import {
  LOGS_EXPORT_PATH, METRICS_EXPORT_PATH, RETRY_INFO_TYPE_URL, TRACE_EXPORT_PATH, googleRpcType, rejectedField, responseType, type OtlpSignal,
} from './proto.js';
import { GRPC_MAX_MESSAGE_BYTES, type OtlpBatch } from './rows-to-otlp.js';
import { PxlRuntimeError } from '../contracts.js';
import { headerProblem } from '../../core/header-rules.js';

export type Signal = OtlpSignal;

export interface ChannelTarget {
  /** host:port */
  readonly address: string;
  readonly insecure: boolean;
  readonly caPem?: Buffer;
  readonly headers: readonly (readonly [string, string])[];
  readonly timeoutMs: number;
}

/**
 * What became of one request. `rejected`: how many of its items a partial-success response said the server did
 * not accept (they are not delivered, and re-sending them would not help).
 */
export type SendOutcome =
  | { readonly ok: true; readonly rejected: number; readonly message?: string }
  | { readonly ok: false; readonly error: string };

export interface OtlpChannel {
  send(batch: OtlpBatch): Promise<SendOutcome>;
  close(): Promise<void>;
}

const SIGNALS = {
  metrics: { path: METRICS_EXPORT_PATH, grpcName: 'MetricsExportService', item: 'metric_data_point' },
  traces: { path: TRACE_EXPORT_PATH, grpcName: 'TraceExportService', item: 'span' },
  logs: { path: LOGS_EXPORT_PATH, grpcName: 'LogsExportService', item: 'log' },
} as const;

interface PartialSuccess { readonly rejected: number; readonly message: string }

export function openChannel(signal: Signal, target: ChannelTarget): OtlpChannel {
  const s = SIGNALS[signal];
  const response = responseType(signal);
  const rejected = rejectedField(signal);
  const credentials: ChannelCredentials = target.insecure ? createInsecureCredentials() : createSslCredentials(target.caPem);
  const metadata = new Metadata();
  for (const [k, v] of target.headers) {
    const problem = headerProblem(k, v);
    if (problem !== undefined) throw new PxlRuntimeError(problem);
    metadata.add(k.toLowerCase(), v);
  }
  // The delegate decodes a success response and then, synchronously, calls the export's callback: the partial
  // success read here belongs to the callback that runs next.
  let lastPartial: PartialSuccess | undefined;
  const delegate = createOtlpGrpcExportDelegate<OtlpBatch, unknown>(
    {
      url: target.address,
      metadata: () => metadata.clone(),
      credentials: () => credentials,
      compression: 'gzip',
      timeoutMillis: target.timeoutMs,
      concurrencyLimit: 8,
    },
    {
      serializeRequest: (batch) => batch.encoded,
      deserializeResponse: (bytes) => {
        const r = response.toObject(response.decode(bytes), { longs: Number }) as { partialSuccess?: Record<string, unknown> };
        const p = r.partialSuccess;
        lastPartial = p ? { rejected: Number(p[rejected] ?? 0), message: String(p['errorMessage'] ?? '') } : undefined;
        return r;
      },
    },
    'pxlc_otlp_grpc_exporter',
    { name: s.item, countItems: (batch) => batch.items },
    undefined,
    s.grpcName,
    s.path,
  );
  type Attempt = { ok: true; partial?: PartialSuccess } | { ok: false; error?: Error };
  const attempt = (batch: OtlpBatch) => new Promise<Attempt>((resolve) => {
    delegate.export(batch, (result) => {
      const partial = lastPartial;
      lastPartial = undefined;
      resolve(result.code === 0 ? { ok: true, ...(partial ? { partial } : {}) } : { ok: false, ...(result.error ? { error: result.error } : {}) });
    });
  });
  return {
    async send(batch) {
      if (batch.encoded.length > GRPC_MAX_MESSAGE_BYTES) {
        return { ok: false, error: `one row makes a ${mib(batch.encoded.length)} request, over gRPC's 4 MiB message limit: not sent` };
      }
      for (let k = 0; ; k++) {
        const r = await attempt(batch);
        if (r.ok) {
          const p = r.partial;
          return { ok: true, rejected: Math.min(batch.items, Math.max(0, p?.rejected ?? 0)), ...(p?.message ? { message: p.message } : {}) };
        }
        const code = grpcCode(r.error);
        const delay = retryDelayMs(r.error);
        // RESOURCE_EXHAUSTED is retryable only when the server says when to come back (OTLP specification).
        const retryable = code !== undefined && RETRYABLE.has(code) && (code !== RESOURCE_EXHAUSTED || delay !== undefined);
        if (k + 1 >= MAX_ATTEMPTS || !retryable) {
          return { ok: false, error: `${describe(r.error)}${k > 0 ? ` (after ${k + 1} attempts)` : ''}` };
        }
        await sleep(delay !== undefined ? Math.min(delay, MAX_SERVER_DELAY_MS) : backoffMs(k));
      }
    },
    close: () => delegate.shutdown(),
  };
}

/** gRPC codes the OTLP specification lists as retryable: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS. */
const RETRYABLE: ReadonlySet<number> = new Set([1, 4, 8, 10, 11, 14, 15]);
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function grpcCode(error: Error | undefined): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/** The delay of a google.rpc.RetryInfo in the error's grpc-status-details-bin trailer, if the server sent one. */
export function retryDelayMs(error: Error | undefined): number | undefined {
  const md = (error as { metadata?: unknown } | undefined)?.metadata;
  if (!(md instanceof Metadata)) return undefined;
  const bin = md.get('grpc-status-details-bin')[0];
  if (!Buffer.isBuffer(bin)) return undefined;
  try {
    const status = googleRpcType('Status').decode(bin) as unknown as { details?: { typeUrl: string; value: Uint8Array }[] };
    const info = status.details?.find((d) => d.typeUrl === RETRY_INFO_TYPE_URL);
    if (!info) return undefined;
    const retry = googleRpcType('RetryInfo').toObject(googleRpcType('RetryInfo').decode(info.value), { longs: Number }) as
      { retryDelay?: { seconds?: number; nanos?: number } };
    if (!retry.retryDelay) return undefined;
    return Math.max(0, (retry.retryDelay.seconds ?? 0) * 1000 + (retry.retryDelay.nanos ?? 0) / 1e6);
  } catch {
    return undefined; // Undecodable details: fall back to our own back-off.
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** One line about a failed export: the gRPC status text, never the request or its metadata. */
function describe(error: Error | undefined): string {
  if (!error) return 'export failed';
  return (error.message.split('\n')[0] ?? '').slice(0, 300) || error.name;
}
