// Row selection shared by the operators: build a column from chosen rows of another column, where a
// row index of -1 stands for the zero value (unmatched join rows; Pixie has no NULL).

import { allocColumn, type ColumnData, type DataType, zeroValue } from '../types.js';

export function gatherColumn(col: ColumnData, type: DataType, rows: Int32Array, n = rows.length): ColumnData {
  const out = allocColumn(type, n);
  if (Array.isArray(col)) {
    const dst = out as (string | bigint)[];
    const zero = zeroValue(type) as string | bigint;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      dst[i] = r < 0 ? zero : col[r]!;
    }
    return out;
  }
  // Typed arrays start zeroed, so -1 rows need no store.
  const dst = out as typeof col;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r >= 0) dst[i] = col[r]!;
  }
  return out;
}

/** A copy of `col` rows [start, end) (typed arrays copy, plain arrays slice). */
export function sliceColumn(col: ColumnData, start: number, end: number): ColumnData {
  return col.slice(start, end) as ColumnData;
}

/**
 * A column of the right type and length for a slot nothing reads (liveness, src/plan/liveness.ts): typed arrays
 * come zeroed from the allocator and a holey array costs nothing to fill.
 */
export function placeholderColumn(type: DataType, n: number): ColumnData {
  return type === 'STRING' || type === 'UINT128' ? new Array(n) : allocColumn(type, n);
}
