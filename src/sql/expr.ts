// Typed column expressions → SQL text, with Pixie's semantics: `/` is always FLOAT64 division, INT64 stays
// exact, `x % 0` is 0 and `bin(x, 0)` is x (docs/DEVIATIONS.md), booleans compare as in the JS runtime. A
// function without an SQL equivalent (metadata lookups, regexes, JSON, ...) is reported, and the operator
// using it runs in JavaScript after the engine's part.

import type { Expr } from '../core/plan/expr.js';
import { marker } from '../core/sql-text.js';
import type { DataType } from '../core/types.js';
import type { DialectOps } from './dialect.js';

/** One input column as the engine holds it: an SQL expression, plain or (px.quantiles) the 7-value list. */
export interface SqlColumn {
  readonly sql: string;
  readonly quantiles?: true;
}

export type Translated = { readonly ok: true; readonly sql: string } | { readonly ok: false; readonly why: string };

/** The quantile keys of Pixie's px.quantiles JSON, in order; list element k+1 holds QUANTILE_KEYS[k]. */
export const QUANTILE_KEYS = ['p01', 'p10', 'p25', 'p50', 'p75', 'p90', 'p99'] as const;
export const QUANTILE_LEVELS = [0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99] as const;

class Unsupported extends Error {}

export function translateExpr(e: Expr, env: readonly SqlColumn[], d: DialectOps): Translated {
  try {
    return { ok: true, sql: new ExprTranslator(env, d).expr(e) };
  } catch (err) {
    if (err instanceof Unsupported) return { ok: false, why: err.message };
    throw err;
  }
}

const isInt = (t: DataType) => t === 'INT64' || t === 'TIME64NS';
const COMPARE: Readonly<Record<string, string>> = {
  lessThan: '<',
  lessThanEqual: '<=',
  greaterThan: '>',
  greaterThanEqual: '>=',
  equal: '=',
  notEqual: '<>',
};
const ARITH: Readonly<Record<string, string>> = { add: '+', subtract: '-', multiply: '*' };

class ExprTranslator {
  constructor(
    private readonly env: readonly SqlColumn[],
    private readonly d: DialectOps,
  ) {}

  expr(e: Expr): string {
    switch (e.kind) {
      case 'Column': {
        const c = this.env[e.index]!;
        if (c.quantiles)
          throw new Unsupported(`column '${e.name}' (px.quantiles) is used other than by px.pluck_float64(..., 'pNN')`);
        return c.sql;
      }
      case 'Literal':
        return this.d.literal(e.dataType, e.value);
      case 'Now':
        return this.offset(marker.now(), e.offsetNs);
      case 'PluginTime':
        return this.offset(marker.plugin(e.which), e.offsetNs);
      case 'Param':
        return marker.arg(e.name);
      case 'ParamTime':
        return marker.argTime(e.name);
      case 'Call':
        return this.call(e);
    }
  }

  private offset(base: string, ns: bigint): string {
    if (ns === 0n) return base;
    return `(${base} ${ns < 0n ? '-' : '+'} ${ns < 0n ? -ns : ns})`;
  }

  private call(e: Extract<Expr, { kind: 'Call' }>): string {
    const t = e.argTypes;
    const [a, b, c] = e.args;
    const d = this.d;
    const bothInt = t.length === 2 && isInt(t[0]!) && isInt(t[1]!);
    const numeric = (x: DataType) => isInt(x) || x === 'FLOAT64';
    const dbl = (x: Expr) => (x.dataType === 'FLOAT64' ? this.expr(x) : d.toDouble(this.expr(x)));

    const arith = ARITH[e.fn];
    if (arith && t.length === 2) {
      if (bothInt) return `(${this.expr(a!)} ${arith} ${this.expr(b!)})`;
      if (numeric(t[0]!) && numeric(t[1]!)) return `(${dbl(a!)} ${arith} ${dbl(b!)})`;
      if (e.fn === 'add' && t[0] === 'STRING' && t[1] === 'STRING') return d.concat(this.expr(a!), this.expr(b!));
    }
    if (e.fn === 'divide' && numeric(t[0]!) && numeric(t[1]!)) return `(${dbl(a!)} / ${dbl(b!)})`;
    if (e.fn === 'negate' && t.length === 1 && numeric(t[0]!)) return `(-${this.expr(a!)})`;
    if ((e.fn === 'modulo' || e.fn === 'bin') && bothInt) {
      const x = this.expr(a!);
      const y = this.expr(b!);
      if (b!.kind === 'Literal' && b!.value !== 0n)
        return e.fn === 'modulo' ? `(${x} % ${y})` : `(${x} - (${x} % ${y}))`;
      // The divisor is never 0 where it is evaluated (ClickHouse evaluates both branches of `if`).
      const rem = `(${x} % ${d.cond(`${y} = 0`, d.literal('INT64', 1n), y)})`;
      return e.fn === 'modulo'
        ? d.cond(`${y} = 0`, d.literal('INT64', 0n), rem)
        : d.cond(`${y} = 0`, x, `(${x} - ${rem})`);
    }
    const cmp = COMPARE[e.fn];
    if (cmp && t.length === 2) {
      const same = t[0] === t[1];
      // FLOAT64 equality is Pixie's approximate comparison: left to JavaScript.
      if ((e.fn === 'equal' || e.fn === 'notEqual') && (t[0] === 'FLOAT64' || t[1] === 'FLOAT64')) throw this.none(e);
      if ((same && t[0] !== 'UINT128') || (numeric(t[0]!) && numeric(t[1]!))) {
        if (same || bothInt) return `(${this.expr(a!)} ${cmp} ${this.expr(b!)})`;
        return `(${dbl(a!)} ${cmp} ${dbl(b!)})`;
      }
      if (same && t[0] === 'UINT128' && (e.fn === 'equal' || e.fn === 'notEqual'))
        return `(${this.expr(a!)} ${cmp} ${this.expr(b!)})`;
    }
    if ((e.fn === 'logicalAnd' || e.fn === 'logicalOr') && t[0] === 'BOOLEAN' && t[1] === 'BOOLEAN') {
      return `(${this.expr(a!)} ${e.fn === 'logicalAnd' ? 'AND' : 'OR'} ${this.expr(b!)})`;
    }
    if (e.fn === 'logicalNot' && t[0] === 'BOOLEAN') return `(NOT ${this.expr(a!)})`;
    if (e.fn === 'contains' && t[0] === 'STRING' && t[1] === 'STRING') return d.contains(this.expr(a!), this.expr(b!));
    if ((e.fn === 'time_to_int64' || e.fn === 'int64_to_time') && isInt(t[0]!)) return this.expr(a!);
    if (e.fn === 'select' && t[0] === 'BOOLEAN' && t[1] === t[2] && t[1] !== 'UINT128')
      return d.cond(this.expr(a!), this.expr(b!), this.expr(c!));
    if (e.fn === 'pluck_float64' && a?.kind === 'Column' && this.env[a.index]!.quantiles && b?.kind === 'Literal') {
      const k = QUANTILE_KEYS.indexOf(b.value as (typeof QUANTILE_KEYS)[number]);
      if (k >= 0) return d.element(this.env[a.index]!.sql, String(k + 1));
    }
    throw this.none(e);
  }

  private none(e: Extract<Expr, { kind: 'Call' }>): Unsupported {
    const why =
      /(^|_)to_|^upid|^_upid|^(ip|pod|service|namespace|container|deployment|replicaset)_|^has_service|^vizier|^_exec|nslookup|cidrs|shared_libraries/.test(
        e.fn,
      )
        ? ' (cluster metadata lives in the runtime, not in the engine)'
        : '';
    return new Unsupported(`${e.fn}(${e.argTypes.join(', ')}) has no SQL equivalent${why}`);
  }
}
