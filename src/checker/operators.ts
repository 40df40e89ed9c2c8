// Operators are sugar for registered functions (SPEC §4.2); operands must be expressions.

import type { BinaryOperator, CompareOperator, UnaryOperator } from '../frontend/ast.js';
import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { CheckContext } from './context.js';
import { foldOperator } from './fold.js';
import { boundedExpr } from './expr-depth.js';
import { checkSiblingsOfFailed } from './orphans.js';
import { ERROR, objectKindName, type PExpr, type Value } from './values.js';

const BINARY: Partial<Record<BinaryOperator, string>> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'divide',
  '%': 'modulo',
};

const COMPARE: Partial<Record<CompareOperator, string>> = {
  '==': 'equal',
  '!=': 'notEqual',
  '<>': 'notEqual',
  '<': 'lessThan',
  '<=': 'lessThanEqual',
  '>': 'greaterThan',
  '>=': 'greaterThanEqual',
};

export function binaryFunction(op: BinaryOperator): string | undefined {
  return BINARY[op];
}

export function compareFunction(op: CompareOperator): string | undefined {
  return COMPARE[op];
}

/** Builds `fn(args)` as a column expression, folding literals; reports non-expression operands. */
export function operatorCall(
  ctx: CheckContext,
  fn: string,
  operands: readonly { value: Value; span: Span; role: string }[],
  span: Span,
): Value {
  const exprs: PExpr[] = [];
  let failed = false;
  for (const o of operands) {
    if (o.value.kind === 'Error') {
      failed = true;
    } else if (o.value.kind !== 'Expr') {
      ctx.diags.error(o.span, Messages.expectedExpressionIn(o.role, objectKindName(o.value)));
      failed = true;
    } else {
      exprs.push(o.value.expr);
    }
  }
  if (failed) {
    checkSiblingsOfFailed(ctx, exprs);
    return ERROR;
  }
  const folded = foldOperator(fn, exprs, span, ctx.options.constants);
  const text = ctx.sources.text(span);
  return boundedExpr(ctx, folded ?? { k: 'Call', fn, args: exprs, span, text }, span);
}

export function unaryFunction(op: UnaryOperator): string | undefined {
  switch (op) {
    case '-':
      return 'negate';
    case 'not':
      return 'logicalNot';
    case '~':
      return 'invert';
    case '+':
      return undefined;
  }
}
