// The aggregate definition the runtime's group-by uses. Besides the per-group Aggregator (contracts.ts),
// an aggregate may reduce whole columns at once over precomputed group ids: typed-array loops with no
// object per group, which is how the common aggregates (count, sum, mean, min, max) run.

import type { AggregateDef } from '../contracts.js';
import type { ColumnData } from '../../core/types.js';

export interface ColumnarAggregateDef extends AggregateDef {
  /**
   * One result per group, in the result type's column representation. `groupIds[i]` is the group of
   * row i (0 ≤ id < groupCount); every group has at least one row unless there are no group columns.
   */
  reduce?(args: readonly ColumnData[], groupIds: Int32Array, groupCount: number): ColumnData;
  /** `reduce` only counts rows: its argument columns are not read (nor gathered for it). */
  readonly countsRows?: true;
}
