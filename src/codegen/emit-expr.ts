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

  /**
   * An INT64/TIME64NS column as its 32-bit words (low word of row i at 2i, high word at 2i+1): rows read as doubles
   * or compared with a constant without a BigInt per row and without a converted copy of the column.
   */
  words(i: number): es.Identifier {
    return this.hoist(`words:${i}`, 'w', () =>
      call(member(id('rt'), 'int64WordsLE'), [index(member(id(this.tableVar), 'columns'), literal(i))]),
    );
  }

  /** A STRING column's dictionary codes, or undefined when it has none (rt.codesOf; the loop then compares strings). */
  codes(i: number): es.Identifier {
    return this.hoist(`codes:${i}`, 'd', () =>
      call(member(id('rt'), 'codesOf'), [
        index(member(id(this.tableVar), 'columns'), literal(i)),
        member(id(this.tableVar), 'length'),
      ]),
    );
  }

  /** Per code of a STRING column's dictionary, whether its value equals `value` (rt.codeHits). */
  codeHits(i: number, value: string): es.Identifier {
    return this.hoist(`hits:${i}:${JSON.stringify(value)}`, 'e', () =>
      call(member(id('rt'), 'codeHits'), [index(member(id(this.tableVar), 'columns'), literal(i)), literal(value)]),
    );
  }

  fn(key: string): es.Identifier {
    return this.hoist(`fn:${key}`, 'f', () => call(member(id('env'), 'fn'), [literal(key)]));
  }

  now(offsetNs: bigint): es.Identifier {
    return this.hoist(`now:${offsetNs}`, 'now', () => binary('+', member(id('env'), 'nowNs'), literal(offsetNs)));
  }

  plugin(which: 'start' | 'end', offsetNs: bigint): es.Identifier {
    return this.hoist(`plugin:${which}:${offsetNs}`, 'pt', () =>
      binary('+', call(member(id('env'), 'pluginTime'), [literal(which)]), literal(offsetNs)),
    );
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
  lessThan: '<',
  lessThanEqual: '<=',
  greaterThan: '>',
  greaterThanEqual: '>=',
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

function emitCall(
  e: Extract<Expr, { kind: 'Call' }>,
  h: Hoister,
  row: es.Expression,
  ringContext: boolean,
): es.Expression {
  const [a, b] = e.args;
  const types = e.argTypes;
  const bothBig = types.length === 2 && isBig(types[0]!) && isBig(types[1]!);
  const bothFloat = types.length === 2 && types[0] === 'FLOAT64' && types[1] === 'FLOAT64';
  const arg = (x: Expr, ring = false) => emit(x, h, row, ring);
  const num = (x: Expr) => {
    if (!isBig(x.dataType)) return arg(x);
    // Number(bigint literal) is folded; the double of an int64 column is hi · 2^32 + lo from its words, which
    // rounds once: the same double as Number(bigint).
    if (x.kind === 'Literal' && typeof x.value === 'bigint') return literal(Number(x.value));
    if (x.kind === 'Column' && x.dataType !== 'UINT128') {
      const [hi, lo] = wordsAt(h.words(x.index), row);
      return binary('+', binary('*', hi, literal(4294967296)), binary('>>>', lo, literal(0)));
    }
    return call(id('Number'), [arg(x)]);
  };

  if (RING.has(e.fn) && e.dataType !== 'FLOAT64' && e.dataType !== 'STRING' && types.every(isBig)) {
    const raw =
      e.fn === 'negate'
        ? unary('-', arg(a!, true))
        : binary(e.fn === 'add' ? '+' : e.fn === 'subtract' ? '-' : '*', arg(a!, true), arg(b!, true));
    return ringContext ? raw : call(member(id('BigInt'), 'asIntN'), [literal(64), raw]);
  }
  if ((e.fn === 'add' || e.fn === 'subtract' || e.fn === 'multiply') && e.dataType === 'FLOAT64') {
    return binary(e.fn === 'add' ? '+' : e.fn === 'subtract' ? '-' : '*', num(a!), num(b!));
  }
  if (e.fn === 'add' && e.dataType === 'STRING') return binary('+', arg(a!), arg(b!));
  if (e.fn === 'divide') return binary('/', num(a!), num(b!));
  if (e.fn === 'negate' && e.dataType === 'FLOAT64') return unary('-', arg(a!));
  const words = compareWithConstant(e, h, row);
  if (words) return words;
  const coded = stringEqualsConstant(e, h, row);
  if (coded) return coded;
  const cmp = COMPARE[e.fn];
  if (cmp && (bothBig || bothFloat || (types[0] === 'STRING' && types[1] === 'STRING')))
    return binary(cmp, arg(a!), arg(b!));
  if ((e.fn === 'equal' || e.fn === 'notEqual') && types[0] === types[1] && types[0] !== 'FLOAT64') {
    return binary(e.fn === 'equal' ? '===' : '!==', arg(a!), arg(b!));
  }
  if ((e.fn === 'logicalAnd' || e.fn === 'logicalOr') && types[0] === 'BOOLEAN' && types[1] === 'BOOLEAN') {
    // Both sides are pure, so short-circuiting is not observable.
    return logical(e.fn === 'logicalAnd' ? '&&' : '||', arg(a!), arg(b!));
  }
  if (e.fn === 'logicalNot' && types[0] === 'BOOLEAN') return unary('!', arg(a!));
  return call(
    h.fn(overloadKey(e.fn, types)),
    e.args.map((x) => arg(x)),
  );
}

/** The high (signed) and low (signed; `>>> 0` reads it unsigned) words of row `row` of a words view. */
function wordsAt(w: es.Identifier, row: es.Expression): [es.Expression, es.Expression] {
  const twice = binary('*', literal(2), row);
  return [index(w, binary('+', twice, literal(1))), index(w, twice)];
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const FLIPPED: Readonly<Record<string, string>> = {
  lessThan: 'greaterThan',
  lessThanEqual: 'greaterThanEqual',
  greaterThan: 'lessThan',
  greaterThanEqual: 'lessThanEqual',
  equal: 'equal',
  notEqual: 'notEqual',
};

/**
 * An INT64/TIME64NS column compared with an integer literal (either side), on the column's words: (hi, lo) against
 * the constant's (hi, lo), hi signed and lo unsigned, which orders exactly as the int64s do. Undefined otherwise.
 */
function compareWithConstant(
  e: Extract<Expr, { kind: 'Call' }>,
  h: Hoister,
  row: es.Expression,
): es.Expression | undefined {
  const [a, b] = e.args;
  if (!a || !b || !(e.fn in FLIPPED)) return undefined;
  const int64Column = (x: Expr) => x.kind === 'Column' && (x.dataType === 'INT64' || x.dataType === 'TIME64NS');
  const constant = (x: Expr) =>
    x.kind === 'Literal' && typeof x.value === 'bigint' && x.value >= INT64_MIN && x.value <= INT64_MAX;
  let fn = e.fn;
  let col: Expr;
  let lit: Expr;
  if (int64Column(a) && constant(b)) [col, lit] = [a, b];
  else if (constant(a) && int64Column(b)) [col, lit, fn] = [b, a, FLIPPED[e.fn]!];
  else return undefined;
  if (col.kind !== 'Column' || lit.kind !== 'Literal') return undefined;
  const value = lit.value as bigint;
  const [hi, lo] = wordsAt(h.words(col.index), row);
  const cHi = literal(Number(BigInt.asIntN(32, value >> 32n)));
  const cLo = Number(BigInt.asUintN(32, value));
  if (fn === 'equal' || fn === 'notEqual') {
    const signedLo = literal(cLo | 0);
    return fn === 'equal'
      ? logical('&&', binary('===', hi, cHi), binary('===', lo, signedLo))
      : logical('||', binary('!==', hi, cHi), binary('!==', lo, signedLo));
  }
  // x < c: hi < cHi, or the same hi and lo < cLo (likewise for the other orders).
  const strict: es.BinaryOperator = fn === 'lessThan' || fn === 'lessThanEqual' ? '<' : '>';
  const low: es.BinaryOperator = COMPARE[fn]!;
  return logical(
    '||',
    binary(strict, hi, cHi),
    logical('&&', binary('===', hi, cHi), binary(low, binary('>>>', lo, literal(0)), literal(cLo))),
  );
}

/**
 * A STRING column equal (or not equal) to a string literal, either side: on the column's codes when it carries
 * them — `d0 !== undefined ? e0[d0[i]] !== 0 : c0[i] === 'x'`, the branch the same for every row — else on the
 * strings. Undefined otherwise.
 */
function stringEqualsConstant(
  e: Extract<Expr, { kind: 'Call' }>,
  h: Hoister,
  row: es.Expression,
): es.Expression | undefined {
  const [a, b] = e.args;
  if (!a || !b || (e.fn !== 'equal' && e.fn !== 'notEqual') || e.argTypes[0] !== 'STRING' || e.argTypes[1] !== 'STRING')
    return undefined;
  const isText = (x: Expr) => x.kind === 'Literal' && typeof x.value === 'string';
  const [col, lit] =
    a.kind === 'Column' && isText(b) ? [a, b] : b.kind === 'Column' && isText(a) ? [b, a] : [undefined, undefined];
  if (col?.kind !== 'Column' || lit?.kind !== 'Literal') return undefined;
  const equal = e.fn === 'equal';
  const codes = h.codes(col.index);
  const byCode = binary(
    equal ? '!==' : '===',
    index(h.codeHits(col.index, lit.value as string), index(codes, row)),
    literal(0),
  );
  const byValue = binary(equal ? '===' : '!==', index(h.column(col.index), row), literal(lit.value));
  return {
    type: 'ConditionalExpression',
    test: binary('!==', codes, id('undefined')),
    consequent: byCode,
    alternate: byValue,
  };
}

/** An expression value stored into an output column array of the given type. */
export function storeValue(e: Expr, h: Hoister, row: es.Expression): es.Expression {
  const v = emit(e, h, row, e.dataType === 'INT64' || e.dataType === 'TIME64NS');
  if (e.dataType === 'BOOLEAN')
    return e.kind === 'Column'
      ? index(h.column(e.index), row)
      : { type: 'ConditionalExpression', test: v, consequent: literal(1), alternate: literal(0) };
  return v;
}
