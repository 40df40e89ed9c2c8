// The checked, serialisable description of one `px.export(df, px.otel.Data(...))`. The checker builds it,
// codegen writes it into the module as a literal, and the export shim turns table rows into OTLP with it.
// Columns are referenced by name and resolved against the exported table's schema.

import type { DataType } from '../types.js';

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
  readonly name: { readonly kind: 'string'; readonly value: string } | { readonly kind: 'column'; readonly column: string };
  readonly startTime: string;
  readonly endTime: string;
  readonly traceId?: string;
  readonly spanId?: string;
  readonly parentSpanId?: string;
  /** OTLP span kind number; Pixie sends any integer unchanged. */
  readonly spanKind: number;
  readonly attributes: readonly Attribute[];
}

export type DataSpec = GaugeSpec | SumSpec | SummarySpec | SpanSpec;

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

export function hasMetrics(spec: OTelExportSpec): boolean {
  return spec.data.some((d) => d.kind !== 'span');
}

export function hasSpans(spec: OTelExportSpec): boolean {
  return spec.data.some((d) => d.kind === 'span');
}
