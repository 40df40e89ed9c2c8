// The decoded OTLP requests the collector stores, as @grpc/proto-loader gives them (camelCase, 64-bit integers
// as decimal strings, bytes as base64, oneof fields set only when present). Only the fields pxlc sends.

export interface AnyValue {
  readonly stringValue?: string;
  readonly intValue?: string;
  readonly doubleValue?: number;
  readonly boolValue?: boolean;
  /** base64 */
  readonly bytesValue?: string;
  readonly value?: string;
}

export interface KeyValue {
  readonly key: string;
  readonly value: AnyValue;
}

export interface Resource {
  readonly attributes: readonly KeyValue[];
}

export interface Scope {
  readonly name?: string;
  readonly version?: string;
}

export interface NumberDataPoint {
  readonly attributes: readonly KeyValue[];
  readonly timeUnixNano: string;
  readonly startTimeUnixNano?: string;
  readonly asDouble?: number;
  readonly asInt?: string;
  readonly flags?: number;
}

export interface SummaryDataPoint {
  readonly attributes: readonly KeyValue[];
  readonly timeUnixNano: string;
  readonly count: string;
  readonly sum: number;
  readonly quantileValues: readonly { readonly quantile: number; readonly value: number }[];
}

export interface HistogramDataPoint {
  readonly attributes: readonly KeyValue[];
  readonly timeUnixNano: string;
  readonly count: string;
  readonly sum?: number;
  readonly bucketCounts: readonly string[];
  readonly explicitBounds: readonly number[];
  readonly min?: number;
  readonly max?: number;
}

export interface Metric {
  readonly name: string;
  readonly description: string;
  readonly unit: string;
  readonly gauge?: { readonly dataPoints: readonly NumberDataPoint[] };
  readonly sum?: {
    readonly dataPoints: readonly NumberDataPoint[];
    readonly aggregationTemporality: string;
    readonly isMonotonic?: boolean;
  };
  readonly summary?: { readonly dataPoints: readonly SummaryDataPoint[] };
  readonly histogram?: { readonly dataPoints: readonly HistogramDataPoint[]; readonly aggregationTemporality: string };
}

export interface ExportMetricsRequest {
  readonly resourceMetrics: readonly {
    readonly resource: Resource;
    readonly scopeMetrics: readonly { readonly scope: Scope; readonly metrics: readonly Metric[] }[];
  }[];
}

export interface Span {
  /** base64 */
  readonly traceId: string;
  readonly spanId: string;
  readonly parentSpanId?: string;
  readonly name: string;
  readonly kind: string;
  readonly startTimeUnixNano: string;
  readonly endTimeUnixNano: string;
  readonly attributes: readonly KeyValue[];
  readonly status?: { readonly code?: string; readonly message?: string };
  readonly traceState?: string;
  readonly flags?: number;
  readonly events?: readonly {
    readonly name: string;
    readonly timeUnixNano: string;
    readonly attributes: readonly KeyValue[];
  }[];
  readonly links?: readonly {
    readonly traceId: string;
    readonly spanId: string;
    readonly attributes: readonly KeyValue[];
  }[];
}

export interface ExportTraceRequest {
  readonly resourceSpans: readonly {
    readonly resource: Resource;
    readonly scopeSpans: readonly { readonly scope: Scope; readonly spans: readonly Span[] }[];
  }[];
}

export interface LogRecord {
  readonly timeUnixNano: string;
  readonly observedTimeUnixNano: string;
  /** The SeverityNumber enum's name, e.g. SEVERITY_NUMBER_WARN. */
  readonly severityNumber: string;
  readonly severityText: string;
  readonly body?: AnyValue;
  readonly attributes: readonly KeyValue[];
  /** base64 */
  readonly traceId?: string;
  readonly spanId?: string;
  readonly flags?: number;
}

export interface ExportLogsRequest {
  readonly resourceLogs: readonly {
    readonly resource: Resource;
    readonly scopeLogs: readonly { readonly scope: Scope; readonly logRecords: readonly LogRecord[] }[];
  }[];
}

/** Every metric's data points, whatever its kind. */
export function dataPoints(m: Metric): readonly (NumberDataPoint | SummaryDataPoint | HistogramDataPoint)[] {
  return m.gauge?.dataPoints ?? m.sum?.dataPoints ?? m.summary?.dataPoints ?? m.histogram?.dataPoints ?? [];
}

export function metricKind(m: Metric): 'gauge' | 'sum' | 'summary' | 'histogram' {
  return m.gauge ? 'gauge' : m.sum ? 'sum' : m.summary ? 'summary' : 'histogram';
}

/** An id field (base64 on the wire form proto-loader gives) as lowercase hex. */
export function idHex(b64: string | undefined): string {
  return b64 ? Buffer.from(b64, 'base64').toString('hex') : '';
}

/** The value of an attribute as text, whatever its type. */
export function valueText(v: AnyValue): string {
  if (v.stringValue !== undefined) return v.stringValue;
  if (v.intValue !== undefined) return v.intValue;
  if (v.doubleValue !== undefined) return String(v.doubleValue);
  if (v.boolValue !== undefined) return String(v.boolValue);
  if (v.bytesValue !== undefined) return `bytes 0x${Buffer.from(v.bytesValue, 'base64').toString('hex')}`;
  return '';
}
