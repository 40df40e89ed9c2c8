// The gRPC channel to a collector: the official OpenTelemetry gRPC export delegate (the transport inside
// OTLPMetricExporter/OTLPTraceExporter: credentials, metadata, deadline) carrying requests we encode ourselves
// from the official .proto files. Configuration is passed whole, so OTEL_EXPORTER_OTLP_* variables cannot
// silently redirect an export the script or the command line pointed somewhere.

import { Metadata, type ChannelCredentials } from '@grpc/grpc-js';
import { createInsecureCredentials, createOtlpGrpcExportDelegate, createSslCredentials } from '@opentelemetry/otlp-grpc-exporter-base';
import { METRICS_EXPORT_PATH, TRACE_EXPORT_PATH, otlpType } from './proto.js';
import type { OtlpBatch } from './rows-to-otlp.js';

export type Signal = 'metrics' | 'traces';

export interface ChannelTarget {
  /** host:port */
  readonly address: string;
  readonly insecure: boolean;
  readonly caPem?: Buffer;
  readonly headers: readonly (readonly [string, string])[];
  readonly timeoutMs: number;
}

export type SendOutcome = { readonly ok: true } | { readonly ok: false; readonly error: string };

export interface OtlpChannel {
  send(batch: OtlpBatch): Promise<SendOutcome>;
  close(): Promise<void>;
}

const SIGNALS = {
  metrics: { request: 'ExportMetricsServiceRequest', response: 'ExportMetricsServiceResponse', path: METRICS_EXPORT_PATH, grpcName: 'MetricsExportService', item: 'metric_data_point' },
  traces: { request: 'ExportTraceServiceRequest', response: 'ExportTraceServiceResponse', path: TRACE_EXPORT_PATH, grpcName: 'TraceExportService', item: 'span' },
} as const;

/** The request's protobuf bytes (what goes on the wire, and what a spool file holds). */
export function encodeBatch(signal: Signal, batch: OtlpBatch): Uint8Array {
  if ('encoded' in batch) return batch.encoded;
  const type = otlpType(SIGNALS[signal].request);
  return type.encode(type.fromObject(batch.request)).finish();
}

export function openChannel(signal: Signal, target: ChannelTarget): OtlpChannel {
  const s = SIGNALS[signal];
  const responseType = otlpType(s.response);
  const credentials: ChannelCredentials = target.insecure ? createInsecureCredentials() : createSslCredentials(target.caPem);
  const metadata = new Metadata();
  for (const [k, v] of target.headers) metadata.add(k.toLowerCase(), v);
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
      serializeRequest: (batch) => encodeBatch(signal, batch),
      deserializeResponse: (bytes) => responseType.toObject(responseType.decode(bytes)),
    },
    'pxlc_otlp_grpc_exporter',
    { name: s.item, countItems: (batch) => batch.items },
    undefined,
    s.grpcName,
    s.path,
  );
  const attempt = (batch: OtlpBatch) => new Promise<{ ok: true } | { ok: false; error?: Error }>((resolve) => {
    delegate.export(batch, (result) => resolve(result.code === 0 ? { ok: true } : { ok: false, ...(result.error ? { error: result.error } : {}) }));
  });
  return {
    async send(batch) {
      // The official gRPC transport reports every error as final; OTLP says some codes are worth retrying.
      for (let k = 0; ; k++) {
        const r = await attempt(batch);
        if (r.ok) return { ok: true };
        const code = grpcCode(r.error);
        if (k + 1 >= MAX_ATTEMPTS || code === undefined || !RETRYABLE.has(code)) {
          return { ok: false, error: `${describe(r.error)}${k > 0 ? ` (after ${k + 1} attempts)` : ''}` };
        }
        await sleep(backoffMs(k));
      }
    },
    close: () => delegate.shutdown(),
  };
}

/** gRPC codes the OTLP specification lists as retryable: CANCELLED, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS. */
const RETRYABLE: ReadonlySet<number> = new Set([1, 4, 8, 10, 11, 14, 15]);
const MAX_ATTEMPTS = 5;
const INITIAL_BACKOFF_MS = 250;
const MAX_BACKOFF_MS = 5_000;

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

/** One line about a failed export: the gRPC status text, never the request or its metadata. */
function describe(error: Error | undefined): string {
  if (!error) return 'export failed';
  const first = error.message.split('\n')[0] ?? '';
  return first.replace(/^\d+ [A-Z_]+: /, (m) => m).slice(0, 300) || error.name;
}
