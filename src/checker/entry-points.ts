// Function-based scripts (SPEC §13.2): a top-level function whose parameters are all annotated with script-argument
// types (str, int, float, bool, px.Pod, ...) is an entry point a user runs with `--func NAME --arg k=v`. Each is
// checked by calling it once with symbolic arguments, so errors in its body are found without a vis spec, and the
// outputs it produces (its returned DataFrame, its px.display calls) become that entry point's sinks.

import type * as ast from '../frontend/ast.js';
import type { EntryParam, EntryPoint } from '../plan/plan.js';
import type { CallArgs } from './call.js';
import type { Interpreter } from './interpret.js';
import type { Scope } from './scope.js';
import { callUserFunction } from './user-functions.js';
import type { UserFunctionValue, Value } from './values.js';

export function checkEntryPoints(interp: Interpreter, scope: Scope, functionNames: readonly string[]): EntryPoint[] {
  const entries: EntryPoint[] = [];
  const plan = interp.ctx.plan;
  for (const name of functionNames) {
    const fn = scope.lookup(name) as UserFunctionValue;
    const params = entryParams(interp, fn);
    if (!params) continue;
    plan.entry = name;
    try {
      const args: CallArgs = {
        positional: params.map((p, i) => ({
          value: { kind: 'Expr', expr: { k: 'Param', name: p.name, dataType: p.dataType, semanticType: p.semanticType, span: fn.def.params[i]!.span } },
          span: fn.def.params[i]!.span,
        })),
        keywords: [],
        span: fn.def.nameSpan,
      };
      const result: Value = callUserFunction(interp, fn, args);
      if (result.kind === 'DataFrame') plan.addSink({ kind: 'Display', input: result.node, name, span: fn.def.nameSpan });
    } finally {
      plan.entry = undefined;
    }
    entries.push({ name, params, ...(fn.def.docstring ? { doc: fn.def.docstring.trim() } : {}) });
  }
  return entries;
}

/** The parameters as script arguments, or undefined when the function is a helper (e.g. it takes a DataFrame). */
function entryParams(interp: Interpreter, fn: UserFunctionValue): EntryParam[] | undefined {
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
  return v.kind === 'TypeObject' ? { dataType: v.dataType, semanticType: v.semanticType } : undefined;
}
