// The requests the collector keeps, as bytes until something reads them: a sender measured against the collector
// pays for receiving, not for objects nobody looks at. Read, they are decoded once, in arrival order, into the
// objects the collector always gave (@grpc/proto-loader's form), and only those are kept from then on.

import { countItems } from './request-scan.js';
import { requestType, type OtlpSignal } from '../runtime/otel/proto.js';

/** One request as it arrived: its bytes, its points/spans/log records, and how it is decoded when read. */
export interface RawRequest {
  readonly bytes: Uint8Array;
  readonly items: number;
  decode(): unknown;
}

/**
 * A request checked and counted from its bytes (request-scan.ts). Bytes the walk is not sure of are decoded at once
 * by `decode`, which throws on what protobufjs cannot decode, as receiving did before; what it decodes is kept.
 */
export function rawRequest(signal: OtlpSignal, bytes: Uint8Array, decode: (bytes: Uint8Array) => unknown): RawRequest {
  const items = countItems(signal, bytes);
  if (items !== undefined) return { bytes, items, decode: () => decode(bytes) };
  const decoded = decode(bytes);
  const type = requestType(signal);
  return { bytes, items: countItems(signal, type.encode(type.decode(bytes)).finish()) ?? 0, decode: () => decoded };
}

export class KeptRequests<T> {
  private readonly decoded: T[] = [];
  private readonly pending: RawRequest[] = [];

  push(r: RawRequest): void {
    this.pending.push(r);
  }

  /** Every kept request, decoded, oldest first: always the same array, so a caller may empty it to forget them. */
  all(): T[] {
    if (this.pending.length > 0) {
      for (const r of this.pending) this.decoded.push(r.decode() as T);
      this.pending.length = 0;
    }
    return this.decoded;
  }

  /** Forgets every kept request without decoding any. */
  clear(): void {
    this.decoded.length = 0;
    this.pending.length = 0;
  }
}
