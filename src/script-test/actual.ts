// What a case produced, flattened for comparison: displayed rows by table name, and every exported metric point
// and span as decoded by the in-process collector from the real OTLP bytes.

import type { ExportLogsRequest, ExportMetricsRequest, ExportTraceRequest, KeyValue } from '../collector/payload.js';
import { idHex, metricKind, valueText } from '../collector/payload.js';
import { cellText } from '../runtime/output/cell-text.js';
import type { ResultTable } from '../runtime/contracts.js';
import type { DataType } from '../core/types.js';
import { dict, dictFrom } from '../core/dict.js';

export interface ActualCell {
  readonly text: string;
  readonly type: DataType;
}
export type ActualRow = Readonly<Record<string, ActualCell>>;

export interface ActualDisplay {
  readonly columns: readonly string[];
  readonly rows: readonly ActualRow[];
}

export interface ActualPoint {
  readonly name: string;
  readonly kind: 'gauge' | 'sum' | 'summary' | 'histogram';
  readonly unit: string;
  readonly description: string;
  readonly resource: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, string>>;
  readonly value: string;
  readonly time: string;
}

export interface ActualSpan {
  readonly name: string;
  readonly resource: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, string>>;
  readonly start: string;
  readonly end: string;
  readonly kind: string;
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_span_id: string;
}

export interface ActualLog {
  readonly body: string;
  readonly severity_number: string;
  readonly severity_text: string;
  readonly resource: Readonly<Record<string, string>>;
  readonly attributes: Readonly<Record<string, string>>;
  readonly time: string;
  readonly observed_time: string;
  readonly trace_id: string;
  readonly span_id: string;
}

export function displays(tables: readonly ResultTable[]): Map<string, ActualDisplay> {
  const out = new Map<string, ActualDisplay>();
  for (const { name, table } of tables) {
    const rows: ActualRow[] = [];
    for (let i = 0; i < table.length; i++) {
      const row = dict<ActualCell>();
      table.schema.forEach((c, j) => {
        row[c.name] = { text: cellText(table.columns[j]!, i, c.dataType), type: c.dataType };
      });
      rows.push(row);
    }
    out.set(name, { columns: table.schema.map((c) => c.name), rows });
  }
  return out;
}

const record = (kvs: readonly KeyValue[]) => dictFrom(kvs.map((a) => [a.key, valueText(a.value)] as const));

/**
 * Gauge and Sum points have a number as value; Summary points `{count, sum, quantiles: [[q, v], ...]}`;
 * Histogram points `{count, sum, min, max, bounds: [...], buckets: [...]}` (the fields it has), as JSON text.
 */
export function points(requests: readonly ExportMetricsRequest[]): ActualPoint[] {
  return requests.flatMap((r) =>
    r.resourceMetrics.flatMap((rm) =>
      rm.scopeMetrics.flatMap((sm) =>
        sm.metrics.flatMap((m) => {
          const resource = record(rm.resource.attributes);
          const head = { name: m.name, kind: metricKind(m), unit: m.unit, description: m.description, resource };
          const numbers = [...(m.gauge?.dataPoints ?? []), ...(m.sum?.dataPoints ?? [])].map((p) => ({
            ...head,
            attributes: record(p.attributes),
            value: String(p.asDouble ?? p.asInt ?? ''),
            time: p.timeUnixNano,
          }));
          const summary = (m.summary?.dataPoints ?? []).map((p) => ({
            ...head,
            attributes: record(p.attributes),
            value: JSON.stringify({
              count: p.count,
              sum: p.sum,
              quantiles: p.quantileValues.map((q) => [q.quantile, q.value]),
            }),
            time: p.timeUnixNano,
          }));
          const histogram = (m.histogram?.dataPoints ?? []).map((p) => ({
            ...head,
            attributes: record(p.attributes),
            time: p.timeUnixNano,
            value: JSON.stringify({
              count: p.count,
              ...(p.sum !== undefined ? { sum: p.sum } : {}),
              ...(p.min !== undefined ? { min: p.min } : {}),
              ...(p.max !== undefined ? { max: p.max } : {}),
              bounds: p.explicitBounds,
              buckets: p.bucketCounts,
            }),
          }));
          return [...numbers, ...summary, ...histogram];
        }),
      ),
    ),
  );
}

export function spans(requests: readonly ExportTraceRequest[]): ActualSpan[] {
  return requests.flatMap((r) =>
    r.resourceSpans.flatMap((rs) =>
      rs.scopeSpans.flatMap((ss) =>
        ss.spans.map((s) => ({
          name: s.name,
          resource: record(rs.resource.attributes),
          attributes: record(s.attributes),
          start: s.startTimeUnixNano,
          end: s.endTimeUnixNano,
          kind: s.kind,
          trace_id: idHex(s.traceId),
          span_id: idHex(s.spanId),
          parent_span_id: idHex(s.parentSpanId),
        })),
      ),
    ),
  );
}

export function logs(requests: readonly ExportLogsRequest[]): ActualLog[] {
  return requests.flatMap((r) =>
    r.resourceLogs.flatMap((rl) =>
      rl.scopeLogs.flatMap((sl) =>
        sl.logRecords.map((l) => ({
          body: l.body ? valueText(l.body) : '',
          severity_number: l.severityNumber,
          severity_text: l.severityText,
          resource: record(rl.resource.attributes),
          attributes: record(l.attributes),
          time: l.timeUnixNano,
          observed_time: l.observedTimeUnixNano,
          trace_id: idHex(l.traceId),
          span_id: idHex(l.spanId),
        })),
      ),
    ),
  );
}
