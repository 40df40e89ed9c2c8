// Reading the two small messages a collector answers with — an Export*ServiceResponse's partial success, and the
// google.rpc.Status (with RetryInfo) of a gRPC error — straight from their bytes, so that sending needs no
// protobufjs. Unknown fields are skipped, as protobuf requires; a malformed message throws.

/** One field of a message: its number, and its varint value or its bytes. */
interface Field {
  readonly field: number;
  readonly varint?: bigint;
  readonly bytes?: Uint8Array;
}

function* fields(b: Uint8Array): Generator<Field> {
  let p = 0;
  const varint = (): bigint => {
    let v = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (p >= b.length || shift > 63n) throw new Error('malformed protobuf varint');
      const x = b[p++]!;
      v |= BigInt(x & 127) << shift;
      if (x < 128) return v;
    }
  };
  while (p < b.length) {
    const tag = Number(varint());
    const field = tag >>> 3;
    switch (tag & 7) {
      case 0:
        yield { field, varint: varint() };
        break;
      case 1:
        p += 8;
        break;
      case 2: {
        const len = Number(varint());
        if (p + len > b.length) throw new Error('malformed protobuf length');
        yield { field, bytes: b.subarray(p, p + len) };
        p += len;
        break;
      }
      case 5:
        p += 4;
        break;
      default:
        throw new Error(`unsupported protobuf wire type ${tag & 7}`);
    }
    if (p > b.length) throw new Error('truncated protobuf message');
  }
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** An Export*ServiceResponse: its partial_success (1) {rejected_* (1), error_message (2)}, if present. */
export function readPartialSuccess(body: Uint8Array): { rejected: number; message: string } | undefined {
  let out: { rejected: number; message: string } | undefined;
  for (const f of fields(body)) {
    if (f.field !== 1 || !f.bytes) continue;
    out ??= { rejected: 0, message: '' };
    for (const g of fields(f.bytes)) {
      if (g.field === 1 && g.varint !== undefined) out.rejected = Number(BigInt.asIntN(64, g.varint));
      if (g.field === 2 && g.bytes) out.message = text(g.bytes);
    }
  }
  return out;
}

/**
 * The delay of the google.rpc.RetryInfo among a google.rpc.Status's details (3: Any {type_url (1), value (2)}),
 * RetryInfo {retry_delay (1): Duration {seconds (1), nanos (2)}}; undefined when there is none.
 */
export function readRetryDelayMs(status: Uint8Array, retryInfoTypeUrl: string): number | undefined {
  for (const f of fields(status)) {
    if (f.field !== 3 || !f.bytes) continue;
    let url = '';
    let value: Uint8Array | undefined;
    for (const g of fields(f.bytes)) {
      if (g.field === 1 && g.bytes) url = text(g.bytes);
      if (g.field === 2 && g.bytes) value = g.bytes;
    }
    if (url !== retryInfoTypeUrl || !value) continue;
    for (const g of fields(value)) {
      if (g.field !== 1 || !g.bytes) continue;
      let seconds = 0;
      let nanos = 0;
      for (const d of fields(g.bytes)) {
        if (d.field === 1 && d.varint !== undefined) seconds = Number(BigInt.asIntN(64, d.varint));
        if (d.field === 2 && d.varint !== undefined) nanos = Number(BigInt.asIntN(32, d.varint));
      }
      return Math.max(0, seconds * 1000 + nanos / 1e6);
    }
    return undefined;
  }
  return undefined;
}
