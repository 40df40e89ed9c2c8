// px.export for OpenTelemetry: rows → OTLP requests → the collector, with an exact account of what was
// delivered. A failed delivery is reported (counts, endpoint, gRPC status), never thrown and never silent;
// header values (API keys) appear nowhere in the report.

import type { Table } from '../table.js';
import { DEFAULT_LIMITS, otlpBatches, signalsOf, type OtlpBatch } from './rows-to-otlp.js';
import type { OTelExportSpec } from '../../core/otel-spec.js';
import type { ChannelTarget, Signal, StopSignals } from './transport.js';
import { checkSpoolDirectory, spoolBatch } from './spool.js';
import { exportContext, hasContextEndpoint, noEndpoint, resolveTarget, type ExporterSettings } from './config.js';

export interface ExportOptions extends ExporterSettings {
  /** Rows per request at most (default 5000); requests are also kept under gRPC's 4 MiB message limit. */
  readonly batchRows?: number;
  /** Encoded bytes per request at most (default just under 4 MiB); for tests. */
  readonly batchBytes?: number;
  /** Write requests that could not be delivered here, to re-send with `pxlc resend DIR`. */
  readonly spoolDir?: string;
  /**
   * String attributes appended to every resource after the script's own, as Pixie appends its execution context's
   * (Vizier's px.cloud.address); default none. OTEL_RESOURCE_ATTRIBUTES follow, for keys not set already.
   */
  readonly resourceAttributes?: readonly (readonly [string, string])[];
  /** Stopping: cut retries short, or give up on what is in flight (it is spooled, if a spool is given). */
  readonly stop?: StopSignals;
  readonly log?: (line: string) => void;
}

export interface ExportReport {
  /** Where the export went (of the first signal, when signals go to different places). */
  readonly endpoint: string;
  readonly metricPointsSent: number;
  readonly metricPointsFailed: number;
  readonly spansSent: number;
  readonly spansFailed: number;
  readonly logRecordsSent: number;
  readonly logRecordsFailed: number;
  /** Of the failed ones, those the collector answered with a partial success as rejected. */
  readonly rejected: number;
  /**
   * Of the failed ones, those sent but never acknowledged (the deadline passed, or the run stopped waiting): the
   * collector may have them, and re-sending them may duplicate them.
   */
  readonly outcomeUnknown: number;
  /**
   * Of the sent ones, those acknowledged only after an earlier attempt timed out once sent: the collector may hold
   * them twice.
   */
  readonly maybeDuplicated: number;
  readonly requests: number;
  readonly errors: readonly string[];
  /** Points, spans and records written to the spool directory (a subset of the failed ones). */
  readonly spooled: number;
  /**
   * When something was spooled: the `pxlc resend DIR` flags that reach the same collector the same way (endpoint,
   * protocol, plaintext, header names with the value left out, as values are never written anywhere).
   */
  readonly resendFlags?: readonly string[];
}

/** Every point, span and log record that did not reach the collector. */
export function undelivered(r: ExportReport): number {
  return r.metricPointsFailed + r.spansFailed + r.logRecordsFailed;
}

export const DEFAULT_BATCH_ROWS = DEFAULT_LIMITS.maxRows;
/** Requests on the wire at once; below the delegate's concurrency limit, which refuses (not queues) extras. */
export const IN_FLIGHT = 4;

export async function exportTable(
  scriptSpec: OTelExportSpec,
  table: Table,
  options: ExportOptions = {},
): Promise<ExportReport> {
  const ctx = exportContext(options);
  const given = [...(options.resourceAttributes ?? []), ...ctx.resourceAttributes];
  const taken = new Set(scriptSpec.resource.map((a) => a.key));
  const extra = given
    .filter(([key]) => !taken.has(key) && (taken.add(key), true))
    .map(([key, value]) => ({ key, value: { kind: 'string', value } }) as const);
  const spec = extra.length === 0 ? scriptSpec : { ...scriptSpec, resource: [...scriptSpec.resource, ...extra] };
  const limits = {
    maxRows: options.batchRows ?? DEFAULT_LIMITS.maxRows,
    maxBytes: options.batchBytes ?? DEFAULT_LIMITS.maxBytes,
  };
  const signals = signalsOf(spec);
  const targets = signals.map((signal) => resolveTarget(ctx, signal, spec.endpoint));
  const results = await Promise.all(
    signals.map((signal, i) =>
      deliver(signal, otlpBatches(signal, spec, table, limits), targets[i]!, options.spoolDir, undefined, options.stop),
    ),
  );
  const empty = emptyDelivery();
  const of = (s: Signal) => results[signals.indexOf(s)] ?? empty;
  const [metrics, traces, logs] = [of('metrics'), of('traces'), of('logs')];
  const total = (k: 'rejected' | 'requests' | 'spooled' | 'unknown' | 'duplicated') =>
    results.reduce((n, r) => n + r[k], 0);
  return {
    endpoint: targets[0]?.address ?? resolveTarget(ctx, 'metrics', spec.endpoint).address,
    metricPointsSent: metrics.sent,
    metricPointsFailed: metrics.failed,
    spansSent: traces.sent,
    spansFailed: traces.failed,
    logRecordsSent: logs.sent,
    logRecordsFailed: logs.failed,
    rejected: total('rejected'),
    outcomeUnknown: total('unknown'),
    maybeDuplicated: total('duplicated'),
    requests: total('requests'),
    errors: results.flatMap((r) => r.errors),
    spooled: total('spooled'),
    ...(total('spooled') > 0 && targets[0] ? { resendFlags: resendFlags(targets[0]) } : {}),
  };
}

/**
 * `pxlc resend` reads the protocol and plaintext from its flags, not from the spool, and treats an OTLP/HTTP
 * endpoint as the general form (it appends /v1/<signal> itself): the address of the report is the request URL.
 */
function resendFlags(target: ChannelTarget): string[] {
  const http = target.protocol !== 'grpc';
  return [
    '--endpoint',
    http ? target.address.replace(/\/v1\/(metrics|traces|logs)$/, '') : target.address,
    ...(http ? ['--protocol', target.protocol] : target.insecure ? ['--insecure'] : []),
    ...target.headers.flatMap(([name]) => ['--header', `${name}=VALUE`]),
  ];
}

/**
 * Fails before any data is read when the exporter settings (flags, run() options, OTEL_* variables) cannot work,
 * or when an export of the script has no endpoint from anywhere (its own px.otel.Endpoint, `--endpoint`,
 * OTEL_EXPORTER_OTLP_*ENDPOINT), rather than after computing everything.
 */
export function requireEndpoint(
  outputs: readonly { kind: string; signals?: readonly string[]; endpoint?: boolean }[],
  options: ExportOptions,
): void {
  const ctx = exportContext(options);
  if (options.spoolDir !== undefined && outputs.some((o) => o.kind === 'export')) checkSpoolDirectory(options.spoolDir);
  for (const o of outputs) {
    if (o.kind !== 'export' || o.endpoint !== false) continue;
    // The data kinds of the export (gauge, span, log, ...) as the signals they travel on.
    const signals = [
      ...new Set(
        (o.signals ?? ['gauge']).map((k): Signal => (k === 'span' ? 'traces' : k === 'log' ? 'logs' : 'metrics')),
      ),
    ];
    if (signals.some((s) => !hasContextEndpoint(ctx, s))) throw noEndpoint();
    for (const s of signals) resolveTarget(ctx, s, undefined);
  }
}

export interface Delivery {
  sent: number;
  failed: number;
  rejected: number;
  requests: number;
  errors: string[];
  spooled: number;
  /** Of `failed`: sent, never acknowledged. */
  unknown: number;
  /** Of `sent`: acknowledged after an earlier attempt timed out. */
  duplicated: number;
}

function emptyDelivery(): Delivery {
  return { sent: 0, failed: 0, rejected: 0, requests: 0, errors: [], spooled: 0, unknown: 0, duplicated: 0 };
}

const ITEM_NAMES: Record<Signal, string> = { metrics: 'metric points', traces: 'spans', logs: 'log records' };

/**
 * Sends batches, pulling the next one only when a request slot frees up (so a lazy iterable keeps memory flat),
 * and accounts for every item: delivered, rejected by the collector, or failed (and spooled if asked). On
 * `stop.abandon`, what is in flight is counted as sent with an unknown outcome and what is not yet sent as failed;
 * both are spooled.
 */
export async function deliver(
  signal: Signal,
  batches: Iterable<OtlpBatch>,
  target: ChannelTarget,
  spoolDir?: string,
  onDelivered?: (k: number) => Promise<void>,
  stop?: StopSignals,
): Promise<Delivery> {
  const result = emptyDelivery();
  const iterator = batches[Symbol.iterator]();
  const first = iterator.next();
  if (first.done) return result;
  const note = (line: string) => {
    const l = redact(line, target.headers);
    if (!result.errors.includes(l)) result.errors.push(l);
  };
  // Loaded on the first delivery: grpc-js and the OpenTelemetry exporters are most of a module's start-up, and a
  // script that only displays (or exports nothing this run) never needs them.
  const { openChannel } = await import('./transport.js');
  const channel = await openChannel(signal, target);
  let pending: IteratorResult<OtlpBatch> | undefined = first;
  let index = 0;
  const take = (): { batch: OtlpBatch; k: number } | undefined => {
    const r = pending ?? iterator.next();
    pending = undefined;
    return r.done ? undefined : { batch: r.value, k: index++ };
  };
  const fail = async (batch: OtlpBatch, error: string, uncertain: boolean) => {
    result.failed += batch.items;
    if (uncertain) result.unknown += batch.items;
    note(`${signal} export to ${target.address} failed: ${error}`);
    if (spoolDir === undefined) return;
    try {
      await spoolBatch(spoolDir, signal, batch, target.address);
      result.spooled += batch.items;
    } catch (e) {
      note(`could not write to the spool directory ${spoolDir}: ${(e as Error).message}`);
    }
  };
  const abandoned = stop
    ? new Promise<'abandoned'>((resolve) => {
        if (stop.abandon.aborted) resolve('abandoned');
        else stop.abandon.addEventListener('abort', () => resolve('abandoned'), { once: true });
      })
    : undefined;
  const worker = async () => {
    for (let next = take(); next; next = take()) {
      const { batch, k } = next;
      if (stop?.abandon.aborted) {
        await fail(batch, 'not sent: the run was stopped', false);
        continue;
      }
      const sending = channel.send(batch, stop);
      const o = abandoned ? await Promise.race([sending, abandoned]) : await sending;
      result.requests++;
      if (o === 'abandoned') {
        await fail(batch, "stopped waiting for the collector's answer (sent, outcome unknown)", true);
        continue;
      }
      if (o.ok) {
        result.sent += batch.items - o.rejected;
        if (o.duplicatesPossible) result.duplicated += batch.items - o.rejected;
        if (o.rejected > 0) {
          result.failed += o.rejected;
          result.rejected += o.rejected;
          note(
            `${signal} export to ${target.address}: the collector rejected ${o.rejected} of ${batch.items} ${ITEM_NAMES[signal]}${o.message ? `: ${o.message}` : ''}`,
          );
        } else if (o.message) {
          note(`${signal} export to ${target.address}: the collector warned: ${o.message}`);
        }
        await onDelivered?.(k);
        continue;
      }
      await fail(batch, o.error, o.uncertain);
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    // An abandoned request may still be on the wire: do not wait for it.
    if (stop?.abandon.aborted) void channel.close().catch(() => {});
    else await channel.close();
  }
  return result;
}

/** Belt and braces: no header value may reach a log line, whatever a transport error says. */
function redact(line: string, headers: readonly (readonly [string, string])[]): string {
  let out = line;
  for (const [, value] of headers) if (value.length >= 3) out = out.replaceAll(value, '***');
  return out;
}
