// Constant folding of operators whose operands are all literals (SPEC §4.3), with the runtime's own
// implementations so that compile time and run time agree. Now/plugin times stay symbolic: `now - 5m`
// becomes Now(offset = -5m), evaluated when the compiled script runs.

import type { ConstantEvaluator } from '../core/constant-folding.js';
import { overloadKey, type LiteralValue } from '../core/plan/expr.js';
import type { Span } from '../core/source.js';
import type { DataType } from '../core/types.js';
import { resolveOverload } from './functions.js';
import type { PExpr } from './values.js';

export function foldOperator(
  fn: string,
  args: readonly PExpr[],
  span: Span,
  constants: ConstantEvaluator | undefined,
): PExpr | undefined {
  const symbolic = foldTimeArithmetic(fn, args, span);
  if (symbolic) return symbolic;
  if (!args.every((a) => a.k === 'Lit')) return undefined;
  const lits = args as readonly Extract<PExpr, { k: 'Lit' }>[];
  const types: DataType[] = lits.map((a) => a.dataType);
  const ret = resolveOverload('udf', fn, types);
  const key = overloadKey(fn, types);
  if (ret === undefined || constants === undefined) return undefined;
  const folded = constants.evaluate(
    key,
    lits.map((a) => (a.dataType === 'BOOLEAN' ? Boolean(a.value) : a.value)),
    ret,
  );
  if (folded === undefined) return undefined;
  return { k: 'Lit', dataType: ret, value: folded.value as LiteralValue, span };
}

type TimeExpr = Extract<PExpr, { k: 'Now' | 'Plugin' }>;

function foldTimeArithmetic(fn: string, args: readonly PExpr[], span: Span): PExpr | undefined {
  if (args.length !== 2 || (fn !== 'add' && fn !== 'subtract')) return undefined;
  const [a, b] = args as [PExpr, PExpr];
  const isTime = (e: PExpr): e is TimeExpr => e.k === 'Now' || e.k === 'Plugin';
  const isInt = (e: PExpr): e is Extract<PExpr, { k: 'Lit' }> => e.k === 'Lit' && e.dataType === 'INT64';
  if (isTime(a) && isInt(b)) {
    const delta = fn === 'add' ? (b.value as bigint) : -(b.value as bigint);
    return { ...a, offsetNs: a.offsetNs + delta, span };
  }
  if (fn === 'add' && isInt(a) && isTime(b)) return { ...b, offsetNs: b.offsetNs + (a.value as bigint), span };
  return undefined;
}
