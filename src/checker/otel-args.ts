// Argument readers shared by the px.otel constructors: literal arguments, column references (kept by name until
// px.export resolves them), attribute dicts. Each reports its own diagnostic and returns undefined on failure.

import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { DataType } from '../core/types.js';
import type { Interpreter } from './interpret.js';
import {
  kindName,
  objectKindName,
  stringLiteral,
  type BoundArgs,
  type BuiltinValue,
  type ColumnRule,
  type ColumnUse,
  type OTelItemValue,
  type ParamSpec,
  type PendingAttribute,
  type PendingColumn,
  type Value,
} from './values.js';

export const NO_SPAN: Span = { start: 0, end: 0 };
export const emptyDict = (): Value => ({ kind: 'Dict', keys: [], values: [], keySpans: [], valueSpans: [] });
export const METRIC_NAME = /^[A-Za-z][A-Za-z0-9_.-]*$/;

export function builtin(name: string, params: ParamSpec[], call: (a: BoundArgs, span: Span) => Value): BuiltinValue {
  return { kind: 'Builtin', name, params, call };
}

export function literalArg(
  interp: Interpreter,
  a: BoundArgs,
  arg: string,
  t: DataType,
  kind: string,
): string | boolean | bigint | undefined {
  const v = a.get(arg);
  if (v.kind === 'Error') return undefined;
  if (v.kind === 'Expr' && v.expr.k === 'Lit' && v.expr.dataType === t)
    return v.expr.value as string | boolean | bigint;
  interp.ctx.diags.error(a.span(arg), Messages.expectedArgType(arg, kind, kindName(v)));
  return undefined;
}

/** undefined → not given; null → invalid (reported). */
export function optionalString(interp: Interpreter, a: BoundArgs, arg: string): string | undefined | null {
  const v = a.get(arg);
  if (v.kind === 'None') return undefined;
  const s = literalArg(interp, a, arg, 'STRING', 'String');
  return s === undefined ? null : (s as string);
}

export function metricName(interp: Interpreter, a: BoundArgs): string | undefined {
  const name = literalArg(interp, a, 'name', 'STRING', 'String') as string | undefined;
  if (name !== undefined && !METRIC_NAME.test(name)) {
    interp.ctx.diags.error(a.span('name'), Messages.metricName());
    return undefined;
  }
  return name;
}

export function column(interp: Interpreter, a: BoundArgs, arg: string): PendingColumn | undefined {
  return columnOf(interp, a.get(arg), a.span(arg), arg);
}

export function columnOf(interp: Interpreter, v: Value, span: Span, arg: string): PendingColumn | undefined {
  if (v.kind === 'Error') return undefined;
  if (v.kind === 'Expr' && v.expr.k === 'Col') return { name: v.expr.name, span: v.expr.span };
  interp.ctx.diags.error(
    span,
    Messages.expectedArgType(arg, 'Column', kindName(v)),
    ...(v.kind === 'Expr' && v.expr.k !== 'Lit' ? ['Compute the value into a column first, then pass df.column.'] : []),
  );
  return undefined;
}

/** An attribute dict: its good entries, and whether every entry was good (each bad one is reported). */
export interface AttributesArg {
  readonly list: PendingAttribute[];
  readonly ok: boolean;
}

export function attributes(
  interp: Interpreter,
  v: Value,
  span: Span,
  where: 'resource' | 'metric' | 'span',
): AttributesArg {
  const diags = interp.ctx.diags;
  if (v.kind === 'Error') return { list: [], ok: false };
  if (v.kind !== 'Dict') {
    diags.error(span, where === 'resource' ? Messages.resourceKind(kindName(v)) : Messages.attributesKind(kindName(v)));
    return { list: [], ok: false };
  }
  const out: PendingAttribute[] = [];
  let ok = true;
  v.keys.forEach((k, i) => {
    const key = stringLiteral(k);
    const value = v.values[i]!;
    const vspan = v.valueSpans[i]!;
    if (key === undefined) {
      if (k.kind !== 'Error') diags.error(v.keySpans[i]!, Messages.expectedArgType('attribute', 'String', kindName(k)));
      ok = false;
      return;
    }
    if (key === '') {
      diags.error(v.keySpans[i]!, Messages.attributeKeyEmpty());
      ok = false;
      return;
    }
    if (value.kind === 'Error') {
      ok = false;
      return;
    }
    if (value.kind !== 'Expr') {
      diags.error(vspan, Messages.attributeValueNotObject(objectKindName(value)));
      ok = false;
      return;
    }
    const e = value.expr;
    if (e.k === 'Col') out.push({ key, value: { kind: 'column', col: { name: e.name, span: e.span } }, span: vspan });
    else if (e.k === 'Lit' && e.dataType === 'STRING') {
      if (where === 'span') {
        diags.error(vspan, Messages.spanAttributeLiteral());
        ok = false;
        return;
      }
      out.push({ key, value: { kind: 'string', value: e.value as string }, span: vspan });
    } else {
      diags.error(vspan, Messages.attributeValueExpr(interp.spanText(vspan)));
      ok = false;
    }
  });
  return { list: out, ok };
}

/** The types px.export accepts for each column argument of the px.otel constructors. */
export const COLUMN_RULES = {
  metricValue: { types: ['INT64', 'FLOAT64'], message: Messages.gaugeValueType },
  count: { types: ['INT64'], message: Messages.countColumnType },
  summarySum: { types: ['FLOAT64'], message: Messages.sumColumnType },
  quantile: { types: ['FLOAT64'], message: Messages.quantileColumnType },
  time: { types: ['TIME64NS'], message: Messages.timeColumnType },
  spanName: { types: ['STRING'], message: Messages.spanNameType },
  bucket: { types: ['INT64'], message: Messages.bucketColumnType },
  severity: { types: ['INT64'], message: Messages.severityColumnType },
  attribute: { types: ['STRING', 'INT64', 'FLOAT64', 'BOOLEAN'], message: Messages.attributeColumnType },
} as const satisfies Record<string, ColumnRule>;

/** A span's id column (trace_id, span_id, parent_span_id): a hex STRING. */
export const spanIdRule = (which: string): ColumnRule => ({
  types: ['STRING'],
  message: (c, t) => Messages.spanIdType(which, c, t),
});
/** A histogram's sum, min or max. */
export const numericRule = (arg: string): ColumnRule => ({
  types: ['INT64', 'FLOAT64'],
  message: (c, t) => Messages.numericColumnType(arg, c, t),
});
/** A log record's body, severity_text, trace_id or span_id given as a column. */
export const stringRule = (arg: string): ColumnRule => ({
  types: ['STRING'],
  message: (c, t) => Messages.stringColumnType(arg, c, t),
});

/**
 * What a constructor returns when one of its arguments was wrong (reported): the columns its other arguments named,
 * with their rules, and its good attributes, so that px.export reports their mistakes too.
 */
export function failedItem(
  span: Span,
  metric: boolean,
  columns: readonly (readonly [PendingColumn | null | undefined, ColumnRule])[],
  attrs: AttributesArg,
): OTelItemValue {
  const uses: ColumnUse[] = [];
  for (const [col, rule] of columns) if (col) uses.push({ col, rule });
  return { kind: 'OTelItem', item: { kind: 'failed', metric, columns: uses, attributes: attrs.list }, span };
}
