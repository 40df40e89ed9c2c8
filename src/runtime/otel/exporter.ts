// px.export for OpenTelemetry: rows → OTLP requests → the collector, with an exact account of what was
// delivered. A failed delivery is reported (counts, endpoint, gRPC status), never thrown and never silent;
// header values (API keys) appear nowhere in the report.

import { PxlRuntimeError } from '../contracts.js';
import type { Table } from '../table.js';
import { metricsBatches, traceBatches, type OtlpBatch } from './rows-to-otlp.js';
import type { OTelExportSpec } from './spec.js';
import { openChannel, type ChannelTarget, type Signal } from './transport.js';
import { spoolBatch } from './spool.js';

export interface ExportOptions {
  /** host:port, overriding the script's px.otel.Endpoint url (its headers are still sent). */
  readonly endpoint?: string;
  readonly insecure?: boolean;
  /** Trust this CA (PEM) for the collector's certificate. */
  readonly caPem?: Buffer;
  /** Rows per request (default 5000: well under gRPC's 4 MB message limit for typical attribute counts). */
  readonly batchRows?: number;
  /** Write requests that could not be delivered here, to re-send with `pxlc resend DIR`. */
  readonly spoolDir?: string;
  readonly log?: (line: string) => void;
}

export interface ExportReport {
  readonly endpoint: string;
  readonly metricPointsSent: number;
  readonly metricPointsFailed: number;
  readonly spansSent: number;
  readonly spansFailed: number;
  readonly requests: number;
  readonly errors: readonly string[];
  /** Points and spans written to the spool directory (a subset of the failed ones). */
  readonly spooled: number;
}

export const DEFAULT_BATCH_ROWS = 5000;
const DEFAULT_TIMEOUT_MS = 10_000;
/** Requests on the wire at once; below the delegate's concurrency limit, which refuses (not queues) extras. */
const IN_FLIGHT = 4;

export async function exportTable(spec: OTelExportSpec, table: Table, options: ExportOptions = {}): Promise<ExportReport> {
  const target = resolveTarget(spec, options);
  const batchRows = options.batchRows ?? DEFAULT_BATCH_ROWS;
  const [metrics, traces] = await Promise.all([
    deliver('metrics', metricsBatches(spec, table, batchRows), target, options.spoolDir),
    deliver('traces', traceBatches(spec, table, batchRows), target, options.spoolDir),
  ]);
  return {
    endpoint: target.address,
    metricPointsSent: metrics.sent, metricPointsFailed: metrics.failed,
    spansSent: traces.sent, spansFailed: traces.failed,
    requests: metrics.requests + traces.requests,
    errors: [...metrics.errors, ...traces.errors],
    spooled: metrics.spooled + traces.spooled,
  };
}

export function resolveTarget(spec: OTelExportSpec, options: ExportOptions): ChannelTarget {
  const fromEnv = environmentEndpoint();
  const address = options.endpoint ?? spec.endpoint?.url ?? fromEnv?.address;
  if (!address) {
    throw new PxlRuntimeError('px.export has no OpenTelemetry endpoint: the script sets no px.otel.Endpoint and none was given', [
      'pass --endpoint HOST:PORT (and --insecure for a plaintext collector), or add endpoint=px.otel.Endpoint(url=...) to px.otel.Data',
    ]);
  }
  if (!/^[^\s/:]+:\d{1,5}$/.test(address) && !/^\[[0-9a-fA-F:.]+\]:\d{1,5}$/.test(address)) {
    throw new PxlRuntimeError(`OpenTelemetry endpoint '${address}' is not HOST:PORT`, ['gRPC targets have no scheme or path, e.g. otel-collector.observability:4317']);
  }
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

export interface Delivery { sent: number; failed: number; requests: number; errors: string[]; spooled: number }

export async function deliver(signal: Signal, batches: readonly OtlpBatch[], target: ChannelTarget, spoolDir?: string,
  onDelivered?: (k: number) => Promise<void>): Promise<Delivery> {
  const result: Delivery = { sent: 0, failed: 0, requests: 0, errors: [], spooled: 0 };
  if (batches.length === 0) return result;
  const channel = openChannel(signal, target);
  try {
    const outcomes = await inFlight(batches, IN_FLIGHT, (b) => channel.send(b));
    for (const [k, o] of outcomes.entries()) {
      result.requests++;
      const batch = batches[k]!;
      if (o.ok) {
        result.sent += batch.items;
        await onDelivered?.(k);
        continue;
      }
      result.failed += batch.items;
      const line = redact(`${signal} export to ${target.address} failed: ${o.error}`, target.headers);
      if (!result.errors.includes(line)) result.errors.push(line);
      if (spoolDir !== undefined) {
        try {
          await spoolBatch(spoolDir, signal, batch, target.address);
          result.spooled += batch.items;
        } catch (e) {
          result.errors.push(`could not write to the spool directory ${spoolDir}: ${(e as Error).message}`);
        }
      }
    }
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

/** Maps `items` through `f` with at most `limit` calls pending; results in input order. */
async function inFlight<T, R>(items: readonly T[], limit: number, f: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const k = next++;
      results[k] = await f(items[k]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
