// Row selection shared by the operators: build a column from chosen rows of another column, where a
// row index of -1 stands for the zero value (unmatched join rows; Pixie has no NULL). Columns nothing reads
// (liveness, src/plan/liveness.ts) are placeholders, which every operator passes on at no cost.

import { allocColumn, type ColumnData, type DataType, zeroValue } from '../../core/types.js';
import { int64Words } from './int64-words.js';
import { dictionaryOf, gatherDictionary, withDictionary } from './dictionary.js';
import { scratchBigInt64, scratchFloat64, scratchUint8 } from './scratch.js';

const placeholders = new WeakSet<object>();

/**
 * Zeros shared by every large typed placeholder: columns are never written once made, so one zeroed buffer can
 * stand behind all of them (a new zeroed array per placeholder costs its page faults or a memset, for a column
 * nothing reads). Grown, never shrunk; views of an older buffer stay valid.
 */
let zeros = new ArrayBuffer(0);

function zeroView(type: Exclude<DataType, 'STRING' | 'UINT128'>, n: number): ColumnData {
  const bytes = type === 'BOOLEAN' ? n : 8 * n;
  if (bytes > zeros.byteLength) zeros = new ArrayBuffer(Math.max(bytes, 2 * zeros.byteLength));
  return type === 'BOOLEAN'
    ? new Uint8Array(zeros, 0, n)
    : type === 'FLOAT64'
      ? new Float64Array(zeros, 0, n)
      : new BigInt64Array(zeros, 0, n);
}

/**
 * A column of the right type and length for a slot nothing reads: a sparse array (no backing store) for
 * STRING/UINT128, zeros otherwise (a view of the shared zero buffer when large).
 */
export function placeholderColumn(type: DataType, n: number): ColumnData {
  let col: ColumnData;
  if (type === 'STRING' || type === 'UINT128') {
    const sparse: string[] = [];
    // Setting only the last index leaves the array in dictionary mode: O(1) to make whatever its length.
    if (n > 0) sparse[n - 1] = undefined as unknown as string;
    col = sparse;
  } else {
    col = n >= 4096 ? zeroView(type, n) : allocColumn(type, n);
  }
  placeholders.add(col);
  return col;
}

export function isPlaceholder(col: ColumnData): boolean {
  return placeholders.has(col);
}

/**
 * A new array of `n` slots for STRING/UINT128 values. Filled up front: a large `new Array(n)` starts in a slow
 * holey mode that makes the stores that follow several times slower.
 */
export function valueArray<T extends string | bigint>(n: number, zero: T): T[] {
  return new Array<T>(n).fill(zero);
}

/**
 * A column for a map inside a chain that feeds a group-by batch by batch (stream-agg.ts): only the chain reads it
 * and the group-by gives it back when done with the batch, so a typed one is borrowed working memory (holding stale
 * values: the map writes every row). STRING and UINT128 columns are fresh arrays.
 */
export function scratchColumn(type: DataType, n: number): ColumnData {
  switch (type) {
    case 'BOOLEAN':
      return scratchUint8(n);
    case 'FLOAT64':
      return scratchFloat64(n);
    case 'INT64':
    case 'TIME64NS':
      return scratchBigInt64(n);
    default:
      return allocColumn(type, n);
  }
}

/**
 * Like gatherColumn, for a column only the calling operator reads: a typed column lands in borrowed working memory
 * (scratch.ts), which the caller releases when done.
 */
export function gatherScratch(col: ColumnData, type: DataType, rows: Int32Array, n = rows.length): ColumnData {
  if (placeholders.has(col) || Array.isArray(col)) return gatherColumn(col, type, rows, n);
  const out = type === 'BOOLEAN' ? scratchUint8(n) : type === 'FLOAT64' ? scratchFloat64(n) : scratchBigInt64(n);
  return gatherInto(col, rows, n, out);
}

export function gatherColumn(col: ColumnData, type: DataType, rows: Int32Array, n = rows.length): ColumnData {
  if (placeholders.has(col)) return placeholderColumn(type, n);
  if (Array.isArray(col)) {
    const zero = zeroValue(type) as string | bigint;
    const dst = valueArray(n, zero);
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      dst[i] = r < 0 ? zero : col[r]!;
    }
    // Dictionary codes travel with the rows (dictionary.ts).
    const d = dictionaryOf(col);
    if (d) withDictionary(dst as string[], gatherDictionary(d, rows, n, zero));
    return dst as ColumnData;
  }
  return gatherInto(col, rows, n, allocColumn(type, n) as TypedColumn);
}

type TypedColumn = Exclude<ColumnData, unknown[]>;

/** out[i] = col[rows[i]], zero for -1 rows (`out` may hold stale values). int64s move as two 32-bit words. */
function gatherInto(col: TypedColumn, rows: Int32Array, n: number, out: TypedColumn): TypedColumn {
  const src = col instanceof BigInt64Array ? int64Words(col) : undefined;
  if (src) {
    const dst = int64Words(out as BigInt64Array)!;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r >= 0) {
        dst[2 * i] = src[2 * r]!;
        dst[2 * i + 1] = src[2 * r + 1]!;
      } else {
        dst[2 * i] = 0;
        dst[2 * i + 1] = 0;
      }
    }
    return out;
  }
  const dst = out as typeof col;
  const zero = (col instanceof BigInt64Array ? 0n : 0) as never;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    dst[i] = r >= 0 ? col[r]! : zero;
  }
  return out;
}

/** A copy of `col` rows [start, end) (typed arrays copy, plain arrays slice). */
export function sliceColumn(col: ColumnData, start: number, end: number): ColumnData {
  if (placeholders.has(col)) {
    const n = Math.max(0, end - start);
    return Array.isArray(col) ? placeholderColumn('STRING', n) : placeholderColumn(typedTypeOf(col), n);
  }
  const out = col.slice(start, end) as ColumnData;
  const d = dictionaryOf(col);
  if (d) withDictionary(out as string[], { codes: d.codes.slice(start, end), values: d.values });
  return out;
}

/** The data type a typed-array column holds (INT64 for BigInt64Array: TIME64NS has the same representation). */
export function typedTypeOf(col: Exclude<ColumnData, unknown[]>): DataType {
  return col instanceof Uint8Array ? 'BOOLEAN' : col instanceof Float64Array ? 'FLOAT64' : 'INT64';
}
