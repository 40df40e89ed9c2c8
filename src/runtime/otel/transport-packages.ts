// The packages that carry OTLP requests, loaded on first use: @grpc/grpc-js with OpenTelemetry's gRPC exporter
// base, and OpenTelemetry's HTTP exporter base. The package's pre-bundled runtime (scripts/build-runtime.mjs) puts
// them in one CommonJS file and replaces this module with transport-packages-cached.ts, which loads that file
// with V8's code cache.

import { createRequire } from 'node:module';

export type Grpc = typeof import('@grpc/grpc-js');
export type GrpcExporterBase = typeof import('@opentelemetry/otlp-grpc-exporter-base');
export type HttpExporterBase = typeof import('@opentelemetry/otlp-exporter-base/node-http');

const require = createRequire(import.meta.url);

export function grpcPackages(): { readonly grpc: Grpc; readonly base: GrpcExporterBase } {
  return {
    grpc: require('@grpc/grpc-js') as Grpc,
    base: require('@opentelemetry/otlp-grpc-exporter-base') as GrpcExporterBase,
  };
}

export function httpPackage(): HttpExporterBase {
  return require('@opentelemetry/otlp-exporter-base/node-http') as HttpExporterBase;
}
