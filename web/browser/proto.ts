// Browser stand-in for src/runtime/otel/proto.ts: the same OTLP message types, from a JSON descriptor the build
// writes with the Node module (scripts/build-web.mjs), instead of .proto files read from node_modules.

import protobuf from 'protobufjs';
import descriptor from 'virtual:otlp-descriptor';

export type OtlpSignal = 'metrics' | 'traces' | 'logs';

const PACKAGES = {
  metrics: 'opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest',
  traces: 'opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest',
  logs: 'opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest',
} as const;

let root: protobuf.Root | undefined;

export function requestType(signal: OtlpSignal): protobuf.Type {
  root ??= protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
  return root.lookupType(PACKAGES[signal]);
}
