// The official OTLP protobuf definitions (shipped in the otlp-proto-files package), loaded once. The exporter
// encodes requests with them and the local collector decodes with them: both ends speak the real wire format.

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import protobuf from 'protobufjs';

const require = createRequire(import.meta.url);

/** Directory holding `opentelemetry/proto/...`, wherever npm put the package. */
export const OTLP_PROTO_ROOT = join(dirname(require.resolve('otlp-proto-files/package.json')), 'build', 'protos');

export const METRICS_SERVICE_PROTO = 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto';
export const TRACE_SERVICE_PROTO = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';
export const LOGS_SERVICE_PROTO = 'opentelemetry/proto/collector/logs/v1/logs_service.proto';

export const METRICS_EXPORT_PATH = '/opentelemetry.proto.collector.metrics.v1.MetricsService/Export';
export const TRACE_EXPORT_PATH = '/opentelemetry.proto.collector.trace.v1.TraceService/Export';

let root: protobuf.Root | undefined;

function otlpRoot(): protobuf.Root {
  if (!root) {
    const r = new protobuf.Root();
    r.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(OTLP_PROTO_ROOT, target));
    r.loadSync([METRICS_SERVICE_PROTO, TRACE_SERVICE_PROTO], { keepCase: false });
    r.resolveAll();
    root = r;
  }
  return root;
}

export function otlpType(name: 'ExportMetricsServiceRequest' | 'ExportMetricsServiceResponse' | 'ExportTraceServiceRequest' | 'ExportTraceServiceResponse'): protobuf.Type {
  const pkg = name.includes('Metrics') ? 'opentelemetry.proto.collector.metrics.v1' : 'opentelemetry.proto.collector.trace.v1';
  return otlpRoot().lookupType(`${pkg}.${name}`);
}
