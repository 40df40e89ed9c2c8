// What differs between the SQL engines pxlc targets: column types, casts, conditional expressions, list access
// and aggregate spellings. Everything Pixie-specific (zero values instead of NULL, FLOAT64 division, the
// quantiles shape) is decided in expr.ts / aggregates.ts on top of these few primitives.

import type { DataType } from '../core/types.js';
import { type Dialect, sqlBool, sqlFloat64, sqlIdent, sqlInt64, sqlString } from '../core/sql-text.js';

export type { Dialect } from '../core/sql-text.js';

export interface DialectOps {
  readonly name: Dialect;
  ident(name: string): string;
  /** Column type of a PxL data type in CREATE TABLE and casts. */
  columnType(t: DataType): string;
  toDouble(x: string): string;
  toInt64(x: string): string;
  /** `if c then a else b`; ClickHouse's `if` evaluates both sides, so callers keep both sides safe. */
  cond(c: string, a: string, b: string): string;
  concat(a: string, b: string): string;
  contains(haystack: string, needle: string): string;
  isNan(x: string): string;
  /** 1-based element of a list/array. */
  element(list: string, index: string): string;
  length(list: string): string;
  /** The sorted list of a group's non-NaN values of a FLOAT64 expression. */
  sortedValues(x: string): string;
  count(): string;
  /** Aggregate `fn(x)` over the rows where `pred` holds. */
  aggregateIf(fn: 'min' | 'max' | 'count', x: string, pred: string): string;
  anyValue(x: string): string;
  literal(t: DataType, v: boolean | bigint | number | string): string;
}

const duckdb: DialectOps = {
  name: 'duckdb',
  ident: (n) => sqlIdent('duckdb', n),
  columnType: (t) =>
    ({
      BOOLEAN: 'BOOLEAN',
      INT64: 'BIGINT',
      TIME64NS: 'BIGINT',
      FLOAT64: 'DOUBLE',
      STRING: 'VARCHAR',
      UINT128: 'UHUGEINT',
    })[t],
  toDouble: (x) => `CAST(${x} AS DOUBLE)`,
  toInt64: (x) => `CAST(${x} AS BIGINT)`,
  cond: (c, a, b) => `CASE WHEN ${c} THEN ${a} ELSE ${b} END`,
  concat: (a, b) => `(${a} || ${b})`,
  contains: (h, n) => `contains(${h}, ${n})`,
  isNan: (x) => `isnan(${x})`,
  element: (l, i) => `${l}[${i}]`,
  length: (l) => `len(${l})`,
  sortedValues: (x) => `list_sort(coalesce(list(${x}) FILTER (WHERE NOT isnan(${x})), []))`,
  count: () => 'count(*)',
  aggregateIf: (fn, x, p) => (fn === 'count' ? `count(*) FILTER (WHERE ${p})` : `${fn}(${x}) FILTER (WHERE ${p})`),
  anyValue: (x) => `any_value(${x})`,
  literal: (t, v) => literal('duckdb', t, v),
};

const clickhouse: DialectOps = {
  name: 'clickhouse',
  ident: (n) => sqlIdent('clickhouse', n),
  // ClickHouse 18 has neither UInt128 nor 64-bit times: UPIDs are decimal text, times int64 nanoseconds.
  columnType: (t) =>
    ({ BOOLEAN: 'UInt8', INT64: 'Int64', TIME64NS: 'Int64', FLOAT64: 'Float64', STRING: 'String', UINT128: 'String' })[
      t
    ],
  toDouble: (x) => `toFloat64(${x})`,
  toInt64: (x) => `toInt64(${x})`,
  cond: (c, a, b) => `if(${c}, ${a}, ${b})`,
  concat: (a, b) => `concat(${a}, ${b})`,
  contains: (h, n) => `(position(${h}, ${n}) > 0)`,
  isNan: (x) => `isNaN(${x})`,
  element: (l, i) => `arrayElement(${l}, ${i})`,
  length: (l) => `length(${l})`,
  sortedValues: (x) => `arraySort(arrayFilter(v -> NOT isNaN(v), groupArray(${x})))`,
  count: () => 'count()',
  aggregateIf: (fn, x, p) => (fn === 'count' ? `countIf(${p})` : `${fn}If(${x}, ${p})`),
  anyValue: (x) => `any(${x})`,
  literal: (t, v) => literal('clickhouse', t, v),
};

function literal(d: Dialect, t: DataType, v: boolean | bigint | number | string): string {
  switch (t) {
    case 'BOOLEAN':
      return sqlBool(d, v === true);
    case 'INT64':
    case 'TIME64NS':
      return sqlInt64(d, BigInt(v as bigint));
    case 'FLOAT64':
      return sqlFloat64(d, Number(v));
    case 'STRING':
      return sqlString(d, String(v));
    case 'UINT128':
      return d === 'duckdb' ? `CAST('${String(v)}' AS UHUGEINT)` : `'${String(v)}'`;
  }
}

export function dialectOps(d: Dialect): DialectOps {
  return d === 'duckdb' ? duckdb : clickhouse;
}
