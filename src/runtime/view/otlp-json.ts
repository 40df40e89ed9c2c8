// The OTLP requests a px.export would send, as canonical OTLP/JSON (the protobuf JSON mapping with lowerCamelCase
// names, 64-bit integers as decimal text, enums as numbers, and trace/span ids as hex, as the OTLP spec requires),
// built by the same code that sends them and decoded back, so the preview is exactly what goes on the wire.

import type { OTelExportSpec } from '../../core/otel-spec.js';
import type { Table } from '../table.js';
import { otlpBatches, signalsOf } from '../otel/rows-to-otlp.js';
import { requestType, type OtlpSignal } from '../otel/proto.js';

export interface OtlpJsonRequest {
  readonly signal: OtlpSignal;
  readonly request: unknown;
}

const ID_FIELDS = new Set(['traceId', 'spanId', 'parentSpanId']);

export function otlpJsonRequests(spec: OTelExportSpec, table: Table): OtlpJsonRequest[] {
  const out: OtlpJsonRequest[] = [];
  for (const signal of signalsOf(spec)) {
    const type = requestType(signal);
    for (const batch of otlpBatches(signal, spec, table)) {
      const object = type.toObject(type.decode(batch.encoded), {
        longs: String,
        enums: Number,
        bytes: String,
        arrays: false,
        defaults: false,
      });
      out.push({ signal, request: hexIds(object) });
    }
  }
  return out;
}

function hexIds(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(hexIds);
  if (typeof v !== 'object' || v === null) return v;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [k, x] of Object.entries(v))
    out[k] = ID_FIELDS.has(k) && typeof x === 'string' ? base64ToHex(x) : hexIds(x);
  return out;
}

function base64ToHex(b64: string): string {
  const bin = atob(b64);
  let hex = '';
  for (let i = 0; i < bin.length; i++) hex += bin.charCodeAt(i).toString(16).padStart(2, '0');
  return hex;
}
