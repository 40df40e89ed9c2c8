// Pixie's aggregates in SQL, with Pixie's values where SQL would give NULL: sum of nothing is 0, mean of
// nothing NaN, min/max of nothing the start values of src/runtime/uda/basic.ts, and FLOAT64 min/max skip NaN.
// px.quantiles is computed exactly as the runtime does (every value kept, the t-digest's interpolation at
// q·n − ½): the engine returns the seven values as a list, and the runtime writes Pixie's JSON text from them.

import type { DataType } from '../core/types.js';
import type { DialectOps } from './dialect.js';
import { QUANTILE_LEVELS } from './expr.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const DBL_MIN = 2.2250738585072014e-308;

export type AggregateSql =
  | { readonly kind: 'plain'; readonly sql: string }
  /** px.quantiles: `sorted` is the group's sorted values; `finish(col)` turns that column into the 7 values. */
  | { readonly kind: 'quantiles'; readonly sorted: string }
  | { readonly kind: 'none'; readonly why: string };

export function aggregateSql(fn: string, argType: DataType, x: string, d: DialectOps): AggregateSql {
  const plain = (sql: string): AggregateSql => ({ kind: 'plain', sql });
  const none = (): AggregateSql => ({ kind: 'none', why: `px.${fn} of ${argType} has no SQL equivalent` });
  const ifEmpty = (empty: string, value: string) => d.cond(`${d.count()} = 0`, empty, value);
  switch (fn) {
    case 'count':
      return plain(d.toInt64(d.count()));
    case 'sum':
      if (argType === 'INT64')
        return plain(d.name === 'duckdb' ? `CAST(coalesce(sum(${x}), 0) AS BIGINT)` : `sum(${x})`);
      if (argType === 'FLOAT64') return plain(d.name === 'duckdb' ? `coalesce(sum(${x}), 0.0)` : `sum(${x})`);
      if (argType === 'BOOLEAN') return plain(d.toInt64(d.aggregateIf('count', x, x)));
      return none();
    case 'mean':
      if (argType === 'INT64' || argType === 'FLOAT64' || argType === 'BOOLEAN') {
        return plain(ifEmpty(d.literal('FLOAT64', NaN), `avg(${argType === 'FLOAT64' ? x : d.toDouble(x)})`));
      }
      return none();
    case 'min':
    case 'max': {
      if (argType === 'INT64' || argType === 'TIME64NS')
        return plain(ifEmpty(d.literal('INT64', fn === 'max' ? INT64_MIN : INT64_MAX), `${fn}(${x})`));
      if (argType === 'FLOAT64') {
        const notNan = `NOT ${d.isNan(x)}`;
        const empty = d.literal('FLOAT64', fn === 'max' ? DBL_MIN : Number.MAX_VALUE);
        return plain(d.cond(`${d.aggregateIf('count', x, notNan)} = 0`, empty, d.aggregateIf(fn, x, notNan)));
      }
      return none();
    }
    case 'any':
      // Pixie's any is whichever value its agent saw last; an engine picks some value of the group too.
      return plain(ifEmpty(d.literal(argType, zeroLiteral(argType)), d.anyValue(x)));
    case 'quantiles':
      if (argType === 'INT64' || argType === 'FLOAT64')
        return { kind: 'quantiles', sorted: d.sortedValues(argType === 'FLOAT64' ? x : d.toDouble(x)) };
      return none();
    default:
      return none();
  }
}

function zeroLiteral(t: DataType): boolean | bigint | number | string {
  switch (t) {
    case 'BOOLEAN':
      return false;
    case 'INT64':
    case 'TIME64NS':
    case 'UINT128':
      return 0n;
    case 'FLOAT64':
      return 0;
    case 'STRING':
      return '';
  }
}

/**
 * The seven quantiles of a sorted list column `s`, as src/runtime/uda/quantiles.ts computes them: with n values
 * and i = q·n, the first value when i ≤ ½, the last when i ≥ n − ½, else the interpolation between the values
 * around position i − ½, clamped to them. An empty list gives NaNs (Pixie's unreadable JSON for no values).
 */
export function quantilesFromSorted(s: string, d: DialectOps): string {
  // Seven expressions rather than one lambda over the levels: ClickHouse 18 loses columns that a lambda captures.
  return `[${QUANTILE_LEVELS.map((q) => quantileAt(s, d.literal('FLOAT64', q), d)).join(',\n    ')}]`;
}

function quantileAt(s: string, q: string, d: DialectOps): string {
  const n = d.toDouble(d.length(s));
  const i = `(${q} * ${n})`;
  const lo = d.toInt64(`floor(${i} - 0.5)`);
  const a = d.element(s, `${lo} + 1`);
  const b = d.element(s, `${lo} + 2`);
  const wb = `(${i} - (${d.toDouble(lo)} + 0.5))`;
  const wa = `(${d.toDouble(lo)} + 1.5 - ${i})`;
  const x = `((${a} * ${wa} + ${b} * ${wb}) / (${wa} + ${wb}))`;
  return d.cond(
    `${d.length(s)} = 0`,
    d.literal('FLOAT64', NaN),
    d.cond(
      `${i} <= 0.5`,
      d.element(s, '1'),
      d.cond(`${i} >= ${n} - 0.5`, d.element(s, d.length(s)), `greatest(${a}, least(${x}, ${b}))`),
    ),
  );
}
