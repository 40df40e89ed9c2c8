// Function-based scripts (SPEC §13.2): a top-level function whose parameters are all annotated with script-argument
// types (str, int, float, bool, px.Pod, ...) is an entry point a user runs with `--func NAME --arg k=v`. Each is
// checked by calling it once with symbolic arguments, so errors in its body are found without a vis spec, and the
// outputs it produces (its returned DataFrame, its px.display calls) become that entry point's sinks.
//
// Some bodies need an argument's value to compile at all: `df.groupby(by=entity)`, `px.DataFrame(table_name)`.
// Pixie compiles a vis script with the values the vis spec passes, so this is valid PxL. pxlc cannot plan such a
// body ahead of time, and choosing between (a) checking it per value and (b) compiling it when it runs is not a
// choice: without the value there is no plan to check. So both happen:
//   - when the allowed values are known (vis.json `validValues`), the body is checked once per value now, so
//     `pxlc check` reports what would go wrong for any value a user can pick;
//   - otherwise the check says, as a warning, that the body is checked when it runs;
//   - the compiled module compiles the entry point when it runs, with the arguments bound as literals, exactly
//     as Pixie does (src/runtime/compile-at-run-time.ts); an error then is a located diagnostic, not a crash.
// Entry points whose bodies do not need values stay precompiled: no compiler is needed to run them.

import type * as ast from '../frontend/ast.js';
import type { Span } from '../core/source.js';
import { kindText, Messages, type Message } from '../diagnostics/messages.js';
import type { EntryParam, EntryPoint, NotRunnable } from '../core/plan/plan.js';
import type { CallArgs } from './call.js';
import { own } from '../core/dict.js';
import type { ArgValue, KnownArgValues } from './context.js';
import type { Interpreter } from './interpret.js';
import type { Scope } from './scope.js';
import { callUserFunction } from './user-functions.js';
import { listArgument } from './list-argument.js';
import { kindName, type DataFrameValue, type PExpr, type UserFunctionValue, type Value } from './values.js';

/** At most this many combinations of known values are checked per entry point. */
const MAX_VARIANTS = 32;

export function checkEntryPoints(
  interp: Interpreter,
  scope: Scope,
  functionNames: readonly string[],
  known: KnownArgValues = new Map(),
): EntryPoint[] {
  const entries: EntryPoint[] = [];
  for (const name of functionNames) {
    const fn = scope.lookup(name) as UserFunctionValue;
    const params = entryParams(interp, fn);
    if (!params) continue;
    const { needed, returns } = runSymbolic(interp, fn, params, new Map(), false);
    const entry: EntryPoint = {
      name,
      params,
      ...(fn.def.docstring ? { doc: fn.def.docstring.trim() } : {}),
      ...(returns ? { notRunnable: notRunnable(interp, fn, returns) } : {}),
    };
    if (needed.size === 0) {
      entries.push(entry);
      continue;
    }
    checkWithKnownValues(interp, fn, params, needed, known.get(name) ?? new Map());
    entries.push({ ...entry, compileAtRunTime: [...needed.keys()] });
  }
  return entries;
}

function notRunnable(interp: Interpreter, fn: UserFunctionValue, why: Message): NotRunnable {
  const file = interp.ctx.file;
  const { line, col } = file.position(fn.def.nameSpan.start);
  return { message: why.text, path: file.path, line, col };
}

/**
 * Runs the body with script arguments as symbols, except those in `bound` (literals). Returns the arguments whose
 * values the body needed, with the first place each was needed; the outputs of such a run are dropped.
 */
function runSymbolic(
  interp: Interpreter,
  fn: UserFunctionValue,
  params: readonly EntryParam[],
  bound: ReadonlyMap<string, ArgValue>,
  dropOutputs: boolean,
): { needed: Map<string, Span>; returns: Message | undefined } {
  const plan = interp.ctx.plan;
  const diags = interp.ctx.diags;
  const needed = new Map<string, Span>();
  let returns: Message | undefined;
  const sinksBefore = plan.sinks.length;
  plan.entry = fn.def.name;
  diags.onRunTimeValue = (arg, span) => {
    if (!needed.has(arg)) needed.set(arg, span);
  };
  try {
    const args: CallArgs = {
      positional: params.map((p, i) => {
        const span = fn.def.params[i]!.span;
        const value = bound.get(p.name);
        return { value: value === undefined ? symbol(p, span) : literal(p, value, span), span };
      }),
      keywords: [],
      span: fn.def.nameSpan,
    };
    const result: Value = callUserFunction(interp, fn, args);
    returns = addReturnedOutputs(interp, fn, result, sinksBefore);
  } finally {
    plan.entry = undefined;
    diags.onRunTimeValue = undefined;
  }
  if (dropOutputs || needed.size > 0) plan.dropSinksFrom(sinksBefore);
  return { needed, returns };
}

/**
 * The outputs of an entry point's return value, as Pixie makes them for a vis function: a DataFrame is displayed
 * under the function's name, each DataFrame of a returned list or tuple as `name[i]`. Anything else is Pixie's
 * error when the function runs, returned here; a function that returns nothing but displays or exports is
 * pxlc's own kind of entry point and fine.
 */
function addReturnedOutputs(
  interp: Interpreter,
  fn: UserFunctionValue,
  result: Value,
  sinksBefore: number,
): Message | undefined {
  const plan = interp.ctx.plan;
  const name = fn.def.name;
  const display = (df: DataFrameValue, as: string): void =>
    plan.addSink({ kind: 'Display', input: df.node, name: as, span: fn.def.nameSpan });
  switch (result.kind) {
    case 'DataFrame':
      display(result, name);
      return undefined;
    case 'Error':
      return undefined;
    case 'None':
      return plan.sinks.length > sinksBefore
        ? undefined
        : Messages.returnsNotDataFrame(name, kindText(kindName(result)));
    case 'List':
    case 'Tuple': {
      const bad = result.items.findIndex((x) => x.kind !== 'DataFrame' && x.kind !== 'Error');
      if (bad >= 0) return Messages.returnsNotDataFrameAt(name, kindText(kindName(result.items[bad]!)), bad);
      result.items.forEach((x, i) => {
        if (x.kind === 'DataFrame') display(x, `${name}[${i}]`);
      });
      return undefined;
    }
    default:
      return Messages.returnsNotDataFrame(name, kindText(kindName(result)));
  }
}

/** Checks the body once per combination of known values; warns about arguments whose values are not known. */
function checkWithKnownValues(
  interp: Interpreter,
  fn: UserFunctionValue,
  params: readonly EntryParam[],
  needed: ReadonlyMap<string, Span>,
  known: ReadonlyMap<string, readonly string[]>,
): void {
  const diags = interp.ctx.diags;
  const unknown = [...needed].filter(([arg]) => !known.get(arg)?.length);
  for (const [arg, span] of unknown) diags.warning(span, Messages.compiledAtRunTime(arg, fn.def.name));
  if (unknown.length > 0) return;
  for (const bound of combinations([...needed.keys()], known).slice(0, MAX_VARIANTS)) {
    const words = [...bound].map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ');
    const { needed: more } = diags.withHint(
      `when ${fn.def.name} runs with ${words} (a value its vis.json allows)`,
      () => runSymbolic(interp, fn, params, bound, true),
    );
    // Another argument's value is needed once these are bound: it is not known, so it is checked when it runs.
    for (const [arg, span] of more)
      if (!needed.has(arg)) diags.warning(span, Messages.compiledAtRunTime(arg, fn.def.name));
  }
}

function combinations(args: readonly string[], known: ReadonlyMap<string, readonly string[]>): Map<string, string>[] {
  let out: Map<string, string>[] = [new Map()];
  for (const arg of args) out = out.flatMap((b) => known.get(arg)!.map((v) => new Map(b).set(arg, v)));
  return out;
}

function symbol(p: EntryParam, span: Span): Value {
  return { kind: 'Expr', expr: { k: 'Param', name: p.name, dataType: p.dataType, semanticType: p.semanticType, span } };
}

/** A script argument's value as the literal Pixie binds it to (already converted to the parameter's type). */
export function literal(p: EntryParam, v: ArgValue, span: Span): Value {
  const semanticType = p.semanticType === 'ST_NONE' ? {} : { semanticType: p.semanticType };
  const value =
    p.dataType === 'INT64' || p.dataType === 'TIME64NS'
      ? BigInt(v)
      : p.dataType === 'FLOAT64'
        ? Number(v)
        : p.dataType === 'BOOLEAN'
          ? v === true || v === 'true'
          : String(v);
  const expr: PExpr = { k: 'Lit', dataType: p.dataType, value, span, ...semanticType };
  return { kind: 'Expr', expr };
}

/** The parameters as script arguments, or undefined when the function is a helper (e.g. it takes a DataFrame). */
export function entryParams(interp: Interpreter, fn: UserFunctionValue): EntryParam[] | undefined {
  const out: EntryParam[] = [];
  for (const p of fn.def.params) {
    if (p.star || p.defaultValue || !p.annotation) return undefined;
    const t = annotationType(interp, p.annotation, fn.scope);
    if (!t) return undefined;
    out.push({ name: p.name, ...t });
  }
  return out;
}

function annotationType(interp: Interpreter, annotation: ast.Expr, scope: Scope): Omit<EntryParam, 'name'> | undefined {
  // A broken annotation is a real error whether or not the function is called: reporting it here is right.
  const v = interp.evalExpr(annotation, scope);
  if (v.kind !== 'TypeObject') return undefined;
  return { dataType: v.dataType, semanticType: v.semanticType, ...(v.name === 'list' ? { list: true as const } : {}) };
}

/**
 * The plan of one entry point with its arguments' values (a module compiling it when it runs): the script's own
 * top-level outputs are dropped, the function's outputs are the plan's.
 */
export function checkEntryWithValues(
  interp: Interpreter,
  scope: Scope,
  func: string,
  values: Readonly<Record<string, ArgValue>>,
): void {
  const plan = interp.ctx.plan;
  plan.dropSinksFrom(0);
  const fn = scope.lookup(func);
  const params = fn?.kind === 'UserFunction' ? entryParams(interp, fn) : undefined;
  if (fn?.kind !== 'UserFunction' || !params) {
    interp.ctx.diags.error({ start: 0, end: 0 }, Messages.noEntryPoint(func));
    return;
  }
  const args: CallArgs = {
    positional: params.map((p, i) => {
      const span = fn.def.params[i]!.span;
      const v = own(values, p.name)!;
      return { value: p.list ? listArgument(interp, String(v), span) : literal(p, v, span), span };
    }),
    keywords: [],
    span: fn.def.nameSpan,
  };
  const sinksBefore = plan.sinks.length;
  const returns = addReturnedOutputs(interp, fn, callUserFunction(interp, fn, args), sinksBefore);
  if (returns) interp.ctx.diags.error(fn.def.nameSpan, returns);
}
