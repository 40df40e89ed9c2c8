// A real OTLP/gRPC collector for tests, the demo and `pxlc collector`: it serves the official Metrics and Trace
// services (loaded from the official .proto files with @grpc/proto-loader) and keeps every decoded request
// and its gRPC metadata, in arrival order.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  LOGS_SERVICE_PROTO, METRICS_SERVICE_PROTO, OTLP_PROTO_ROOT, RETRY_INFO_TYPE_URL, TRACE_SERVICE_PROTO, googleRpcType, rejectedField, responseType,
} from '../runtime/otel/proto.js';
import type { ExportLogsRequest, ExportMetricsRequest, ExportTraceRequest } from './payload.js';

export type { ExportLogsRequest, ExportMetricsRequest, ExportTraceRequest } from './payload.js';

export interface ReceivedRequest {
  readonly signal: 'metrics' | 'traces' | 'logs';
  readonly metadata: Record<string, string[]>;
}

export interface ReceivedCollector {
  readonly host: string;
  readonly port: number;
  /** Decoded ExportMetricsServiceRequest messages, camelCase, 64-bit integers as decimal strings. */
  readonly metrics: ExportMetricsRequest[];
  readonly traces: ExportTraceRequest[];
  readonly logs: ExportLogsRequest[];
  /** gRPC metadata of every stored request (all signals), in arrival order. */
  readonly metadata: Record<string, string[]>[];
  readonly requests: ReceivedRequest[];
  /** Called after each request is stored (for live printing). */
  onRequest?: (r: ReceivedRequest, payload: unknown) => void;
  stop(): Promise<void>;
  /** Drops every connection at once (a collector dying mid-export). */
  kill(): void;
}

/**
 * A scripted answer for fault tests: a gRPC status to fail the request with (optionally with a google.rpc.RetryInfo
 * telling the client when to retry), or — with `rejected` — an OK answer whose OTLP partial success says that many
 * of the request's items were rejected (the request is stored).
 */
export type InjectedFault =
  | {
    readonly code: grpc.status;
    readonly details?: string;
    /** Answer only after this long (a slow collector). */
    readonly delayMs?: number;
    /** Attach RetryInfo{retry_delay} to the error status. */
    readonly retryDelayMs?: number;
  }
  | { readonly rejected: number; readonly errorMessage?: string };

export interface CollectorOptions {
  /**
   * Decides, for the n-th request (0-based, all signals), whether to fail it; a failed request is not stored.
   * For fault tests: UNAVAILABLE then OK, INVALID_ARGUMENT, a slow answer.
   */
  readonly faults?: (n: number, signal: ReceivedRequest['signal']) => InjectedFault | undefined;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Serve TLS with this certificate and key (PEM). */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer };
}

interface ServiceDefinitions {
  metrics: grpc.ServiceDefinition;
  traces: grpc.ServiceDefinition;
  logs: grpc.ServiceDefinition;
}

let definitions: ServiceDefinitions | undefined;

function services(): ServiceDefinitions {
  if (!definitions) {
    const pkg = protoLoader.loadSync([METRICS_SERVICE_PROTO, TRACE_SERVICE_PROTO, LOGS_SERVICE_PROTO], {
      includeDirs: [OTLP_PROTO_ROOT], keepCase: false, longs: String, enums: String, defaults: false, arrays: true, oneofs: true, bytes: String,
    });
    // Responses are written with the exporter's own types, which know OTLP's partial_success field.
    const service = (name: string, signal: ReceivedRequest['signal']): grpc.ServiceDefinition => {
      const def = pkg[name] as grpc.ServiceDefinition;
      const type = responseType(signal);
      const exp = def['Export']!;
      return { Export: { ...exp, responseSerialize: (value: object) => Buffer.from(type.encode(type.fromObject(value)).finish()) } };
    };
    definitions = {
      metrics: service('opentelemetry.proto.collector.metrics.v1.MetricsService', 'metrics'),
      traces: service('opentelemetry.proto.collector.trace.v1.TraceService', 'traces'),
      logs: service('opentelemetry.proto.collector.logs.v1.LogsService', 'logs'),
    };
  }
  return definitions;
}

/** Trailing metadata carrying google.rpc.Status{details: [RetryInfo]} as grpc-status-details-bin. */
function retryInfo(code: grpc.status, message: string, delayMs: number): grpc.Metadata {
  const info = googleRpcType('RetryInfo');
  const retry = info.encode(info.fromObject({ retryDelay: { seconds: Math.floor(delayMs / 1000), nanos: (delayMs % 1000) * 1e6 } })).finish();
  const st = googleRpcType('Status');
  const md = new grpc.Metadata();
  md.set('grpc-status-details-bin', Buffer.from(st.encode(st.fromObject({ code, message, details: [{ typeUrl: RETRY_INFO_TYPE_URL, value: retry }] })).finish()));
  return md;
}

function metadataRecord(md: grpc.Metadata): Record<string, string[]> {
  return Object.fromEntries(Object.keys(md.getMap()).map((k) => [k, md.get(k).map(String)]));
}

export async function startCollector(options: CollectorOptions = {}): Promise<ReceivedCollector> {
  const host = options.host ?? '127.0.0.1';
  const server = new grpc.Server();
  const collector: ReceivedCollector = {
    host, port: 0, metrics: [], traces: [], logs: [], metadata: [], requests: [],
    stop: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
    kill: () => server.forceShutdown(),
  };
  let seen = 0;
  const handler = <T>(signal: ReceivedRequest['signal'], store: T[]) =>
    (call: grpc.ServerUnaryCall<T, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const fault = options.faults?.(seen++, signal);
      if (fault && 'code' in fault) {
        const answer = () => callback({
          code: fault.code, details: fault.details ?? grpc.status[fault.code],
          ...(fault.retryDelayMs !== undefined ? { metadata: retryInfo(fault.code, fault.details ?? '', fault.retryDelayMs) } : {}),
        });
        if (fault.delayMs) setTimeout(answer, fault.delayMs);
        else answer();
        return;
      }
      const received: ReceivedRequest = { signal, metadata: metadataRecord(call.metadata) };
      store.push(call.request);
      collector.metadata.push(received.metadata);
      collector.requests.push(received);
      try {
        collector.onRequest?.(received, call.request);
      } catch (e) {
        // Printing is for people: a failure there must not reject data the sender delivered.
        process.stderr.write(`pxlc collector: could not print a ${signal} request: ${(e as Error).message}\n`);
      }
      callback(null, fault ? { partialSuccess: { [rejectedField(signal)]: fault.rejected, errorMessage: fault.errorMessage ?? '' } } : {});
    };
  const defs = services();
  server.addService(defs.metrics, { Export: handler('metrics', collector.metrics) });
  server.addService(defs.traces, { Export: handler('traces', collector.traces) });
  server.addService(defs.logs, { Export: handler('logs', collector.logs) });
  const credentials = options.tls
    ? grpc.ServerCredentials.createSsl(null, [{ cert_chain: options.tls.cert, private_key: options.tls.key }], false)
    : grpc.ServerCredentials.createInsecure();
  const address = host.includes(':') ? `[${host}]:${options.port ?? 0}` : `${host}:${options.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (err, p) => (err ? reject(err) : resolve(p)));
  });
  return Object.assign(collector, { port });
}
