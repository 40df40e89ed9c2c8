// The `px` module (SPEC §10): DataFrame sources, outputs, compile-time helpers, type objects, and every
// registered runtime function as an attribute.

import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { ConstExpr } from '../core/plan/expr.js';
import type { DataType, SemanticType } from '../core/types.js';
import { optional, required } from './call.js';
import type { Interpreter } from './interpret.js';
import { allFunctionNames, functionKind } from './functions.js';
import { otelModule, exportSink } from './otel.js';
import { nearest } from './suggest.js';
import { udtfInfo, udtfNames } from './tables.js';
import { resolveExpr } from './resolve.js';
import { formatDuration, ignoredDurationPart, parseDuration, parseTimeString } from '../core/time-text.js';
import { strptime } from './strptime.js';
import { boundedExpr } from './expr-depth.js';
import {
  ERROR,
  NONE,
  intLiteral,
  kindName,
  literalKindName,
  lowerKindName,
  lit,
  stringLiteral,
  type BoundArgs,
  type BuiltinValue,
  type ModuleValue,
  type ParamSpec,
  type PExpr,
  type TypeObjectValue,
  type Value,
} from './values.js';

const TYPE_OBJECTS: readonly [string, DataType, SemanticType][] = [
  ['Time', 'TIME64NS', 'ST_NONE'],
  ['Service', 'STRING', 'ST_SERVICE_NAME'],
  ['Pod', 'STRING', 'ST_POD_NAME'],
  ['Node', 'STRING', 'ST_NODE_NAME'],
  ['Namespace', 'STRING', 'ST_NAMESPACE_NAME'],
  ['Container', 'STRING', 'ST_CONTAINER_NAME'],
  ['UPID', 'UINT128', 'ST_UPID'],
  ['Bytes', 'INT64', 'ST_BYTES'],
  ['DurationNanos', 'INT64', 'ST_DURATION_NS'],
  ['Percent', 'FLOAT64', 'ST_PERCENT'],
];

export const BUILTIN_TYPES: readonly [string, DataType][] = [
  ['str', 'STRING'],
  ['int', 'INT64'],
  ['float', 'FLOAT64'],
  ['bool', 'BOOLEAN'],
];

export function typeObject(name: string, dataType: DataType, semanticType: SemanticType = 'ST_NONE'): TypeObjectValue {
  return { kind: 'TypeObject', name, dataType, semanticType };
}

const DURATION_UNITS: Readonly<Record<string, bigint>> = {
  microseconds: 1_000n,
  milliseconds: 1_000_000n,
  seconds: 1_000_000_000n,
  minutes: 60_000_000_000n,
  hours: 3_600_000_000_000n,
  days: 86_400_000_000_000n,
};

export function pxModule(interp: Interpreter): ModuleValue {
  const ctx = interp.ctx;
  const attrs = new Map<string, Value>();
  const builtin = (name: string, params: ParamSpec[], call: (a: BoundArgs, span: Span) => Value) =>
    attrs.set(name, { kind: 'Builtin', name, params, call } satisfies BuiltinValue);

  for (const name of allFunctionNames()) {
    attrs.set(name, { kind: 'PxFunction', name, isAggregate: functionKind(name) === 'uda' });
  }
  for (const [name, dt, st] of TYPE_OBJECTS) attrs.set(name, typeObject(name, dt, st));

  builtin(
    'DataFrame',
    [
      required('table'),
      optional('select', () => ({ kind: 'List', items: [], spans: [] })),
      optional('start_time', () => NONE),
      optional('end_time', () => NONE),
    ],
    (a, span) => dataFrameSource(interp, a, span),
  );

  for (const sinkName of ['display', 'debug'] as const) {
    builtin(
      sinkName,
      [
        required('out'),
        optional('name', () => lit('STRING', 'output', { start: 0, end: 0 })),
        optional('cols', () => ({ kind: 'List', items: [], spans: [] })),
      ],
      (a, span) => {
        const out = a.get('out');
        const name = stringLiteral(a.get('name'));
        if (out.kind === 'Error') return NONE;
        if (out.kind === 'Grouped') {
          interp.dataframes.groupbyMisuse(out, 'GRPCSink');
          return NONE;
        }
        if (out.kind !== 'DataFrame') {
          ctx.diags.error(a.span('out'), Messages.expectedDataFrame(kindName(out)));
          return NONE;
        }
        if (name === undefined) {
          ctx.diags.error(a.span('name'), Messages.expectedArgType('name', 'String', kindName(a.get('name'))));
          return NONE;
        }
        ctx.plan.addSink({ kind: 'Display', input: out.node, name: sinkName === 'debug' ? `_${name}` : name, span });
        return NONE;
      },
    );
  }

  builtin('export', [required('out'), required('spec')], (a, span) => exportSink(interp, a, span));

  builtin('now', [], (_a, span) => ({ kind: 'Expr', expr: { k: 'Now', dataType: 'INT64', offsetNs: 0n, span } }));
  for (const [unit, ns] of Object.entries(DURATION_UNITS)) {
    builtin(unit, [required('unit')], (a, span) => {
      const n = intLiteral(a.get('unit'));
      if (n === undefined) {
        if (a.get('unit').kind !== 'Error')
          ctx.diags.error(a.span('unit'), Messages.expectedArgType('unit', 'Int', kindName(a.get('unit'))));
        return ERROR;
      }
      return lit('INT64', n * ns, span);
    });
  }
  builtin('parse_duration', PARSE_DURATION_PARAMS, (a, span) => pxParseDuration(interp, a, span));
  builtin('parse_time', PARSE_TIME_PARAMS, (a, span) => pxParseTime(interp, a, span));
  builtin('format_duration', FORMAT_DURATION_PARAMS, (a, span) => pxFormatDuration(interp, a, span));
  builtin('uint128', UINT128_PARAMS, (a, span) => pxUint128(interp, a, span));
  builtin('make_upid', MAKE_UPID_PARAMS, (a, span) => pxMakeUpid(interp, a, span));
  builtin('equals_any', [required('value'), required('comparisons')], (a, span) => equalsAny(interp, a, span));
  builtin(
    'script_reference',
    [
      required('label'),
      required('script'),
      optional('args', () => ({ kind: 'Dict', keys: [], values: [], keySpans: [], valueSpans: [] })),
    ],
    (a, span) => scriptReference(interp, a, span),
  );
  builtin('strptime', STRPTIME_PARAMS, (a, span) => pxStrptime(interp, a, span));

  const plugin = new Map<string, Value>();
  for (const which of ['start', 'end'] as const) {
    plugin.set(
      `${which}_time`,
      ctx.options.pluginContext
        ? { kind: 'Expr', expr: { k: 'Plugin', which, dataType: 'INT64', offsetNs: 0n, span: { start: 0, end: 0 } } }
        : ERROR,
    );
  }
  attrs.set('plugin', { kind: 'Module', name: 'px.plugin', attrs: plugin });
  attrs.set('vis', {
    kind: 'Module',
    name: 'px.vis',
    attrs: new Map([
      [
        'vega',
        {
          kind: 'Builtin',
          name: 'vega',
          params: [required('spec')],
          call: () => ({ kind: 'Builtin', name: 'decorator', params: [required('fn')], call: (b) => b.get('fn') }),
        },
      ],
    ]),
  });
  attrs.set('otel', otelModule(interp));

  // Every table function of Pixie's catalogue (data/tables.json), the agent-internal ones too: those whose rows
  // only a cluster has run with no rows and say why (runtime/udtf.ts).
  for (const udtf of udtfNames()) {
    const info = udtfInfo(udtf)!;
    const params = info.args.map((p) =>
      p.default !== undefined ? optional(p.name, () => udtfDefault(p.type, p.default)) : required(p.name),
    );
    builtin(udtf, params, (a, span) => {
      const args: Record<string, string | number | boolean> = {};
      let failed = false;
      for (const p of info.args) {
        const v = a.get(p.name);
        if (v.kind === 'Error') failed = true;
        else if (v.kind === 'Expr' && v.expr.k === 'Lit' && v.expr.dataType === p.type)
          args[p.name] = typeof v.expr.value === 'bigint' ? Number(v.expr.value) : v.expr.value;
        else {
          // Pixie evaluates a table function's arguments when it plans the query: each must be a literal.
          ctx.diags.error(
            a.span(p.name),
            Messages.expectedArgType(p.name, literalKindName(p.type as DataType), kindName(v)),
            `argument of px.${udtf}`,
          );
          failed = true;
        }
      }
      if (failed) return ERROR;
      const node = ctx.plan.add({ kind: 'Udtf', fn: udtf, args, schema: info.schema, span });
      return interp.dataframes.value(node.id, info.schema);
    });
  }
  return { kind: 'Module', name: 'px', attrs };
}

/** px.parse_duration(...) */
const PARSE_DURATION_PARAMS: ParamSpec[] = [required('duration')];

function pxParseDuration(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  const arg = a.get('duration');
  if (arg.kind === 'Expr' && arg.expr.k === 'Param' && arg.expr.dataType === 'STRING') {
    return {
      kind: 'Expr',
      expr: { k: 'Call', fn: '_parse_duration', args: [arg.expr], span, text: 'px.parse_duration' },
    };
  }
  const s = stringLiteral(arg);
  const ns = s === undefined ? undefined : parseDuration(s);
  if (ns === undefined) {
    // Not a string at all is a wrong argument, as in Pixie; a string that is not a duration is a format error.
    const problem =
      s === undefined ? Messages.expectedArgType('duration', 'String', kindName(arg)) : Messages.timeFormat(s);
    if (arg.kind !== 'Error') ctx.diags.error(a.span('duration'), problem);
    return ERROR;
  }
  warnIgnoredPart(interp, s!, a.span('duration'));
  return lit('INT64', ns, span);
}

/** px.parse_time(...) */
const PARSE_TIME_PARAMS: ParamSpec[] = [required('time')];

function pxParseTime(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const arg = a.get('time');
  if (arg.kind === 'Expr' && (arg.expr.k === 'Call' || arg.expr.k === 'Cast')) {
    const e = runtimeTime(interp, arg.expr, a.span('time'));
    return e ? { kind: 'Expr', expr: e } : ERROR;
  }
  const t = timeValue(interp, arg, a.span('time'));
  if (!t || t.kind === 'Call') return ERROR;
  return { kind: 'Expr', expr: constToPExpr(t, 'TIME64NS', span) };
}

/** px.format_duration(...) */
const FORMAT_DURATION_PARAMS: ParamSpec[] = [required('duration')];

function pxFormatDuration(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  const arg = a.get('duration');
  if (arg.kind === 'Expr' && (arg.expr.k === 'Call' || arg.expr.k === 'Param')) {
    return {
      kind: 'Expr',
      expr: { k: 'Call', fn: '_format_duration', args: [arg.expr], span, text: 'px.format_duration' },
    };
  }
  const n = intLiteral(arg);
  if (n === undefined) {
    if (a.get('duration').kind !== 'Error')
      ctx.diags.error(a.span('duration'), Messages.expectedArgType('duration', 'Int', kindName(a.get('duration'))));
    return ERROR;
  }
  return lit('STRING', formatDuration(n), span);
}

/** px.uint128(...) */
const UINT128_PARAMS: ParamSpec[] = [required('uuid')];

function pxUint128(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  const v = a.get('uuid');
  const s = stringLiteral(v);
  const hex = s?.replace(/-/g, '');
  if (
    s === undefined ||
    !/^[0-9a-fA-F]{32}$/.test(hex ?? '') ||
    !/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(s)
  ) {
    // Not a string is a wrong argument, as in Pixie; a string that is not a UUID is an invalid UUID.
    if (v.kind !== 'Error')
      ctx.diags.error(
        a.span('uuid'),
        s === undefined ? Messages.expectedArgType('uuid', 'String', kindName(v)) : Messages.invalidUuid(s),
      );
    return ERROR;
  }
  return lit('UINT128', BigInt(`0x${hex}`), span);
}

/** px.make_upid(...) */
const MAKE_UPID_PARAMS: ParamSpec[] = [required('asid'), required('pid'), required('ts_ns')];

function pxMakeUpid(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  const names = ['asid', 'pid', 'ts_ns'] as const;
  const parts = names.map((n) => intLiteral(a.get(n)));
  if (parts.some((p) => p === undefined)) {
    // Each argument that is not an integer literal, at its place and with its kind.
    for (const [i, n] of names.entries()) {
      const v = a.get(n);
      if (parts[i] === undefined && v.kind !== 'Error')
        ctx.diags.error(a.span(n), Messages.expectedArgType(n, 'Int', kindName(v)));
    }
    return ERROR;
  }
  const [asid, pid, ts] = parts as [bigint, bigint, bigint];
  for (const [what, v] of [
    ['asid', asid],
    ['pid', pid],
  ] as const) {
    if (v < 0n || v > 0xffffffffn) {
      ctx.diags.error(a.span(what), Messages.upidRange(what, String(v)));
      return ERROR;
    }
  }
  const value = (((asid << 32n) | pid) << 64n) | BigInt.asUintN(64, ts);
  return { kind: 'Expr', expr: { k: 'Lit', dataType: 'UINT128', value, span, semanticType: 'ST_UPID' } };
}

/** px.strptime(...) */
const STRPTIME_PARAMS: ParamSpec[] = [required('date_string'), required('format')];

function pxStrptime(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  // Pixie returns INT64 here although its docs say px.Time (SPEC §17 #8).
  // Each argument a string literal, as in Pixie; the date string is read with the format (absl::ParseTime's rules).
  const [text, format] = (['date_string', 'format'] as const).map((n) => {
    const v = a.get(n);
    const s = stringLiteral(v);
    if (s === undefined && v.kind !== 'Error')
      ctx.diags.error(a.span(n), Messages.expectedArgType(n, 'String', kindName(v)));
    return s;
  });
  if (text === undefined || format === undefined) return ERROR;
  const t = strptime(text, format);
  if ('error' in t) {
    ctx.diags.error(a.span('date_string'), Messages.strptimeFailed(t.error));
    return ERROR;
  }
  return lit('INT64', t.ns, span);
}

/** A table function argument's default (data/tables.json) as a literal of the argument's type. */
function udtfDefault(type: string, value: unknown): Value {
  const at = { start: 0, end: 0 };
  if (type === 'BOOLEAN') return lit('BOOLEAN', Boolean(value), at);
  if (type === 'INT64') return lit('INT64', BigInt(value as number), at);
  return lit('STRING', String(value), at);
}

/** Pixie reads '-1m1s' as '-1m': so does pxlc, saying so when the ignored part is not zero. */
function warnIgnoredPart(interp: Interpreter, text: string, span: Span): void {
  const ignored = ignoredDurationPart(text);
  if (ignored !== undefined) interp.ctx.diags.warning(span, Messages.durationPartIgnored(text.trim(), ignored));
}

/** A compile-time time value (SPEC §8.2) as a constant expression; reports and returns undefined if invalid. */
export function timeValue(interp: Interpreter, v: Value, span: Span, arg = 'time'): ConstExpr | undefined {
  if (v.kind === 'Error') return undefined;
  if (v.kind === 'Expr') {
    const e = v.expr;
    if (e.k === 'Now')
      return { kind: 'Now', dataType: 'TIME64NS', offsetNs: e.offsetNs, semanticType: 'ST_NONE', span };
    if (e.k === 'Plugin')
      return {
        kind: 'PluginTime',
        which: e.which,
        dataType: 'TIME64NS',
        offsetNs: e.offsetNs,
        semanticType: 'ST_NONE',
        span,
      };
    // A script argument: its text is parsed as a time when the module runs.
    if (e.k === 'Param' && (e.dataType === 'STRING' || e.dataType === 'INT64' || e.dataType === 'TIME64NS')) {
      return { kind: 'ParamTime', name: e.name, dataType: 'TIME64NS', semanticType: 'ST_NONE', span };
    }
    if (e.k === 'Lit' && (e.dataType === 'INT64' || e.dataType === 'TIME64NS')) {
      return { kind: 'Literal', dataType: 'TIME64NS', value: e.value, semanticType: 'ST_NONE', span };
    }
    if (e.k === 'Call' || e.k === 'Cast') {
      const time = runtimeTime(interp, e, span, arg);
      const resolved = time && resolveExpr(interp.ctx, time, interp.dataframes.value(-1, []));
      if (!resolved) return undefined;
      if (resolved.kind !== 'Column' && resolved.kind !== 'Param') return { ...resolved, span } as ConstExpr;
      interp.ctx.diags.error(span, Messages.expectedArgType(arg, 'String', kindName(v)));
      return undefined;
    }
    if (e.k === 'Lit' && e.dataType === 'STRING') {
      const t = parseTimeString(e.value as string);
      if (t.kind === 'relative') warnIgnoredPart(interp, e.value as string, span);
      if (t.kind === 'relative')
        return { kind: 'Now', dataType: 'TIME64NS', offsetNs: t.offsetNs, semanticType: 'ST_NONE', span };
      if (t.kind === 'absolute')
        return { kind: 'Literal', dataType: 'TIME64NS', value: t.ns, semanticType: 'ST_NONE', span };
      interp.ctx.diags.error(span, Messages.timeFormat(t.reason));
      return undefined;
    }
  }
  interp.ctx.diags.error(span, Messages.expectedArgType(arg, 'String', kindName(v)));
  return undefined;
}

/**
 * A time computed from script arguments when the module runs, e.g. `px.now() + px.parse_duration(start_time)`:
 * it must not read a column, and must be an INT64 (nanoseconds) or a TIME64NS.
 */
function runtimeTime(interp: Interpreter, e: PExpr, span: Span, arg = 'time'): PExpr | undefined {
  const ctx = interp.ctx;
  if (readsColumns(e)) {
    ctx.diags.error(
      span,
      Messages.expectedArgType(arg, 'String', 'Column'),
      'A time bound is one value for the whole query: it cannot read a column.',
    );
    return undefined;
  }
  const resolved = resolveExpr(ctx, e, interp.dataframes.value(-1, []));
  if (!resolved) return undefined;
  if (resolved.dataType !== 'INT64' && resolved.dataType !== 'TIME64NS') {
    ctx.diags.error(span, Messages.expectedArgType(arg, 'Time', resolved.dataType));
    return undefined;
  }
  return asTimeExpr(e, resolved.dataType, span);
}

/** `e` as a TIME64NS call: int64_to_time(e) for nanoseconds; a time stays itself (a Cast is unwrapped). */
function asTimeExpr(e: PExpr, dataType: 'INT64' | 'TIME64NS', span: Span): PExpr {
  if (dataType === 'INT64') return { k: 'Call', fn: 'int64_to_time', args: [e], span, text: 'px.parse_time' };
  return e.k === 'Cast' ? asTimeExpr(e.arg, dataType, span) : e;
}

function readsColumns(e: PExpr): boolean {
  switch (e.k) {
    case 'Col':
    case 'Meta':
      return true;
    case 'Call':
      return e.args.some(readsColumns);
    case 'Cast':
      return readsColumns(e.arg);
    default:
      return false;
  }
}

function constToPExpr(t: Exclude<ConstExpr, { kind: 'Call' }>, dataType: 'TIME64NS', span: Span): PExpr {
  switch (t.kind) {
    case 'Literal':
      return { k: 'Lit', dataType, value: t.value, span };
    case 'Now':
      return { k: 'Now', dataType, offsetNs: t.offsetNs, span };
    case 'PluginTime':
      return { k: 'Plugin', which: t.which, dataType, offsetNs: t.offsetNs, span };
    case 'ParamTime':
      return { k: 'Param', name: t.name, dataType, semanticType: 'ST_NONE', span };
  }
}

function dataFrameSource(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  // The times are checked whatever the table: each argument on its own.
  const start =
    a.get('start_time').kind === 'None'
      ? undefined
      : timeValue(interp, a.get('start_time'), a.span('start_time'), 'start_time');
  const end =
    a.get('end_time').kind === 'None'
      ? undefined
      : timeValue(interp, a.get('end_time'), a.span('end_time'), 'end_time');
  const tableArg = a.get('table');
  const table = stringLiteral(tableArg);
  if (table === undefined) {
    if (tableArg.kind !== 'Error')
      ctx.diags.error(a.span('table'), Messages.expectedArgType('table', 'String', kindName(tableArg)));
    return ERROR;
  }
  const full = ctx.catalog.get(table);
  if (!full && ctx.catalog.isUnknowable(table)) return ERROR;
  if (!full) {
    ctx.diags.error(
      a.span('table'),
      Messages.tableNotFound(table, nearest(table, ctx.catalog.names())),
      'Pass a schema for custom tables with --schema FILE.json.',
    );
    return ERROR;
  }
  let schema = full;
  // Selected names that are not columns (reported): the DataFrame goes on without them, and uses of them stay quiet.
  const unknown = new Set<string>();
  const select = a.get('select');
  const selected = select.kind === 'List' || select.kind === 'Tuple' ? select.items : [select];
  if (!(selected.length === 0)) {
    const cols = [];
    for (const [i, item] of selected.entries()) {
      const name = stringLiteral(item);
      const col = full.find((c) => c.name === name);
      if (name === undefined || !col) {
        const listed = select.kind === 'List' || select.kind === 'Tuple';
        const sp = listed ? select.spans[i]! : a.span('select');
        const suggestion =
          name === undefined
            ? undefined
            : nearest(
                name,
                full.map((c) => c.name),
              );
        // A name that is not a string is a wrong argument (as Pixie reports it), not a missing column.
        const problem =
          name === undefined
            ? Messages.expectedArgType(listed ? `select (index ${i})` : 'select', 'String', kindName(item))
            : Messages.selectColumnNotFound(name, suggestion);
        if (item.kind !== 'Error') ctx.diags.error(sp, problem);
        if (name !== undefined) unknown.add(name);
        continue;
      }
      cols.push(col);
    }
    schema = cols;
  }
  const timesOk = (a.get('start_time').kind === 'None' || start) && (a.get('end_time').kind === 'None' || end);
  const tracepoint = ctx.catalog.tracepointOf(table);
  const node = ctx.plan.add({
    kind: 'Source',
    table,
    schema,
    span,
    ...(timesOk && start ? { startTime: start } : {}),
    ...(timesOk && end ? { endTime: end } : {}),
    ...(tracepoint ? { tracepoint } : {}),
  });
  return interp.dataframes.value(node.id, schema, unknown);
}

function equalsAny(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  const value = a.get('value');
  const comps = a.get('comparisons');
  if (value.kind === 'Error' || comps.kind === 'Error') return ERROR;
  if (comps.kind !== 'List' && comps.kind !== 'Tuple') {
    ctx.diags.error(a.span('comparisons'), Messages.equalsAnyCollection());
    return ERROR;
  }
  if (comps.items.length === 0) {
    ctx.diags.error(a.span('comparisons'), Messages.equalsAnyEmpty());
    return ERROR;
  }
  if (value.kind !== 'Expr') {
    ctx.diags.error(a.span('value'), Messages.expectedExpressionIn('value', lowerKindName(value)));
    return ERROR;
  }
  const text = interp.spanText(span);
  let level: PExpr[] = [];
  for (const [i, c] of comps.items.entries()) {
    if (c.kind !== 'Expr') {
      ctx.diags.error(comps.spans[i]!, Messages.equalsAnyItem(i, kindName(c)));
      return ERROR;
    }
    level.push({ k: 'Call', fn: 'equal', args: [value.expr, c.expr], span, text });
  }
  // Or-ed pairwise, so a list of 10 000 values nests 14 deep, not 10 000 (same rows: `equal` has no side effect).
  while (level.length > 1) {
    const next: PExpr[] = [];
    for (let i = 0; i + 1 < level.length; i += 2)
      next.push({ k: 'Call', fn: 'logicalOr', args: [level[i]!, level[i + 1]!], span, text });
    if (level.length % 2 === 1) next.push(level[level.length - 1]!);
    level = next;
  }
  return boundedExpr(ctx, level[0]!, span);
}

function scriptReference(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const ctx = interp.ctx;
  const parts: PExpr[] = [];
  for (const [arg, ord] of [
    ['label', 'first'],
    ['script', 'second'],
  ] as const) {
    const v = a.get(arg);
    if (v.kind === 'Error') return ERROR;
    if (v.kind !== 'Expr') {
      ctx.diags.error(
        a.span(arg),
        Messages.expectedArgType(arg, 'String', kindName(v)),
        `${ord} argument of px.script_reference`,
      );
      return ERROR;
    }
    parts.push(v.expr);
  }
  const args = a.get('args');
  if (args.kind !== 'Dict') {
    if (args.kind !== 'Error')
      ctx.diags.error(a.span('args'), Messages.expectedArgType('args', 'Dict', kindName(args)));
    return ERROR;
  }
  for (const [i, k] of args.keys.entries()) {
    const key = stringLiteral(k);
    const v = args.values[i]!;
    if (key === undefined) {
      if (k.kind !== 'Error')
        ctx.diags.error(args.keySpans[i]!, Messages.expectedArgType('key', 'String', kindName(k)));
      return ERROR;
    }
    // As in Pixie, a value is a string, a column or a function of columns: a number or a list is not a script argument.
    if (v.kind !== 'Expr' || (v.expr.k === 'Lit' && v.expr.dataType !== 'STRING')) {
      if (v.kind !== 'Error')
        ctx.diags.error(
          args.valueSpans[i]!,
          Messages.expectedArgType(`args['${key}']`, 'String, Column or Func', kindName(v)),
        );
      return ERROR;
    }
    parts.push({ k: 'Lit', dataType: 'STRING', value: key, span: args.keySpans[i]! }, v.expr);
  }
  return { kind: 'Expr', expr: { k: 'Call', fn: '_script_reference', args: parts, span, text: interp.spanText(span) } };
}

export { lit };
