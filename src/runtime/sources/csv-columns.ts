// Typed columns filled straight from a CSV or NDJSON record's bytes: integers and times from their digits (no
// string, no BigInt arithmetic), strings and UPIDs through a dictionary keyed by the field's bytes, so a value
// repeated on a million rows is decoded once and every row shares one string. Anything off the fast path (quoted
// numbers, ISO times, signs and spaces, floats) goes through the same conversion as every other source, so the
// checks and messages are the same.

import { endianness } from 'node:os';
import { assertNever } from '../../core/assert-never.js';
import type { ColumnData, DataType } from '../../core/types.js';
import { convertValue, INT64_MAX, INT64_MIN } from './convert.js';
import { withDictionary } from '../ops/dictionary.js';
import type { RecordFields } from './byte-scanner.js';

export interface CsvColumnReader {
  readonly length: number;
  /** Set once a time without an offset was read (as UTC). */
  readonly noOffset: boolean;
  /** Converts field `j` of the record and appends it; returns why it cannot. */
  take(r: RecordFields, j: number): string | undefined;
  /** Converts a value given as such (a row a byte scanner did not read) and appends it; returns why it cannot. */
  takeValue(v: unknown): string | undefined;
  /** Drops the last value (a row outside the time window). */
  pop(): void;
  /**
   * A hint: about `rows` values will be read, `kept` of them kept (the rest outside the time window). Room a
   * typed array reserves is not memory until written; an array of strings fills its room when made.
   */
  reserve?(rows: number, kept: number): void;
  finish(): ColumnData;
  /**
   * The values read since the last batch as a column, and the reader starts the next batch empty, with room for
   * `next` values. String dictionaries are kept: every batch's codes index the same growing values.
   */
  batch(next: number): ColumnData;
}

export function csvColumnReader(type: DataType): CsvColumnReader {
  switch (type) {
    case 'INT64':
    case 'TIME64NS':
      return new Int64Reader(type);
    case 'FLOAT64':
      return new FloatReader();
    case 'STRING':
      return new DictReader<string>('STRING');
    case 'UINT128':
      return new DictReader<bigint>('UINT128');
    case 'BOOLEAN':
      return new BoolReader();
    default:
      return assertNever(type);
  }
}

const LITTLE_ENDIAN = endianness() === 'LE';
const TWO_32 = 4294967296;

/**
 * Values kept in chunks of at most CHUNK rows, copied once into one array of the exact length at the end: a
 * column never holds a doubled buffer's unused half, and never its old and new buffers at once while it grows.
 */
abstract class ChunkedColumn<A extends BigInt64Array | Float64Array> {
  noOffset = false;
  protected data: A;
  /** Rows held in `data`. */
  protected at = 0;
  private full: A[] = [];
  private fullRows = 0;

  constructor(private readonly make: (n: number) => A) {
    this.data = make(1024);
  }

  get length(): number {
    return this.fullRows + this.at;
  }

  /** Makes room for one more value in `data`. */
  protected room(): void {
    if (this.at < this.data.length) return;
    this.full.push(this.data);
    this.fullRows += this.at;
    this.data = this.make(Math.min(CHUNK, this.data.length * 2));
    this.at = 0;
    this.grown();
  }

  /** Called when `data` is a new chunk. */
  protected grown(): void {}

  /** The values so far move into one chunk `rows` long, which is the column if they all fit. */
  reserve(rows: number): void {
    if (rows <= this.length || rows <= this.data.length) return;
    const bigger = this.make(rows);
    const at = this.copyTo(bigger);
    this.data = bigger;
    this.at = at;
    this.grown();
  }

  /** Copies the values into `out`, releasing the full chunks; returns how many. */
  private copyTo(out: A): number {
    let k = 0;
    for (const chunk of this.full) {
      out.set(chunk as never, k);
      k += chunk.length;
    }
    out.set(this.data.subarray(0, this.at) as never, k);
    this.full = [];
    this.fullRows = 0;
    return k + this.at;
  }

  pop(): void {
    this.at--;
  }

  finish(): ColumnData {
    // Values in one chunk are the column as they are: room reserved and never written was never touched.
    if (this.full.length === 0) return this.data.subarray(0, this.at);
    const out = this.make(this.length);
    this.copyTo(out);
    return out;
  }

  batch(next: number): ColumnData {
    const col = this.finish();
    this.full = [];
    this.fullRows = 0;
    this.at = 0;
    this.data = this.make(next);
    this.grown();
    return col;
  }
}

const CHUNK = 1 << 16;

class Int64Reader extends ChunkedColumn<BigInt64Array> implements CsvColumnReader {
  private words = new Uint32Array(this.data.buffer);

  constructor(private readonly type: 'INT64' | 'TIME64NS') {
    super((n) => new BigInt64Array(n));
  }

  protected override grown(): void {
    this.words = new Uint32Array(this.data.buffer);
  }

  /** The last value taken. */
  last(): bigint {
    return this.data[this.at - 1]!;
  }

  take(r: RecordFields, j: number): string | undefined {
    this.room();
    if (LITTLE_ENDIAN && !r.quoted(j) && this.digits(r.bytes, r.from(j), r.to(j))) return undefined;
    return this.takeValue(r.value(j));
  }

  takeValue(v: unknown): string | undefined {
    this.room();
    if (typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX) {
      this.data[this.at++] = v;
      return undefined;
    }
    const c = convertValue(v, this.type);
    if (!c.ok) return c.why;
    if (c.noOffset) this.noOffset = true;
    this.data[this.at++] = c.value as bigint;
    return undefined;
  }

  /** [-]digits of at most 19 digits that fit in an int64, written as two 32-bit words; false when not that. */
  private digits(b: Buffer, s: number, e: number): boolean {
    const neg = b[s] === 45;
    if (neg) s++;
    const len = e - s;
    if (len < 1 || len > 19) return false;
    const split = e - 9 > s ? e - 9 : s;
    let hi = 0;
    for (let i = s; i < split; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) return false;
      hi = hi * 10 + d;
    }
    let lo = 0;
    for (let i = split; i < e; i++) {
      const d = b[i]! - 48;
      if (d < 0 || d > 9) return false;
      lo = lo * 10 + d;
    }
    // The value is hi·10^9 + lo; past int64 the general path reports it.
    if (hi > 9223372036 || (hi === 9223372036 && lo > (neg ? 854775808 : 854775807))) return false;
    const hiH = Math.floor(hi / 65536);
    const x = hiH * 1e9;
    const xHi = Math.floor(x / 65536);
    const sum = (x - xHi * 65536) * 65536 + (hi - hiH * 65536) * 1e9 + lo;
    const carry = Math.floor(sum / TWO_32);
    let low = sum - carry * TWO_32;
    let high = xHi + carry;
    if (neg) {
      high = (~high + (low === 0 ? 1 : 0)) >>> 0;
      low = (TWO_32 - low) % TWO_32;
    }
    const k = this.at++ * 2;
    this.words[k] = low;
    this.words[k + 1] = high;
    return true;
  }
}

class FloatReader extends ChunkedColumn<Float64Array> implements CsvColumnReader {
  constructor() {
    super((n) => new Float64Array(n));
  }

  take(r: RecordFields, j: number): string | undefined {
    return this.takeValue(r.value(j));
  }

  takeValue(v: unknown): string | undefined {
    let x: number;
    if (typeof v === 'number') {
      x = v;
    } else {
      const c = convertValue(v, 'FLOAT64');
      if (!c.ok) return c.why;
      x = c.value as number;
    }
    this.room();
    this.data[this.at++] = x;
    return undefined;
  }
}

class BoolReader implements CsvColumnReader {
  readonly noOffset = false;
  private data: number[] = [];

  get length(): number {
    return this.data.length;
  }

  take(r: RecordFields, j: number): string | undefined {
    return this.takeValue(r.value(j));
  }

  takeValue(v: unknown): string | undefined {
    const c = convertValue(v, 'BOOLEAN');
    if (!c.ok) return c.why;
    this.data.push(c.value ? 1 : 0);
    return undefined;
  }

  pop(): void {
    this.data.pop();
  }

  finish(): ColumnData {
    return Uint8Array.from(this.data);
  }

  batch(): ColumnData {
    const col = this.finish();
    this.data = [];
    return col;
  }
}

// Values longer than this (bodies, headers) are rarely repeated: they are decoded without a lookup.
const MAX_KEY_BYTES = 256;
const MAX_ENTRIES = 1 << 16;

/**
 * STRING and UINT128 columns: each distinct field (by its raw bytes) is converted once. The table is open
 * addressing over FNV-1a hashes; keys are kept as copies of their bytes in one arena.
 */
class DictReader<T extends string | bigint> implements CsvColumnReader {
  readonly noOffset = false;
  private values: T[] = [];
  /** Rows held: values[0 .. n) (the array is longer once room is reserved, or after a pop). */
  private n = 0;
  private slots = new Int32Array(1 << 10);
  private hashes: number[] = [];
  private offsets: number[] = [];
  private lengths: number[] = [];
  private decoded: T[] = [];
  private arena = Buffer.alloc(1 << 16);
  private used = 0;
  /**
   * Each row's dictionary entry, kept as the column's codes (ops/dictionary.ts) while every value is an entry;
   * dropped (undefined) at the first value that is not (a long one, or past MAX_ENTRIES).
   */
  private codes: Int32Array | undefined = new Int32Array(1024);

  constructor(private readonly type: 'STRING' | 'UINT128') {}

  private code(k: number): void {
    const n = this.n - 1;
    if (!this.codes) return;
    if (k < 0) {
      this.codes = undefined;
      return;
    }
    if (n === this.codes.length) {
      const bigger = new Int32Array(this.codes.length * 2);
      bigger.set(this.codes);
      this.codes = bigger;
    }
    this.codes[n] = k;
  }

  get length(): number {
    return this.n;
  }

  take(r: RecordFields, j: number): string | undefined {
    const b = r.bytes;
    const s = r.from(j);
    const e = r.to(j);
    if (e - s > MAX_KEY_BYTES) return this.takeValue(r.value(j));
    let h = 0x811c9dc5;
    for (let i = s; i < e; i++) h = Math.imul(h ^ b[i]!, 0x01000193);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const at = this.slots[slot]!;
      if (at === 0) break;
      const k = at - 1;
      if (this.hashes[k] === h && this.lengths[k] === e - s && this.sameBytes(b, s, e, this.offsets[k]!)) {
        this.values[this.n++] = this.decoded[k]!;
        this.code(k);
        return undefined;
      }
    }
    const c = convertValue(r.value(j), this.type);
    if (!c.ok) return c.why;
    this.values[this.n++] = c.value as T;
    if (this.decoded.length < MAX_ENTRIES) {
      this.add(h, b, s, e, c.value as T);
      this.code(this.decoded.length - 1);
    } else {
      this.code(-1);
    }
    return undefined;
  }

  takeValue(v: unknown): string | undefined {
    if (typeof v === 'string' && this.type === 'STRING') {
      this.values[this.n++] = v as T;
      this.code(-1);
      return undefined;
    }
    const c = convertValue(v, this.type);
    if (!c.ok) return c.why;
    this.values[this.n++] = c.value as T;
    this.code(-1);
    return undefined;
  }

  private sameBytes(b: Buffer, s: number, e: number, at: number): boolean {
    const a = this.arena;
    for (let i = s; i < e; i++, at++) if (a[at] !== b[i]) return false;
    return true;
  }

  private add(h: number, b: Buffer, s: number, e: number, v: T): void {
    const len = e - s;
    if (this.used + len > this.arena.length) {
      const bigger = Buffer.alloc(Math.max(this.arena.length * 2, this.used + len));
      this.arena.copy(bigger, 0, 0, this.used);
      this.arena = bigger;
    }
    b.copy(this.arena, this.used, s, e);
    this.hashes.push(h);
    this.offsets.push(this.used);
    this.lengths.push(len);
    this.decoded.push(v);
    this.used += len;
    if (this.decoded.length * 2 > this.slots.length) this.rehash();
    else this.place(h, this.decoded.length);
  }

  private place(h: number, entry: number): void {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let k = 0; k < this.decoded.length; k++) this.place(this.hashes[k]!, k + 1);
  }

  pop(): void {
    this.n--;
  }

  finish(): ColumnData {
    const n = this.n;
    if (this.values.length !== n) this.values.length = n;
    if (this.codes) withDictionary(this.values as string[], { codes: this.codes.slice(0, n), values: this.decoded });
    return this.values as unknown as ColumnData;
  }

  batch(next: number): ColumnData {
    const col = this.finish();
    this.values = [];
    this.n = 0;
    // Each batch has codes again until a value without an entry comes (a long one, or past MAX_ENTRIES).
    this.codes = new Int32Array(Math.max(next, 1));
    return col;
  }

  /** Room for the values kept: the array is made that long once, instead of growing (and copying) as it fills. */
  reserve(_rows: number, kept: number): void {
    if (kept <= this.values.length) return;
    const bigger = new Array<T>(kept);
    for (let i = 0; i < this.n; i++) bigger[i] = this.values[i]!;
    this.values = bigger;
  }
}
