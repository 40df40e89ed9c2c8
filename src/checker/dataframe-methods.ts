// DataFrame methods (SPEC §8.5-§8.13): each is a Builtin bound to its DataFrame.

import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { AggCall, JoinType } from '../core/plan/plan.js';
import type { ColumnInfo } from '../core/types.js';
import { optional, required } from './call.js';
import type { DataFrames } from './dataframe.js';
import { resolveOverload } from './functions.js';
import { inferAggregateSemantic } from './semantic.js';
import { timeValue } from './px-module.js';
import {
  ERROR,
  intLiteral,
  kindName,
  lit,
  stringLiteral,
  type BoundArgs,
  type BuiltinValue,
  type DataFrameValue,
  type GroupedValue,
  type ParamSpec,
  type Value,
} from './values.js';

const METHODS = ['filter', 'groupby', 'agg', 'merge', 'append', 'head', 'drop', 'rolling', 'stream', 'map'] as const;
type MethodName = (typeof METHODS)[number];

export function isDataFrameMethod(name: string): name is MethodName {
  return (METHODS as readonly string[]).includes(name);
}

export function dataframeMethod(
  dfs: DataFrames,
  df: DataFrameValue,
  name: MethodName,
  span: Span,
  grouped?: GroupedValue,
): Value {
  const b = (params: ParamSpec[], call: (args: BoundArgs, span: Span) => Value): BuiltinValue => ({
    kind: 'Builtin',
    name,
    params,
    call,
  });
  switch (name) {
    case 'filter':
      return b([required('expr')], (a, s) => {
        const v = a.get('expr');
        if (v.kind === 'Error') return ERROR;
        if (v.kind === 'List' || v.kind === 'Tuple') return dfs.project(df, v.items, v.spans, s, a.span('expr'));
        const one = stringLiteral(v);
        if (one !== undefined) return dfs.project(df, [v], [a.span('expr')], s, a.span('expr'));
        if (v.kind !== 'Expr') {
          dfs.ctx.diags.error(a.span('expr'), Messages.badSubscript(kindName(v)));
          return ERROR;
        }
        return dfs.filter(df, v.expr, a.span('expr'), s);
      });
    case 'groupby':
      return b([required('by')], (a, s) => groupby(dfs, df, a, s));
    case 'agg':
      // agg(**specs): every keyword names an output column, so arguments are not bound to fixed parameters.
      return {
        kind: 'Builtin',
        name,
        params: [],
        call: () => ERROR,
        raw: (args) => {
          if (args.positional.length > 0) {
            dfs.ctx.diags.error(args.positional[0]!.span, Messages.tooManyArgs('agg', 0, args.positional.length));
            return ERROR;
          }
          return aggregate(dfs, df, grouped, args.keywords, args.span);
        },
      };
    case 'merge':
      return b(
        [
          required('right'),
          required('how'),
          required('left_on'),
          required('right_on'),
          optional('suffixes', () => ({
            kind: 'List',
            items: [lit('STRING', '_x', span), lit('STRING', '_y', span)],
            spans: [span, span],
          })),
        ],
        (a, s) => merge(dfs, df, a, s),
      );
    case 'append':
      return b([required('objs')], (a, s) => append(dfs, df, a, s));
    case 'head':
      // `_pem_only` is Pixie's (a limit applied by each data-collecting agent only); pxlc runs as one agent, so
      // it is accepted and the limit is the same.
      return b(
        [optional('n', () => lit('INT64', 5n, span)), optional('_pem_only', () => lit('INT64', 0n, span))],
        (a, s) => {
          const pem = a.get('_pem_only');
          const isFlag =
            pem.kind === 'Expr' &&
            pem.expr.k === 'Lit' &&
            (pem.expr.dataType === 'INT64' || pem.expr.dataType === 'BOOLEAN');
          if (!isFlag && pem.kind !== 'Error')
            dfs.ctx.diags.error(a.span('_pem_only'), Messages.expectedArgType('_pem_only', 'Int', kindName(pem)));
          const arg = a.get('n');
          const n = intLiteral(arg);
          const limit =
            arg.kind === 'Expr' && arg.expr.k === 'Param' && arg.expr.dataType === 'INT64'
              ? { n: 0, nArg: arg.expr.name }
              : n !== undefined && n >= 0n
                ? { n: Number(n) }
                : undefined;
          // A negative count is refused by name (Pixie passes it on to the engine, where it means nothing).
          if (!limit && arg.kind !== 'Error') {
            dfs.ctx.diags.error(
              a.span('n'),
              n === undefined
                ? Messages.expectedArgType('n', 'Int', kindName(arg))
                : Messages.expectedArgType('n', 'Int >= 0', String(n)),
            );
          }
          // A wrong argument (reported) leaves the rows as they are, so what follows is still checked.
          if (!limit || !isFlag) return df;
          dfs.ctx.plan.use(df.node);
          const node = dfs.ctx.plan.add({ kind: 'Limit', input: df.node, ...limit, schema: df.schema, span: s });
          return dfs.value(node.id, df.schema, df.unknownColumns);
        },
      );
    case 'drop':
      return b([required('columns')], (a, s) => drop(dfs, df, a, s));
    case 'rolling':
      return b([required('window'), optional('on', () => lit('STRING', 'time_', span))], (a) => {
        // Pixie's front end checks the column and the window before planning reaches the missing operator.
        const on = stringLiteral(a.get('on'));
        if (on === undefined) {
          if (a.get('on').kind !== 'Error')
            dfs.ctx.diags.error(a.span('on'), Messages.expectedArgType('on', 'String', kindName(a.get('on'))));
          return ERROR;
        }
        if (on !== 'time_') {
          dfs.ctx.diags.error(a.span('on'), Messages.windowingOnlyOnTime(on));
          return ERROR;
        }
        // The window is read like a time with 'now' at 0: '-5m' is negative, '5m' or 300000000000 positive.
        const window = timeValue(dfs.interp, a.get('window'), a.span('window'), 'window');
        if (!window) return ERROR;
        const size =
          window.kind === 'Now' ? window.offsetNs : window.kind === 'Literal' ? (window.value as bigint) : undefined;
        dfs.ctx.diags.error(
          size !== undefined && size <= 0n ? a.span('window') : span,
          size !== undefined && size <= 0n ? Messages.windowSizeNotPositive() : Messages.rollingNotImplemented(),
        );
        return ERROR;
      });
    case 'stream':
      return b([], () => {
        dfs.ctx.diags.error(span, Messages.streamUnsupported());
        return ERROR;
      });
    case 'map':
      // Whatever the arguments, the answer is the same: columns are assigned, not mapped.
      return {
        kind: 'Builtin',
        name,
        params: [],
        call: () => ERROR,
        raw: () => {
          dfs.ctx.diags.error(span, Messages.mapNotCallable());
          return ERROR;
        },
      };
  }
}

function stringList(dfs: DataFrames, v: Value, span: Span, arg: string): string[] | undefined {
  if (v.kind === 'Error') return undefined;
  const one = stringLiteral(v);
  if (one !== undefined) return [one];
  if (v.kind === 'List' || v.kind === 'Tuple') {
    const out: string[] = [];
    for (const [i, item] of v.items.entries()) {
      const s = stringLiteral(item);
      if (s === undefined) {
        if (item.kind !== 'Error')
          dfs.ctx.diags.error(v.spans[i]!, Messages.expectedArgType(`${arg} (index ${i})`, 'String', kindName(item)));
        return undefined;
      }
      out.push(s);
    }
    return out;
  }
  dfs.ctx.diags.error(span, Messages.expectedArgType(arg, 'String', kindName(v)));
  return undefined;
}

/** Where each name of a `stringList` was written: the list's elements, or the argument itself. */
function elementSpans(v: Value, span: Span): readonly Span[] {
  return v.kind === 'List' || v.kind === 'Tuple' ? v.spans : [span];
}

/** The schema index of each name; every missing name is reported (at `spans[k]`, or at `use` when written elsewhere). */
function columnIndices(
  dfs: DataFrames,
  df: DataFrameValue,
  names: readonly string[],
  use: Span,
  spans: readonly Span[] = [],
): number[] | undefined {
  const out: number[] = [];
  let ok = true;
  names.forEach((n, k) => {
    const i = df.schema.findIndex((c) => c.name === n);
    if (i >= 0) out.push(i);
    else {
      if (!df.unknownColumns.has(n)) dfs.reportMissingColumn(df, n, spans[k] ?? use, use);
      ok = false;
    }
  });
  return ok ? out : undefined;
}

function groupby(dfs: DataFrames, df: DataFrameValue, a: BoundArgs, span: Span): Value {
  const by = stringList(dfs, a.get('by'), a.span('by'), 'by');
  if (!by) return ERROR;
  if (!columnIndices(dfs, df, by, a.span('by'), elementSpans(a.get('by'), a.span('by')))) {
    // Reported; the aggregate is still checked, grouped by the columns that exist.
    const missing = by.filter((n) => !df.schema.some((c) => c.name === n));
    return { kind: 'Grouped', df, by: by.filter((n) => !missing.includes(n)), missing, span } satisfies GroupedValue;
  }
  return { kind: 'Grouped', df, by, span } satisfies GroupedValue;
}

export function aggregate(
  dfs: DataFrames,
  df: DataFrameValue,
  grouped: GroupedValue | undefined,
  specs: readonly { name: string; value: Value; span: Span }[],
  span: Span,
): Value {
  const by = grouped?.by ?? [];
  if (!grouped && specs.length === 0) {
    dfs.ctx.diags.error(span, Messages.emptyAgg());
    return ERROR;
  }
  const groups = columnIndices(dfs, df, by, grouped?.span ?? span);
  if (!groups) return ERROR;
  const schema: ColumnInfo[] = groups.map((i) => df.schema[i]!);
  const aggs: AggCall[] = [];
  // Output columns whose group or aggregate failed (reported): uses of them further on stay quiet.
  const unknown = new Set(grouped?.missing ?? []);
  for (const spec of specs) {
    const r = aggSpec(dfs, df, spec);
    if (!r) {
      unknown.add(spec.name);
      continue;
    }
    aggs.push(r.call);
    schema.push({ name: spec.name, ...r.out });
  }
  dfs.ctx.plan.use(df.node);
  const node = dfs.ctx.plan.add({ kind: 'Agg', input: df.node, groups, aggs, schema, span });
  return dfs.value(node.id, schema, unknown);
}

function aggSpec(dfs: DataFrames, df: DataFrameValue, spec: { name: string; value: Value; span: Span }) {
  const v = spec.value;
  if (v.kind === 'Error') return undefined;
  if (v.kind !== 'Tuple') {
    dfs.ctx.diags.error(spec.span, Messages.aggNotTuple(spec.name, kindName(v)));
    return undefined;
  }
  const last = v.items[v.items.length - 1];
  const colValues = v.items.slice(0, -1);
  if (!last || colValues.length === 0 || colValues.some((c) => stringLiteral(c) === undefined)) {
    dfs.ctx.diags.error(spec.span, Messages.aggTupleElements());
    return undefined;
  }
  if (last.kind === 'Expr' && last.expr.k === 'Call') {
    dfs.ctx.diags.error(
      v.spans[v.items.length - 1]!,
      Messages.aggTupleNotFunc('FuncCall'),
      'Write the aggregate uncalled: px.count, not px.count().',
    );
    return undefined;
  }
  if (last.kind !== 'PxFunction') {
    dfs.ctx.diags.error(v.spans[v.items.length - 1]!, Messages.aggTupleNotFunc(kindName(last)));
    return undefined;
  }
  const names = colValues.map((c) => stringLiteral(c)!);
  const idx = columnIndices(dfs, df, names, v.spans[0]!);
  if (!idx) return undefined;
  const types = idx.map((i) => df.schema[i]!.dataType);
  const ret = resolveOverload('uda', last.name, types);
  if (ret === undefined) {
    dfs.ctx.diags.error(spec.span, Messages.udfNotFound(last.name, types));
    return undefined;
  }
  return {
    call: { fn: last.name, args: idx } satisfies AggCall,
    out: { dataType: ret, semanticType: inferAggregateSemantic(last.name, df.schema[idx[0]!]!.semanticType) },
  };
}

const JOIN_TYPES: readonly JoinType[] = ['inner', 'left', 'right', 'outer'];

function merge(dfs: DataFrames, left: DataFrameValue, a: BoundArgs, span: Span): Value {
  const right = a.get('right');
  if (right.kind === 'Error') return ERROR;
  if (right.kind === 'Grouped') return dfs.groupbyMisuse(right, 'Join');
  if (right.kind !== 'DataFrame') {
    dfs.ctx.diags.error(a.span('right'), Messages.expectedDataFrame(kindName(right)));
    return ERROR;
  }
  // Every argument is checked on its own, so one run shows each wrong one.
  let ok = true;
  const howArg = a.get('how');
  const how = stringLiteral(howArg);
  if (how === undefined || !(JOIN_TYPES as readonly string[]).includes(how)) {
    if (howArg.kind !== 'Error') dfs.ctx.diags.error(a.span('how'), Messages.joinType(how ?? kindName(howArg)));
    ok = false;
  }
  const lon = stringList(dfs, a.get('left_on'), a.span('left_on'), 'left_on');
  const ron = stringList(dfs, a.get('right_on'), a.span('right_on'), 'right_on');
  const li = lon && columnIndices(dfs, left, lon, a.span('left_on'), elementSpans(a.get('left_on'), a.span('left_on')));
  const ri =
    ron && columnIndices(dfs, right, ron, a.span('right_on'), elementSpans(a.get('right_on'), a.span('right_on')));
  if (lon && ron && lon.length !== ron.length) {
    dfs.ctx.diags.error(a.span('right_on'), Messages.joinKeyCount());
    ok = false;
  } else if (li && ri) {
    for (let i = 0; i < li.length; i++) {
      const l = left.schema[li[i]!]!;
      const r = right.schema[ri[i]!]!;
      if (l.dataType !== r.dataType) {
        dfs.ctx.diags.error(span, Messages.joinKeyTypes(i, l.name, l.dataType, r.name, r.dataType));
        ok = false;
      }
    }
  }
  const suffixes = suffixPair(dfs, a);
  if (!ok || !li || !ri || !suffixes) return ERROR;
  const [ls, rs] = suffixes;
  const rightNames = new Set(right.schema.map((c) => c.name));
  const leftNames = new Set(left.schema.map((c) => c.name));
  const schema: ColumnInfo[] = [
    ...left.schema.map((c) => ({ ...c, name: rightNames.has(c.name) ? c.name + ls : c.name })),
    ...right.schema.map((c) => ({ ...c, name: leftNames.has(c.name) ? c.name + rs : c.name })),
  ];
  const seen = new Set<string>();
  for (const c of schema) {
    if (seen.has(c.name)) {
      dfs.ctx.diags.error(span, Messages.mergeDuplicate(c.name, ls, rs));
      return ERROR;
    }
    seen.add(c.name);
  }
  dfs.ctx.plan.use(left.node);
  dfs.ctx.plan.use(right.node);
  const node = dfs.ctx.plan.add({
    kind: 'Join',
    left: left.node,
    right: right.node,
    how: how as JoinType,
    leftOn: li,
    rightOn: ri,
    schema,
    span,
  });
  return dfs.value(node.id, schema);
}

/** merge's suffixes: two strings. */
function suffixPair(dfs: DataFrames, a: BoundArgs): [string, string] | undefined {
  const suffixes = a.get('suffixes');
  if (suffixes.kind === 'Error') return undefined;
  if (suffixes.kind !== 'List' && suffixes.kind !== 'Tuple') {
    dfs.ctx.diags.error(a.span('suffixes'), Messages.suffixesKind(kindName(suffixes)));
    return undefined;
  }
  if (suffixes.items.length !== 2) {
    dfs.ctx.diags.error(a.span('suffixes'), Messages.suffixesCount(suffixes.items.length));
    return undefined;
  }
  const [ls, rs] = suffixes.items.map(stringLiteral);
  if (ls === undefined || rs === undefined) {
    dfs.ctx.diags.error(a.span('suffixes'), Messages.suffixesKind(kindName(suffixes)));
    return undefined;
  }
  return [ls, rs];
}

function append(dfs: DataFrames, first: DataFrameValue, a: BoundArgs, span: Span): Value {
  const objs = a.get('objs');
  const others = objs.kind === 'List' || objs.kind === 'Tuple' ? objs.items : [objs];
  const inputs: DataFrameValue[] = [first];
  for (const o of others) {
    if (o.kind === 'Error') return ERROR;
    if (o.kind === 'Grouped') return dfs.groupbyMisuse(o, 'Union');
    if (o.kind !== 'DataFrame') {
      dfs.ctx.diags.error(a.span('objs'), Messages.expectedDataFrame(kindName(o)));
      return ERROR;
    }
    inputs.push(o);
  }
  const columnMaps: number[][] = [];
  for (const df of inputs) {
    const map: number[] = [];
    const describe = (d: DataFrameValue) => `[${d.schema.map((c) => `${c.name}:${c.dataType}`).join(', ')}]`;
    if (df.schema.length !== first.schema.length) {
      dfs.ctx.diags.error(span, Messages.unionSchema(`${describe(first)} vs ${describe(df)}. Column count wrong.`));
      return ERROR;
    }
    for (const c of first.schema) {
      const j = df.schema.findIndex((d) => d.name === c.name);
      if (j < 0) {
        dfs.ctx.diags.error(span, Messages.unionSchema(`${describe(first)} vs ${describe(df)}. Missing '${c.name}'.`));
        return ERROR;
      }
      if (df.schema[j]!.dataType !== c.dataType) {
        dfs.ctx.diags.error(
          span,
          Messages.unionSchema(`${describe(first)} vs ${describe(df)}. wrong type for '${c.name}'.`),
        );
        return ERROR;
      }
      map.push(j);
    }
    columnMaps.push(map);
  }
  for (const df of inputs) dfs.ctx.plan.use(df.node);
  const t = first.schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
  const node = dfs.ctx.plan.add({
    kind: 'Union',
    inputs: inputs.map((d) => d.node),
    columnMaps,
    schema: first.schema,
    span,
    ...(t >= 0 ? { timeColumn: t } : {}),
  });
  return dfs.value(node.id, first.schema);
}

function drop(dfs: DataFrames, df: DataFrameValue, a: BoundArgs, span: Span): Value {
  const names = stringList(dfs, a.get('columns'), a.span('columns'), 'columns');
  if (!names) return ERROR;
  // A name that is not a column is reported; the others are dropped all the same, so what follows is still checked.
  columnIndices(dfs, df, names, a.span('columns'), elementSpans(a.get('columns'), a.span('columns')));
  const keep = df.schema.map((c, i) => ({ c, i })).filter(({ c }) => !names.includes(c.name));
  dfs.ctx.plan.use(df.node);
  const node = dfs.ctx.plan.add({
    kind: 'Map',
    input: df.node,
    columns: keep.map(({ i }) => ({ kind: 'input', index: i })),
    schema: keep.map(({ c }) => c),
    span,
  });
  const unknown = new Set([...df.unknownColumns].filter((n) => !names.includes(n)));
  return dfs.value(node.id, node.schema, unknown);
}
