// User-defined functions are compile-time macros: each call interprets the body anew (SPEC §6).

import type * as ast from '../frontend/ast.js';
import type { SourceFile, Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { CallArgs } from './call.js';
import { bindArgs } from './call.js';
import type { Interpreter } from './interpret.js';
import { Scope } from './scope.js';
import { MAX_CALL_DEPTH, MAX_INLINED_CALLS } from './expr-depth.js';
import { ERROR, NONE, kindName, lowerKindName, type UserFunctionValue, type Value } from './values.js';

export function checkFunctionDef(interp: Interpreter, def: ast.FunctionDefStmt, scope: Scope): void {
  let ok = true;
  for (const p of def.params) {
    if (p.star === '*') {
      interp.ctx.diags.error(p.span, Messages.varArgsNotSupported());
      ok = false;
    } else if (p.star === '**') {
      interp.ctx.diags.error(p.span, Messages.varKwargsNotSupported());
      ok = false;
    } else if (p.defaultValue) {
      interp.ctx.diags.error(p.defaultValue.span, Messages.defaultValuesNotSupported());
      ok = false;
    }
  }
  const sources = interp.ctx.sources;
  const library = sources.inLibrary ? { library: sources.current } : {};
  const value: Value = ok ? ({ kind: 'UserFunction', def, scope, ...library } satisfies UserFunctionValue) : ERROR;
  // Decorators apply bottom-up; px.vis.vega(...) and friends return the function unchanged.
  for (const dec of [...def.decorators].reverse()) {
    const d = interp.evalExpr(dec, scope);
    if (d.kind === 'Error' || value.kind === 'Error') continue;
    if (d.kind === 'Builtin' && d.name === 'decorator') continue;
    interp.ctx.diags.error(dec.span, Messages.notCallable(kindName(d)));
  }
  scope.bind(def.name, value);
}

export function callUserFunction(interp: Interpreter, fn: UserFunctionValue, args: CallArgs): Value {
  const def = fn.def;
  if (interp.callStack.includes(def)) {
    interp.ctx.diags.error(args.span, Messages.recursiveCall(def.name));
    return ERROR;
  }
  if (interp.callStack.length >= MAX_CALL_DEPTH) {
    interp.ctx.diags.error(args.span, Messages.callsTooDeep(MAX_CALL_DEPTH));
    return ERROR;
  }
  // Every call interprets the body anew, so calls that each call the one before twice double at every level:
  // past a total budget the script gets one error instead of a compile that never ends.
  if (++interp.inlinedCalls > MAX_INLINED_CALLS) {
    if (interp.inlinedCalls === MAX_INLINED_CALLS + 1)
      interp.ctx.diags.error(args.span, Messages.tooManyCalls(MAX_INLINED_CALLS));
    return ERROR;
  }
  const params = def.params.map((p) => ({ name: p.name }));
  const bound = bindArgs(interp.ctx, def.name, params, args);
  if (!bound) return ERROR;
  const local = new Scope(fn.scope);
  for (const p of def.params) {
    const v = bound.get(p.name);
    // An argument refused by its annotation is reported at the call; inside the body it is an error value, so the
    // body does not report the same mistake again where it uses the parameter.
    const fits = !p.annotation || checkAnnotation(interp, p.annotation, v, bound.span(p.name), fn.scope);
    local.bind(p.name, fits ? v : ERROR);
  }
  interp.callStack.push(def);
  try {
    const run = () => interp.execBlock(def.body, local, true)?.returned ?? NONE;
    return fn.library ? inLibrary(interp, fn.library, def.name, args.span, run) : run();
  } finally {
    interp.callStack.pop();
  }
}

/**
 * A library function's body has its spans in the library file: read them there, and report what goes wrong
 * inside at the script's call, naming the library line (e.g. a bad start_time reaches px.DataFrame there).
 */
function inLibrary(interp: Interpreter, file: SourceFile, name: string, callSpan: Span, run: () => Value): Value {
  const sources = interp.ctx.sources;
  if (sources.current === file) return run();
  const note = (original: Span) => {
    const pos = file.position(original.start);
    return `in pxviews.${name} (${file.path}:${pos.line}:${pos.col}: ${file.shownLine(pos.line).trim()})`;
  };
  return interp.ctx.diags.redirected(callSpan, note, () => sources.within(file, run));
}

/**
 * Annotations are checked only for compile-time values (literals); columns are rejected like Pixie does. False when
 * the argument was refused (and reported).
 */
function checkAnnotation(
  interp: Interpreter,
  annotation: ast.Expr,
  v: Value,
  span: ast.Expr['span'],
  scope: Scope,
): boolean {
  if (v.kind === 'Error') return true;
  const ann = interp.evalExpr(annotation, scope);
  if (ann.kind === 'TypeObject' && ann.name === 'list') {
    // Pixie's `list` annotation takes a list (a script argument is parsed into one, see list-argument.ts).
    if (v.kind === 'List') return true;
    interp.ctx.diags.error(span, Messages.annotationMismatch('list', lowerKindName(v)));
    return false;
  }
  if (ann.kind === 'TypeObject') {
    const want = ann.dataType.toLowerCase();
    if (v.kind !== 'Expr') {
      interp.ctx.diags.error(
        span,
        Messages.annotationMismatch(
          ann.semanticType === 'ST_NONE' ? want : ann.semanticType.toLowerCase(),
          lowerKindName(v),
        ),
      );
      return false;
    }
    const e = v.expr;
    const got =
      e.k === 'Lit' || e.k === 'Param' ? e.dataType : e.k === 'Now' || e.k === 'Plugin' ? e.dataType : undefined;
    if (got === undefined) {
      interp.ctx.diags.error(
        span,
        Messages.annotationMismatch(want, 'data_type_unknown'),
        'Only annotate parameters that receive literals or script arguments; column expressions have no type until they are used.',
      );
      return false;
    }
    if (got.toLowerCase() !== want) {
      interp.ctx.diags.error(span, Messages.annotationMismatch(want, got.toLowerCase()));
      return false;
    }
  } else if (ann.kind === 'Builtin' && ann.name === 'DataFrame' && v.kind !== 'DataFrame') {
    interp.ctx.diags.error(span, Messages.annotationMismatch('DataFrame', kindName(v)));
    return false;
  }
  return true;
}
