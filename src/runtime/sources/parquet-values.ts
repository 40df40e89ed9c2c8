// A decoded Parquet column chunk as a pxlc column of the type the script reads. Parquet's own types come through
// as the nearest JavaScript value (timestamps, dates and times of any unit as nanoseconds, UUIDs as their text,
// decimals as doubles, byte arrays as UTF-8 text) and then meet the same check as every other source
// (convertValue): a value that does not fit its column is an error naming its row. The common cases skip the
// value-by-value path: 64-bit integers and doubles are copied as typed arrays, and a dictionary-encoded chunk is
// converted once per dictionary entry, its strings handed over as codes and dictionary (ops/dictionary.ts).

import type { DecodedArray, SchemaElement } from 'hyparquet';
import { parseDecimal, parseFloat16 } from 'hyparquet/src/convert.js';
import { assertNever } from '../../core/assert-never.js';
import { allocColumn, type ColumnData, type DataType } from '../../core/types.js';
import { int64Words } from '../ops/int64-words.js';
import { convertValue, scaleTimes, storeValue } from './convert.js';
import type { ChunkValues } from './parquet-pages.js';
import type { GroupColumn } from './parquet-rows.js';

/** Reports the value at `row` (0-based within the chunk) as not fitting; never returns. */
export type Fail = (row: number, why: string) => never;

const NS: Record<string, bigint> = { MILLIS: 1_000_000n, MICROS: 1_000n, NANOS: 1n };
const NS_PER_DAY = 86_400_000_000_000n;
const JULIAN_UNIX_EPOCH = 2_440_588n;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A physical value that has no JavaScript value (bytes that are not UTF-8): `why` says so. */
export class Unreadable {
  constructor(readonly why: string) {}
}

/** What a column's annotations make of its physical values. */
interface Reading {
  /** Nanoseconds per unit of a timestamp, time or date column; undefined for other columns. */
  readonly scale?: bigint;
  readonly unsigned?: boolean;
  readonly decimalScale?: number;
  readonly uuid?: boolean;
  readonly float16?: boolean;
}

function readingOf(e: SchemaElement): Reading {
  const l = e.logical_type;
  if (l?.type === 'TIMESTAMP' || l?.type === 'TIME') return { scale: NS[l.unit] ?? 1n };
  if (l?.type === 'DATE' || e.converted_type === 'DATE') return { scale: NS_PER_DAY };
  if (l?.type === 'DECIMAL') return { decimalScale: l.scale };
  if (l?.type === 'UUID') return { uuid: true };
  if (l?.type === 'FLOAT16') return { float16: true };
  if (l?.type === 'INTEGER') return { unsigned: !l.isSigned };
  switch (e.converted_type) {
    case 'TIMESTAMP_MILLIS':
    case 'TIME_MILLIS':
      return { scale: NS.MILLIS! };
    case 'TIMESTAMP_MICROS':
    case 'TIME_MICROS':
      return { scale: NS.MICROS! };
    case 'DECIMAL':
      return { decimalScale: e.scale ?? 0 };
    case 'UINT_8':
    case 'UINT_16':
    case 'UINT_32':
    case 'UINT_64':
      return { unsigned: true };
    default:
      return {};
  }
}

/** The JavaScript value of one physical value of the column. */
export function naturalValue(e: SchemaElement): (raw: unknown) => unknown {
  const r = readingOf(e);
  switch (e.type) {
    case 'INT32':
    case 'INT64': {
      if (r.scale !== undefined) return (v) => BigInt(v as number | bigint) * r.scale!;
      if (r.decimalScale !== undefined) return (v) => Number(v) / 10 ** r.decimalScale!;
      if (r.unsigned) return e.type === 'INT32' ? (v) => (v as number) >>> 0 : (v) => BigInt.asUintN(64, v as bigint);
      return (v) => v;
    }
    case 'INT96':
      // Impala's timestamps: nanoseconds of the day in the low 64 bits, the Julian day above them.
      return (v) =>
        ((v as bigint) >> 64n) * NS_PER_DAY - JULIAN_UNIX_EPOCH * NS_PER_DAY + BigInt.asUintN(64, v as bigint);
    case 'FLOAT':
    case 'DOUBLE':
    case 'BOOLEAN':
      return (v) => v;
    case 'BYTE_ARRAY':
    case 'FIXED_LEN_BYTE_ARRAY':
    case undefined:
      if (r.decimalScale !== undefined) return (v) => parseDecimal(v as Uint8Array) / 10 ** r.decimalScale!;
      if (r.uuid) return (v) => uuidText(v as Uint8Array);
      if (r.float16) return (v) => parseFloat16(v as Uint8Array);
      return (v) => text(v as Uint8Array);
    default:
      return assertNever(e.type);
  }
}

function text(bytes: Uint8Array): string | Unreadable {
  try {
    return utf8.decode(bytes);
  } catch {
    return new Unreadable('is not valid UTF-8 text (PxL reads byte arrays as text)');
  }
}

function uuidText(b: Uint8Array): string {
  const hex = Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export interface ConvertedChunk {
  /** A dictionary-encoded STRING or UINT128 chunk stays codes and converted dictionary entries. */
  readonly column: GroupColumn;
  /** Set when a time was read from text without an offset (as UTC): the first such row. */
  readonly noOffsetRow?: number;
}

/** The chunk as a column of `type`; `fail` reports the first value that does not fit it. */
export function chunkColumn(chunk: ChunkValues, e: SchemaElement, type: DataType, fail: Fail): ConvertedChunk {
  if (chunk.kind === 'dictionary') return dictionaryChunk(chunk.dictionary, chunk.codes, e, type, fail);
  const fast = typedChunk(chunk.values, e, type, fail);
  return fast ? { column: fast } : valueByValue(chunk.values, e, type, fail);
}

/** The typed-array cases: no JavaScript value per row. */
function typedChunk(values: DecodedArray, e: SchemaElement, type: DataType, fail: Fail): ColumnData | undefined {
  const r = readingOf(e);
  const plain = !r.unsigned && r.decimalScale === undefined;
  if ((type === 'INT64' || type === 'TIME64NS') && plain) {
    if (values instanceof BigInt64Array)
      return r.scale === undefined || r.scale === 1n ? values : scaled(values, r.scale, fail);
    // Dates and times of day in INT32 go value by value: days as nanoseconds can pass the int64 range.
    if (values instanceof Int32Array && r.scale === undefined) {
      const out = new BigInt64Array(values.length);
      for (let i = 0; i < values.length; i++) out[i] = BigInt(values[i]!);
      return out;
    }
  }
  if (type === 'FLOAT64' && plain && r.scale === undefined) {
    if (values instanceof Float64Array) return values;
    if (values instanceof Float32Array || values instanceof Int32Array) return Float64Array.from(values);
  }
  if (type === 'BOOLEAN' && e.type === 'BOOLEAN' && Array.isArray(values))
    return Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0));
  if (type === 'UINT128' && r.uuid && e.type_length === 16) return (values as Uint8Array[]).map(uint128);
  return undefined;
}

/** Timestamps of a coarser unit as nanoseconds; one past the int64 range is an error at its row. */
function scaled(values: BigInt64Array, scale: bigint, fail: Fail): BigInt64Array {
  return scaleTimes(values, values.length, scale, (i, ns) =>
    fail(i, `${ns} (nanoseconds) does not fit in a 64-bit integer`),
  );
}

function uint128(b: Uint8Array): bigint {
  let x = 0n;
  for (let i = 0; i < b.length; i++) x = (x << 8n) | BigInt(b[i]!);
  return x;
}

function valueByValue(values: DecodedArray, e: SchemaElement, type: DataType, fail: Fail): ConvertedChunk {
  const natural = naturalValue(e);
  const out = allocColumn(type, values.length);
  let noOffsetRow: number | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = natural(values[i]);
    if (v instanceof Unreadable) fail(i, v.why);
    const c = convertValue(v, type);
    if (!c.ok) fail(i, c.why);
    if (c.noOffset && noOffsetRow === undefined) noOffsetRow = i;
    storeValue(out, i, type, c.value);
  }
  return noOffsetRow === undefined ? { column: out } : { column: out, noOffsetRow };
}

/** Each dictionary entry converted once; an entry that does not fit is an error at the first row that uses it. */
function dictionaryChunk(
  dictionary: DecodedArray,
  codes: Int32Array,
  e: SchemaElement,
  type: DataType,
  fail: Fail,
): ConvertedChunk {
  const natural = naturalValue(e);
  const entries: (boolean | bigint | number | string)[] = new Array(dictionary.length);
  const why: (string | undefined)[] = new Array(dictionary.length);
  let noOffset: Uint8Array | undefined;
  for (let k = 0; k < dictionary.length; k++) {
    const v = natural(dictionary[k]);
    const c = v instanceof Unreadable ? { ok: false as const, why: v.why } : convertValue(v, type);
    if (c.ok) {
      entries[k] = c.value;
      if (c.noOffset) (noOffset ??= new Uint8Array(dictionary.length))[k] = 1;
    } else {
      why[k] = c.why;
    }
  }
  let noOffsetRow: number | undefined;
  if (why.some((w) => w !== undefined) || noOffset) {
    for (let i = 0; i < codes.length; i++) {
      const w = why[codes[i]!];
      if (w !== undefined) fail(i, w);
      if (noOffset?.[codes[i]!] && noOffsetRow === undefined) noOffsetRow = i;
    }
  }
  const column =
    type === 'STRING' || type === 'UINT128'
      ? { codes, values: entries as (string | bigint)[] }
      : gatherEntries(entries, codes, type);
  return noOffsetRow === undefined ? { column } : { column, noOffsetRow };
}

/** A typed column of each row's dictionary entry (the entries already converted to the column's type). */
function gatherEntries(
  entries: readonly (boolean | bigint | number | string)[],
  codes: Int32Array,
  type: DataType,
): ColumnData {
  const n = codes.length;
  if (type === 'BOOLEAN') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = entries[codes[i]!] ? 1 : 0;
    return out;
  }
  if (type === 'FLOAT64') {
    const typed = Float64Array.from(entries as number[]);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = typed[codes[i]!]!;
    return out;
  }
  // INT64 and TIME64NS move as two 32-bit words: no BigInt per row.
  const typed = BigInt64Array.from(entries as bigint[]);
  const w = int64Words(typed);
  const out = allocColumn(type, n) as BigInt64Array;
  const o = int64Words(out);
  if (!w || !o) {
    for (let i = 0; i < n; i++) out[i] = typed[codes[i]!]!;
    return out;
  }
  for (let i = 0; i < n; i++) {
    const k = 2 * codes[i]!;
    o[2 * i] = w[k]!;
    o[2 * i + 1] = w[k + 1]!;
  }
  return out;
}
