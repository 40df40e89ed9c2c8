// A real OTLP collector for tests, the demo and `pxlc collector`: it serves the official Metrics, Trace and Logs
// services over gRPC (loaded from the official .proto files with @grpc/proto-loader) and, when asked, OTLP/HTTP
// (http-receiver.ts), and keeps every request and its metadata or headers, in arrival order, whichever way it came.
// Requests are checked and counted from their bytes as they arrive and decoded only when read (kept-requests.ts).
// Faults are scripted per request for tests of the exporters.

import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import {
  LOGS_SERVICE_PROTO,
  METRICS_SERVICE_PROTO,
  OTLP_PROTO_ROOT,
  RETRY_INFO_TYPE_URL,
  TRACE_SERVICE_PROTO,
  googleRpcType,
  rejectedField,
  responseType,
} from '../runtime/otel/proto.js';
import type { ExportLogsRequest, ExportMetricsRequest, ExportTraceRequest } from './payload.js';
import { startHttpReceiver, type HttpAnswer } from './http-receiver.js';
import { KeptRequests, rawRequest, type RawRequest } from './kept-requests.js';

export type { ExportLogsRequest, ExportMetricsRequest, ExportTraceRequest } from './payload.js';

export interface ReceivedRequest {
  readonly signal: 'metrics' | 'traces' | 'logs';
  /** gRPC metadata, or the HTTP request's headers (lower-case names). */
  readonly metadata: Record<string, string[]>;
  readonly transport: 'grpc' | 'http';
  /** Its points, spans or log records. */
  readonly items: number;
}

export interface ReceivedCollector {
  readonly host: string;
  readonly port: number;
  /** The OTLP/HTTP port, when serving HTTP too. */
  readonly httpPort?: number;
  /**
   * Decoded ExportMetricsServiceRequest messages, camelCase, 64-bit integers as decimal strings (decoded when first
   * read; emptying the array forgets them).
   */
  readonly metrics: ExportMetricsRequest[];
  readonly traces: ExportTraceRequest[];
  readonly logs: ExportLogsRequest[];
  /** Points, spans and log records of the requests kept since the start (or `clear()`), counted without decoding. */
  readonly items: Record<ReceivedRequest['signal'], number>;
  /** gRPC metadata of every stored request (all signals), in arrival order. */
  readonly metadata: Record<string, string[]>[];
  readonly requests: ReceivedRequest[];
  /** Called after each request is stored (for live printing); the request is decoded for it. */
  onRequest?: (r: ReceivedRequest, payload: unknown) => void;
  /** Forgets every kept request, its metadata and counts, without decoding them. */
  clear(): void;
  stop(): Promise<void>;
  /** Drops every connection at once (a collector dying mid-export). */
  kill(): void;
}

/**
 * A scripted answer for fault tests: a gRPC status to fail the request with (optionally with a google.rpc.RetryInfo
 * telling the client when to retry; over HTTP the matching status and Retry-After); an OK answer whose OTLP partial
 * success says `rejected` of the request's items were not accepted (the request is stored); an OK answer after
 * `delayMs` (stored at once: an acknowledgement that can arrive after the client's deadline); or dying: every
 * connection dropped, nothing answered.
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
  | { readonly rejected: number; readonly errorMessage?: string; readonly delayMs?: number }
  | { readonly delayMs: number }
  | { readonly die: true };

export interface CollectorOptions {
  /**
   * Decides, for the n-th request (0-based, all signals), whether to fail it; a failed request is not stored.
   * For fault tests: UNAVAILABLE then OK, INVALID_ARGUMENT, a slow answer.
   */
  readonly faults?: (n: number, signal: ReceivedRequest['signal']) => InjectedFault | undefined;
  readonly host?: string;
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  /** Serve TLS with this certificate and key (PEM); with `clientCa`, require client certificates it signed (mTLS). */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer; readonly clientCa?: Buffer };
  /** Serve OTLP/HTTP too, on this port (0: a free one). */
  readonly httpPort?: number;
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
      includeDirs: [OTLP_PROTO_ROOT],
      keepCase: false,
      longs: String,
      enums: String,
      defaults: false,
      arrays: true,
      oneofs: true,
      bytes: String,
    });
    // Responses are written with the exporter's own types, which know OTLP's partial_success field. Requests are
    // kept as bytes, checked and counted; proto-loader's own decoder turns them into objects when they are read.
    const service = (name: string, signal: ReceivedRequest['signal']): grpc.ServiceDefinition => {
      const def = pkg[name] as grpc.ServiceDefinition;
      const type = responseType(signal);
      const exp = def['Export']!;
      const decode = exp.requestDeserialize as (bytes: Buffer) => unknown;
      return {
        Export: {
          ...exp,
          requestDeserialize: (bytes: Buffer): RawRequest => rawRequest(signal, bytes, (b) => decode(b as Buffer)),
          responseSerialize: (value: object) => Buffer.from(type.encode(type.fromObject(value)).finish()),
        },
      };
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
  const retry = info
    .encode(info.fromObject({ retryDelay: { seconds: Math.floor(delayMs / 1000), nanos: (delayMs % 1000) * 1e6 } }))
    .finish();
  const st = googleRpcType('Status');
  const md = new grpc.Metadata();
  md.set(
    'grpc-status-details-bin',
    Buffer.from(
      st.encode(st.fromObject({ code, message, details: [{ typeUrl: RETRY_INFO_TYPE_URL, value: retry }] })).finish(),
    ),
  );
  return md;
}

function metadataRecord(md: grpc.Metadata): Record<string, string[]> {
  return Object.fromEntries(Object.keys(md.getMap()).map((k) => [k, md.get(k).map(String)]));
}

export async function startCollector(options: CollectorOptions = {}): Promise<ReceivedCollector> {
  const host = options.host ?? '127.0.0.1';
  const server = new grpc.Server();
  let http: Awaited<ReturnType<typeof startHttpReceiver>> | undefined;
  const kill = () => {
    server.forceShutdown();
    if (http) {
      http.server.close();
      for (const s of http.sockets) s.destroy();
    }
  };
  const kept = {
    metrics: new KeptRequests<ExportMetricsRequest>(),
    traces: new KeptRequests<ExportTraceRequest>(),
    logs: new KeptRequests<ExportLogsRequest>(),
  };
  const collector: ReceivedCollector = {
    host,
    port: 0,
    metadata: [],
    requests: [],
    items: { metrics: 0, traces: 0, logs: 0 },
    get metrics() {
      return kept.metrics.all();
    },
    get traces() {
      return kept.traces.all();
    },
    get logs() {
      return kept.logs.all();
    },
    clear: () => {
      for (const k of Object.values(kept)) k.clear();
      collector.metadata.length = 0;
      collector.requests.length = 0;
      collector.items.metrics = collector.items.traces = collector.items.logs = 0;
    },
    stop: async () => {
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      if (http) {
        const closed = new Promise<void>((resolve) => http!.server.close(() => resolve()));
        http.server.closeIdleConnections();
        await closed;
      }
    },
    kill,
  };
  let seen = 0;
  /** Stores a request that is accepted; returns the fault to answer it with. */
  const receive = (
    signal: ReceivedRequest['signal'],
    request: RawRequest,
    metadata: Record<string, string[]>,
    transport: ReceivedRequest['transport'],
  ) => {
    const fault = options.faults?.(seen++, signal);
    if (fault && ('code' in fault || 'die' in fault)) return fault;
    const received: ReceivedRequest = { signal, metadata, transport, items: request.items };
    kept[signal].push(request);
    collector.items[signal] += request.items;
    collector.metadata.push(metadata);
    collector.requests.push(received);
    try {
      if (collector.onRequest) {
        const all = kept[signal].all();
        collector.onRequest(received, all[all.length - 1]);
      }
    } catch (e) {
      // Printing is for people: a failure there must not reject data the sender delivered.
      process.stderr.write(`pxlc collector: could not print a ${signal} request: ${(e as Error).message}\n`);
    }
    return fault;
  };
  const partial = (signal: ReceivedRequest['signal'], fault: InjectedFault | undefined) =>
    fault && 'rejected' in fault
      ? { partialSuccess: { [rejectedField(signal)]: fault.rejected, errorMessage: fault.errorMessage ?? '' } }
      : {};
  const handler =
    (signal: ReceivedRequest['signal']) =>
    (call: grpc.ServerUnaryCall<RawRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const fault = receive(signal, call.request, metadataRecord(call.metadata), 'grpc');
      if (fault && 'die' in fault) {
        kill();
        return;
      }
      const answer =
        fault && 'code' in fault
          ? () =>
              callback({
                code: fault.code,
                details: fault.details ?? grpc.status[fault.code],
                ...(fault.retryDelayMs !== undefined
                  ? { metadata: retryInfo(fault.code, fault.details ?? '', fault.retryDelayMs) }
                  : {}),
              })
          : () => callback(null, partial(signal, fault));
      // Unref'd: a late answer pending must not keep a stopped collector's process alive.
      if (fault?.delayMs) setTimeout(answer, fault.delayMs).unref();
      else answer();
    };
  const defs = services();
  server.addService(defs.metrics, { Export: handler('metrics') });
  server.addService(defs.traces, { Export: handler('traces') });
  server.addService(defs.logs, { Export: handler('logs') });
  const tls = options.tls;
  const credentials = tls
    ? grpc.ServerCredentials.createSsl(
        tls.clientCa ?? null,
        [{ cert_chain: tls.cert, private_key: tls.key }],
        tls.clientCa !== undefined,
      )
    : grpc.ServerCredentials.createInsecure();
  const address = host.includes(':') ? `[${host}]:${options.port ?? 0}` : `${host}:${options.port ?? 0}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, credentials, (err, p) => (err ? reject(err) : resolve(p)));
  });
  if (options.httpPort !== undefined) {
    try {
      http = await startHttpReceiver(host, options.httpPort, tls, {
        receive: (signal, request, headers): HttpAnswer => {
          const fault = receive(signal, request, headers, 'http');
          if (fault && 'die' in fault) return { kind: 'die' };
          if (fault && 'code' in fault) {
            return {
              kind: 'fail',
              grpcCode: fault.code,
              message: fault.details ?? grpc.status[fault.code] ?? 'failed',
              ...(fault.delayMs !== undefined ? { delayMs: fault.delayMs } : {}),
              ...(fault.retryDelayMs !== undefined ? { retryDelayMs: fault.retryDelayMs } : {}),
            };
          }
          return {
            kind: 'ok',
            response: partial(signal, fault),
            ...(fault?.delayMs !== undefined ? { delayMs: fault.delayMs } : {}),
          };
        },
        die: kill,
      });
    } catch (e) {
      server.forceShutdown();
      throw e;
    }
  }
  return Object.assign(collector, { port, ...(http ? { httpPort: http.port } : {}) });
}
