// Beyond Pixie: px.otel.metric.Histogram (pixie-io/pixie#1968) and px.otel.log.Record (pixie-io/pixie#705), in the
// style of Pixie's own constructors — literal arguments checked at once, columns kept by name and resolved (with
// their types) against the exported DataFrame at px.export.

import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { Attribute, HistogramSpec, LogSpec, LiteralOrColumn } from '../core/otel-spec.js';
import type { ColumnInfo } from '../core/types.js';
import {
  COLUMN_RULES,
  NO_SPAN,
  attributes,
  builtin,
  column,
  columnOf,
  emptyDict,
  failedItem,
  literalArg,
  metricName,
  numericRule,
  optionalString,
  stringRule,
} from './otel-args.js';
import type { Interpreter } from './interpret.js';
import {
  NONE,
  intLiteral,
  kindName,
  lit,
  stringLiteral,
  type BoundArgs,
  type ColumnRule,
  type ModuleValue,
  type OTelItemValue,
  type PendingAttribute,
  type PendingColumn,
  type PendingDataSpec,
  type PendingLiteralOrColumn,
  type Value,
} from './values.js';

const SEVERITIES = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'] as const;
const SEVERITY_INFO = 9;

const item = (spec: PendingDataSpec, span: Span): OTelItemValue => ({ kind: 'OTelItem', item: spec, span });

/** An optional column argument: undefined when not given (None), null when invalid (reported). */
function optionalColumn(interp: Interpreter, a: BoundArgs, arg: string): PendingColumn | undefined | null {
  return a.get(arg).kind === 'None' ? undefined : (column(interp, a, arg) ?? null);
}

function temporalityArg(interp: Interpreter, a: BoundArgs): 'cumulative' | 'delta' | undefined {
  const t = literalArg(interp, a, 'temporality', 'STRING', 'String');
  if (t === undefined) return undefined;
  if (t !== 'cumulative' && t !== 'delta') {
    interp.ctx.diags.error(a.span('temporality'), Messages.sumTemporality(String(t)));
    return undefined;
  }
  return t;
}

/** `[0.0, 10, 100.5]`: numeric literals, strictly increasing. */
function boundsArg(interp: Interpreter, a: BoundArgs): number[] | undefined {
  const diags = interp.ctx.diags;
  const v = a.get('explicit_bounds');
  if (v.kind === 'Error') return undefined;
  if (v.kind !== 'List' && v.kind !== 'Tuple') {
    diags.error(a.span('explicit_bounds'), Messages.boundsKind(kindName(v)));
    return undefined;
  }
  const out: number[] = [];
  for (const [i, x] of v.items.entries()) {
    if (!(x.kind === 'Expr' && x.expr.k === 'Lit' && (x.expr.dataType === 'FLOAT64' || x.expr.dataType === 'INT64'))) {
      if (x.kind !== 'Error') diags.error(v.spans[i]!, Messages.expectedArgType('bound', 'Float', kindName(x)));
      return undefined;
    }
    const n = Number(x.expr.value as number | bigint);
    if (out.length > 0 && !(n > out[out.length - 1]!)) {
      diags.error(v.spans[i]!, Messages.boundsNotIncreasing());
      return undefined;
    }
    out.push(n);
  }
  return out;
}

/** The bucket columns: every good one, and whether all were good (each bad one is reported). */
function bucketsArg(interp: Interpreter, a: BoundArgs): { columns: PendingColumn[]; ok: boolean } {
  const v = a.get('bucket_counts');
  if (v.kind === 'Error') return { columns: [], ok: false };
  if ((v.kind !== 'List' && v.kind !== 'Tuple') || v.items.length === 0) {
    interp.ctx.diags.error(
      a.span('bucket_counts'),
      Messages.bucketCountsKind(v.kind === 'List' || v.kind === 'Tuple' ? 'an empty list' : kindName(v)),
    );
    return { columns: [], ok: false };
  }
  const cols = v.items.map((x, i) => columnOf(interp, x, v.spans[i]!, 'bucket_counts'));
  return { columns: cols.filter((c) => c !== undefined), ok: cols.every((c) => c !== undefined) };
}

export function histogramConstructor(interp: Interpreter) {
  return builtin(
    'Histogram',
    [
      { name: 'name' },
      { name: 'bucket_counts' },
      { name: 'explicit_bounds' },
      { name: 'count', default: () => NONE },
      { name: 'sum', default: () => NONE },
      { name: 'min', default: () => NONE },
      { name: 'max', default: () => NONE },
      { name: 'description', default: () => lit('STRING', '', NO_SPAN) },
      { name: 'attributes', default: emptyDict },
      { name: 'unit', default: () => NONE },
      { name: 'temporality', default: () => lit('STRING', 'cumulative', NO_SPAN) },
    ],
    (a, span) => {
      const name = metricName(interp, a);
      const buckets = bucketsArg(interp, a);
      const bounds = boundsArg(interp, a);
      const [count, sum, min, max] = (['count', 'sum', 'min', 'max'] as const).map((n) => optionalColumn(interp, a, n));
      const description = literalArg(interp, a, 'description', 'STRING', 'String');
      const attrs = attributes(interp, a.get('attributes'), a.span('attributes'), 'metric');
      const unit = optionalString(interp, a, 'unit');
      const temporality = temporalityArg(interp, a);
      const mismatch = buckets.ok && bounds && buckets.columns.length !== bounds.length + 1;
      if (mismatch)
        interp.ctx.diags.error(
          a.span('bucket_counts'),
          Messages.bucketCountMismatch(buckets.columns.length, bounds.length),
        );
      if (
        name === undefined ||
        !buckets.ok ||
        !bounds ||
        mismatch ||
        [count, sum, min, max].includes(null) ||
        description === undefined ||
        !attrs.ok ||
        unit === null ||
        !temporality
      ) {
        return failedItem(
          span,
          true,
          [
            ...buckets.columns.map((c) => [c, COLUMN_RULES.bucket] as const),
            [count, COLUMN_RULES.count],
            [sum, numericRule('sum')],
            [min, numericRule('min')],
            [max, numericRule('max')],
          ],
          attrs,
        );
      }
      return item(
        {
          kind: 'histogram',
          name,
          description: description as string,
          bounds,
          buckets: buckets.columns,
          temporality,
          attributes: attrs.list,
          ...(unit ? { unit } : {}),
          ...(count ? { count } : {}),
          ...(sum ? { sum } : {}),
          ...(min ? { min } : {}),
          ...(max ? { max } : {}),
        },
        span,
      );
    },
  );
}

/** A string literal or a STRING column (checked at px.export). */
function textOrColumn(interp: Interpreter, a: BoundArgs, arg: string): PendingLiteralOrColumn<string> | undefined {
  const v = a.get(arg);
  const s = stringLiteral(v);
  if (s !== undefined) return { kind: 'literal', value: s };
  if (v.kind === 'Expr' && v.expr.k === 'Col') return { kind: 'column', col: { name: v.expr.name, span: v.expr.span } };
  if (v.kind !== 'Error')
    interp.ctx.diags.error(
      a.span(arg),
      arg === 'body' ? Messages.logBodyKind(kindName(v)) : Messages.expectedArgType(arg, 'String', kindName(v)),
    );
  return undefined;
}

function severityArg(interp: Interpreter, a: BoundArgs): PendingLiteralOrColumn<number> | undefined {
  const v = a.get('severity_number');
  const n = intLiteral(v);
  if (n !== undefined && n >= 0n && n <= 24n) return { kind: 'literal', value: Number(n) };
  if (v.kind === 'Expr' && v.expr.k === 'Col') return { kind: 'column', col: { name: v.expr.name, span: v.expr.span } };
  if (v.kind !== 'Error')
    interp.ctx.diags.error(
      a.span('severity_number'),
      Messages.severityNumber(n !== undefined ? String(n) : kindName(v)),
    );
  return undefined;
}

export function logModule(interp: Interpreter): ModuleValue {
  const record = builtin(
    'Record',
    [
      { name: 'body' },
      { name: 'severity_number', default: () => lit('INT64', BigInt(SEVERITY_INFO), NO_SPAN) },
      { name: 'severity_text', default: () => lit('STRING', '', NO_SPAN) },
      { name: 'attributes', default: emptyDict },
      { name: 'time', default: () => NONE },
      { name: 'observed_time', default: () => NONE },
      { name: 'trace_id', default: () => NONE },
      { name: 'span_id', default: () => NONE },
    ],
    (a, span) => {
      const body = textOrColumn(interp, a, 'body');
      const severityNumber = severityArg(interp, a);
      const severityText = textOrColumn(interp, a, 'severity_text');
      const attrs = attributes(interp, a.get('attributes'), a.span('attributes'), 'metric');
      const [time, observedTime, traceId, spanId] = (['time', 'observed_time', 'trace_id', 'span_id'] as const).map(
        (n) => optionalColumn(interp, a, n),
      );
      if (
        !body ||
        !severityNumber ||
        !severityText ||
        !attrs.ok ||
        [time, observedTime, traceId, spanId].includes(null)
      ) {
        const col = <T>(v: PendingLiteralOrColumn<T> | undefined) => (v?.kind === 'column' ? v.col : undefined);
        return failedItem(
          span,
          time === undefined,
          [
            [col(body), stringRule('body')],
            [col(severityNumber), COLUMN_RULES.severity],
            [col(severityText), stringRule('severity_text')],
            [time, COLUMN_RULES.time],
            [observedTime, COLUMN_RULES.time],
            [traceId, stringRule('trace_id')],
            [spanId, stringRule('span_id')],
          ],
          attrs,
        );
      }
      return item(
        {
          kind: 'log',
          body,
          severityNumber,
          severityText,
          attributes: attrs.list,
          ...(time ? { time } : {}),
          ...(observedTime ? { observedTime } : {}),
          ...(traceId ? { traceId } : {}),
          ...(spanId ? { spanId } : {}),
        },
        span,
      );
    },
  );
  const attrs = new Map<string, Value>([
    ['Record', record],
    ['SEVERITY_NUMBER_UNSPECIFIED', lit('INT64', 0n, NO_SPAN)],
  ]);
  SEVERITIES.forEach((name, i) => {
    for (let k = 1; k <= 4; k++)
      attrs.set(`SEVERITY_NUMBER_${name}${k === 1 ? '' : k}`, lit('INT64', BigInt(i * 4 + k), NO_SPAN));
  });
  return { kind: 'Module', name: 'px.otel.log', attrs };
}

// ---- px.export ----

/** What px.export's resolution gives these constructors: typed column lookup and attribute resolution. */
export interface ExportResolver {
  typed(c: PendingColumn, rule: ColumnRule): ColumnInfo | undefined;
  attrs(list: readonly PendingAttribute[]): Attribute[];
  unit(info: ColumnInfo): string;
}

export function resolveHistogram(
  h: Extract<PendingDataSpec, { kind: 'histogram' }>,
  r: ExportResolver,
): HistogramSpec | undefined {
  const buckets = h.buckets.map((b) => r.typed(b, COLUMN_RULES.bucket));
  const count = h.count && r.typed(h.count, COLUMN_RULES.count);
  const numeric = (c: PendingColumn | undefined, arg: string) => c && r.typed(c, numericRule(arg));
  const [sum, min, max] = [numeric(h.sum, 'sum'), numeric(h.min, 'min'), numeric(h.max, 'max')];
  if (buckets.some((b) => !b) || (h.count && !count) || (h.sum && !sum) || (h.min && !min) || (h.max && !max))
    return undefined;
  const unitFrom = sum ?? max ?? min;
  return {
    kind: 'histogram',
    name: h.name,
    description: h.description,
    unit: h.unit || (unitFrom ? r.unit(unitFrom) : ''),
    bounds: h.bounds,
    buckets: buckets.map((b) => b!.name),
    temporality: h.temporality,
    attributes: r.attrs(h.attributes),
    ...(count ? { count: count.name } : {}),
    ...(sum ? { sum: sum.name } : {}),
    ...(min ? { min: min.name } : {}),
    ...(max ? { max: max.name } : {}),
  };
}

/** A log record's time column defaults to time_ (checked by the caller like a metric's). */
export function resolveLog(l: Extract<PendingDataSpec, { kind: 'log' }>, r: ExportResolver): LogSpec | undefined {
  const time = (c: PendingColumn | undefined) => c && r.typed(c, COLUMN_RULES.time);
  const str = (c: PendingColumn | undefined, arg: string) => c && r.typed(c, stringRule(arg));
  const literalOr = <T>(
    v: PendingLiteralOrColumn<T>,
    check: (c: PendingColumn) => ColumnInfo | undefined,
  ): LiteralOrColumn<T> | undefined => {
    if (v.kind === 'literal') return v;
    const info = check(v.col);
    return info ? { kind: 'column', column: info.name } : undefined;
  };
  const body = literalOr(l.body, (c) => str(c, 'body'));
  const severityNumber = literalOr(l.severityNumber, (c) => r.typed(c, COLUMN_RULES.severity));
  const severityText = literalOr(l.severityText, (c) => str(c, 'severity_text'));
  const [t, observed] = [time(l.time), time(l.observedTime)];
  const [traceId, spanId] = [str(l.traceId, 'trace_id'), str(l.spanId, 'span_id')];
  if (
    !body ||
    !severityNumber ||
    !severityText ||
    (l.time && !t) ||
    (l.observedTime && !observed) ||
    (l.traceId && !traceId) ||
    (l.spanId && !spanId)
  )
    return undefined;
  return {
    kind: 'log',
    body,
    severityNumber,
    severityText,
    time: t ? t.name : 'time_',
    attributes: r.attrs(l.attributes),
    ...(observed ? { observedTime: observed.name } : {}),
    ...(traceId ? { traceId: traceId.name } : {}),
    ...(spanId ? { spanId: spanId.name } : {}),
  };
}
