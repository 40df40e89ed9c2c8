// px.export for OpenTelemetry: rows → OTLP requests → the collector, with an exact account of what was
// delivered. A failed delivery is reported (counts, endpoint, gRPC status), never thrown and never silent;
// header values (API keys) appear nowhere in the report.

import { PxlRuntimeError } from '../contracts.js';
import type { Table } from '../table.js';
import { DEFAULT_LIMITS, otlpBatches, signalsOf, type OtlpBatch } from './rows-to-otlp.js';
import type { OTelExportSpec } from '../../core/otel-spec.js';
import type { ChannelTarget, Signal } from './transport.js';
import { spoolBatch } from './spool.js';

export interface ExportOptions {
  /** host:port, overriding the script's px.otel.Endpoint url (its headers are still sent). */
  readonly endpoint?: string;
  readonly insecure?: boolean;
  /** Trust this CA (PEM) for the collector's certificate. */
  readonly caPem?: Buffer;
  /** Rows per request at most (default 5000); requests are also kept under gRPC's 4 MiB message limit. */
  readonly batchRows?: number;
  /** Encoded bytes per request at most (default just under 4 MiB); for tests. */
  readonly batchBytes?: number;
  /** Write requests that could not be delivered here, to re-send with `pxlc resend DIR`. */
  readonly spoolDir?: string;
  /**
   * String attributes appended to every resource after the script's own, as Pixie appends its execution context's
   * (Vizier's px.cloud.address); default none.
   */
  readonly resourceAttributes?: readonly (readonly [string, string])[];
  readonly log?: (line: string) => void;
}

export interface ExportReport {
  readonly endpoint: string;
  readonly metricPointsSent: number;
  readonly metricPointsFailed: number;
  readonly spansSent: number;
  readonly spansFailed: number;
  readonly logRecordsSent: number;
  readonly logRecordsFailed: number;
  /** Of the failed ones, those the collector answered with a partial success as rejected. */
  readonly rejected: number;
  readonly requests: number;
  readonly errors: readonly string[];
  /** Points, spans and records written to the spool directory (a subset of the failed ones). */
  readonly spooled: number;
}

/** Every point, span and log record that did not reach the collector. */
export function undelivered(r: ExportReport): number {
  return r.metricPointsFailed + r.spansFailed + r.logRecordsFailed;
}

export const DEFAULT_BATCH_ROWS = DEFAULT_LIMITS.maxRows;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Requests on the wire at once; below the delegate's concurrency limit, which refuses (not queues) extras. */
export const IN_FLIGHT = 4;

export async function exportTable(scriptSpec: OTelExportSpec, table: Table, options: ExportOptions = {}): Promise<ExportReport> {
  const extra = (options.resourceAttributes ?? []).map(([key, value]) => ({ key, value: { kind: 'string', value } } as const));
  const spec = extra.length === 0 ? scriptSpec : { ...scriptSpec, resource: [...scriptSpec.resource, ...extra] };
  const target = resolveTarget(spec, options);
  const limits = { maxRows: options.batchRows ?? DEFAULT_LIMITS.maxRows, maxBytes: options.batchBytes ?? DEFAULT_LIMITS.maxBytes };
  const empty: Delivery = { sent: 0, failed: 0, rejected: 0, requests: 0, errors: [], spooled: 0 };
  const signals = signalsOf(spec);
  const results = await Promise.all(signals.map((signal) => deliver(signal, otlpBatches(signal, spec, table, limits), target, options.spoolDir)));
  const of = (s: Signal) => results[signals.indexOf(s)] ?? empty;
  const [metrics, traces, logs] = [of('metrics'), of('traces'), of('logs')];
  return {
    endpoint: target.address,
    metricPointsSent: metrics.sent, metricPointsFailed: metrics.failed,
    spansSent: traces.sent, spansFailed: traces.failed,
    logRecordsSent: logs.sent, logRecordsFailed: logs.failed,
    rejected: results.reduce((n, r) => n + r.rejected, 0),
    requests: results.reduce((n, r) => n + r.requests, 0),
    errors: results.flatMap((r) => r.errors),
    spooled: results.reduce((n, r) => n + r.spooled, 0),
  };
}

/**
 * Fails before any data is read when an export of the script has no endpoint from anywhere (its own
 * px.otel.Endpoint, `--endpoint`, OTEL_EXPORTER_OTLP_ENDPOINT), rather than after computing everything.
 */
export function requireEndpoint(outputs: readonly { kind: string; endpoint?: boolean }[], options: ExportOptions): void {
  const orphan = outputs.some((o) => o.kind === 'export' && o.endpoint === false);
  if (orphan && options.endpoint === undefined && environmentEndpoint() === undefined) throw noEndpoint();
  if (options.endpoint !== undefined) checkAddress(options.endpoint);
}

function checkAddress(address: string): void {
  if (!/^[^\s/:]+:\d{1,5}$/.test(address) && !/^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(address)) {
    throw new PxlRuntimeError(`OpenTelemetry endpoint '${address}' is not HOST:PORT`, ['gRPC targets have no scheme or path, e.g. otel-collector.observability:4317']);
  }
}

function noEndpoint(): PxlRuntimeError {
  return new PxlRuntimeError('px.export has no OpenTelemetry endpoint: the script sets no px.otel.Endpoint and none was given', [
    'pass --endpoint HOST:PORT (and --insecure for a plaintext collector), set OTEL_EXPORTER_OTLP_ENDPOINT, or add endpoint=px.otel.Endpoint(url=...) to px.otel.Data',
  ]);
}

export function resolveTarget(spec: OTelExportSpec, options: ExportOptions): ChannelTarget {
  const fromEnv = environmentEndpoint();
  const address = options.endpoint ?? spec.endpoint?.url ?? fromEnv?.address;
  if (!address) throw noEndpoint();
  checkAddress(address);
  const timeoutSeconds = spec.endpoint?.timeoutSeconds ?? 0;
  return {
    address,
    insecure: options.insecure === true || spec.endpoint?.insecure === true
      || (options.endpoint === undefined && spec.endpoint === undefined && fromEnv?.insecure === true),
    ...(options.caPem ? { caPem: options.caPem } : {}),
    headers: spec.endpoint?.headers ?? [],
    timeoutMs: timeoutSeconds > 0 ? timeoutSeconds * 1000 : DEFAULT_TIMEOUT_MS,
  };
}

/**
 * The plugin-context endpoint: OTEL_EXPORTER_OTLP_ENDPOINT (or its metrics/traces variant), as OpenTelemetry
 * SDKs read it: `http://` means plaintext, `https://` or no scheme means TLS.
 */
function environmentEndpoint(): { address: string; insecure: boolean } | undefined {
  const raw = (process.env['OTEL_EXPORTER_OTLP_ENDPOINT'] ?? '').trim();
  if (raw === '') return undefined;
  const m = /^(?:(https?):\/\/)?([^/]+)\/?$/.exec(raw);
  if (!m) throw new PxlRuntimeError(`OTEL_EXPORTER_OTLP_ENDPOINT '${raw}' is not [http(s)://]HOST:PORT`);
  return { address: m[2]!, insecure: m[1] === 'http' };
}

export interface Delivery { sent: number; failed: number; rejected: number; requests: number; errors: string[]; spooled: number }

const ITEM_NAMES: Record<Signal, string> = { metrics: 'metric points', traces: 'spans', logs: 'log records' };

/**
 * Sends batches, pulling the next one only when a request slot frees up (so a lazy iterable keeps memory flat),
 * and accounts for every item: delivered, rejected by the collector, or failed (and spooled if asked).
 */
export async function deliver(signal: Signal, batches: Iterable<OtlpBatch>, target: ChannelTarget, spoolDir?: string,
  onDelivered?: (k: number) => Promise<void>): Promise<Delivery> {
  const result: Delivery = { sent: 0, failed: 0, rejected: 0, requests: 0, errors: [], spooled: 0 };
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
  const channel = openChannel(signal, target);
  let pending: IteratorResult<OtlpBatch> | undefined = first;
  let index = 0;
  const take = (): { batch: OtlpBatch; k: number } | undefined => {
    const r = pending ?? iterator.next();
    pending = undefined;
    return r.done ? undefined : { batch: r.value, k: index++ };
  };
  const worker = async () => {
    for (let next = take(); next; next = take()) {
      const { batch, k } = next;
      const o = await channel.send(batch);
      result.requests++;
      if (o.ok) {
        result.sent += batch.items - o.rejected;
        if (o.rejected > 0) {
          result.failed += o.rejected;
          result.rejected += o.rejected;
          note(`${signal} export to ${target.address}: the collector rejected ${o.rejected} of ${batch.items} ${ITEM_NAMES[signal]}${o.message ? `: ${o.message}` : ''}`);
        } else if (o.message) {
          note(`${signal} export to ${target.address}: the collector warned: ${o.message}`);
        }
        await onDelivered?.(k);
        continue;
      }
      result.failed += batch.items;
      note(`${signal} export to ${target.address} failed: ${o.error}`);
      if (spoolDir !== undefined) {
        try {
          await spoolBatch(spoolDir, signal, batch, target.address);
          result.spooled += batch.items;
        } catch (e) {
          note(`could not write to the spool directory ${spoolDir}: ${(e as Error).message}`);
        }
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  } finally {
    await channel.close();
  }
  return result;
}

/** Belt and braces: no header value may reach a log line, whatever a transport error says. */
function redact(line: string, headers: readonly (readonly [string, string])[]): string {
  let out = line;
  for (const [, value] of headers) if (value.length >= 3) out = out.replaceAll(value, '***');
  return out;
}
