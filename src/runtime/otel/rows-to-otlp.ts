// Table rows → OTLP export requests, as Pixie's OTel export sink maps them: one data point (or span) per row,
// timestamped with the row's own time_ to the nanosecond; rows sharing the same resource attribute values share
// one ResourceMetrics/ResourceSpans; INT64 stays integral (intValue / asInt) and FLOAT64 stays double.
// The objects are in protobufjs' object form (64-bit integers as Longs or decimal strings, bytes as Buffers).

import { randomBytes } from 'node:crypto';
import protobuf from 'protobufjs';
import type { Table } from '../table.js';
import type { ColumnData, DataType } from '../types.js';
import type { Attribute, GaugeSpec, OTelExportSpec, SpanSpec, SumSpec, SummarySpec } from './spec.js';

export const SCOPE = { name: 'pxlc', version: '1' } as const;

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
interface KeyValue { key: string; value: AnyValue }

/**
 * One request and how many points/spans it carries (for delivery accounting): built from rows, or already encoded
 * (a spooled request being re-sent).
 */
export type OtlpBatch =
  | { readonly request: Record<string, unknown>; readonly items: number }
  | { readonly encoded: Uint8Array; readonly items: number };

class Columns {
  private readonly byName = new Map<string, { data: ColumnData; type: DataType }>();

  constructor(table: Table) {
    table.schema.forEach((c, j) => this.byName.set(c.name, { data: table.columns[j]!, type: c.dataType }));
  }

  get(name: string): { data: ColumnData; type: DataType } {
    const c = this.byName.get(name);
    if (!c) throw new Error(`internal: exported table has no column '${name}'`);
    return c;
  }

  anyValue(name: string, row: number): AnyValue {
    const { data, type } = this.get(name);
    return toAnyValue(data, type, row);
  }

  int(name: string, row: number): bigint {
    const { data, type } = this.get(name);
    const v = (data as ArrayLike<unknown>)[row];
    return type === 'FLOAT64' ? BigInt(Math.trunc(v as number)) : BigInt(v as bigint);
  }

  float(name: string, row: number): number {
    const v = (this.get(name).data as ArrayLike<unknown>)[row];
    return typeof v === 'bigint' ? Number(v) : (v as number);
  }

  string(name: string, row: number): string {
    return String((this.get(name).data as ArrayLike<unknown>)[row]);
  }
}

function toAnyValue(data: ColumnData, type: DataType, row: number): AnyValue {
  switch (type) {
    case 'STRING': return { stringValue: (data as string[])[row]! };
    case 'INT64': case 'TIME64NS': return { intValue: String((data as BigInt64Array)[row]) };
    case 'FLOAT64': return { doubleValue: (data as Float64Array)[row]! };
    case 'BOOLEAN': return { boolValue: (data as Uint8Array)[row] === 1 };
    case 'UINT128': return { stringValue: String((data as bigint[])[row]) };
  }
}

function attributes(list: readonly Attribute[], cols: Columns, row: number): KeyValue[] {
  return list.map((a) => ({ key: a.key, value: a.value.kind === 'string' ? { stringValue: a.value.value } : cols.anyValue(a.value.column, row) }));
}

/**
 * The resource attribute value sets of one row, as raw values (a string attribute's text, or the column value).
 * A service-name column holding a JSON array (a pod behind several services) fans the row out to one resource
 * per service, as Pixie does.
 */
function resourceValues(spec: OTelExportSpec, cols: Columns, row: number): unknown[][] {
  let sets: unknown[][] = [[]];
  for (const a of spec.resource) {
    if (a.value.kind === 'string') {
      for (const set of sets) set.push(a.value.value);
    } else if (a.value.expand) {
      const names = expandNames(cols.string(a.value.column, row));
      sets = names.length === 1 ? sets.map((set) => [...set, names[0]]) : sets.flatMap((set) => names.map((n) => [...set, n]));
    } else {
      const v = (cols.get(a.value.column).data as ArrayLike<unknown>)[row];
      for (const set of sets) set.push(v);
    }
  }
  return sets;
}

function expandNames(s: string): string[] {
  if (!s.startsWith('[')) return [s];
  try {
    const parsed: unknown = JSON.parse(s);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((x) => typeof x === 'string')) return parsed as string[];
  } catch {
    // Not JSON: the name itself.
  }
  return [s];
}

/** Groups rows [from, to) by resource; each group keeps its rows in order. KeyValues are built once per group. */
function groupByResource(spec: OTelExportSpec, cols: Columns, from: number, to: number): { resource: KeyValue[]; rows: number[] }[] {
  const groups = new Map<string, { resource: KeyValue[]; rows: number[] }>();
  for (let row = from; row < to; row++) {
    for (const values of resourceValues(spec, cols, row)) {
      const key = values.length === 1 ? String(values[0]) : values.join('\u0001');
      let g = groups.get(key);
      if (!g) {
        const resource = spec.resource.map((a, j): KeyValue => {
          const v = values[j];
          const value: AnyValue = a.value.kind === 'string' || a.value.expand ? { stringValue: String(v) } : cols.anyValue(a.value.column, row);
          return { key: a.key, value };
        });
        g = { resource, rows: [] };
        groups.set(key, g);
      }
      g.rows.push(row);
    }
  }
  return [...groups.values()];
}

/** A uint64 for protobufjs without text parsing (Long.fromString dominated export time). */
const ns = (v: bigint) => {
  const u = BigInt.asUintN(64, v);
  return Long.fromBits(Number(u & 0xffff_ffffn), Number(u >> 32n), true);
};
const Long = protobuf.util.Long as unknown as { fromBits(low: number, high: number, unsigned: boolean): unknown };

function gaugeMetric(g: GaugeSpec, cols: Columns, rows: readonly number[]): Record<string, unknown> {
  const dataPoints = rows.map((row) => ({
    attributes: attributes(g.attributes, cols, row),
    timeUnixNano: ns(cols.int('time_', row)),
    ...(g.value.dataType === 'INT64' ? { asInt: String(cols.int(g.value.column, row)) } : { asDouble: cols.float(g.value.column, row) }),
  }));
  return { name: g.name, description: g.description, unit: g.unit, gauge: { dataPoints } };
}

/** OTLP AggregationTemporality: 1 = delta, 2 = cumulative. */
function sumMetric(s: SumSpec, cols: Columns, rows: readonly number[]): Record<string, unknown> {
  const dataPoints = rows.map((row) => ({
    attributes: attributes(s.attributes, cols, row),
    timeUnixNano: ns(cols.int('time_', row)),
    ...(s.value.dataType === 'INT64' ? { asInt: String(cols.int(s.value.column, row)) } : { asDouble: cols.float(s.value.column, row) }),
  }));
  return { name: s.name, description: s.description, unit: s.unit, sum: { dataPoints, aggregationTemporality: s.temporality === 'delta' ? 1 : 2, isMonotonic: s.isMonotonic } };
}

function summaryMetric(s: SummarySpec, cols: Columns, rows: readonly number[]): Record<string, unknown> {
  const dataPoints = rows.map((row) => ({
    attributes: attributes(s.attributes, cols, row),
    timeUnixNano: ns(cols.int('time_', row)),
    count: ns(cols.int(s.count.column, row)),
    sum: cols.float(s.sum.column, row),
    quantileValues: s.quantiles.map((q) => ({ quantile: q.quantile, value: cols.float(q.column, row) })),
  }));
  return { name: s.name, description: s.description, unit: s.unit, summary: { dataPoints } };
}

export function metricsBatches(spec: OTelExportSpec, table: Table, batchRows: number): OtlpBatch[] {
  const metricSpecs = spec.data.filter((d): d is GaugeSpec | SumSpec | SummarySpec => d.kind !== 'span');
  if (metricSpecs.length === 0 || table.length === 0) return [];
  const cols = new Columns(table);
  const batches: OtlpBatch[] = [];
  for (let from = 0; from < table.length; from += batchRows) {
    const to = Math.min(table.length, from + batchRows);
    let items = 0;
    const resourceMetrics = groupByResource(spec, cols, from, to).map(({ resource, rows }) => {
      items += rows.length * metricSpecs.length;
      return {
        resource: { attributes: resource },
        scopeMetrics: [{ scope: SCOPE, metrics: metricSpecs.map((m) => (m.kind === 'gauge' ? gaugeMetric(m, cols, rows) : m.kind === 'sum' ? sumMetric(m, cols, rows) : summaryMetric(m, cols, rows))) }],
      };
    });
    batches.push({ request: { resourceMetrics }, items });
  }
  return batches;
}

/** A 16- or 8-byte id from a hex column value; random when the value is not a valid id of that size. */
function id(hex: string | undefined, bytes: number): Buffer {
  if (hex !== undefined && hex.length === bytes * 2 && /^[0-9a-fA-F]+$/.test(hex) && !/^0+$/.test(hex)) return Buffer.from(hex, 'hex');
  return randomBytes(bytes);
}

function span(s: SpanSpec, cols: Columns, row: number): Record<string, unknown> {
  const parent = s.parentSpanId !== undefined ? cols.string(s.parentSpanId, row) : '';
  return {
    traceId: id(s.traceId !== undefined ? cols.string(s.traceId, row) : undefined, 16),
    spanId: id(s.spanId !== undefined ? cols.string(s.spanId, row) : undefined, 8),
    ...(/^[0-9a-fA-F]{16}$/.test(parent) ? { parentSpanId: Buffer.from(parent, 'hex') } : {}),
    name: s.name.kind === 'string' ? s.name.value : cols.string(s.name.column, row),
    kind: s.spanKind,
    startTimeUnixNano: ns(cols.int(s.startTime, row)),
    endTimeUnixNano: ns(cols.int(s.endTime, row)),
    attributes: attributes(s.attributes, cols, row),
  };
}

export function traceBatches(spec: OTelExportSpec, table: Table, batchRows: number): OtlpBatch[] {
  const spanSpecs = spec.data.filter((d): d is SpanSpec => d.kind === 'span');
  if (spanSpecs.length === 0 || table.length === 0) return [];
  const cols = new Columns(table);
  const batches: OtlpBatch[] = [];
  for (let from = 0; from < table.length; from += batchRows) {
    const to = Math.min(table.length, from + batchRows);
    let items = 0;
    const resourceSpans = groupByResource(spec, cols, from, to).map(({ resource, rows }) => {
      items += rows.length * spanSpecs.length;
      return {
        resource: { attributes: resource },
        scopeSpans: [{ scope: SCOPE, spans: spanSpecs.flatMap((s) => rows.map((row) => span(s, cols, row))) }],
      };
    });
    batches.push({ request: { resourceSpans }, items });
  }
  return batches;
}
