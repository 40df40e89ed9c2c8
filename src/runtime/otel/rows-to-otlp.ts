// Table rows → encoded OTLP export requests, as Pixie's OTel export sink maps them: one data point, span or log
// record per row (per metric/span/log config), timestamped with the row's own time to the nanosecond; INT64 stays
// integral (intValue / asInt) and FLOAT64 stays double.
//
// Requests are built lazily, one at a time as the transport asks for them, so memory stays flat however many rows
// there are; each is bounded by row count and by encoded size, so none exceeds gRPC's default 4 MiB message limit
// (Pixie fails there: pixie-io/pixie#1112) — rows with big attributes just make smaller requests.

import type { Table } from '../table.js';
import { requestType, type OtlpSignal } from './proto.js';
import { groupByResource, type ResourceGroup } from './resources.js';
import { Columns, attributes, parentSpanId, spanId, traceId, u64, hexBytes } from './row-values.js';
import {
  isMetric, type GaugeSpec, type HistogramSpec, type LogSpec, type MetricSpec, type OTelExportSpec, type SpanSpec, type SumSpec, type SummarySpec,
} from '../../core/otel-spec.js';

export const SCOPE = { name: 'pxlc', version: '1' } as const;

/** One encoded request and how many points/spans/records it carries (for delivery accounting). */
export interface OtlpBatch {
  readonly encoded: Uint8Array;
  readonly items: number;
}

export interface BatchLimits {
  readonly maxRows: number;
  /** Encoded request size; a single row above it still makes a request of its own (the transport refuses it). */
  readonly maxBytes: number;
}

/** gRPC's default maximum message size, less room for the framing. */
export const GRPC_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_LIMITS: BatchLimits = { maxRows: 5000, maxBytes: GRPC_MAX_MESSAGE_BYTES - 16 * 1024 };

type Build = (groups: readonly ResourceGroup[]) => { request: Record<string, unknown>; items: number };

function numberPoint(d: GaugeSpec | SumSpec, cols: Columns, row: number): Record<string, unknown> {
  return {
    attributes: attributes(d.attributes, cols, row),
    timeUnixNano: u64(cols.int('time_', row)),
    ...(d.value.dataType === 'INT64' ? { asInt: String(cols.int(d.value.column, row)) } : { asDouble: cols.float(d.value.column, row) }),
  };
}

/** OTLP AggregationTemporality: 1 = delta, 2 = cumulative. */
const temporality = (t: 'cumulative' | 'delta') => (t === 'delta' ? 1 : 2);

function summaryPoint(s: SummarySpec, cols: Columns, row: number): Record<string, unknown> {
  return {
    attributes: attributes(s.attributes, cols, row),
    timeUnixNano: u64(cols.int('time_', row)),
    count: u64(cols.int(s.count.column, row)),
    sum: cols.float(s.sum.column, row),
    quantileValues: s.quantiles.map((q) => ({ quantile: q.quantile, value: cols.float(q.column, row) })),
  };
}

function histogramPoint(h: HistogramSpec, cols: Columns, row: number): Record<string, unknown> {
  const counts = h.buckets.map((b) => cols.int(b, row));
  return {
    attributes: attributes(h.attributes, cols, row),
    timeUnixNano: u64(cols.int('time_', row)),
    count: u64(h.count !== undefined ? cols.int(h.count, row) : counts.reduce((a, b) => a + b, 0n)),
    ...(h.sum !== undefined ? { sum: cols.float(h.sum, row) } : {}),
    bucketCounts: counts.map(u64),
    explicitBounds: h.bounds,
    ...(h.min !== undefined ? { min: cols.float(h.min, row) } : {}),
    ...(h.max !== undefined ? { max: cols.float(h.max, row) } : {}),
  };
}

function metric(m: MetricSpec, cols: Columns, rows: readonly number[]): Record<string, unknown> {
  const head = { name: m.name, description: m.description, unit: m.unit };
  switch (m.kind) {
    case 'gauge': return { ...head, gauge: { dataPoints: rows.map((r) => numberPoint(m, cols, r)) } };
    case 'sum': return { ...head, sum: { dataPoints: rows.map((r) => numberPoint(m, cols, r)), aggregationTemporality: temporality(m.temporality), isMonotonic: m.isMonotonic } };
    case 'summary': return { ...head, summary: { dataPoints: rows.map((r) => summaryPoint(m, cols, r)) } };
    case 'histogram': return { ...head, histogram: { dataPoints: rows.map((r) => histogramPoint(m, cols, r)), aggregationTemporality: temporality(m.temporality) } };
  }
}

function span(s: SpanSpec, cols: Columns, row: number): Record<string, unknown> {
  const parent = s.parentSpanId !== undefined ? parentSpanId(cols.string(s.parentSpanId, row)) : undefined;
  return {
    traceId: traceId(s.traceId !== undefined ? cols.string(s.traceId, row) : undefined),
    spanId: spanId(s.spanId !== undefined ? cols.string(s.spanId, row) : undefined),
    ...(parent ? { parentSpanId: parent } : {}),
    name: s.name.kind === 'string' ? s.name.value : cols.string(s.name.column, row),
    kind: s.spanKind,
    startTimeUnixNano: u64(cols.int(s.startTime, row)),
    endTimeUnixNano: u64(cols.int(s.endTime, row)),
    attributes: attributes(s.attributes, cols, row),
    // Pixie sets the status explicitly, always UNSET.
    status: { code: 0 },
  };
}

function logRecord(l: LogSpec, cols: Columns, row: number): Record<string, unknown> {
  const time = u64(cols.int(l.time, row));
  const trace = l.traceId !== undefined ? hexBytes(cols.string(l.traceId, row)) : undefined;
  const sid = l.spanId !== undefined ? hexBytes(cols.string(l.spanId, row)) : undefined;
  return {
    timeUnixNano: time,
    observedTimeUnixNano: l.observedTime !== undefined ? u64(cols.int(l.observedTime, row)) : time,
    severityNumber: cols.literalOr(l.severityNumber, row, (c, r) => Number(cols.int(c, r))),
    severityText: cols.literalOr(l.severityText, row, (c, r) => cols.string(c, r)),
    body: { stringValue: cols.literalOr(l.body, row, (c, r) => cols.string(c, r)) },
    attributes: attributes(l.attributes, cols, row),
    ...(trace?.length === 16 ? { traceId: trace } : {}),
    ...(sid?.length === 8 ? { spanId: sid } : {}),
  };
}

/** Field names of each signal's request: resource entries, scope entries, items. */
const SHAPES = {
  metrics: ['resourceMetrics', 'scopeMetrics', 'metrics'],
  traces: ['resourceSpans', 'scopeSpans', 'spans'],
  logs: ['resourceLogs', 'scopeLogs', 'logRecords'],
} as const;

/** What one resource group contributes: its items (metrics with their points, spans, log records) and their count. */
function contents(signal: OtlpSignal, spec: OTelExportSpec, cols: Columns): ((rows: readonly number[]) => { items: unknown[]; count: number }) | undefined {
  if (signal === 'metrics') {
    const ms = spec.data.filter(isMetric);
    return ms.length === 0 ? undefined : (rows) => ({ items: ms.map((m) => metric(m, cols, rows)), count: rows.length * ms.length });
  }
  if (signal === 'traces') {
    const ss = spec.data.filter((d): d is SpanSpec => d.kind === 'span');
    return ss.length === 0 ? undefined : (rows) => ({ items: ss.flatMap((s) => rows.map((r) => span(s, cols, r))), count: rows.length * ss.length });
  }
  const ls = spec.data.filter((d): d is LogSpec => d.kind === 'log');
  return ls.length === 0 ? undefined : (rows) => ({ items: ls.flatMap((l) => rows.map((r) => logRecord(l, cols, r))), count: rows.length * ls.length });
}

function builder(signal: OtlpSignal, spec: OTelExportSpec, cols: Columns): Build | undefined {
  const of = contents(signal, spec, cols);
  if (!of) return undefined;
  const [resourceKey, scopeKey, itemsKey] = SHAPES[signal];
  return (groups) => {
    let items = 0;
    const entries = groups.map(({ resource, rows }) => {
      const c = of(rows);
      items += c.count;
      return { resource: { attributes: resource }, [scopeKey]: [{ scope: SCOPE, [itemsKey]: c.items }] };
    });
    return { request: { [resourceKey]: entries }, items };
  };
}

export function signalsOf(spec: OTelExportSpec): OtlpSignal[] {
  const out: OtlpSignal[] = [];
  if (spec.data.some(isMetric)) out.push('metrics');
  if (spec.data.some((d) => d.kind === 'span')) out.push('traces');
  if (spec.data.some((d) => d.kind === 'log')) out.push('logs');
  return out;
}

export function encodeRequest(signal: OtlpSignal, request: Record<string, unknown>): Uint8Array {
  const type = requestType(signal);
  return type.encode(type.fromObject(request)).finish();
}

/**
 * The requests of one signal for a table, built when asked for. A chunk whose encoding is over `maxBytes` is
 * rebuilt with fewer rows; the row count then adapts to the bytes per row seen so far.
 */
export function* otlpBatches(signal: OtlpSignal, spec: OTelExportSpec, table: Table, limits: BatchLimits = DEFAULT_LIMITS): Generator<OtlpBatch> {
  if (table.length === 0) return;
  const cols = new Columns(table);
  const build = builder(signal, spec, cols);
  if (!build) return;
  const target = limits.maxBytes * 0.9;
  let rows = limits.maxRows;
  for (let from = 0; from < table.length;) {
    const to = Math.min(table.length, from + rows);
    const { request, items } = build(groupByResource(spec, cols, from, to));
    const encoded = encodeRequest(signal, request);
    const fits = Math.max(1, Math.floor(((to - from) * target) / Math.max(1, encoded.length)));
    if (encoded.length > limits.maxBytes && to - from > 1) {
      rows = Math.min(fits, to - from - 1);
      continue;
    }
    if (items > 0) yield { encoded, items };
    from = to;
    rows = Math.min(limits.maxRows, fits);
  }
}
