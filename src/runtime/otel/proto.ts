// The official OTLP protobuf definitions (proto/, carried in the module as otlp-descriptor.ts so that nothing is
// read from disk at run time, in a bundle too), loaded once. The exporter encodes requests with them and the
// local collector decodes with them: both ends speak the real wire format.
//
// Those files predate OTLP's partial success (proto v0.19): the responses' `partial_success` field and the
// google.rpc status details a server attaches to an error are added here, with the field numbers of the current
// opentelemetry-proto and googleapis definitions, so that both ends can speak them too.

import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import { OTLP_DESCRIPTOR } from './otlp-descriptor.js';
import { PACKAGES, camel, type OtlpSignal } from './otlp-names.js';

/** Directory holding the `opentelemetry/proto/...` files the descriptor was generated from (the collector reads them). */
export const OTLP_PROTO_ROOT = fileURLToPath(new URL('../../../../proto', import.meta.url));

export const METRICS_SERVICE_PROTO = 'opentelemetry/proto/collector/metrics/v1/metrics_service.proto';
export const TRACE_SERVICE_PROTO = 'opentelemetry/proto/collector/trace/v1/trace_service.proto';
export const LOGS_SERVICE_PROTO = 'opentelemetry/proto/collector/logs/v1/logs_service.proto';

export {
  METRICS_EXPORT_PATH,
  TRACE_EXPORT_PATH,
  LOGS_EXPORT_PATH,
  RETRY_INFO_TYPE_URL,
  rejectedField,
  type OtlpSignal,
} from './otlp-names.js';

// google/rpc/status.proto and google/rpc/error_details.proto (RetryInfo), as gRPC servers send them in the
// grpc-status-details-bin trailer (Any and Duration are google.protobuf messages; the package name is not on the wire).
const GOOGLE_RPC = `
syntax = "proto3";
package google.rpc;
message Any { string type_url = 1; bytes value = 2; }
message Duration { int64 seconds = 1; int32 nanos = 2; }
message Status { int32 code = 1; string message = 2; repeated Any details = 3; }
message RetryInfo { Duration retry_delay = 1; }
`;

let root: protobuf.Root | undefined;

function otlpRoot(): protobuf.Root {
  if (!root) {
    const r = protobuf.Root.fromJSON(OTLP_DESCRIPTOR as protobuf.INamespace);
    for (const { pkg, name, rejected } of Object.values(PACKAGES)) {
      const ns = r.lookup(pkg) as protobuf.Namespace;
      const partial = new protobuf.Type(`Export${name}PartialSuccess`)
        .add(new protobuf.Field(camel(rejected), 1, 'int64'))
        .add(new protobuf.Field('errorMessage', 2, 'string'));
      ns.add(partial);
      const response = r.lookupType(`${pkg}.Export${name}ServiceResponse`);
      if (!response.fields['partialSuccess']) response.add(new protobuf.Field('partialSuccess', 1, partial.name));
    }
    protobuf.parse(GOOGLE_RPC, r, { keepCase: false });
    r.resolveAll();
    root = r;
  }
  return root;
}

export function requestType(signal: OtlpSignal): protobuf.Type {
  const { pkg, name } = PACKAGES[signal];
  return otlpRoot().lookupType(`${pkg}.Export${name}ServiceRequest`);
}

export function responseType(signal: OtlpSignal): protobuf.Type {
  const { pkg, name } = PACKAGES[signal];
  return otlpRoot().lookupType(`${pkg}.Export${name}ServiceResponse`);
}

export function googleRpcType(name: 'Status' | 'RetryInfo'): protobuf.Type {
  return otlpRoot().lookupType(`google.rpc.${name}`);
}
