// OTLP/JSON, the JSON encoding the OTLP specification defines over the protobuf messages
// (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding): lowerCamelCase field names, trace and span ids
// as hex (not base64), 64-bit integers as decimal strings, enums as numbers, other bytes as base64. Used for
// http/json bodies, by `pxlc collector --json`, and to read OTLP/JSON back.

import { requestType, responseType, type OtlpSignal } from './proto.js';

/** Fields holding trace and span ids: hex in OTLP/JSON, where proto3's JSON mapping would give base64. */
const ID_FIELDS: ReadonlySet<string> = new Set(['traceId', 'spanId', 'parentSpanId']);

/** An encoded Export*ServiceRequest as its OTLP/JSON object. */
export function requestToJson(signal: OtlpSignal, encoded: Uint8Array): Record<string, unknown> {
  const type = requestType(signal);
  const obj = type.toObject(type.decode(encoded), { longs: String, bytes: String, defaults: false, json: true });
  return mapIds(obj, (b64) => Buffer.from(b64, 'base64').toString('hex')) as Record<string, unknown>;
}

/** OTLP/JSON text of a request, one line. */
export function requestJsonText(signal: OtlpSignal, encoded: Uint8Array): string {
  return JSON.stringify(requestToJson(signal, encoded));
}

/** An OTLP/JSON request (parsed) as protobuf bytes; throws a one-line Error on ids that are not hex. */
export function requestFromJson(signal: OtlpSignal, json: unknown): Uint8Array {
  const type = requestType(signal);
  const obj = mapIds(json, (hex, key) => {
    if (!/^(?:[0-9a-fA-F]{2})*$/.test(hex)) throw new Error(`${key} '${hex.slice(0, 40)}' is not hex`);
    return Buffer.from(hex, 'hex').toString('base64');
  });
  const problem = type.verify(type.fromObject(obj as Record<string, unknown>));
  if (problem) throw new Error(problem);
  return type.encode(type.fromObject(obj as Record<string, unknown>)).finish();
}

/** A response object ({partialSuccess: {...}}) in the body encoding of the request it answers. */
export function encodeResponse(signal: OtlpSignal, value: Record<string, unknown>, json: boolean): Uint8Array {
  const type = responseType(signal);
  const message = type.fromObject(value);
  if (!json) return type.encode(message).finish();
  return Buffer.from(JSON.stringify(type.toObject(message, { longs: String, defaults: false, json: true })));
}

/** A response body (protobuf or OTLP/JSON) as an object with 64-bit counts as numbers. */
export function decodeResponse(signal: OtlpSignal, body: Uint8Array, json: boolean): Record<string, unknown> {
  const type = responseType(signal);
  const message = json
    ? type.fromObject(JSON.parse(Buffer.from(body).toString('utf8')) as Record<string, unknown>)
    : type.decode(body);
  return type.toObject(message, { longs: Number });
}

function mapIds(value: unknown, f: (text: string, key: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapIds(v, f));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (k === '__proto__') continue;
    out[k] = ID_FIELDS.has(k) && typeof v === 'string' ? f(v, k) : mapIds(v, f);
  }
  return out;
}
