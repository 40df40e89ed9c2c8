// The names OTLP's gRPC services go by: service paths, packages, the partial-success fields. Kept apart from
// proto.ts so that sending (which needs only these) does not load protobufjs and the OTLP descriptor.

export const METRICS_EXPORT_PATH = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';
export const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';
export const LOGS_EXPORT_PATH = '/opentelemetry.proto.collector.logs.v1.LogsService/Export';

export const PACKAGES = {
  metrics: { pkg: 'opentelemetry.proto.collector.metrics.v1', name: 'Metrics', rejected: 'rejected_data_points' },
  traces: { pkg: 'opentelemetry.proto.collector.trace.v1', name: 'Trace', rejected: 'rejected_spans' },
  logs: { pkg: 'opentelemetry.proto.collector.logs.v1', name: 'Logs', rejected: 'rejected_log_records' },
} as const;

export type OtlpSignal = keyof typeof PACKAGES;

export const RETRY_INFO_TYPE_URL = 'type.googleapis.com/google.rpc.RetryInfo';

export function camel(s: string): string {
  return s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** The response field that counts what the server rejected, camelCase (rejectedDataPoints, ...). */
export function rejectedField(signal: OtlpSignal): string {
  return camel(PACKAGES[signal].rejected);
}
