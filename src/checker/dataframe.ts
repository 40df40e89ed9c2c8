// DataFrame values: columns, subscripts, column assignment (with Pixie's map merging, SPEC §8.4) and the
// methods of §8. Each operation appends a plan node and yields a new DataFrame value.

import type * as ast from '../frontend/ast.js';
import type { Span } from '../core/source.js';
import { Messages, Notes, withNote } from '../diagnostics/messages.js';
import type { MapColumn, PlanNode } from '../core/plan/plan.js';
import type { Schema } from '../core/types.js';
import { bindArgs, type CallArgs } from './call.js';
import type { CheckContext } from './context.js';
import type { Interpreter } from './interpret.js';
import { resolveExpr } from './resolve.js';
import { nearest } from './suggest.js';
import type { Scope } from './scope.js';
import { dataframeMethod, isDataFrameMethod } from './dataframe-methods.js';
import { MapGroup, type Definition } from './map-group.js';
import { own } from '../core/dict.js';
import {
  ERROR,
  kindName,
  objectKindName,
  stringLiteral,
  type BuiltinValue,
  type CtxValue,
  type DataFrameValue,
  type GroupedValue,
  type PExpr,
  type TypeObjectValue,
  type Value,
} from './values.js';

const INIT_ARG_FUNCTIONS: Readonly<Record<string, number>> = { regex_match: 1, replace: 1, _match_regex_rule: 1 };

export class DataFrames {
  constructor(
    readonly ctx: CheckContext,
    readonly interp: Interpreter,
  ) {}

  /** A new DataFrame value for a freshly added node. */
  value(node: number, schema: Schema, unknownColumns: ReadonlySet<string> = new Set()): DataFrameValue {
    return { kind: 'DataFrame', node, schema, unknownColumns };
  }

  /** The DataFrame of a group of assignments: its Map node is added when its node or schema is first read. */
  private grouped(g: MapGroup, unknownColumns: ReadonlySet<string>): DataFrameValue {
    const plan = this.ctx.plan;
    const made = () =>
      g.node((columns, schema, span) => plan.add({ kind: 'Map', input: g.baseNode, columns, schema, span }).id);
    return Object.defineProperties(
      { kind: 'DataFrame', unknownColumns, mapGroup: g },
      {
        node: { get: () => made().node, enumerable: true },
        schema: { get: () => made().schema, enumerable: true },
      },
    ) as DataFrameValue;
  }

  /** A group of assignments over `baseNode`, which it consumes (so the base's own group takes no more merges). */
  private startGroup(
    baseNode: number,
    baseSchema: Schema,
    startsWithProjection: boolean,
    defined: readonly Definition[],
    unknownColumns: ReadonlySet<string>,
    span: Span,
  ): DataFrameValue {
    this.ctx.plan.use(baseNode);
    return this.grouped(MapGroup.start(baseNode, baseSchema, startsWithProjection, defined, span), unknownColumns);
  }

  attribute(df: DataFrameValue, e: ast.AttributeExpr): Value {
    if (e.attr === 'ctx') return { kind: 'Ctx', df } satisfies CtxValue;
    if (isDataFrameMethod(e.attr)) return dataframeMethod(this, df, e.attr, e.attrSpan);
    return { kind: 'Expr', expr: { k: 'Col', name: e.attr, span: e.attrSpan, from: df, viaSubscript: false } };
  }

  groupedAttribute(g: GroupedValue, e: ast.AttributeExpr): Value {
    if (e.attr === 'agg') return dataframeMethod(this, g.df, 'agg', e.attrSpan, g);
    if (e.attr === 'rolling') {
      this.ctx.diags.error(e.attrSpan, Messages.rollingNotImplemented());
      return ERROR;
    }
    if (e.attr === 'ctx') return { kind: 'Ctx', df: g.df } satisfies CtxValue;
    const op = isDataFrameMethod(e.attr) ? GROUPED_METHOD_OPERATOR[e.attr] : undefined;
    if (op) return this.groupbyMisuse(g, op);
    // A column of the grouped rows is an expression like any other; what is done with it decides the error.
    return { kind: 'Expr', expr: { k: 'Col', name: e.attr, span: e.attrSpan, from: g.df, viaSubscript: false } };
  }

  /** `g[...]` on a groupby: a column, or the projection (a Map) or filter Pixie would plan after the groupby. */
  groupedSubscript(g: GroupedValue, index: Value, e: ast.SubscriptExpr): Value {
    if (index.kind === 'Error') return ERROR;
    const name = stringLiteral(index);
    if (name !== undefined)
      return { kind: 'Expr', expr: { k: 'Col', name, span: e.index.span, from: g.df, viaSubscript: true } };
    return this.groupbyMisuse(g, index.kind === 'List' || index.kind === 'Tuple' ? 'Map' : 'Filter');
  }

  /**
   * Pixie plans whatever follows a groupby as its child and then refuses any child but an agg, naming the child's
   * operator (Limit, Filter, Map, Join, GRPCSink, ...) at the groupby.
   */
  groupbyMisuse(g: GroupedValue, operator: string): Value {
    this.ctx.diags.error(g.span, Messages.groupbyNotFollowedByAgg(operator));
    return ERROR;
  }

  subscript(df: DataFrameValue, index: Value, e: ast.SubscriptExpr): Value {
    if (index.kind === 'Error') return ERROR;
    const name = stringLiteral(index);
    if (name !== undefined)
      return { kind: 'Expr', expr: { k: 'Col', name, span: e.index.span, from: df, viaSubscript: true } };
    if (index.kind === 'List' || index.kind === 'Tuple')
      return this.project(df, index.items, index.spans, e.span, e.index.span);
    if (index.kind === 'Expr') return this.filter(df, index.expr, e.index.span, e.span);
    this.ctx.diags.error(e.index.span, Messages.badSubscript(kindName(index)));
    return ERROR;
  }

  ctxSubscript(c: CtxValue, index: Value, e: ast.SubscriptExpr): Value {
    if (index.kind === 'Error') return ERROR;
    const key = stringLiteral(index);
    if (key === undefined) {
      this.ctx.diags.error(e.index.span, Messages.expectedArgType('key', 'String', kindName(index)));
      return ERROR;
    }
    return { kind: 'Expr', expr: { k: 'Meta', key, span: e.span } };
  }

  filter(df: DataFrameValue, predicate: PExpr, predSpan: Span, span: Span): Value {
    const p = resolveExpr(this.ctx, predicate, df);
    if (!p) return df;
    if (p.dataType !== 'BOOLEAN') {
      this.ctx.diags.error(predSpan, Messages.filterNotBoolean(this.interp.spanText(predSpan), p.dataType));
      return df;
    }
    this.checkColumnOrigins(predicate, df);
    this.ctx.plan.use(df.node);
    const node = this.ctx.plan.add({ kind: 'Filter', input: df.node, predicate: p, schema: df.schema, span });
    return this.value(node.id, df.schema, df.unknownColumns);
  }

  /** `df[['a', 'b']]`; `use` is the list argument as written at the call (a variable's name, or the list itself). */
  project(df: DataFrameValue, items: readonly Value[], spans: readonly Span[], span: Span, use: Span): Value {
    const names: string[] = [];
    // Named columns that do not exist (reported now, or when their computation failed): the projection goes on
    // without them, so what follows is still checked, and uses of them further on stay quiet.
    const unknown = new Set(df.unknownColumns);
    let ok = true;
    items.forEach((item, i) => {
      const name = stringLiteral(item);
      if (name === undefined) {
        if (item.kind !== 'Error')
          this.ctx.diags.error(spans[i]!, Messages.expectedArgType(`key (index ${i})`, 'String', kindName(item)));
        ok = false;
      } else if (names.includes(name)) {
        this.ctx.diags.error(spans[i]!, Messages.duplicateProjection(name));
      } else if (!df.schema.some((c) => c.name === name)) {
        if (!df.unknownColumns.has(name)) this.reportMissingColumn(df, name, spans[i]!, use);
        unknown.add(name);
      } else {
        names.push(name);
      }
    });
    if (!ok) return ERROR;
    const defined = names.map((n) => ({
      name: n,
      expr: { kind: 'input', index: df.schema.findIndex((c) => c.name === n) } as MapColumn,
    }));
    return this.startGroup(df.node, df.schema, true, defined, unknown, span);
  }

  /**
   * A column named at `span` is missing. When it was written away from where it is used (`cols = [...]` on line 5,
   * `df[cols]` on line 12), the error is at the use, with a note at the name.
   */
  reportMissingColumn(df: DataFrameValue, name: string, span: Span, use: Span = span): void {
    const names = df.schema.map((c) => c.name);
    const message = Messages.columnNotFound(name, names, nearest(name, names));
    const inside = span.start >= use.start && span.end <= use.end;
    this.ctx.diags.error(inside ? span : use, inside ? message : withNote(message, span, Notes.columnNamedHere(name)));
  }

  /**
   * `df.x = v` / `df['x'] = v`. Merges into the previous assignment's group when Pixie would (SPEC §8.4):
   * the previous DataFrame has no other consumer and `v` reads no column the group defined.
   */
  assignColumn(target: ast.AttributeExpr | ast.SubscriptExpr, value: Value, valueNode: ast.Expr, scope: Scope): void {
    const holder = target.value;
    const dfValue = this.interp.evalExpr(holder, scope);
    let column: string | undefined;
    if (target.kind === 'Attribute') column = target.attr;
    else {
      const idx = this.interp.evalExpr(target.index, scope);
      column = stringLiteral(idx);
      if (column === undefined && idx.kind !== 'Error' && dfValue.kind === 'DataFrame') {
        this.ctx.diags.error(target.index.span, Messages.expectedArgType('key', 'String', kindName(idx)));
        return;
      }
    }
    if (dfValue.kind === 'Error' || column === undefined) return;
    if (dfValue.kind === 'Grouped') {
      this.groupbyMisuse(dfValue, 'Map');
      return;
    }
    if (dfValue.kind !== 'DataFrame') {
      if (target.kind === 'Subscript')
        this.ctx.diags.error(
          target.span,
          Messages.subscriptAssignNotAllowed(dfValue.kind === 'Ctx' ? 'ctx' : kindName(dfValue)),
        );
      else if (dfValue.kind === 'None') this.ctx.diags.error(target.span, Messages.assignAttrOnNone(column));
      else this.ctx.diags.error(target.span, Messages.noAttribute(kindName(dfValue), column));
      return;
    }
    if (holder.kind !== 'Name') {
      this.ctx.diags.error(holder.span, Messages.assignFromNonName(holder.kind));
      return;
    }
    const result = this.assign(dfValue, column, value, valueNode.span, target.kind === 'Subscript', target.span);
    scope.bind(holder.id, result);
  }

  private assign(
    df: DataFrameValue,
    column: string,
    value: Value,
    valueSpan: Span,
    viaSubscript: boolean,
    span: Span,
  ): DataFrameValue {
    if (value.kind === 'Error') return this.withUnknown(df, column);
    if (value.kind !== 'Expr') {
      this.ctx.diags.error(valueSpan, Messages.expectedExpressionIn('assignment value', objectKindName(value)));
      return this.withUnknown(df, column);
    }
    if (!this.checkColumnOrigins(value.expr, df, viaSubscript)) return this.withUnknown(df, column);
    const g = df.mapGroup;
    // A group whose Map node is not made yet has no consumer: anything that consumes a DataFrame reads its node.
    const canMerge =
      g !== undefined &&
      (!g.isMade || (this.ctx.plan.uses.get(df.node) ?? 0) === 0) &&
      ![...readColumns(value.expr)].some((name) => g.defines(name));
    const baseDf = canMerge ? this.value(g.baseNode, g.baseSchema, df.unknownColumns) : df;
    const expr = resolveExpr(this.ctx, value.expr, baseDf);
    if (!expr) return this.withUnknown(df, column);
    // A plain copy of an input column, unless a cast (px.DurationNanos(df.x)) gave it another semantic type.
    const copy = expr.kind === 'Column' && expr.semanticType === baseDf.schema[expr.index]?.semanticType;
    const mapColumn: MapColumn = copy ? { kind: 'input', index: expr.index } : { kind: 'expr', expr };
    const unknown = new Set(df.unknownColumns);
    unknown.delete(column);
    if (canMerge) return this.grouped(g.with({ name: column, expr: mapColumn }, span), unknown);
    return this.startGroup(df.node, df.schema, false, [{ name: column, expr: mapColumn }], unknown, span);
  }

  /** A column that failed to compute: keep going with it marked unknown so later uses do not cascade. */
  withUnknown(df: DataFrameValue, column: string): DataFrameValue {
    const unknown = new Set(df.unknownColumns);
    unknown.add(column);
    return df.mapGroup ? this.grouped(df.mapGroup, unknown) : { ...df, unknownColumns: unknown };
  }

  /**
   * Pixie binds a column to the operator where it is used, so `df2.x = df1.y` silently reads df2.y
   * (SPEC §8.3, §17 #5). pxlc reports it: an error for the subscript form (as Pixie), a warning otherwise.
   */
  checkColumnOrigins(e: PExpr, df: DataFrameValue, assignViaSubscript = false): boolean {
    let ok = true;
    visitColumns(e, (c) => {
      if (!c.from || c.from === df || c.from.node === df.node || sameLineage(this, c.from, df)) return;
      if (c.viaSubscript && assignViaSubscript) {
        this.ctx.diags.error(c.span, Messages.notAvailableInContext(c.name));
        ok = false;
      } else {
        this.ctx.diags.warning(c.span, Messages.columnFromOtherDataFrame(c.name));
      }
    });
    return ok;
  }

  callBuiltin(fn: BuiltinValue, args: CallArgs): Value {
    if (fn.raw) return fn.raw(args);
    const bound = bindArgs(this.ctx, fn.name, fn.params, args);
    if (!bound) return ERROR;
    return fn.call(bound, args.span);
  }

  /** Type objects as casts: only the semantic type changes (SPEC §7.5). */
  cast(t: TypeObjectValue, args: CallArgs): Value {
    const bound = bindArgs(this.ctx, t.name, [{ name: 'value' }], args);
    if (!bound) return ERROR;
    const v = bound.get('value');
    if (v.kind === 'Error') return ERROR;
    if (v.kind !== 'Expr') {
      this.ctx.diags.error(bound.span('value'), Messages.expectedExpressionIn('value', objectKindName(v)));
      return ERROR;
    }
    return { kind: 'Expr', expr: { k: 'Cast', to: t, arg: v.expr, span: args.span } };
  }

  /** regex_match / replace need their pattern as a literal (SPEC §7.3). */
  checkInitArgs(name: string, args: CallArgs): boolean {
    const n = own(INIT_ARG_FUNCTIONS, name) ?? 0;
    for (let i = 0; i < n && i < args.positional.length; i++) {
      const a = args.positional[i]!;
      if (a.value.kind === 'Expr' && a.value.expr.k !== 'Lit') {
        this.ctx.diags.error(a.span, Messages.initArgNotLiteral(i, a.value.expr.k === 'Col' ? 'Column' : 'Func'));
        return false;
      }
    }
    return true;
  }
}

function visitColumns(e: PExpr, f: (c: Extract<PExpr, { k: 'Col' }>) => void): void {
  switch (e.k) {
    case 'Col':
      f(e);
      return;
    case 'Call':
      e.args.forEach((a) => visitColumns(a, f));
      return;
    case 'Cast':
      visitColumns(e.arg, f);
      return;
    default:
      return;
  }
}

const METADATA_KEY_COLUMNS = [
  'upid',
  'pod_id',
  'pod_name',
  'service_id',
  'service_name',
  'deployment_id',
  'deployment_name',
  'replicaset_id',
  'replicaset_name',
  'local_addr',
  'time_',
];

/** Column names an expression reads; a metadata lookup may read any key column. */
function readColumns(e: PExpr): Set<string> {
  const out = new Set<string>();
  const walk = (x: PExpr): void => {
    if (x.k === 'Col') out.add(x.name);
    else if (x.k === 'Call') x.args.forEach(walk);
    else if (x.k === 'Cast') walk(x.arg);
    else if (x.k === 'Meta') for (const c of METADATA_KEY_COLUMNS) out.add(c);
  };
  walk(e);
  return out;
}

/** True when `a` is an ancestor of `b` through map/filter steps (the common `df = df[...]` idiom). */
function sameLineage(dfs: DataFrames, a: DataFrameValue, b: DataFrameValue): boolean {
  const nodes = dfs.ctx.plan.nodes;
  let id: number | undefined = b.node;
  while (id !== undefined) {
    if (id === a.node) return true;
    const n: PlanNode | undefined = nodes[id];
    id = n && (n.kind === 'Map' || n.kind === 'Filter' || n.kind === 'Limit') ? n.input : undefined;
  }
  return false;
}

/** The operator Pixie plans for each DataFrame method, named as its error after a groupby names it. */
const GROUPED_METHOD_OPERATOR: Readonly<Record<string, string | undefined>> = {
  filter: 'Filter',
  groupby: 'GroupBy',
  merge: 'Join',
  append: 'Union',
  head: 'Limit',
  drop: 'Drop',
  stream: 'Stream',
  map: 'Map',
};
