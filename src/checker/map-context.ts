// Pixie's rule for the value of a column assignment (`df.x = ...` and `df['x'] = ...`): a subscript in it may only
// be taken of the DataFrame being assigned (`df['y']`, `df.ctx['pod']`). Any other name subscripted there
// (`other['y']`, `other.ctx['service']`, even a name that is not defined) is "not available in this context". Pixie
// checks this on the syntax, before evaluating anything (ast_visitor.cc, ValidateSubscriptValue), so pxlc does too.

import type * as ast from '../frontend/ast.js';
import { assertNever } from '../core/assert-never.js';

/** The names subscripted in `value` that a column assignment to `assigned` may not use, in source order. */
export function unavailableNames(value: ast.Expr, assigned: string): ast.NameExpr[] {
  const out: ast.NameExpr[] = [];
  walk(value, new Set([assigned]), out);
  return out;
}

function walk(e: ast.Expr, allowed: ReadonlySet<string>, out: ast.NameExpr[]): void {
  switch (e.kind) {
    case 'Subscript': {
      const root = subscriptRoot(e.value);
      if (root && !allowed.has(root.id)) out.push(root);
      walk(e.value, allowed, out);
      // Inside the brackets, the subscripted name is available too (Pixie adds it to the context).
      walk(e.index, root ? new Set([...allowed, root.id]) : allowed, out);
      return;
    }
    case 'Attribute':
      walk(e.value, allowed, out);
      return;
    case 'Call':
      walk(e.func, allowed, out);
      for (const a of [...e.args, ...e.starArgs, ...e.kwStarArgs]) walk(a, allowed, out);
      for (const k of e.keywords) walk(k.value, allowed, out);
      return;
    case 'BinOp':
      walk(e.left, allowed, out);
      walk(e.right, allowed, out);
      return;
    case 'Compare':
      walk(e.left, allowed, out);
      for (const c of e.comparators) walk(c, allowed, out);
      return;
    case 'BoolOp':
    case 'List':
    case 'Tuple':
      for (const v of e.kind === 'BoolOp' ? e.values : e.elts) walk(v, allowed, out);
      return;
    case 'Dict':
      for (const v of [...e.keys, ...e.values]) walk(v, allowed, out);
      return;
    case 'UnaryOp':
      walk(e.operand, allowed, out);
      return;
    case 'Name':
    case 'Int':
    case 'Float':
    case 'Str':
    case 'UnsupportedExpr':
    case 'ErrorExpr':
      return;
    default:
      assertNever(e);
  }
}

/** `a['x']` → a; `a.ctx['x']` → a; anything else (a call's result, a literal) is not checked, as in Pixie. */
function subscriptRoot(e: ast.Expr): ast.NameExpr | undefined {
  if (e.kind === 'Name') return e;
  if (e.kind === 'Attribute') return subscriptRoot(e.value);
  return undefined;
}
