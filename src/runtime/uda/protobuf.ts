// A minimal protocol-buffers writer: varints, length-delimited fields and packed repeated varints,
// enough to serialize a pprof Profile without a protobuf dependency.

export class ProtoWriter {
  private readonly bytes: number[] = [];

  varint(value: bigint | number): this {
    let v = BigInt.asUintN(64, BigInt(value));
    while (v >= 0x80n) {
      this.bytes.push(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.bytes.push(Number(v));
    return this;
  }

  /** Field `field` as a varint; proto3 omits zero values. */
  uint(field: number, value: bigint | number): this {
    if (BigInt(value) === 0n) return this;
    return this.varint(field << 3).varint(value);
  }

  bytesField(field: number, data: Uint8Array | readonly number[]): this {
    this.varint((field << 3) | 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  message(field: number, inner: ProtoWriter): this {
    return this.bytesField(field, inner.bytes);
  }

  string(field: number, text: string): this {
    return this.bytesField(field, Buffer.from(text, 'utf8'));
  }

  packed(field: number, values: readonly (bigint | number)[]): this {
    if (values.length === 0) return this;
    const inner = new ProtoWriter();
    for (const v of values) inner.varint(v);
    return this.bytesField(field, inner.bytes);
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}
