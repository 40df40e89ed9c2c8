// Checking an OTLP export request and counting its points, spans or log records from its bytes, without decoding
// it into objects: the collector keeps the bytes and decodes them only when something reads them (tests, printing),
// so a fast sender is not held back by a tree of objects per point that nobody looks at.
//
// The walk follows the official message definitions (the same protobufjs types the decoder uses) into every nested
// message, and refuses what it is not sure of: a known field with another wire type than its definition's (packed
// repeated scalars may come either way), a varint over ten bytes, a length past its message's end. A refused request
// is then decoded by protobufjs after all, which decides (a request it decodes is kept, counted from its objects),
// so the collector accepts exactly what it accepted when it decoded everything.

import protobuf from 'protobufjs';
import { requestType, type OtlpSignal } from '../runtime/otel/proto.js';

/** One field of a message definition: the wire type it comes as, the message inside it, whether it is an item. */
interface FieldShape {
  readonly wire: number;
  /** Repeated numeric: packed (length-delimited) or one value per field. */
  readonly packable: boolean;
  readonly message?: MessageShape;
  /** A point, span or log record: what the collector counts. */
  readonly item: boolean;
}

interface MessageShape {
  /** By field number. */
  readonly fields: (FieldShape | undefined)[];
}

/** The messages whose every occurrence is one item of the request. */
const ITEM_TYPES = new Set([
  'NumberDataPoint',
  'HistogramDataPoint',
  'ExponentialHistogramDataPoint',
  'SummaryDataPoint',
  'Span',
  'LogRecord',
]);

const FIXED64_TYPES = new Set(['double', 'fixed64', 'sfixed64']);
const FIXED32_TYPES = new Set(['float', 'fixed32', 'sfixed32']);
const LEN_TYPES = new Set(['string', 'bytes']);

function wireOf(f: protobuf.Field): number {
  if (f.resolvedType instanceof protobuf.Type || LEN_TYPES.has(f.type)) return 2;
  if (FIXED64_TYPES.has(f.type)) return 1;
  if (FIXED32_TYPES.has(f.type)) return 5;
  return 0;
}

function shapeOf(type: protobuf.Type, done: Map<protobuf.Type, MessageShape>): MessageShape {
  const known = done.get(type);
  if (known) return known;
  const shape: MessageShape = { fields: [] };
  done.set(type, shape);
  for (const f of type.fieldsArray) {
    f.resolve();
    const wire = wireOf(f);
    const nested = f.resolvedType instanceof protobuf.Type ? f.resolvedType : undefined;
    shape.fields[f.id] = {
      wire,
      packable: f.repeated && wire !== 2,
      item: nested !== undefined && ITEM_TYPES.has(nested.name),
      ...(nested ? { message: shapeOf(nested, done) } : {}),
    };
  }
  return shape;
}

const shapes = new Map<OtlpSignal, MessageShape>();

function requestShape(signal: OtlpSignal): MessageShape {
  let s = shapes.get(signal);
  if (!s) shapes.set(signal, (s = shapeOf(requestType(signal), new Map())));
  return s;
}

/** Thrown when the walk is not sure; protobufjs then decides. */
class Unsure extends Error {}

/**
 * The walk over one request's bytes, counting items. Tags, lengths and unknown fields are read by protobufjs's own
 * Reader, the one its decoder uses; the walk only adds what decoding would check against the definitions.
 */
class Scan {
  items = 0;
  private readonly r: protobuf.Reader;

  constructor(bytes: Uint8Array) {
    this.r = protobuf.Reader.create(bytes);
  }

  message(shape: MessageShape, end: number): void {
    const r = this.r;
    while (r.pos < end) {
      const tag = r.uint32();
      const field = tag >>> 3;
      const wire = tag & 7;
      if (field === 0) throw new Unsure();
      const f = shape.fields[field];
      if (f !== undefined && wire !== f.wire && !(f.packable && wire === 2)) throw new Unsure();
      if (f?.message === undefined) {
        r.skipType(wire);
        if (r.pos > end) throw new Unsure();
        continue;
      }
      const inner = r.uint32() + r.pos;
      if (inner > end) throw new Unsure();
      if (f.item) this.items++;
      this.message(f.message, inner);
    }
    if (r.pos !== end) throw new Unsure();
  }
}

/**
 * The points, spans or log records of an export request, counted from its bytes; `undefined` when the walk is not
 * sure the bytes are a well-formed request (decode them to know).
 */
export function countItems(signal: OtlpSignal, bytes: Uint8Array): number | undefined {
  const scan = new Scan(bytes);
  try {
    scan.message(requestShape(signal), bytes.length);
  } catch (e) {
    // Unsure, or protobufjs's Reader past the end (RangeError) or on a malformed varint or wire type (Error).
    if (e instanceof Error) return undefined;
    throw e;
  }
  return scan.items;
}
