// The OTLP definitions the runtime carries (src/runtime/otel/otlp-descriptor.ts) are exactly those of the .proto
// files in proto/, from which `node scripts/otlp-descriptor.mjs` generates them.

import test from 'ava';
import { join } from 'node:path';
import protobuf from 'protobufjs';
import { OTLP_DESCRIPTOR } from '../../src/runtime/otel/otlp-descriptor.js';
import {
  LOGS_SERVICE_PROTO,
  METRICS_SERVICE_PROTO,
  OTLP_PROTO_ROOT,
  TRACE_SERVICE_PROTO,
  requestType,
} from '../../src/runtime/otel/proto.js';
import { ROOT } from '../support/golden.js';

test('the generated descriptor equals the .proto files of proto/ (regenerate with node scripts/otlp-descriptor.mjs)', (t) => {
  t.is(OTLP_PROTO_ROOT.replace(/\/$/, ''), join(ROOT, 'proto'));
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(OTLP_PROTO_ROOT, target));
  root.loadSync([METRICS_SERVICE_PROTO, TRACE_SERVICE_PROTO, LOGS_SERVICE_PROTO], { keepCase: false });
  t.deepEqual(JSON.parse(JSON.stringify(root.toJSON())), OTLP_DESCRIPTOR);
});

test('a request encoded with the descriptor decodes with the .proto files', (t) => {
  const fromFiles = new protobuf.Root();
  fromFiles.resolvePath = (_origin, target) => (target.startsWith('/') ? target : join(OTLP_PROTO_ROOT, target));
  fromFiles.loadSync(METRICS_SERVICE_PROTO, { keepCase: false });
  const request = {
    resourceMetrics: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'checkout' } }] },
        scopeMetrics: [
          {
            metrics: [
              {
                name: 'http.rps',
                gauge: { dataPoints: [{ timeUnixNano: 1_700_000_000_000_000_001n.toString(), asDouble: 2.5 }] },
              },
            ],
          },
        ],
      },
    ],
  };
  const bytes = requestType('metrics').encode(requestType('metrics').fromObject(request)).finish();
  const type = fromFiles.lookupType('opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest');
  const decoded = type.toObject(type.decode(bytes), { longs: String }) as typeof request;
  t.deepEqual(decoded, request);
});
