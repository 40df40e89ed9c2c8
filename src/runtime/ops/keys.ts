// Dense ids for distinct key tuples, in first-seen order, for group-by and join. Each key column is first
// dictionary-encoded on its own (one tight loop per column type), then the columns are folded together:
// (id so far, next column's code) → a new dense id, through a flat table when the product of the counts is
// small and a Map of numbers otherwise. Keys are compared exactly, with JavaScript's SameValueZero (as Map
// keys): strings and bigints by value, +0 = -0, NaN = NaN; nothing is turned into a lossy text form.

import type { ColumnData } from '../../core/types.js';
import { LITTLE_ENDIAN, int64Words } from './int64-words.js';
import { WordDictionary } from './word-dictionary.js';
import { gatherScratch, typedTypeOf } from './gather.js';
import { releaseScratch, scratchInt32 } from './scratch.js';
import { groupIdsFromCodes } from './coded-groups.js';
import { dictionaryOf, perCode, type Dictionary } from './dictionary.js';

export interface Grouping {
  /**
   * The key id of every row: 0 ≤ id < count (or -1 from `find` for a key never interned). Borrowed working memory
   * (scratch.ts): the caller releases it when done with it.
   */
  readonly ids: Int32Array;
  readonly count: number;
  /** The first row of each key id. */
  readonly firstRows: Int32Array;
}

/** One key column's values → codes; the same dictionary interns (build side) and looks up (probe side). */
export interface ColumnDictionary {
  /** `rows`: read col[rows[i]] instead of col[i] (only the value dictionary; other columns are gathered first). */
  intern(col: ColumnData, n: number, out: Int32Array, first: number[], rows?: Int32Array): void;
  find(col: ColumnData, n: number, out: Int32Array): void;
}

class ValueDictionary implements ColumnDictionary {
  private readonly codes = new Map<unknown, number>();

  intern(col: ColumnData, n: number, out: Int32Array, first: number[], rows?: Int32Array): void {
    const d = usableDictionary(col, n);
    if (d) return this.internCodes(d, n, out, first, rows);
    const codes = this.codes;
    for (let i = 0; i < n; i++) {
      const v = rows ? col[rows[i]!] : col[i];
      let c = codes.get(v);
      if (c === undefined) {
        c = codes.size;
        codes.set(v, c);
        first.push(i);
      }
      out[i] = c;
    }
  }

  /** A dictionary-encoded column: each of its codes is mapped to a key code once, the rows go through an array. */
  private internCodes(d: Dictionary, n: number, out: Int32Array, first: number[], rows?: Int32Array): void {
    const codes = this.codes;
    const src = d.codes;
    const mapped = new Int32Array(d.values.length).fill(-1);
    for (let i = 0; i < n; i++) {
      const s = src[rows ? rows[i]! : i]!;
      let c = mapped[s]!;
      if (c < 0) {
        const v = d.values[s];
        let known = codes.get(v);
        if (known === undefined) {
          known = codes.size;
          codes.set(v, known);
          first.push(i);
        }
        c = mapped[s] = known;
      }
      out[i] = c;
    }
  }

  find(col: ColumnData, n: number, out: Int32Array): void {
    const codes = this.codes;
    const d = usableDictionary(col, n);
    if (d) {
      const mapped = perCode(d, (v) => codes.get(v) ?? -1);
      const src = d.codes;
      for (let i = 0; i < n; i++) out[i] = mapped[src[i]!]!;
      return;
    }
    for (let i = 0; i < n; i++) out[i] = codes.get(col[i]) ?? -1;
  }
}

/** A column's dictionary when using it is cheaper than the rows: not many more values than rows read. */
function usableDictionary(col: ColumnData, n: number): Dictionary | undefined {
  const d = dictionaryOf(col);
  return d && d.values.length <= 2 * n + 1024 ? d : undefined;
}

/** INT64/TIME64NS keys by their two 32-bit words: no BigInt per row. */
class Int64Dictionary implements ColumnDictionary {
  private readonly dict = new WordDictionary();

  intern(col: ColumnData, n: number, out: Int32Array, first: number[]): void {
    const w = int64Words(col as BigInt64Array)!;
    const dict = this.dict;
    for (let i = 0; i < n; i++) {
      const before = dict.size;
      const c = dict.intern(w[2 * i]!, w[2 * i + 1]!);
      if (c === before) first.push(i);
      out[i] = c;
    }
  }

  find(col: ColumnData, n: number, out: Int32Array): void {
    const w = int64Words(col as BigInt64Array)!;
    for (let i = 0; i < n; i++) out[i] = this.dict.find(w[2 * i]!, w[2 * i + 1]!);
  }
}

/** FLOAT64 keys by their bits, with every NaN one key and -0 the same key as +0 (SameValueZero). */
class Float64Dictionary implements ColumnDictionary {
  private readonly dict = new WordDictionary();

  intern(col: ColumnData, n: number, out: Int32Array, first: number[]): void {
    const f = col as Float64Array;
    const w = int64Words(f)!;
    const dict = this.dict;
    for (let i = 0; i < n; i++) {
      const v = f[i]!;
      const before = dict.size;
      const c =
        v !== v ? dict.intern(0, 0x7ff80000) : v === 0 ? dict.intern(0, 0) : dict.intern(w[2 * i]!, w[2 * i + 1]!);
      if (c === before) first.push(i);
      out[i] = c;
    }
  }

  find(col: ColumnData, n: number, out: Int32Array): void {
    const f = col as Float64Array;
    const w = int64Words(f)!;
    for (let i = 0; i < n; i++) {
      const v = f[i]!;
      out[i] =
        v !== v
          ? this.dict.find(0, 0x7ff80000)
          : v === 0
            ? this.dict.find(0, 0)
            : this.dict.find(w[2 * i]!, w[2 * i + 1]!);
    }
  }
}

/** BOOLEAN keys: the byte itself, renumbered in first-seen order. */
class ByteDictionary implements ColumnDictionary {
  private readonly codes = new Int32Array(256).fill(-1);
  private size = 0;

  intern(col: ColumnData, n: number, out: Int32Array, first: number[]): void {
    const b = col as Uint8Array;
    for (let i = 0; i < n; i++) {
      let c = this.codes[b[i]!]!;
      if (c < 0) {
        c = this.codes[b[i]!] = this.size++;
        first.push(i);
      }
      out[i] = c;
    }
  }

  find(col: ColumnData, n: number, out: Int32Array): void {
    const b = col as Uint8Array;
    for (let i = 0; i < n; i++) out[i] = this.codes[b[i]!]!;
  }
}

export function dictionaryFor(col: ColumnData): ColumnDictionary {
  if (col instanceof Uint8Array) return new ByteDictionary();
  if (LITTLE_ENDIAN) {
    if (col instanceof BigInt64Array) return new Int64Dictionary();
    if (col instanceof Float64Array) return new Float64Dictionary();
  }
  return new ValueDictionary();
}

/** Pairs (id, code) → dense ids: a flat table up to this many slots, a Map beyond. */
const FLAT_LIMIT = 1 << 22;

class PairTable {
  private readonly flat: Int32Array | undefined;
  private readonly map: Map<number, number> | undefined;
  private size = 0;

  constructor(
    left: number,
    private readonly width: number,
  ) {
    const slots = left * width;
    if (slots <= FLAT_LIMIT) this.flat = new Int32Array(slots).fill(-1);
    else this.map = new Map();
  }

  /** Replaces ids[i] by the id of (ids[i], codes[i]); returns the number of distinct pairs. */
  intern(ids: Int32Array, codes: Int32Array, n: number, first: number[]): number {
    const width = this.width;
    if (this.flat) {
      const flat = this.flat;
      for (let i = 0; i < n; i++) {
        const k = ids[i]! * width + codes[i]!;
        let g = flat[k]!;
        if (g < 0) {
          g = flat[k] = this.size++;
          first.push(i);
        }
        ids[i] = g;
      }
    } else {
      // ids·width + code < n·width ≤ 2^53 for any table that fits in memory: exact as a double.
      const map = this.map!;
      for (let i = 0; i < n; i++) {
        const k = ids[i]! * width + codes[i]!;
        let g = map.get(k);
        if (g === undefined) {
          g = this.size++;
          map.set(k, g);
          first.push(i);
        }
        ids[i] = g;
      }
    }
    return this.size;
  }

  /** Like intern, for keys that must already be present: -1 where either part or the pair is unknown. */
  find(ids: Int32Array, codes: Int32Array, n: number): void {
    const width = this.width;
    for (let i = 0; i < n; i++) {
      const a = ids[i]!;
      const c = codes[i]!;
      if (a < 0 || c < 0) ids[i] = -1;
      else ids[i] = this.flat ? this.flat[a * width + c]! : (this.map!.get(a * width + c) ?? -1);
    }
  }
}

/** Interns the key tuples of one table (build side), then finds other tables' tuples among them (probe side). */
export class KeyTable {
  private readonly dictionaries: ColumnDictionary[] = [];
  private readonly pairs: PairTable[] = [];
  /** The build side's column classes: a probe column of another representation matches nothing. */
  private readonly kinds: unknown[] = [];
  private interned = false;

  /**
   * `rows`: column k's values are read at rows[k][i] (n of them, never -1) instead of at i. Typed columns are
   * cheap to gather first; plain arrays (strings, UINT128) are read through the rows.
   */
  internAll(allCols: readonly ColumnData[], n: number, rows?: readonly Int32Array[]): Grouping {
    const cols = rows
      ? allCols.map((c, k) => (Array.isArray(c) ? c : gatherScratch(c, typedTypeOf(c), rows[k]!)))
      : allCols;
    const grouping = this.internColumns(cols, n, rows);
    if (rows) releaseScratch(...cols.filter((c): c is Exclude<ColumnData, unknown[]> => !Array.isArray(c)));
    return grouping;
  }

  private internColumns(cols: readonly ColumnData[], n: number, rows?: readonly Int32Array[]): Grouping {
    const through = (k: number) => (rows && Array.isArray(cols[k]) ? rows[k] : undefined);
    if (this.interned) throw new Error('internal: KeyTable.internAll called twice');
    this.interned = true;
    for (const c of cols) this.kinds.push(c.constructor);
    if (cols.length === 0)
      return { ids: scratchInt32(n).fill(0), count: n > 0 ? 1 : 0, firstRows: Int32Array.from(n > 0 ? [0] : []) };
    let first: number[] = [];
    const ids = scratchInt32(n);
    const d0 = dictionaryFor(cols[0]!);
    this.dictionaries.push(d0);
    d0.intern(cols[0]!, n, ids, first, through(0));
    let count = first.length;
    const codes = cols.length > 1 ? scratchInt32(n) : ids;
    for (let k = 1; k < cols.length; k++) {
      const d = dictionaryFor(cols[k]!);
      this.dictionaries.push(d);
      const seen: number[] = [];
      d.intern(cols[k]!, n, codes, seen, through(k));
      const pair = new PairTable(count, seen.length);
      this.pairs.push(pair);
      first = [];
      count = pair.intern(ids, codes, n, first);
    }
    if (codes !== ids) releaseScratch(codes);
    return { ids, count, firstRows: Int32Array.from(first) };
  }

  /**
   * The id of each row's key tuple among the interned ones, -1 for a tuple never interned. Borrowed working memory,
   * like Grouping.ids.
   */
  findAll(cols: readonly ColumnData[], n: number): Int32Array {
    const ids = scratchInt32(n);
    if (cols.length === 0) return ids.fill(0);
    if (cols.some((c, k) => c.constructor !== this.kinds[k])) return ids.fill(-1);
    this.dictionaries[0]!.find(cols[0]!, n, ids);
    if (cols.length === 1) return ids;
    const codes = scratchInt32(n);
    for (let k = 1; k < cols.length; k++) {
      this.dictionaries[k]!.find(cols[k]!, n, codes);
      this.pairs[k - 1]!.find(ids, codes, n);
    }
    releaseScratch(codes);
    return ids;
  }
}

/** Group id of every row, the number of groups and the first row of each group. */
export function groupIds(cols: readonly ColumnData[], n: number, rows?: readonly Int32Array[]): Grouping {
  return groupIdsFromCodes(cols, n, rows) ?? new KeyTable().internAll(cols, n, rows);
}
