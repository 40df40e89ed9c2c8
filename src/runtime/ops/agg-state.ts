// The per-group state of one aggregate of a group-by: the aggregate's columnar state when it has one (typed
// arrays, no object per group), else one Aggregator object per group fed row by row. Both grow as groups
// appear, so the same state serves a whole table (one batch) and a file read batch by batch.

import type { Aggregator } from '../contracts.js';
import { allocColumn, type DataType } from '../../core/types.js';
import { aggregateDef, type ColumnarState } from '../uda/registry.js';

export function aggregateState(fn: string, argTypes: readonly DataType[], resultType: DataType): ColumnarState {
  const def = aggregateDef(fn, argTypes);
  if (def.stream) return def.stream();
  const states: Aggregator[] = [];
  const upTo = (groups: number) => {
    while (states.length < groups) states.push(def.create());
  };
  return {
    add(args, ids, groups) {
      upTo(groups);
      const readers = args.map((col, j) =>
        argTypes[j] === 'BOOLEAN' ? (i: number) => col[i] !== 0 : (i: number) => col[i],
      );
      const values: unknown[] = new Array(args.length);
      for (let i = 0; i < ids.length; i++) {
        for (let j = 0; j < readers.length; j++) values[j] = readers[j]!(i);
        states[ids[i]!]!.add(...values);
      }
    },
    finish(groups) {
      upTo(groups);
      const col = allocColumn(resultType, groups);
      for (let g = 0; g < groups; g++) {
        const v: unknown = states[g]!.finalize();
        (col as unknown[])[g] = resultType === 'BOOLEAN' ? (v ? 1 : 0) : v;
      }
      return col;
    },
  };
}

/**
 * Whether the aggregate keeps a state per group that does not grow with the rows: a columnar state, or
 * Aggregator objects alone. One with a whole-column `reduce` but no state (exact quantiles) reads all its rows at
 * once, so a group-by using it is run on the whole table.
 */
export function aggregatesIncrementally(fn: string, argTypes: readonly DataType[]): boolean {
  const def = aggregateDef(fn, argTypes);
  return def.stream !== undefined || def.reduce === undefined;
}
