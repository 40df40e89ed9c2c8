// The checked, serialisable description of one `px.export(df, px.otel.Data(...))`. The checker builds it,
// codegen writes it into the module as a literal, and the export shim turns table rows into OTLP with it.
// Columns are referenced by name and resolved against the exported table's schema.

import type { DataType } from './types.js';

export interface ColumnRef {
  readonly column: string;
  readonly dataType: DataType;
}

export type AttributeValue =
  | { readonly kind: 'string'; readonly value: string }
  /** `expand`: a STRING column of semantic type ST_SERVICE_NAME in a resource; a JSON array fans out. */
  | { readonly kind: 'column'; readonly column: string; readonly dataType: DataType; readonly expand: boolean };

export interface Attribute {
  readonly key: string;
  readonly value: AttributeValue;
}

export interface GaugeSpec {
  readonly kind: 'gauge';
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly value: ColumnRef & { readonly dataType: 'INT64' | 'FLOAT64' };
  readonly attributes: readonly Attribute[];
}

/** pxlc beyond Pixie (pixie-io/pixie#627): a Sum (counter) metric, one point per row. */
export interface SumSpec {
  readonly kind: 'sum';
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly value: ColumnRef & { readonly dataType: 'INT64' | 'FLOAT64' };
  readonly isMonotonic: boolean;
  readonly temporality: 'cumulative' | 'delta';
  readonly attributes: readonly Attribute[];
}

export interface SummarySpec {
  readonly kind: 'summary';
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly count: ColumnRef;
  readonly sum: ColumnRef;
  readonly quantiles: readonly { readonly quantile: number; readonly column: string }[];
  readonly attributes: readonly Attribute[];
}

export interface SpanSpec {
  readonly kind: 'span';
  readonly name:
    { readonly kind: 'string'; readonly value: string } | { readonly kind: 'column'; readonly column: string };
  readonly startTime: string;
  readonly endTime: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly parentSpanId?: string;
  /** OTLP span kind number; Pixie sends any integer unchanged. */
  readonly spanKind: number;
  readonly attributes: readonly Attribute[];
}

/**
 * pxlc beyond Pixie (pixie-io/pixie#1968): an explicit-bucket histogram, one point per row. `buckets` are the INT64
 * columns holding each bucket's own (not cumulative) count: `bounds.length + 1` of them, the last one counting
 * values above the last bound, as OTLP lays them out.
 */
export interface HistogramSpec {
  readonly kind: 'histogram';
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly bounds: readonly number[];
  readonly buckets: readonly string[];
  /** Absent: the sum of the bucket counts. */
  readonly count?: string;
  readonly sum?: string;
  readonly min?: string;
  readonly max?: string;
  readonly temporality: 'cumulative' | 'delta';
  readonly attributes: readonly Attribute[];
}

/** A literal or a column of the exported table. */
export type LiteralOrColumn<T> =
  { readonly kind: 'literal'; readonly value: T } | { readonly kind: 'column'; readonly column: string };

/** pxlc beyond Pixie (pixie-io/pixie#705): one OTLP log record per row (Pixie's engine has the sink, its compiler no constructor). */
export interface LogSpec {
  readonly kind: 'log';
  /** A STRING column, or a literal. */
  readonly body: LiteralOrColumn<string>;
  /** TIME64NS column for time_unix_nano (default time_). */
  readonly time: string;
  /** TIME64NS column for observed_time_unix_nano; absent: the same as time, as Pixie's sink does. */
  readonly observedTime?: string;
  /** OTLP SeverityNumber 0..24 or an INT64 column of them. */
  readonly severityNumber: LiteralOrColumn<number>;
  readonly severityText: LiteralOrColumn<string>;
  /** Hex trace/span id columns that tie the record to a span; invalid ids are left out. */
  readonly traceId?: string;
  readonly spanId?: string;
  readonly attributes: readonly Attribute[];
}

export type MetricSpec = GaugeSpec | SumSpec | SummarySpec | HistogramSpec;
export type DataSpec = MetricSpec | SpanSpec | LogSpec;

export interface EndpointSpec {
  /** host:port, no scheme. */
  readonly url: string;
  /** Sent as gRPC metadata; secret: never logged. */
  readonly headers: readonly (readonly [string, string])[];
  readonly insecure: boolean;
  /** Seconds per export call; <= 0 means no deadline. */
  readonly timeoutSeconds: number;
}

export interface OTelExportSpec {
  /** Absent when the script relies on the execution context (flag, env var) for its endpoint. */
  readonly endpoint?: EndpointSpec;
  readonly resource: readonly Attribute[];
  readonly data: readonly DataSpec[];
}

export function isMetric(d: DataSpec): d is MetricSpec {
  return d.kind !== 'span' && d.kind !== 'log';
}

/** Every column an export reads (for column liveness and input checks). */
export function exportedColumns(spec: OTelExportSpec): Set<string> {
  const names = new Set<string>();
  const attr = (a: Attribute) => {
    if (a.value.kind === 'column') names.add(a.value.column);
  };
  const opt = (c: string | undefined) => {
    if (c !== undefined) names.add(c);
  };
  const lit = (v: LiteralOrColumn<unknown>) => {
    if (v.kind === 'column') names.add(v.column);
  };
  spec.resource.forEach(attr);
  for (const d of spec.data) {
    d.attributes.forEach(attr);
    switch (d.kind) {
      case 'gauge':
      case 'sum':
        names.add(d.value.column);
        break;
      case 'summary':
        names.add(d.count.column);
        names.add(d.sum.column);
        d.quantiles.forEach((q) => names.add(q.column));
        break;
      case 'histogram':
        d.buckets.forEach((b) => names.add(b));
        [d.count, d.sum, d.min, d.max].forEach(opt);
        break;
      case 'span':
        if (d.name.kind === 'column') names.add(d.name.column);
        names.add(d.startTime);
        names.add(d.endTime);
        [d.traceId, d.spanId, d.parentSpanId].forEach(opt);
        break;
      case 'log':
        lit(d.body);
        lit(d.severityNumber);
        lit(d.severityText);
        names.add(d.time);
        [d.observedTime, d.traceId, d.spanId].forEach(opt);
        break;
    }
    if (isMetric(d)) names.add('time_');
  }
  return names;
}
