// Dense ids for distinct key tuples, in first-seen order, for group-by and join. Keys are compared
// exactly: Map keys use SameValueZero, which compares bigints (INT64, TIME64NS, UINT128) and strings
// by value, so no key is ever turned into a lossy text form. Tuples use one nested Map per column.

import type { ColumnData } from '../types.js';

type Level = Map<unknown, unknown>;

export class KeyIndex {
  private readonly root: Level = new Map();
  private count = 0;

  constructor(private readonly width: number) {}

  /** The id of the key at `row` of `cols` (one column per key part); a new id when unseen. */
  intern(cols: readonly ColumnData[], row: number): number {
    if (this.width === 0) {
      this.count = 1;
      return 0;
    }
    let level = this.root;
    for (let k = 0; k < this.width - 1; k++) {
      const v = cols[k]![row];
      let next = level.get(v) as Level | undefined;
      if (!next) {
        next = new Map();
        level.set(v, next);
      }
      level = next;
    }
    const last = cols[this.width - 1]![row];
    const id = level.get(last) as number | undefined;
    if (id !== undefined) return id;
    level.set(last, this.count);
    return this.count++;
  }

  /** The id of the key at `row` of `cols`, or -1 when the key was never interned. */
  find(cols: readonly ColumnData[], row: number): number {
    if (this.width === 0) return this.count > 0 ? 0 : -1;
    let level: Level | undefined = this.root;
    for (let k = 0; k < this.width - 1 && level; k++) level = level.get(cols[k]![row]) as Level | undefined;
    const id = level?.get(cols[this.width - 1]![row]) as number | undefined;
    return id ?? -1;
  }
}

/** Group id of every row, the number of groups and the first row of each group. */
export function groupIds(cols: readonly ColumnData[], n: number): { ids: Int32Array; count: number; firstRows: Int32Array } {
  const ids = new Int32Array(n);
  const first: number[] = [];
  const index = new KeyIndex(cols.length);
  for (let i = 0; i < n; i++) {
    const id = index.intern(cols, i);
    if (id === first.length) first.push(i);
    ids[i] = id;
  }
  return { ids, count: first.length, firstRows: Int32Array.from(first) };
}
