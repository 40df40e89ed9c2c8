// A result table in the shapes a service wants: plain columns of exact JavaScript values, or a danfo.js
// DataFrame. Nothing is rounded silently: danfo.js has no 64-bit integers, so an INT64 column that holds a
// value beyond 2^53 arrives as decimal text, and times as RFC 3339 text with all nine digits.

import { importOptional } from '../optional-package.js';
import { formatTimeNs } from '../metadata/time-text.js';
import { formatUint128 } from '../metadata/upid.js';
import type { Table } from '../table.js';
import type { ColumnData, DataType } from '../../core/types.js';
import { put } from '../../core/dict.js';

/** One column as plain values: boolean, number, bigint (INT64, TIME64NS, UINT128: exact), string. */
export type PlainColumn = boolean[] | number[] | bigint[] | string[];

export function toColumns(table: Table): Record<string, PlainColumn> {
  const out: Record<string, PlainColumn> = {};
  table.schema.forEach((c, j) => {
    put(out, c.name, plainColumn(table.columns[j]!, c.dataType, table.length));
  });
  return out;
}

function plainColumn(col: ColumnData, type: DataType, n: number): PlainColumn {
  switch (type) {
    case 'BOOLEAN':
      return Array.from((col as Uint8Array).subarray(0, n), (b) => b !== 0);
    case 'INT64':
    case 'TIME64NS':
      return Array.from((col as BigInt64Array).subarray(0, n));
    case 'FLOAT64':
      return Array.from((col as Float64Array).subarray(0, n));
    case 'STRING':
      return (col as string[]).slice(0, n);
    case 'UINT128':
      return (col as bigint[]).slice(0, n);
  }
}

/** Column values danfo.js can hold without losing anything (see the file comment). */
export function danfoColumns(table: Table): Record<string, (boolean | number | string)[]> {
  const out: Record<string, (boolean | number | string)[]> = {};
  table.schema.forEach((c, j) => {
    const col = table.columns[j]!;
    const n = table.length;
    switch (c.dataType) {
      case 'INT64': {
        const v = Array.from((col as BigInt64Array).subarray(0, n));
        const exact = v.every((x) => x >= -(2n ** 53n) && x <= 2n ** 53n);
        put(out, c.name, exact ? v.map(Number) : v.map(String));
        break;
      }
      case 'TIME64NS':
        put(out, c.name, Array.from((col as BigInt64Array).subarray(0, n), formatTimeNs));
        break;
      case 'UINT128':
        put(out, c.name, (col as bigint[]).slice(0, n).map(formatUint128));
        break;
      default:
        put(out, c.name, plainColumn(col, c.dataType, n) as (boolean | number | string)[]);
    }
  });
  return out;
}

/** The table as a danfo.js DataFrame (danfojs is loaded on first use: it is large). */
export async function toDataFrame(table: Table): Promise<unknown> {
  const danfo = (await importOptional('danfojs', 'dataFrame()')) as {
    DataFrame: new (data: unknown, options?: { columns?: string[]; dtypes?: string[] }) => unknown;
  };
  const columns = danfoColumns(table);
  const names = table.schema.map((c) => c.name);
  // danfo.js builds from rows when given column order explicitly; an empty table keeps its column names.
  const rows = Array.from({ length: table.length }, (_, i) => names.map((n) => columns[n]![i]!));
  // Given, not inferred: danfo.js infers int32 for digit text such as exact int64s, and its sum() then concatenates.
  const dtypes = table.schema.map((c) => danfoDtype(c.dataType, columns[c.name]!));
  return new danfo.DataFrame(rows, { columns: names, dtypes });
}

function danfoDtype(type: DataType, values: readonly (boolean | number | string)[]): string {
  switch (type) {
    case 'BOOLEAN':
      return 'boolean';
    case 'FLOAT64':
      return 'float32';
    case 'INT64':
      return typeof values[0] === 'string' ? 'string' : 'int32';
    case 'STRING':
    case 'TIME64NS':
    case 'UINT128':
      return 'string';
  }
}
