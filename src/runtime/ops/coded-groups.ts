// Group ids straight from dictionary codes (dictionary.ts): when every key column is dictionary-encoded and the
// product of the dictionaries' sizes is small, a row's key tuple is one integer — the mixed-radix number of its
// codes — and a flat table turns it into a dense id in first-seen order, in one pass over the rows. The general
// path (keys.ts) interns column by column and folds pairs, a pass per column and per pair.

import type { ColumnData } from '../../core/types.js';
import { dictionaryOf, type Dictionary } from './dictionary.js';
import type { Grouping } from './keys.js';
import { releaseScratch, scratchInt32 } from './scratch.js';

/** The most slots of the flat table: beyond the rows' count, the general path reads less memory. */
function slotLimit(n: number): number {
  return Math.min(1 << 22, 4 * n + 65_536);
}

/**
 * The grouping of `cols` (each column's values read at rows[k][i] when `rows` is given), or undefined when some key
 * column has no dictionary or the combined codes would not fit a flat table. Ids, first rows and count are exactly
 * those of the general path: equal values under different codes are one key.
 */
export function groupIdsFromCodes(
  cols: readonly ColumnData[],
  n: number,
  rows?: readonly Int32Array[],
): Grouping | undefined {
  if (cols.length === 0) return undefined;
  const dictionaries: Dictionary[] = [];
  let slots = 1;
  for (const c of cols) {
    const d = dictionaryOf(c);
    if (!d) return undefined;
    dictionaries.push(d);
    slots *= Math.max(1, d.values.length);
    if (slots > slotLimit(n)) return undefined;
  }
  const canon = dictionaries.map(canonicalCodes);
  const widths = dictionaries.map((d) => d.values.length);
  const ids = scratchInt32(n);
  const table = scratchInt32(slots).fill(-1);
  const first: number[] = [];
  if (!rows && cols.length <= 3) {
    fusedIds(dictionaries, canon, widths, n, table, ids, first);
  } else {
    // Column by column: ids[i] = ids[i] · width + code (Horner's rule over the key columns), then the dense ids.
    for (let k = 0; k < cols.length; k++) {
      const src = dictionaries[k]!.codes;
      const through = rows?.[k];
      const ck = canon[k]!;
      const w = widths[k]!;
      if (k === 0) for (let i = 0; i < n; i++) ids[i] = ck[src[through ? through[i]! : i]!]!;
      else for (let i = 0; i < n; i++) ids[i] = ids[i]! * w + ck[src[through ? through[i]! : i]!]!;
    }
    for (let i = 0; i < n; i++) {
      const key = ids[i]!;
      let g = table[key]!;
      if (g < 0) {
        g = table[key] = first.length;
        first.push(i);
      }
      ids[i] = g;
    }
  }
  releaseScratch(table);
  return { ids, count: first.length, firstRows: Int32Array.from(first) };
}

/** Per code, the first code with the same value: the values of a dictionary need not be distinct. */
function canonicalCodes(d: Dictionary): Int32Array {
  const firstCode = new Map<string | bigint, number>();
  const out = new Int32Array(d.values.length);
  for (let c = 0; c < out.length; c++) {
    const v = d.values[c]!;
    let k = firstCode.get(v);
    if (k === undefined) firstCode.set(v, (k = c));
    out[c] = k;
  }
  return out;
}

/** The dense ids of one to three key columns read row by row, the combined key computed and looked up in one loop. */
function fusedIds(
  ds: readonly Dictionary[],
  canon: readonly Int32Array[],
  widths: readonly number[],
  n: number,
  table: Int32Array,
  ids: Int32Array,
  first: number[],
): void {
  const a = ds[0]!.codes;
  const ca = canon[0]!;
  const b = ds.length > 1 ? ds[1]!.codes : a;
  const cb = ds.length > 1 ? canon[1]! : ca;
  const wb = ds.length > 1 ? widths[1]! : 0;
  const c = ds.length > 2 ? ds[2]!.codes : a;
  const cc = ds.length > 2 ? canon[2]! : ca;
  const wc = ds.length > 2 ? widths[2]! : 0;
  const columns = ds.length;
  for (let i = 0; i < n; i++) {
    const key =
      columns === 1
        ? ca[a[i]!]!
        : columns === 2
          ? ca[a[i]!]! * wb + cb[b[i]!]!
          : (ca[a[i]!]! * wb + cb[b[i]!]!) * wc + cc[c[i]!]!;
    let g = table[key]!;
    if (g < 0) {
      g = table[key] = first.length;
      first.push(i);
    }
    ids[i] = g;
  }
}
