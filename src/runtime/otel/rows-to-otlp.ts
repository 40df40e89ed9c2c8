// Table rows → encoded OTLP export requests, as Pixie's OTel export sink maps them: one data point, span or log
// record per row (per metric/span/log config), timestamped with the row's own time to the nanosecond; INT64 stays
// integral (intValue / asInt) and FLOAT64 stays double.
//
// Requests are built lazily, one at a time as the transport asks for them, so memory stays flat however many rows
// there are; each is bounded by row count and by encoded size, so none exceeds gRPC's default 4 MiB message limit
// (Pixie fails there: pixie-io/pixie#1112) — rows with big attributes just make smaller requests.

import type { Table } from '../table.js';
import type { OtlpSignal } from './proto.js';
import { groupByResource, type ResourceGroup } from './resources.js';
import {
  Columns,
  parentSpanId,
  spanId,
  stringOrBytes,
  traceId,
  hexBytes,
  type AnyValue,
  type KeyValue,
} from './row-values.js';
import { wellFormedText } from '../udf/bytes.js';
import { FIXED64, LEN, ProtoWriter, VARINT, encodedOnce, wordsOf } from './proto-writer.js';
import { assertNever } from '../../core/assert-never.js';
import type { ColumnData } from '../../core/types.js';
import { dictionaryOf } from '../ops/dictionary.js';
import {
  isMetric,
  type Attribute,
  type HistogramSpec,
  type LogSpec,
  type MetricSpec,
  type OTelExportSpec,
  type SpanSpec,
  type SummarySpec,
} from '../../core/otel-spec.js';

export const SCOPE = { name: 'pxlc', version: '1' } as const;

/** One encoded request and how many points/spans/records it carries (for delivery accounting). */
export interface OtlpBatch {
  readonly encoded: Uint8Array;
  readonly items: number;
}

export interface BatchLimits {
  readonly maxRows: number;
  /** Encoded request size; a single row above it still makes a request of its own (the transport refuses it). */
  readonly maxBytes: number;
}

/** gRPC's default maximum message size, less room for the framing. */
export const GRPC_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;
export const DEFAULT_LIMITS: BatchLimits = { maxRows: 5000, maxBytes: GRPC_MAX_MESSAGE_BYTES - 16 * 1024 };

// Requests are written straight from the columns into one reused buffer (proto-writer.ts), field by field in the
// order of the OTLP .proto field numbers: no message objects. What repeats is encoded once: literal attributes, a
// metric's name/description/unit, and each distinct value of a string attribute column.

/** Writes one row's part of a message. */
type RowWriter = (w: ProtoWriter, row: number) => void;

/** Distinct values of a column whose encoded field is kept; past this many, values are encoded each time. */
const CACHED_VALUES = 4096;

/** Writers for the fields of one table's rows, built once per table. */
class Fields {
  constructor(private readonly cols: Columns) {}

  /** A fixed64/sfixed64 field from an integer column (a FLOAT64 one truncated). */
  fixed64(field: number, column: string): RowWriter {
    const { data, type } = this.cols.get(column);
    if (data instanceof BigInt64Array) {
      const words = wordsOf(data);
      return (w, row) => {
        w.tag(field, FIXED64);
        w.fixed64At(words, row);
      };
    }
    if (type === 'FLOAT64') {
      const f = data as Float64Array;
      return (w, row) => {
        w.tag(field, FIXED64);
        w.fixed64(BigInt(Math.trunc(f[row]!)));
      };
    }
    return (w, row) => {
      w.tag(field, FIXED64);
      w.fixed64(this.cols.int(column, row));
    };
  }

  double(field: number, column: string): RowWriter {
    const { data } = this.cols.get(column);
    if (data instanceof Float64Array)
      return (w, row) => {
        w.tag(field, FIXED64);
        w.double(data[row]!);
      };
    return (w, row) => {
      w.tag(field, FIXED64);
      w.double(this.cols.float(column, row));
    };
  }

  /**
   * A string field from a column: the encoded field of each distinct value kept (up to CACHED_VALUES of them). A
   * protobuf string must be UTF-8 (a receiver rejects the whole request otherwise): bytes outside it become U+FFFD.
   */
  string(field: number, column: string, wrap?: (w: ProtoWriter, s: string) => void): RowWriter {
    const write = wrap ?? ((w: ProtoWriter, s: string) => w.string(wellFormedText(s)));
    return cachedByValue(
      (row) => this.cols.string(column, row),
      (w, s) => {
        w.tag(field, LEN);
        write(w, s);
      },
      this.cols.get(column).data,
    );
  }

  /** The KeyValue fields of a data point, span or log record's attributes. */
  attributes(field: number, list: readonly Attribute[]): RowWriter | undefined {
    const writers = list.map((a) => this.attribute(field, a));
    if (writers.length === 0) return undefined;
    if (writers.length === 1) return writers[0];
    return (w, row) => {
      for (const f of writers) f(w, row);
    };
  }

  private attribute(field: number, a: Attribute): RowWriter {
    const head = (w: ProtoWriter) => {
      w.tag(field, LEN);
    };
    if (a.value.kind === 'string') {
      const value = stringOrBytes(a.value.value);
      const bytes = encodedOnce((w) => message(w, field, () => writeKeyValue(w, { key: a.key, value })));
      return (w) => w.raw(bytes);
    }
    const { data, type } = this.cols.get(a.value.column);
    const key = encodedOnce((w) => {
      w.tag(1, LEN);
      w.string(a.key);
    });
    const kv = (w: ProtoWriter, value: (w: ProtoWriter) => void) => {
      head(w);
      const m = w.begin();
      w.raw(key);
      w.tag(2, LEN);
      const v = w.begin();
      value(w);
      w.end(v);
      w.end(m);
    };
    switch (type) {
      case 'STRING':
      case 'UINT128': {
        const raw = data as ArrayLike<string | bigint>;
        return cachedByValue(
          (row) => raw[row]!,
          (w, s) => kv(w, (w) => writeAnyValue(w, stringOrBytes(String(s)))),
          data,
        );
      }
      case 'INT64':
      case 'TIME64NS': {
        const ints = data as BigInt64Array;
        return (w, row) =>
          kv(w, (w) => {
            w.tag(3, VARINT);
            w.int64(ints[row]!);
          });
      }
      case 'FLOAT64': {
        const fs = data as Float64Array;
        return (w, row) =>
          kv(w, (w) => {
            w.tag(4, FIXED64);
            w.double(fs[row]!);
          });
      }
      case 'BOOLEAN': {
        const bs = data as Uint8Array;
        return (w, row) =>
          kv(w, (w) => {
            w.tag(2, VARINT);
            w.bool(bs[row] === 1);
          });
      }
      default:
        return assertNever(type);
    }
  }
}

/**
 * A row writer that encodes each distinct value once (into its own small buffer) and copies those bytes after,
 * while the values seen stay under CACHED_VALUES; values past that are encoded in place. A dictionary-encoded
 * column (ops/dictionary.ts) is cached by its codes, without hashing its values.
 */
function cachedByValue<V>(
  value: (row: number) => V,
  write: (w: ProtoWriter, v: V) => void,
  column: ColumnData,
): RowWriter {
  const d = dictionaryOf(column);
  if (d && d.values.length <= CACHED_VALUES) {
    const byCode: (Uint8Array | undefined)[] = new Array<Uint8Array | undefined>(d.values.length).fill(undefined);
    const codes = d.codes;
    return (w, row) => {
      const c = codes[row]!;
      let bytes = byCode[c];
      if (!bytes) byCode[c] = bytes = encodedOnce((x) => write(x, value(row)));
      w.raw(bytes);
    };
  }
  const seen = new Map<V, Uint8Array>();
  return (w, row) => {
    const v = value(row);
    const bytes = seen.get(v);
    if (bytes) return w.raw(bytes);
    if (seen.size >= CACHED_VALUES) return write(w, v);
    const once = encodedOnce((x) => write(x, v));
    seen.set(v, once);
    w.raw(once);
  };
}

/** A KeyValue message's body (key, then its AnyValue). */
function writeKeyValue(w: ProtoWriter, kv: KeyValue): void {
  w.tag(1, LEN);
  w.string(kv.key);
  w.tag(2, LEN);
  const v = w.begin();
  writeAnyValue(w, kv.value);
  w.end(v);
}

/** An AnyValue message's body: string_value = 1, bool_value = 2, int_value = 3, double_value = 4, bytes_value = 7. */
function writeAnyValue(w: ProtoWriter, value: AnyValue): void {
  if ('stringValue' in value) {
    w.tag(1, LEN);
    w.string(value.stringValue);
  } else if ('bytesValue' in value) {
    w.tag(7, LEN);
    w.bytes(value.bytesValue);
  } else if ('boolValue' in value) {
    w.tag(2, VARINT);
    w.bool(value.boolValue);
  } else if ('intValue' in value) {
    w.tag(3, VARINT);
    w.int64(BigInt(value.intValue));
  } else {
    w.tag(4, FIXED64);
    w.double(value.doubleValue);
  }
}

/** A length-delimited field written by `body`. */
function message(w: ProtoWriter, field: number, body: () => void): void {
  w.tag(field, LEN);
  const m = w.begin();
  body();
  w.end(m);
}

/** OTLP AggregationTemporality: 1 = delta, 2 = cumulative. */
const temporality = (t: 'cumulative' | 'delta') => (t === 'delta' ? 1 : 2);

/** A metric's points (the field inside its Gauge/Sum/Summary/Histogram), one per row. */
function pointsWriter(m: MetricSpec, f: Fields, cols: Columns): RowWriter {
  switch (m.kind) {
    case 'gauge':
    case 'sum': {
      // NumberDataPoint: time_unix_nano = 3, as_double = 4 | as_int = 6, attributes = 7.
      const time = f.fixed64(3, 'time_');
      const value = m.value.dataType === 'INT64' ? f.fixed64(6, m.value.column) : f.double(4, m.value.column);
      const attrs = f.attributes(7, m.attributes);
      return (w, row) => {
        w.tag(1, LEN);
        const m = w.begin();
        time(w, row);
        value(w, row);
        attrs?.(w, row);
        w.end(m);
      };
    }
    case 'summary':
      return summaryPoints(m, f);
    case 'histogram':
      return histogramPoints(m, f, cols);
    default:
      return assertNever(m);
  }
}

function summaryPoints(s: SummarySpec, f: Fields): RowWriter {
  // SummaryDataPoint: time_unix_nano = 3, count = 4, sum = 5, quantile_values = 6 {quantile = 1, value = 2}, attributes = 7.
  const time = f.fixed64(3, 'time_');
  const count = f.fixed64(4, s.count.column);
  const sum = f.double(5, s.sum.column);
  const quantiles = s.quantiles.map((q) => ({
    quantile: encodedOnce((w) => {
      w.tag(1, FIXED64);
      w.double(q.quantile);
    }),
    value: f.double(2, q.column),
  }));
  const attrs = f.attributes(7, s.attributes);
  return (w, row) => {
    w.tag(1, LEN);
    const m = w.begin();
    time(w, row);
    count(w, row);
    sum(w, row);
    for (const q of quantiles) {
      w.tag(6, LEN);
      const v = w.begin();
      w.raw(q.quantile);
      q.value(w, row);
      w.end(v);
    }
    attrs?.(w, row);
    w.end(m);
  };
}

function histogramPoints(h: HistogramSpec, f: Fields, cols: Columns): RowWriter {
  // HistogramDataPoint: time_unix_nano = 3, count = 4, sum = 5, bucket_counts = 6 (packed), explicit_bounds = 7
  // (packed), attributes = 9, min = 11, max = 12.
  const time = f.fixed64(3, 'time_');
  const sum = h.sum !== undefined ? f.double(5, h.sum) : undefined;
  const bounds =
    h.bounds.length === 0
      ? undefined
      : encodedOnce((w) =>
          message(w, 7, () => {
            for (const b of h.bounds) w.double(b);
          }),
        );
  const attrs = f.attributes(9, h.attributes);
  const min = h.min !== undefined ? f.double(11, h.min) : undefined;
  const max = h.max !== undefined ? f.double(12, h.max) : undefined;
  const counts: bigint[] = [];
  return (w, row) =>
    message(w, 1, () => {
      time(w, row);
      counts.length = 0;
      for (const b of h.buckets) counts.push(cols.int(b, row));
      w.tag(4, FIXED64);
      w.fixed64(h.count !== undefined ? cols.int(h.count, row) : counts.reduce((a, b) => a + b, 0n));
      sum?.(w, row);
      if (counts.length > 0)
        message(w, 6, () => {
          for (const c of counts) w.fixed64(c);
        });
      if (bounds) w.raw(bounds);
      attrs?.(w, row);
      min?.(w, row);
      max?.(w, row);
    });
}

/** A Metric with the points of `rows`: name = 1, description = 2, unit = 3, then its data field. */
function metricWriter(m: MetricSpec, f: Fields, cols: Columns): (w: ProtoWriter, rows: readonly number[]) => void {
  const head = encodedOnce((w) => {
    w.tag(1, LEN);
    w.string(m.name);
    w.tag(2, LEN);
    w.string(m.description);
    w.tag(3, LEN);
    w.string(m.unit);
  });
  const points = pointsWriter(m, f, cols);
  const dataField = { gauge: 5, sum: 7, histogram: 9, summary: 11 }[m.kind];
  // Sum: aggregation_temporality = 2, is_monotonic = 3; Histogram: aggregation_temporality = 2.
  const tail =
    m.kind === 'sum'
      ? encodedOnce((w) => {
          w.tag(2, VARINT);
          w.int32(temporality(m.temporality));
          w.tag(3, VARINT);
          w.bool(m.isMonotonic);
        })
      : m.kind === 'histogram'
        ? encodedOnce((w) => {
            w.tag(2, VARINT);
            w.int32(temporality(m.temporality));
          })
        : undefined;
  return (w, rows) =>
    message(w, 2, () => {
      w.raw(head);
      message(w, dataField, () => {
        for (const r of rows) points(w, r);
        if (tail) w.raw(tail);
      });
    });
}

/** Pixie sets a span's status explicitly, always UNSET: status = 15 {code = 3: 0}. */
const SPAN_STATUS = encodedOnce((w) =>
  message(w, 15, () => {
    w.tag(3, VARINT);
    w.int32(0);
  }),
);

function spanWriter(s: SpanSpec, f: Fields, cols: Columns): RowWriter {
  // Span: trace_id = 1, span_id = 2, parent_span_id = 4, name = 5, kind = 6, start = 7, end = 8, attributes = 9, status = 15.
  const name =
    s.name.kind === 'string'
      ? constant(
          encodedOnce((w) => {
            w.tag(5, LEN);
            w.string((s.name as { value: string }).value);
          }),
        )
      : f.string(5, s.name.column);
  const kind = encodedOnce((w) => {
    w.tag(6, VARINT);
    w.int32(s.spanKind);
  });
  const start = f.fixed64(7, s.startTime);
  const end = f.fixed64(8, s.endTime);
  const attrs = f.attributes(9, s.attributes);
  return (w, row) => {
    w.tag(2, LEN);
    const m = w.begin();
    w.tag(1, LEN);
    w.bytes(traceId(s.traceId !== undefined ? cols.string(s.traceId, row) : undefined));
    w.tag(2, LEN);
    w.bytes(spanId(s.spanId !== undefined ? cols.string(s.spanId, row) : undefined));
    const parent = s.parentSpanId !== undefined ? parentSpanId(cols.string(s.parentSpanId, row)) : undefined;
    if (parent) {
      w.tag(4, LEN);
      w.bytes(parent);
    }
    name(w, row);
    w.raw(kind);
    start(w, row);
    end(w, row);
    attrs?.(w, row);
    w.raw(SPAN_STATUS);
    w.end(m);
  };
}

function logWriter(l: LogSpec, f: Fields, cols: Columns): RowWriter {
  // LogRecord: time_unix_nano = 1, severity_number = 2, severity_text = 3, body = 5 (AnyValue string_value = 1),
  // attributes = 6, trace_id = 9, span_id = 10, observed_time_unix_nano = 11.
  const time = f.fixed64(1, l.time);
  const observed = f.fixed64(11, l.observedTime ?? l.time);
  const sevNumber =
    l.severityNumber.kind === 'literal'
      ? constant(
          encodedOnce((w) => {
            w.tag(2, VARINT);
            w.int64(BigInt((l.severityNumber as { value: number }).value));
          }),
        )
      : (w: ProtoWriter, row: number) => {
          w.tag(2, VARINT);
          w.int64(cols.int((l.severityNumber as { column: string }).column, row));
        };
  const sevText =
    l.severityText.kind === 'literal'
      ? constant(
          encodedOnce((w) => {
            w.tag(3, LEN);
            w.string((l.severityText as { value: string }).value);
          }),
        )
      : f.string(3, l.severityText.column);
  const bodyString = (w: ProtoWriter, s: string) => {
    const m = w.begin();
    writeAnyValue(w, stringOrBytes(s));
    w.end(m);
  };
  const body =
    l.body.kind === 'literal'
      ? constant(
          encodedOnce((w) => {
            w.tag(5, LEN);
            bodyString(w, (l.body as { value: string }).value);
          }),
        )
      : f.string(5, l.body.column, bodyString);
  const attrs = f.attributes(6, l.attributes);
  return (w, row) => {
    w.tag(2, LEN);
    const m = w.begin();
    time(w, row);
    sevNumber(w, row);
    sevText(w, row);
    body(w, row);
    attrs?.(w, row);
    const trace = l.traceId !== undefined ? hexBytes(cols.string(l.traceId, row)) : undefined;
    if (trace?.length === 16) {
      w.tag(9, LEN);
      w.bytes(trace);
    }
    const sid = l.spanId !== undefined ? hexBytes(cols.string(l.spanId, row)) : undefined;
    if (sid?.length === 8) {
      w.tag(10, LEN);
      w.bytes(sid);
    }
    observed(w, row);
    w.end(m);
  };
}

const constant =
  (bytes: Uint8Array): RowWriter =>
  (w) =>
    w.raw(bytes);

/** InstrumentationScope as the scope field (1) of every ScopeMetrics/ScopeSpans/ScopeLogs. */
const SCOPE_FIELD = encodedOnce((w) =>
  message(w, 1, () => {
    w.tag(1, LEN);
    w.string(SCOPE.name);
    w.tag(2, LEN);
    w.string(SCOPE.version);
  }),
);

/** Writes a whole request for resource groups into `w`; returns how many items it holds. */
type Build = (w: ProtoWriter, groups: readonly ResourceGroup[]) => number;

/** What one resource group's scope entry holds (metrics with their points, spans, log records), and their count. */
function contents(
  signal: OtlpSignal,
  spec: OTelExportSpec,
  cols: Columns,
): ((w: ProtoWriter, rows: readonly number[]) => number) | undefined {
  const f = new Fields(cols);
  if (signal === 'metrics') {
    const ms = spec.data.filter(isMetric).map((m) => metricWriter(m, f, cols));
    return ms.length === 0
      ? undefined
      : (w, rows) => {
          for (const m of ms) m(w, rows);
          return rows.length * ms.length;
        };
  }
  const items =
    signal === 'traces'
      ? spec.data.filter((d): d is SpanSpec => d.kind === 'span').map((s) => spanWriter(s, f, cols))
      : spec.data.filter((d): d is LogSpec => d.kind === 'log').map((l) => logWriter(l, f, cols));
  return items.length === 0
    ? undefined
    : (w, rows) => {
        for (const item of items) for (const r of rows) item(w, r);
        return rows.length * items.length;
      };
}

function builder(signal: OtlpSignal, spec: OTelExportSpec, cols: Columns): Build | undefined {
  const of = contents(signal, spec, cols);
  if (!of) return undefined;
  // Export*ServiceRequest: resource_* = 1; Resource*: resource = 1 (attributes = 1), scope_* = 2; Scope*: scope = 1, items = 2.
  return (w, groups) => {
    let items = 0;
    for (const { resource, rows } of groups) {
      message(w, 1, () => {
        message(w, 1, () => {
          for (const kv of resource) message(w, 1, () => writeKeyValue(w, kv));
        });
        message(w, 2, () => {
          w.raw(SCOPE_FIELD);
          items += of(w, rows);
        });
      });
    }
    return items;
  };
}

export function signalsOf(spec: OTelExportSpec): OtlpSignal[] {
  const out: OtlpSignal[] = [];
  if (spec.data.some(isMetric)) out.push('metrics');
  if (spec.data.some((d) => d.kind === 'span')) out.push('traces');
  if (spec.data.some((d) => d.kind === 'log')) out.push('logs');
  return out;
}

/**
 * The requests of one signal for a table, built when asked for. A chunk whose encoding is over `maxBytes` is
 * rebuilt with fewer rows; the row count then adapts to the bytes per row seen so far.
 */
export function* otlpBatches(
  signal: OtlpSignal,
  spec: OTelExportSpec,
  table: Table,
  limits: BatchLimits = DEFAULT_LIMITS,
): Generator<OtlpBatch> {
  if (table.length === 0) return;
  const cols = new Columns(table);
  const build = builder(signal, spec, cols);
  if (!build) return;
  const w = new ProtoWriter();
  const target = limits.maxBytes * 0.9;
  let rows = limits.maxRows;
  for (let from = 0; from < table.length;) {
    const to = Math.min(table.length, from + rows);
    w.reset();
    const items = build(w, groupByResource(spec, cols, from, to));
    const size = w.pos;
    const fits = Math.max(1, Math.floor(((to - from) * target) / Math.max(1, size)));
    if (size > limits.maxBytes && to - from > 1) {
      rows = Math.min(fits, to - from - 1);
      continue;
    }
    if (items > 0) yield { encoded: w.finish(), items };
    from = to;
    rows = Math.min(limits.maxRows, fits);
  }
}
