// The export shim as a typed TypeScript API, for services that have rows already and want them in OTLP exactly as a
// PxL export script would send them — without writing PxL:
//
//   await exportRows({
//     endpoint: { url: 'collector:4317', insecure: true },
//     resource: { 'service.name': serviceColumn('service') },
//     data: [gauge({ name: 'http.rps', value: 'rps', attributes: { path: column('path') } })],
//     rows,
//   });
//
// Column names are checked against the row type at compile time (`keyof R`) and against the rows at run time;
// the same mapping, batching, retries and delivery report as px.export.

import { PxlRuntimeError } from '../contracts.js';
import { makeTable, type Table } from '../table.js';
import type { ColumnData, DataType } from '../../core/types.js';
import type { ExportOptions, ExportReport } from './exporter.js';
import type { Attribute, DataSpec, LiteralOrColumn, OTelExportSpec } from '../../core/otel-spec.js';

type Name<R> = keyof R & string;
/**
 * The columns of R whose values are V (optional ones too). A column typed unknown or any (a loose row type such as
 * Record<string, unknown>) fits any role; its values are checked when the rows are read.
 */
type ColumnsOf<R, V> = {
  [K in keyof R]-?: unknown extends R[K] ? K : NonNullable<R[K]> extends V ? K : never;
}[keyof R] &
  string;
/** Gauge, Sum, Summary and Histogram values: numbers (sent as doubles) or bigints (sent as integers). */
type NumberName<R> = ColumnsOf<R, number | bigint>;
/** Times: bigint nanoseconds, Dates or ISO-8601 text. */
type TimeName<R> = ColumnsOf<R, bigint | Date | string>;
/** Hex trace and span ids. */
type TextName<R> = ColumnsOf<R, string>;

/** A column reference as an attribute value (a plain string is a literal). */
export interface ColumnRef<R> {
  readonly column: Name<R>;
  readonly expand?: boolean;
}
export type AttributeValue<R> = string | ColumnRef<R>;
export type Attributes<R> = Readonly<Record<string, AttributeValue<R>>>;

export const column = <R>(name: Name<R>): ColumnRef<R> => ({ column: name });
/** A service-name column: a JSON array value (a pod behind several services) fans out to one resource per service. */
export const serviceColumn = <R>(name: Name<R>): ColumnRef<R> => ({ column: name, expand: true });

interface MetricBase<R> {
  readonly name: string;
  readonly description?: string;
  readonly unit?: string;
  readonly attributes?: Attributes<R>;
}

/** Value column: bigint values are sent as integers (asInt), numbers as doubles. */
export interface GaugeData<R> extends MetricBase<R> {
  readonly kind: 'gauge';
  readonly value: NumberName<R>;
}
export interface SumData<R> extends MetricBase<R> {
  readonly kind: 'sum';
  readonly value: NumberName<R>;
  readonly isMonotonic?: boolean;
  readonly temporality?: 'cumulative' | 'delta';
}
export interface SummaryData<R> extends MetricBase<R> {
  readonly kind: 'summary';
  readonly count: NumberName<R>;
  readonly sum: NumberName<R>;
  readonly quantiles: Readonly<Record<number, NumberName<R>>>;
}
export interface HistogramData<R> extends MetricBase<R> {
  readonly kind: 'histogram';
  readonly buckets: readonly NumberName<R>[];
  readonly bounds: readonly number[];
  readonly count?: NumberName<R>;
  readonly sum?: NumberName<R>;
  readonly min?: NumberName<R>;
  readonly max?: NumberName<R>;
  readonly temporality?: 'cumulative' | 'delta';
}
export interface SpanData<R> {
  readonly kind: 'span';
  readonly name: string | ColumnRef<R>;
  readonly startTime: TimeName<R>;
  readonly endTime: TimeName<R>;
  readonly traceId?: TextName<R>;
  readonly spanId?: TextName<R>;
  readonly parentSpanId?: TextName<R>;
  /** OTLP span kind (SpanKind), default SERVER as in PxL. */
  readonly spanKind?: number;
  readonly attributes?: Attributes<R>;
}
export interface LogData<R> {
  readonly kind: 'log';
  readonly body: string | ColumnRef<R>;
  readonly severityNumber?: number | ColumnRef<R>;
  readonly severityText?: string | ColumnRef<R>;
  /** Default: the row's time_. */
  readonly time?: TimeName<R>;
  readonly observedTime?: TimeName<R>;
  readonly traceId?: TextName<R>;
  readonly spanId?: TextName<R>;
  readonly attributes?: Attributes<R>;
}
export type ExportData<R> = GaugeData<R> | SumData<R> | SummaryData<R> | HistogramData<R> | SpanData<R> | LogData<R>;

type Without<T> = Omit<T, 'kind'>;
export const gauge = <R>(d: Without<GaugeData<R>>): GaugeData<R> => ({ kind: 'gauge', ...d });
export const sum = <R>(d: Without<SumData<R>>): SumData<R> => ({ kind: 'sum', ...d });
export const summary = <R>(d: Without<SummaryData<R>>): SummaryData<R> => ({ kind: 'summary', ...d });
export const histogram = <R>(d: Without<HistogramData<R>>): HistogramData<R> => ({ kind: 'histogram', ...d });
export const span = <R>(d: Without<SpanData<R>>): SpanData<R> => ({ kind: 'span', ...d });
export const logRecord = <R>(d: Without<LogData<R>>): LogData<R> => ({ kind: 'log', ...d });

export const SpanKind = { UNSPECIFIED: 0, INTERNAL: 1, SERVER: 2, CLIENT: 3, PRODUCER: 4, CONSUMER: 5 } as const;
export const Severity = { TRACE: 1, DEBUG: 5, INFO: 9, WARN: 13, ERROR: 17, FATAL: 21 } as const;

export interface Endpoint {
  /** host:port, no scheme. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly insecure?: boolean;
  readonly timeoutSeconds?: number;
}

export interface ExportRowsOptions<R> extends Omit<ExportOptions, 'endpoint'> {
  /** Default: OTEL_EXPORTER_OTLP_ENDPOINT. */
  readonly endpoint?: Endpoint;
  readonly resource: Attributes<R> & { readonly 'service.name': AttributeValue<R> };
  readonly data: readonly ExportData<R>[];
  /**
   * The rows. Times (time_, span start/end, log times) are bigint nanoseconds, Dates, or ISO-8601 text; other
   * values are strings, booleans, bigints (INT64) or numbers (FLOAT64).
   */
  readonly rows: readonly R[];
}

const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

class ApiTable {
  private readonly types = new Map<string, DataType>();
  constructor(private readonly rows: readonly Record<string, unknown>[]) {}

  /** Registers a column the export reads, with the data type its role needs (undefined: from the values). */
  use(name: string, role: string, want?: DataType): DataType {
    const known = this.types.get(name);
    const type = want ?? known ?? this.inferred(name, role);
    if (known !== undefined && known !== type)
      throw new PxlRuntimeError(`column '${name}' is used both as ${known} and as ${type} (${role})`);
    this.types.set(name, type);
    return type;
  }

  private inferred(name: string, role: string): DataType {
    const v = this.rows.find((r) => r[name] !== undefined && r[name] !== null)?.[name];
    if (typeof v === 'bigint') return 'INT64';
    if (typeof v === 'number') return 'FLOAT64';
    if (typeof v === 'boolean') return 'BOOLEAN';
    if (typeof v === 'string') return 'STRING';
    if (v === undefined)
      throw new PxlRuntimeError(this.rows.length === 0 ? `no rows` : `no row has a value for '${name}' (${role})`);
    throw new PxlRuntimeError(
      `column '${name}' (${role}) holds ${Object.prototype.toString.call(v)}, not a string, boolean, bigint or number`,
    );
  }

  table(): Table {
    const names = [...this.types.keys()];
    const columns = names.map((n) => this.fill(n, this.types.get(n)!));
    return makeTable(
      names.map((n) => ({ name: n, dataType: this.types.get(n)!, semanticType: 'ST_NONE' })),
      columns,
      this.rows.length,
    );
  }

  private fill(name: string, type: DataType): ColumnData {
    const bad = (i: number, what: string): never => {
      throw new PxlRuntimeError(`row ${i}: '${name}' is ${describe(this.rows[i]![name])}, expected ${what}`);
    };
    const n = this.rows.length;
    switch (type) {
      case 'STRING':
        return this.rows.map((r, i) => (typeof r[name] === 'string' ? r[name] : bad(i, 'a string')));
      case 'BOOLEAN':
        return Uint8Array.from(this.rows, (r, i) =>
          typeof r[name] === 'boolean' ? (r[name] ? 1 : 0) : bad(i, 'a boolean'),
        );
      case 'FLOAT64':
        return Float64Array.from(this.rows, (r, i) =>
          typeof r[name] === 'number' || typeof r[name] === 'bigint' ? Number(r[name]) : bad(i, 'a number'),
        );
      case 'INT64': {
        const out = new BigInt64Array(n);
        this.rows.forEach((r, i) => {
          const v = r[name];
          if (typeof v === 'bigint') out[i] = BigInt.asIntN(64, v);
          else if (typeof v === 'number' && Number.isSafeInteger(v)) out[i] = BigInt(v);
          else bad(i, 'an integer (bigint or safe-integer number)');
        });
        return out;
      }
      case 'TIME64NS': {
        const out = new BigInt64Array(n);
        this.rows.forEach((r, i) => {
          const v = r[name];
          const t =
            typeof v === 'bigint'
              ? v
              : v instanceof Date
                ? BigInt(v.getTime()) * 1_000_000n
                : typeof v === 'string'
                  ? isoNs(v)
                  : undefined;
          out[i] = t ?? bad(i, 'a time (bigint nanoseconds, a Date or ISO-8601 text)');
        });
        return out;
      }
      case 'UINT128':
        throw new Error('internal: UINT128 is never exported');
    }
  }
}

function isoNs(text: string): bigint | undefined {
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/.exec(text);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}Z`);
  return Number.isNaN(ms) ? undefined : BigInt(ms) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

function describe(v: unknown): string {
  if (v === undefined) return 'missing';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.slice(0, 40))}`;
  return `${typeof v} ${String(v).slice(0, 40)}`;
}

/** Validates the options the way the PxL checker validates px.otel, and builds the export spec and its table. */
export function buildExport<R>(options: ExportRowsOptions<R>): { spec: OTelExportSpec; table: Table } {
  const t = new ApiTable(options.rows as readonly Record<string, unknown>[]);
  const attrs = (a: Attributes<R> | undefined, where: string, resource = false): Attribute[] =>
    Object.entries(a ?? {}).map(([key, v]) => {
      if (key === '') throw new PxlRuntimeError(`${where}: attribute keys must be non-empty`);
      if (typeof v === 'string') return { key, value: { kind: 'string', value: v } };
      const dataType = t.use(v.column, `${where} attribute '${key}'`);
      if (v.expand && (!resource || dataType !== 'STRING'))
        throw new PxlRuntimeError(
          `${where} attribute '${key}': only STRING resource columns can be service-name columns`,
        );
      return { key, value: { kind: 'column', column: v.column, dataType, expand: v.expand === true } };
    });
  const metricName = (name: string) => {
    if (!METRIC_NAME.test(name))
      throw new PxlRuntimeError(`metric name '${name}' is invalid: it must match [A-Za-z][A-Za-z0-9_.-]*`);
    return name;
  };
  const value = (c: string, role: string) => {
    const type = t.use(c, role);
    if (type !== 'INT64' && type !== 'FLOAT64')
      throw new PxlRuntimeError(`${role} column '${c}' must hold numbers or bigints, not ${type}`);
    return { column: c, dataType: type };
  };
  const literalOr = <T>(v: T | ColumnRef<R>, role: string, type: DataType): LiteralOrColumn<T> =>
    typeof v === 'object' && v !== null && 'column' in v
      ? (t.use(v.column, role, type), { kind: 'column', column: v.column })
      : { kind: 'literal', value: v as T };
  let needsTime = false;
  const data = options.data.map((d): DataSpec => {
    const head = () => ({
      name: metricName((d as MetricBase<R>).name),
      description: (d as MetricBase<R>).description ?? '',
      unit: (d as MetricBase<R>).unit ?? '',
    });
    switch (d.kind) {
      case 'gauge':
        needsTime = true;
        return {
          kind: 'gauge',
          ...head(),
          value: value(d.value, `gauge '${d.name}' value`),
          attributes: attrs(d.attributes, `gauge '${d.name}'`),
        };
      case 'sum':
        needsTime = true;
        return {
          kind: 'sum',
          ...head(),
          value: value(d.value, `sum '${d.name}' value`),
          isMonotonic: d.isMonotonic ?? true,
          temporality: d.temporality ?? 'cumulative',
          attributes: attrs(d.attributes, `sum '${d.name}'`),
        };
      case 'summary': {
        needsTime = true;
        // Ascending: JavaScript would put integer keys (1) before the others.
        const qs = Object.entries(d.quantiles)
          .map(([q, c]) => ({ quantile: Number(q), column: c as string }))
          .sort((a, b) => a.quantile - b.quantile);
        if (qs.length === 0) throw new PxlRuntimeError(`summary '${d.name}' needs at least one quantile`);
        t.use(d.count, `summary '${d.name}' count`, 'INT64');
        t.use(d.sum, `summary '${d.name}' sum`, 'FLOAT64');
        qs.forEach((q) => t.use(q.column, `summary '${d.name}' quantile ${q.quantile}`, 'FLOAT64'));
        return {
          kind: 'summary',
          ...head(),
          count: { column: d.count, dataType: 'INT64' },
          sum: { column: d.sum, dataType: 'FLOAT64' },
          quantiles: qs,
          attributes: attrs(d.attributes, `summary '${d.name}'`),
        };
      }
      case 'histogram': {
        needsTime = true;
        if (d.buckets.length !== d.bounds.length + 1)
          throw new PxlRuntimeError(
            `histogram '${d.name}' has ${d.buckets.length} bucket columns for ${d.bounds.length} bounds: it needs exactly one more bucket than bounds`,
          );
        if (d.bounds.some((b, i) => i > 0 && !(b > d.bounds[i - 1]!)))
          throw new PxlRuntimeError(`histogram '${d.name}': bounds must be strictly increasing`);
        d.buckets.forEach((b) => t.use(b, `histogram '${d.name}' bucket`, 'INT64'));
        if (d.count !== undefined) t.use(d.count, `histogram '${d.name}' count`, 'INT64');
        const opt = (c: Name<R> | undefined, role: string) =>
          c === undefined ? {} : { [role]: value(c, `histogram '${d.name}' ${role}`).column };
        return {
          kind: 'histogram',
          ...head(),
          bounds: d.bounds,
          buckets: d.buckets,
          temporality: d.temporality ?? 'cumulative',
          attributes: attrs(d.attributes, `histogram '${d.name}'`),
          ...(d.count !== undefined ? { count: d.count } : {}),
          ...opt(d.sum, 'sum'),
          ...opt(d.min, 'min'),
          ...opt(d.max, 'max'),
        };
      }
      case 'span': {
        const id = (c: Name<R> | undefined, role: string) =>
          c === undefined ? {} : (t.use(c, `span ${role}`, 'STRING'), { [role]: c });
        t.use(d.startTime, 'span start time', 'TIME64NS');
        t.use(d.endTime, 'span end time', 'TIME64NS');
        const name = literalOr(d.name, 'span name', 'STRING');
        return {
          kind: 'span',
          name: name.kind === 'literal' ? { kind: 'string', value: name.value } : name,
          startTime: d.startTime,
          endTime: d.endTime,
          spanKind: d.spanKind ?? SpanKind.SERVER,
          attributes: attrs(d.attributes, 'span'),
          ...id(d.traceId, 'traceId'),
          ...id(d.spanId, 'spanId'),
          ...id(d.parentSpanId, 'parentSpanId'),
        };
      }
      case 'log': {
        const time = d.time ?? 'time_';
        t.use(time, 'log time', 'TIME64NS');
        if (d.observedTime !== undefined) t.use(d.observedTime, 'log observed time', 'TIME64NS');
        const severity = d.severityNumber ?? Severity.INFO;
        if (typeof severity === 'number' && !(Number.isInteger(severity) && severity >= 0 && severity <= 24))
          throw new PxlRuntimeError(`log severityNumber must be 0..24, not ${severity}`);
        const id = (c: Name<R> | undefined, role: string) =>
          c === undefined ? {} : (t.use(c, `log ${role}`, 'STRING'), { [role]: c });
        return {
          kind: 'log',
          body: literalOr(d.body, 'log body', 'STRING'),
          severityNumber: literalOr(severity, 'log severity', 'INT64'),
          severityText: literalOr(d.severityText ?? '', 'log severity text', 'STRING'),
          time,
          attributes: attrs(d.attributes, 'log'),
          ...(d.observedTime !== undefined ? { observedTime: d.observedTime } : {}),
          ...id(d.traceId, 'traceId'),
          ...id(d.spanId, 'spanId'),
        };
      }
    }
  });
  if (data.length === 0)
    throw new PxlRuntimeError('data must have at least one gauge, sum, summary, histogram, span or log record');
  if (!('service.name' in options.resource)) throw new PxlRuntimeError("'service.name' must be specified in resource");
  const resource = attrs(options.resource, 'resource', true);
  if (needsTime) t.use('time_', 'metric time', 'TIME64NS');
  const e = options.endpoint;
  const spec: OTelExportSpec = {
    resource: [
      ...resource.filter((a) => !(a.value.kind === 'column' && a.value.expand)),
      ...resource.filter((a) => a.value.kind === 'column' && a.value.expand),
    ],
    data,
    ...(e
      ? {
          endpoint: {
            url: e.url,
            headers: Object.entries(e.headers ?? {}),
            insecure: e.insecure === true,
            timeoutSeconds: e.timeoutSeconds ?? 5,
          },
        }
      : {}),
  };
  return { spec, table: t.table() };
}

/** Exports rows as OTLP; resolves with what was delivered and what was not (it never throws for delivery failures). */
export async function exportRows<R>(options: ExportRowsOptions<R>): Promise<ExportReport> {
  const { spec, table } = buildExport(options);
  const { endpoint: _endpoint, resource: _resource, data: _data, rows: _rows, ...transport } = options;
  // The exporter is loaded on the first export: a module importing the runtime for anything else does not load it.
  const { exportTable } = await import('./exporter.js');
  return exportTable(spec, table, transport);
}
