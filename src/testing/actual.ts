// What a case produced, flattened for comparison: displayed rows by table name, and every exported metric point
// and span as decoded by the in-process collector from the real OTLP bytes.

import type { ExportMetricsRequest, ExportTraceRequest, KeyValue } from '../collector/payload.js';
import { valueText } from '../collector/payload.js';
import { cellText } from '../runtime/output/cell-text.js';
import type { ResultTable } from '../runtime/contracts.js';
import type { DataType } from '../runtime/types.js';

export interface ActualCell { readonly text: string; readonly type: DataType }
export type ActualRow = Readonly<Record<string, ActualCell>>;

export interface ActualDisplay { readonly columns: readonly string[]; readonly rows: readonly ActualRow[] }

export interface ActualPoint {
  readonly name: string;
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
}

export function displays(tables: readonly ResultTable[]): Map<string, ActualDisplay> {
  const out = new Map<string, ActualDisplay>();
  for (const { name, table } of tables) {
    const rows: ActualRow[] = [];
    for (let i = 0; i < table.length; i++) {
      const row: Record<string, ActualCell> = {};
      table.schema.forEach((c, j) => { row[c.name] = { text: cellText(table.columns[j]!, i, c.dataType), type: c.dataType }; });
      rows.push(row);
    }
    out.set(name, { columns: table.schema.map((c) => c.name), rows });
  }
  return out;
}

const record = (kvs: readonly KeyValue[]) => Object.fromEntries(kvs.map((a) => [a.key, valueText(a.value)]));

export function points(requests: readonly ExportMetricsRequest[]): ActualPoint[] {
  return requests.flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.flatMap((m) => {
    const resource = record(rm.resource.attributes);
    const gauge = [...(m.gauge?.dataPoints ?? []), ...(m.sum?.dataPoints ?? [])].map((p) => ({
      name: m.name, resource, attributes: record(p.attributes), value: String(p.asDouble ?? p.asInt ?? ''), time: p.timeUnixNano,
    }));
    const summary = (m.summary?.dataPoints ?? []).map((p) => ({
      name: m.name, resource, attributes: record(p.attributes),
      value: JSON.stringify({ count: p.count, sum: p.sum, quantiles: p.quantileValues.map((q) => [q.quantile, q.value]) }), time: p.timeUnixNano,
    }));
    return [...gauge, ...summary];
  }))));
}

export function spans(requests: readonly ExportTraceRequest[]): ActualSpan[] {
  return requests.flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.flatMap((ss) => ss.spans.map((s) => ({
    name: s.name, resource: record(rs.resource.attributes), attributes: record(s.attributes),
    start: s.startTimeUnixNano, end: s.endTimeUnixNano, kind: s.kind,
  })))));
}
