// One Arrow record batch's column as a column of the script's type, without a JavaScript value per row where the
// types allow: 64-bit integers and times as the batch's own BigInt64Array (times of a coarser unit scaled),
// doubles as its Float64Array, text as dictionary codes (an Arrow dictionary's own codes, or codes made here, each
// distinct text decoded once). Everything else, and any column with nulls, goes value by value through the same
// conversion as every other source, so a null or a value that does not fit is an error at its row.

import { allocColumn, type DataType } from '../../core/types.js';
import { convertValue, scaleTimes, storeValue } from './convert.js';
import type { GroupColumn } from './parquet-rows.js';

type Arrow = typeof import('apache-arrow');
type Vector = import('apache-arrow').Vector;
type ArrowType = import('apache-arrow').DataType;

/** Nanoseconds per Arrow TimeUnit: SECOND, MILLISECOND, MICROSECOND, NANOSECOND. */
export const NS_PER_UNIT = [1_000_000_000n, 1_000_000n, 1_000n, 1n];

/** Reports the first row `i` (of the batch) whose value does not fit, and why; never returns. */
export type Fail = (i: number, why: string) => never;

export interface ConvertedColumn {
  readonly column: GroupColumn;
  /** Set when a time was read from text without an offset (as UTC): the first such row. */
  readonly noOffsetRow?: number;
}

/** `v` (a record batch's column: one chunk) as a column of `type`; `get` reads its row i as an exact value. */
export function arrowColumn(
  arrow: Arrow,
  v: Vector,
  type: DataType,
  get: (i: number) => unknown,
  fail: Fail,
): ConvertedColumn {
  const fast =
    v.nullCount === 0 && v.data.length === 1 && v.data[0]!.offset === 0 ? typed(arrow, v, type, fail) : undefined;
  return fast ? { column: fast } : valueByValue(v.length, type, get, fail);
}

function typed(arrow: Arrow, v: Vector, type: DataType, fail: Fail): GroupColumn | undefined {
  const { DataType: D } = arrow;
  const t = v.type as ArrowType;
  const n = v.length;
  const values = v.data[0]!.values as unknown;
  if (type === 'INT64' || type === 'TIME64NS') {
    if (D.isInt(t) && t.isSigned && t.bitWidth === 64 && values instanceof BigInt64Array) return values.subarray(0, n);
    if ((D.isTimestamp(t) || D.isDuration(t)) && values instanceof BigInt64Array) {
      const scale = NS_PER_UNIT[t.unit]!;
      return scale === 1n
        ? values.subarray(0, n)
        : scaleTimes(values, n, scale, (i, ns) => fail(i, `${ns} does not fit in a 64-bit integer`));
    }
    if (D.isInt(t) && t.bitWidth <= 32 && ArrayBuffer.isView(values)) {
      const small = values as unknown as ArrayLike<number>;
      const out = new BigInt64Array(n);
      for (let i = 0; i < n; i++) out[i] = BigInt(small[i]!);
      return out;
    }
  }
  if (type === 'FLOAT64' && D.isFloat(t)) {
    if (values instanceof Float64Array) return values.subarray(0, n);
    if (values instanceof Float32Array) return Float64Array.from(values.subarray(0, n));
  }
  if (type === 'STRING' && D.isDictionary(t) && (D.isUtf8(t.dictionary) || D.isLargeUtf8(t.dictionary))) {
    const dictionary = v.data[0]!.dictionary;
    if (!dictionary || dictionary.nullCount > 0 || !ArrayBuffer.isView(values)) return undefined;
    const codes = Int32Array.from(values as unknown as ArrayLike<number>).subarray(0, n);
    return { codes, values: Array.from({ length: dictionary.length }, (_, k) => dictionary.get(k) as string) };
  }
  if (type === 'STRING' && (D.isUtf8(t) || D.isLargeUtf8(t))) return coded(v, n);
  return undefined;
}

/**
 * Text as codes into its distinct values, in order of first appearance. (ops/dictionary.ts's encodeDictionary does
 * the same for strings and bigints alike over a column made first: over 100k rows of http_events the whole read took
 * 348 ms against 220 with this loop.)
 */
function coded(v: Vector, n: number): GroupColumn {
  const codes = new Int32Array(n);
  const seen = new Map<string, number>();
  const values: string[] = [];
  for (let i = 0; i < n; i++) {
    const s = v.get(i) as string;
    let k = seen.get(s);
    if (k === undefined) {
      k = values.length;
      seen.set(s, k);
      values.push(s);
    }
    codes[i] = k;
  }
  return { codes, values };
}

function valueByValue(n: number, type: DataType, get: (i: number) => unknown, fail: Fail): ConvertedColumn {
  const out = allocColumn(type, n);
  let noOffsetRow: number | undefined;
  for (let i = 0; i < n; i++) {
    const c = convertValue(get(i), type);
    if (!c.ok) fail(i, c.why);
    if (c.noOffset && noOffsetRow === undefined) noOffsetRow = i;
    storeValue(out, i, type, c.value);
  }
  return noOffsetRow === undefined ? { column: out } : { column: out, noOffsetRow };
}
