// Column expressions grow through operators and calls, and user functions are inlined: `f(f(f(x)))` with a deep
// body nests far deeper than any one line of the script. Every later stage (resolution, codegen, SQL, the
// printer's check) walks an expression recursively, so its depth is bounded here, where it is built, and a
// script past the bound gets one located error instead of a stack overflow anywhere downstream.

import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { CheckContext } from './context.js';
import { ERROR, type PExpr, type Value } from './values.js';

/** Operations nested in one column expression, function calls inlined. */
export const MAX_EXPR_DEPTH = 400;

/** Nested calls of user functions (each call interprets its body anew, SPEC §6). */
export const MAX_CALL_DEPTH = 200;

/** Calls of user functions interpreted in one check, all together. */
export const MAX_INLINED_CALLS = 20_000;

/**
 * Syntax nodes being evaluated at once (the interpreter recurses through them and through inlined calls): a
 * bound on its stack whatever mix of calls and nesting gets there.
 */
export const MAX_EVAL_DEPTH = 800;

const depths = new WeakMap<PExpr, number>();

/** The depth of an expression tree; each node is measured once (children are measured when they are built). */
export function exprDepth(e: PExpr): number {
  const known = depths.get(e);
  if (known !== undefined) return known;
  let below = 0;
  if (e.k === 'Call') for (const a of e.args) below = Math.max(below, exprDepth(a));
  else if (e.k === 'Cast') below = exprDepth(e.arg);
  const d = below + 1;
  depths.set(e, d);
  return d;
}

/** The expression as a value, or one error at `span` when it nests past MAX_EXPR_DEPTH. */
export function boundedExpr(ctx: CheckContext, expr: PExpr, span: Span): Value {
  if (exprDepth(expr) <= MAX_EXPR_DEPTH) return { kind: 'Expr', expr };
  ctx.diags.error(span, Messages.exprTooDeep());
  return ERROR;
}
