// OTLP/HTTP for the collector: POST /v1/metrics, /v1/traces, /v1/logs with protobuf (application/x-protobuf) or
// OTLP/JSON (application/json) bodies, gzip or not, answered in the request's encoding, as the OTLP specification
// lays it out (https://opentelemetry.io/docs/specs/otlp/#otlphttp). Faults are the gRPC ones, said in HTTP: a
// retryable code becomes 429/502/503/504 (with Retry-After when the fault carries a delay), others 400/401/403/500.

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { encodeResponse, requestFromJson } from '../runtime/otel/otlp-json.js';
import { requestType, type OtlpSignal } from '../runtime/otel/proto.js';
import { rawRequest, type RawRequest } from './kept-requests.js';

const unzip = promisify(gunzip);

const PATHS: Readonly<Record<string, OtlpSignal>> = {
  '/v1/metrics': 'metrics',
  '/v1/traces': 'traces',
  '/v1/logs': 'logs',
};

/** How the collector answers one decoded request: stored with a (partial-success) response, or failed. */
export type HttpAnswer =
  | { readonly kind: 'ok'; readonly response: Record<string, unknown>; readonly delayMs?: number }
  | {
      readonly kind: 'fail';
      readonly grpcCode: number;
      readonly message: string;
      readonly delayMs?: number;
      readonly retryDelayMs?: number;
    }
  | { readonly kind: 'die' };

export interface HttpHandler {
  /** The request (decoded when read as @grpc/proto-loader decodes gRPC ones), with its headers; decides the answer. */
  receive(signal: OtlpSignal, request: RawRequest, headers: Record<string, string[]>): HttpAnswer;
  die(): void;
}

/** gRPC status → the HTTP status OTLP/HTTP clients treat the same way (retryable codes stay retryable). */
function httpStatus(grpcCode: number): number {
  switch (grpcCode) {
    case 8:
      return 429; // RESOURCE_EXHAUSTED
    case 14:
      return 503; // UNAVAILABLE
    case 4:
      return 504; // DEADLINE_EXCEEDED
    case 1:
    case 10:
    case 11:
    case 15:
      return 502; // CANCELLED, ABORTED, OUT_OF_RANGE, DATA_LOSS
    case 3:
      return 400;
    case 16:
      return 401;
    case 7:
      return 403;
    case 12:
      return 404;
    default:
      return 500;
  }
}

/** The decoded request in @grpc/proto-loader's object form (what the gRPC side stores). */
export function loaderObject(signal: OtlpSignal, encoded: Uint8Array): unknown {
  const type = requestType(signal);
  return type.toObject(type.decode(encoded), {
    longs: String,
    enums: String,
    bytes: String,
    defaults: false,
    arrays: true,
    oneofs: true,
  });
}

export async function startHttpReceiver(
  host: string,
  port: number,
  tls: { cert: Buffer; key: Buffer; clientCa?: Buffer } | undefined,
  handler: HttpHandler,
): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const serve = (req: IncomingMessage, res: ServerResponse) => {
    void handle(req, res, handler);
  };
  const server: Server = tls
    ? createHttpsServer(
        {
          cert: tls.cert,
          key: tls.key,
          ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: true } : {}),
        },
        serve,
      )
    : createHttpServer(serve);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const bound = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as { port: number }).port));
  });
  return { server, port: bound, sockets };
}

async function handle(req: IncomingMessage, res: ServerResponse, handler: HttpHandler): Promise<void> {
  const plain = (status: number, text: string) => {
    res.writeHead(status, { 'content-type': 'text/plain' }).end(`${text}\n`);
  };
  const signal = PATHS[(req.url ?? '').split('?')[0] ?? ''];
  if (req.method !== 'POST' || signal === undefined) {
    plain(404, 'OTLP/HTTP takes POST /v1/metrics, /v1/traces or /v1/logs');
    return;
  }
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
  if (type !== 'application/x-protobuf' && type !== 'application/json') {
    plain(415, `unsupported content type '${type}'`);
    return;
  }
  const json = type === 'application/json';
  let request: RawRequest;
  try {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    let body = Buffer.concat(chunks);
    if ((req.headers['content-encoding'] ?? '').toLowerCase() === 'gzip') body = await unzip(body);
    const encoded = json ? requestFromJson(signal, JSON.parse(body.toString('utf8'))) : body;
    request = rawRequest(signal, encoded, (b) => loaderObject(signal, b));
  } catch (e) {
    plain(400, `undecodable ${json ? 'OTLP/JSON' : 'protobuf'} request: ${(e as Error).message.split('\n')[0]}`);
    return;
  }
  const headers: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
  for (const [k, v] of Object.entries(req.headersDistinct)) if (v) headers[k] = v;
  const answer = handler.receive(signal, request, headers);
  if (answer.kind === 'die') {
    handler.die();
    return;
  }
  const send = () => {
    if (answer.kind === 'ok') {
      res.writeHead(200, { 'content-type': type }).end(Buffer.from(encodeResponse(signal, answer.response, json)));
    } else {
      const retryAfter =
        answer.retryDelayMs !== undefined ? { 'retry-after': String(Math.ceil(answer.retryDelayMs / 1000)) } : {};
      res
        .writeHead(httpStatus(answer.grpcCode), { 'content-type': 'text/plain', ...retryAfter })
        .end(`${answer.message}\n`);
    }
  };
  if (answer.delayMs) setTimeout(send, answer.delayMs).unref();
  else send();
}
