// A protobuf wire-format writer over one growable buffer, reused from request to request. It writes what
// protobufjs writes for the same message (fields in field-number order, canonical varints, packed repeated
// scalars), so a request encoded with it is byte for byte the one protobufjs would encode; without a tree of
// intermediate objects, it runs several times faster.
//
// A nested message is written in place: `begin()` reserves one byte for its length, `end()` fills it in, moving
// the message right in the rare case its length needs more than one varint byte.

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Wire types. */
export const VARINT = 0;
export const FIXED64 = 1;
export const LEN = 2;

const utf8 = new TextEncoder();

export class ProtoWriter {
  buf: Uint8Array;
  pos = 0;
  private view: DataView;

  constructor(initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
    this.view = new DataView(this.buf.buffer);
  }

  reset(): void {
    this.pos = 0;
  }

  /** A copy of what was written since the last reset. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.pos + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** A field's tag: (field number << 3) | wire type. */
  tag(field: number, wire: number): void {
    this.uint32((field << 3) | wire);
  }

  /** An unsigned varint below 2^32 (tags, lengths, enum values that are not negative). */
  uint32(v: number): void {
    this.ensure(5);
    const b = this.buf;
    let p = this.pos;
    v >>>= 0;
    while (v > 127) {
      b[p++] = (v & 127) | 128;
      v >>>= 7;
    }
    b[p++] = v;
    this.pos = p;
  }

  /** An int32 (enums): negative values are sign-extended to ten bytes, as protobuf requires. */
  int32(v: number): void {
    if (v >= 0) this.uint32(v);
    else this.int64(BigInt(v | 0));
  }

  /** An int64 varint (two's complement, ten bytes when negative). */
  int64(v: bigint): void {
    this.ensure(10);
    let u = BigInt.asUintN(64, v);
    const b = this.buf;
    let p = this.pos;
    while (u > 127n) {
      b[p++] = Number(u & 127n) | 128;
      u >>= 7n;
    }
    b[p++] = Number(u);
    this.pos = p;
  }

  bool(v: boolean): void {
    this.ensure(1);
    this.buf[this.pos++] = v ? 1 : 0;
  }

  fixed64(v: bigint): void {
    this.ensure(8);
    this.view.setBigUint64(this.pos, BigInt.asUintN(64, v), true);
    this.pos += 8;
  }

  /** Eight bytes of an int64 column, copied without making a bigint (sfixed64/fixed64 share the bits). */
  fixed64At(words: Uint8Array, row: number): void {
    this.ensure(8);
    const b = this.buf;
    let p = this.pos;
    let s = row * 8;
    if (LITTLE_ENDIAN) {
      for (let k = 0; k < 8; k++) b[p++] = words[s++]!;
    } else {
      for (let k = 7; k >= 0; k--) b[p++] = words[s + k]!;
    }
    this.pos = p;
  }

  double(v: number): void {
    this.ensure(8);
    this.view.setFloat64(this.pos, v, true);
    this.pos += 8;
  }

  string(s: string): void {
    // One byte of length covers strings of up to 127 bytes; longer ones go through begin/end.
    if (s.length <= 42) {
      this.ensure(1 + s.length * 3);
      const start = this.pos++;
      const { written } = utf8.encodeInto(s, this.buf.subarray(this.pos));
      this.buf[start] = written;
      this.pos += written;
      return;
    }
    const start = this.begin();
    this.ensure(s.length * 3);
    this.pos += utf8.encodeInto(s, this.buf.subarray(this.pos)).written;
    this.end(start);
  }

  bytes(v: Uint8Array): void {
    this.uint32(v.length);
    this.raw(v);
  }

  /** Bytes already in wire format (a field encoded once and reused). */
  raw(v: Uint8Array): void {
    this.ensure(v.length);
    if (v.length < 16) {
      const b = this.buf;
      let p = this.pos;
      for (let k = 0; k < v.length; k++) b[p++] = v[k]!;
      this.pos = p;
    } else {
      this.buf.set(v, this.pos);
      this.pos += v.length;
    }
  }

  /** Starts a length-delimited body (after its tag); returns the mark `end` takes. */
  begin(): number {
    this.ensure(1);
    return this.pos++;
  }

  end(start: number): void {
    const len = this.pos - start - 1;
    if (len < 128) {
      this.buf[start] = len;
      return;
    }
    let extra = 0;
    for (let v = len >>> 7; v > 0; v >>>= 7) extra++;
    this.ensure(extra);
    this.buf.copyWithin(start + 1 + extra, start + 1, this.pos);
    this.pos += extra;
    let p = start;
    let v = len;
    while (v > 127) {
      this.buf[p++] = (v & 127) | 128;
      v >>>= 7;
    }
    this.buf[p] = v;
  }
}

/** The bytes one write produces, for parts encoded once and copied into every message that has them. */
export function encodedOnce(write: (w: ProtoWriter) => void): Uint8Array {
  const w = new ProtoWriter(64);
  write(w);
  return w.finish();
}

/** The bytes of an int64 column, for `fixed64At`. */
export function wordsOf(column: BigInt64Array): Uint8Array {
  return new Uint8Array(column.buffer, column.byteOffset, column.byteLength);
}
