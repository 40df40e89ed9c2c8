// The aggregate definition the runtime's group-by uses. Besides the per-group Aggregator (contracts.ts),
// an aggregate may reduce whole columns at once over precomputed group ids: typed-array loops with no
// object per group, which is how the common aggregates (count, sum, mean, min, max) run. Those also keep
// their per-group state across batches of rows (`stream`), so a group-by over a file read batch by batch
// holds one state per group instead of the rows.

import type { AggregateDef } from '../contracts.js';
import type { ColumnData } from '../../core/types.js';

export interface ColumnarAggregateDef extends AggregateDef {
  /**
   * One result per group, in the result type's column representation. `groupIds[i]` is the group of
   * row i (0 ≤ id < groupCount); every group has at least one row unless there are no group columns.
   */
  reduce?(args: readonly ColumnData[], groupIds: Int32Array, groupCount: number): ColumnData;
  /**
   * The same reduction over rows given batch after batch. Rows are added in the order `reduce` would read them,
   * so the results are identical to one `reduce` over all of them (floating-point sums included).
   */
  stream?(): ColumnarState;
  /** `reduce` only counts rows: its argument columns are not read (nor gathered for it). */
  readonly countsRows?: true;
}

/** Per-group state of a columnar aggregate, grown as new groups appear. */
export interface ColumnarState {
  /** Adds a batch: row i belongs to group groupIds[i] (< groupCount, the groups seen so far). */
  add(args: readonly ColumnData[], groupIds: Int32Array, groupCount: number): void;
  /** One result per group, for groups 0 .. groupCount-1 (groups that saw no row get the empty input's value). */
  finish(groupCount: number): ColumnData;
}

/** `reduce` as one batch of `stream`: the two paths cannot disagree. */
export function reduceOf(stream: () => ColumnarState): NonNullable<ColumnarAggregateDef['reduce']> {
  return (args, ids, groups) => {
    const s = stream();
    s.add(args, ids, groups);
    return s.finish(groups);
  };
}

type Growable = Float64Array | BigInt64Array;

/**
 * `a`, long enough for `n` groups: the same array when it is, else a copy with room to spare (doubling, so a
 * stream of batches copies O(groups) in all), the new slots set to `fill`.
 */
export function grow<A extends Growable>(a: A, n: number, fill: A extends BigInt64Array ? bigint : number): A {
  if (n <= a.length) return a;
  const bigger = new (a.constructor as new (n: number) => A)(Math.max(n, 2 * a.length));
  bigger.set(a as never);
  if (fill !== 0 && fill !== 0n) bigger.fill(fill as never, a.length);
  return bigger;
}

/** The first `n` values of a state array (all of it, without a copy, when it is that long). */
export function exact<A extends Growable>(a: A, n: number): A {
  return (a.length === n ? a : a.slice(0, n)) as A;
}
