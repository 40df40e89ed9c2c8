// Reading one row's values out of the exported table in the shapes OTLP wants (AnyValue: 64-bit integers as
// decimal text, as OTLP/JSON has them), and Pixie's rules for hex ids.

import type { Table } from '../table.js';
import type { ColumnData, DataType } from '../../core/types.js';
import { hasEscapedBytes, textToBytes } from '../udf/bytes.js';

export type AnyValue =
  | { stringValue: string }
  | { bytesValue: Uint8Array }
  | { intValue: string }
  | { doubleValue: number }
  | { boolValue: boolean };
export interface KeyValue {
  key: string;
  value: AnyValue;
}

export class Columns {
  private readonly byName = new Map<string, { data: ColumnData; type: DataType }>();

  constructor(table: Table) {
    table.schema.forEach((c, j) => this.byName.set(c.name, { data: table.columns[j]!, type: c.dataType }));
  }

  get(name: string): { data: ColumnData; type: DataType } {
    const c = this.byName.get(name);
    if (!c) throw new Error(`internal: exported table has no column '${name}'`);
    return c;
  }

  raw(name: string, row: number): unknown {
    return (this.get(name).data as ArrayLike<unknown>)[row];
  }

  anyValue(name: string, row: number): AnyValue {
    const { data, type } = this.get(name);
    return toAnyValue(data, type, row);
  }

  int(name: string, row: number): bigint {
    const { data, type } = this.get(name);
    const v = (data as ArrayLike<unknown>)[row];
    return type === 'FLOAT64' ? BigInt(Math.trunc(v as number)) : BigInt(v as bigint);
  }

  float(name: string, row: number): number {
    const v = this.raw(name, row);
    return typeof v === 'bigint' ? Number(v) : (v as number);
  }

  string(name: string, row: number): string {
    return String(this.raw(name, row));
  }
}

function toAnyValue(data: ColumnData, type: DataType, row: number): AnyValue {
  switch (type) {
    case 'STRING':
      return stringOrBytes((data as string[])[row]!);
    case 'INT64':
    case 'TIME64NS':
      return { intValue: String((data as BigInt64Array)[row]) };
    case 'FLOAT64':
      return { doubleValue: (data as Float64Array)[row]! };
    case 'BOOLEAN':
      return { boolValue: (data as Uint8Array)[row] === 1 };
    case 'UINT128':
      return { stringValue: String((data as bigint[])[row]) };
  }
}

/**
 * A string value as Pixie's SetStringOrBytes sends it: text that is not UTF-8 (bytes a script computed, see
 * udf/strings.ts bytesToText) goes as bytes_value, since a string_value must be valid UTF-8.
 */
export function stringOrBytes(s: string): AnyValue {
  return hasEscapedBytes(s) ? { bytesValue: textToBytes(s) } : { stringValue: s };
}

/**
 * Hex text → bytes, as Pixie's AsciiHexToBytes: pairs of hex digits, either case; anything else (odd length, a
 * non-hex character) is not an id. Pixie's strtol also takes pairs like " f", "+f" or "-1"; pxlc does not.
 */
export function hexBytes(text: string): Uint8Array | undefined {
  if (text.length % 2 !== 0) return undefined;
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = hexDigit(text.charCodeAt(2 * i));
    const lo = hexDigit(text.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0) return undefined;
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const allZero = (b: Uint8Array) => b.every((x) => x === 0);

/**
 * Random id bytes from the Web Crypto API (Node's global `crypto` and every browser's), drawn from a pool filled
 * 64 kB at a time rather than one call per id.
 */
const pool = new Uint8Array(65_536);
let pooled = 0;
function randomBytes(n: number): Uint8Array {
  if (pooled < n) {
    crypto.getRandomValues(pool);
    pooled = pool.length;
  }
  pooled -= n;
  return pool.slice(pooled, pooled + n);
}

/**
 * A trace id per Pixie: 16 decoded bytes are used, 8 (a 64-bit B3 id) are left-padded with zeros, anything else
 * gets 16 random bytes. An all-zero id is invalid in OTLP (backends drop the span), so it is replaced too.
 */
export function traceId(text: string | undefined): Uint8Array {
  const b = text === undefined ? undefined : hexBytes(text);
  if (b && b.length === 16 && !allZero(b)) return b;
  if (b && b.length === 8 && !allZero(b)) {
    const padded = new Uint8Array(16);
    padded.set(b, 8);
    return padded;
  }
  return randomBytes(16);
}

/** A span id per Pixie: 8 decoded bytes are used, anything else (or an all-zero id) gets 8 random bytes. */
export function spanId(text: string | undefined): Uint8Array {
  const b = text === undefined ? undefined : hexBytes(text);
  return b && b.length === 8 && !allZero(b) ? b : randomBytes(8);
}

/** A parent span id per Pixie: 8 decoded bytes are used, anything else leaves the span a root (no parent). */
export function parentSpanId(text: string): Uint8Array | undefined {
  const b = hexBytes(text);
  return b && b.length === 8 && !allZero(b) ? b : undefined;
}
