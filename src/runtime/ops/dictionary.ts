// Dictionary-encoded STRING and UINT128 columns, as Apache Arrow's dictionary vectors: every row's code
// (an Int32Array) and the values the codes stand for. A column stays the plain array of its values — what
// generated code, functions and output read — with its codes attached; a source that knows them (a reader that
// decoded each distinct field once, a service passing Arrow dictionary vectors, `dictionaryColumn`) attaches
// them, and the operators that move rows (filter, join, limit) carry them along. Keyed work — group-by and join
// keys — then runs on the integer codes and looks at each distinct value once.
//
// The one rule: `column[i]` is `values[codes[i]]` for every row. Columns are never written after they are
// made, so attached codes stay true. Values need not be distinct (a value seen twice simply has two codes).

import type { ColumnData } from '../../core/types.js';

export interface Dictionary {
  readonly codes: Int32Array;
  readonly values: readonly (string | bigint)[];
}

const attached = new WeakMap<object, Dictionary>();

/** The codes and values of a STRING/UINT128 column, when it has them. */
export function dictionaryOf(col: ColumnData): Dictionary | undefined {
  return Array.isArray(col) ? attached.get(col) : undefined;
}

/** Attaches codes to a column whose every row `i` holds `values[codes[i]]`; returns the column. */
export function withDictionary<T extends string[] | bigint[]>(col: T, dictionary: Dictionary): T {
  if (dictionary.codes.length !== col.length)
    throw new Error(`internal: ${dictionary.codes.length} codes for a column of ${col.length} rows`);
  attached.set(col, dictionary);
  return col;
}

/** A column from codes and the values they stand for (an Arrow dictionary vector), codes attached. */
export function dictionaryColumn<T extends string | bigint>(codes: Int32Array, values: readonly T[]): T[] {
  const col = new Array<T>(codes.length);
  for (let i = 0; i < codes.length; i++) {
    const v = values[codes[i]!];
    if (v === undefined)
      throw new RangeError(`dictionary code ${codes[i]} at row ${i} is not below the ${values.length} values`);
    col[i] = v;
  }
  return withDictionary(col as string[] | bigint[], { codes, values }) as T[];
}

/** Encodes a column once (each row looked up in a Map of the values seen), so that later keyed work runs on codes. */
export function encodeDictionary<T extends string[] | bigint[]>(col: T): T {
  if (attached.has(col)) return col;
  const seen = new Map<string | bigint, number>();
  const values: (string | bigint)[] = [];
  const codes = new Int32Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i]!;
    let c = seen.get(v);
    if (c === undefined) {
      c = values.length;
      seen.set(v, c);
      values.push(v);
    }
    codes[i] = c;
  }
  return withDictionary(col, { codes, values });
}

/**
 * The codes of rows `rows` of a dictionary (-1 rows: `zero`, added to the values when used), for a gathered
 * column.
 */
export function gatherDictionary(d: Dictionary, rows: Int32Array, n: number, zero: string | bigint): Dictionary {
  const codes = new Int32Array(n);
  const src = d.codes;
  let values = d.values;
  let zeroCode = -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r >= 0) {
      codes[i] = src[r]!;
    } else {
      if (zeroCode < 0) {
        zeroCode = values.length;
        values = [...values, zero];
      }
      codes[i] = zeroCode;
    }
  }
  return { codes, values };
}

/**
 * Per code of `d`, what `lookup` gives for its value, each value looked up once: the bridge from a column's own
 * codes to a kernel's (group ids, a join's key codes).
 */
export function perCode(d: Dictionary, lookup: (value: string | bigint) => number): Int32Array {
  const out = new Int32Array(d.values.length);
  for (let c = 0; c < out.length; c++) out[c] = lookup(d.values[c]!);
  return out;
}
