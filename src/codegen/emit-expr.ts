// Typed column expressions → one JavaScript expression evaluated for row `i` inside a loop over columns.
// Values inside expressions: BOOLEAN → boolean, INT64/TIME64NS/UINT128 → bigint, FLOAT64 → number,
// STRING → string. Arithmetic and comparisons are inlined; every other function is a registry
// implementation hoisted out of the loop.

import type * as es from 'estree';
import type { Expr } from '../core/plan/expr.js';
import { overloadKey } from '../core/plan/expr.js';
import type { DataType } from '../core/types.js';
import { binary, call, id, index, literal, logical, member, unary } from './estree.js';

/** Hoists loop-invariant bindings (columns, functions, times) of one generated operator function. */
export class Hoister {
  readonly decls: [string, es.Expression][] = [];
  private readonly byKey = new Map<string, string>();

  constructor(private readonly tableVar: string) {}

  private hoist(key: string, prefix: string, init: () => es.Expression): es.Identifier {
    let name = this.byKey.get(key);
    if (!name) {
      name = `${prefix}${this.decls.length}`;
      this.byKey.set(key, name);
      this.decls.push([name, init()]);
    }
    return id(name);
  }

  column(i: number): es.Identifier {
    return this.hoist(`col:${i}`, 'c', () => index(member(id(this.tableVar), 'columns'), literal(i)));
  }

  /** An INT64/TIME64NS column as doubles, converted in one pass (no BigInt per row) where a double is needed. */
  doubles(i: number): es.Identifier {
    return this.hoist(`doubles:${i}`, 'd', () => call(member(id('rt'), 'int64ToDoubles'), [index(member(id(this.tableVar), 'columns'), literal(i))]));
  }

  fn(key: string): es.Identifier {
    return this.hoist(`fn:${key}`, 'f', () => call(member(id('env'), 'fn'), [literal(key)]));
  }

  now(offsetNs: bigint): es.Identifier {
    return this.hoist(`now:${offsetNs}`, 'now', () => binary('+', member(id('env'), 'nowNs'), literal(offsetNs)));
  }

  plugin(which: 'start' | 'end', offsetNs: bigint): es.Identifier {
    return this.hoist(`plugin:${which}:${offsetNs}`, 'pt', () =>
      binary('+', call(member(id('env'), 'pluginTime'), [literal(which)]), literal(offsetNs)));
  }

  /** A script argument's value (function-based scripts), read once per operator. */
  arg(name: string): es.Identifier {
    return this.hoist(`arg:${name}`, 'a', () => call(member(id('env'), 'arg'), [literal(name)]));
  }

  /** A script argument read as a time ('-5m', an absolute time, or nanoseconds). */
  argTime(name: string): es.Identifier {
    return this.hoist(`argTime:${name}`, 'at', () => call(member(id('env'), 'argTime'), [literal(name)]));
  }
}

const isBig = (t: DataType) => t === 'INT64' || t === 'TIME64NS' || t === 'UINT128';
const RING = new Set(['add', 'subtract', 'multiply', 'negate']);
const COMPARE: Readonly<Record<string, es.BinaryOperator>> = {
  lessThan: '<', lessThanEqual: '<=', greaterThan: '>', greaterThanEqual: '>=',
};

export function emitExpr(e: Expr, h: Hoister, row: es.Expression): es.Expression {
  return emit(e, h, row, false);
}

/**
 * `ringContext`: the consumer is itself add/subtract/multiply on int64 or a store into a BigInt64Array,
 * which both wrap modulo 2^64 — so the intermediate needs no BigInt.asIntN of its own.
 */
function emit(e: Expr, h: Hoister, row: es.Expression, ringContext: boolean): es.Expression {
  switch (e.kind) {
    case 'Column': {
      const v = index(h.column(e.index), row);
      return e.dataType === 'BOOLEAN' ? binary('!==', v, literal(0)) : v;
    }
    case 'Literal':
      return literal(e.value);
    case 'Now':
      return h.now(e.offsetNs);
    case 'PluginTime':
      return h.plugin(e.which, e.offsetNs);
    case 'Param':
      // A script argument typed as a time (px.parse_time(start_time)) is given as text like '-5m': parse it.
      if (e.dataType === 'TIME64NS') return h.argTime(e.name);
      return e.dataType === 'BOOLEAN' ? binary('===', h.arg(e.name), literal(true)) : h.arg(e.name);
    case 'ParamTime':
      return h.argTime(e.name);
    case 'Call':
      return emitCall(e, h, row, ringContext);
  }
}

function emitCall(e: Extract<Expr, { kind: 'Call' }>, h: Hoister, row: es.Expression, ringContext: boolean): es.Expression {
  const [a, b] = e.args;
  const types = e.argTypes;
  const bothBig = types.length === 2 && isBig(types[0]!) && isBig(types[1]!);
  const bothFloat = types.length === 2 && types[0] === 'FLOAT64' && types[1] === 'FLOAT64';
  const arg = (x: Expr, ring = false) => emit(x, h, row, ring);
  const num = (x: Expr) => {
    if (!isBig(x.dataType)) return arg(x);
    // Number(bigint literal) is folded; the double of an int64 column is read from a converted copy.
    if (x.kind === 'Literal' && typeof x.value === 'bigint') return literal(Number(x.value));
    if (x.kind === 'Column' && x.dataType !== 'UINT128') return index(h.doubles(x.index), row);
    return call(id('Number'), [arg(x)]);
  };

  if (RING.has(e.fn) && e.dataType !== 'FLOAT64' && e.dataType !== 'STRING' && types.every(isBig)) {
    const raw = e.fn === 'negate' ? unary('-', arg(a!, true)) : binary(e.fn === 'add' ? '+' : e.fn === 'subtract' ? '-' : '*', arg(a!, true), arg(b!, true));
    return ringContext ? raw : call(member(id('BigInt'), 'asIntN'), [literal(64), raw]);
  }
  if ((e.fn === 'add' || e.fn === 'subtract' || e.fn === 'multiply') && e.dataType === 'FLOAT64') {
    return binary(e.fn === 'add' ? '+' : e.fn === 'subtract' ? '-' : '*', num(a!), num(b!));
  }
  if (e.fn === 'add' && e.dataType === 'STRING') return binary('+', arg(a!), arg(b!));
  if (e.fn === 'divide') return binary('/', num(a!), num(b!));
  if (e.fn === 'negate' && e.dataType === 'FLOAT64') return unary('-', arg(a!));
  const cmp = COMPARE[e.fn];
  if (cmp && (bothBig || bothFloat || (types[0] === 'STRING' && types[1] === 'STRING'))) return binary(cmp, arg(a!), arg(b!));
  if ((e.fn === 'equal' || e.fn === 'notEqual') && types[0] === types[1] && types[0] !== 'FLOAT64') {
    return binary(e.fn === 'equal' ? '===' : '!==', arg(a!), arg(b!));
  }
  if ((e.fn === 'logicalAnd' || e.fn === 'logicalOr') && types[0] === 'BOOLEAN' && types[1] === 'BOOLEAN') {
    // Both sides are pure, so short-circuiting is not observable.
    return logical(e.fn === 'logicalAnd' ? '&&' : '||', arg(a!), arg(b!));
  }
  if (e.fn === 'logicalNot' && types[0] === 'BOOLEAN') return unary('!', arg(a!));
  return call(h.fn(overloadKey(e.fn, types)), e.args.map((x) => arg(x)));
}

/** An expression value stored into an output column array of the given type. */
export function storeValue(e: Expr, h: Hoister, row: es.Expression): es.Expression {
  const v = emit(e, h, row, e.dataType === 'INT64' || e.dataType === 'TIME64NS');
  if (e.dataType === 'BOOLEAN') return e.kind === 'Column' ? index(h.column(e.index), row) : { type: 'ConditionalExpression', test: v, consequent: literal(1), alternate: literal(0) };
  return v;
}
