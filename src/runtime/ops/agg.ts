// Group-by + aggregate (SPEC §8.7). Output: the group columns, then one column per aggregate; groups
// appear in first-seen order. Without group columns the whole input is one group, so even an empty
// input gives exactly one row (count 0); with group columns an empty input gives no rows.

import type { Aggregator } from '../contracts.js';
import { makeTable, type Table } from '../table.js';
import { allocColumn, type ColumnData, type DataType, type Schema } from '../types.js';
import { aggregateDef } from '../uda/registry.js';
import { gatherColumn } from './gather.js';
import { groupIds } from './keys.js';

export interface AggSpec {
  readonly fn: string;
  readonly args: readonly number[];
}

/**
 * `rows`: read the input through these row indexes (a fused filter's kept rows) instead of every row; the
 * result is the same as aggregating the filtered table.
 */
export function groupAggregate(t: Table, groups: readonly number[], aggs: readonly AggSpec[], schema: Schema, rows?: Int32Array): Table {
  const n = rows ? rows.length : t.length;
  const grouping = groupIds(groups.map((g) => t.columns[g]!), n, rows);
  const count = groups.length === 0 ? 1 : grouping.count;
  const firstRows = rows ? grouping.firstRows.map((r) => rows[r]!) : grouping.firstRows;
  const out: ColumnData[] = groups.map((g, k) => gatherColumn(t.columns[g]!, schema[k]!.dataType, firstRows));
  const selected = new Map<number, ColumnData>();
  const column = (i: number) => {
    if (!rows) return t.columns[i]!;
    let c = selected.get(i);
    if (!c) selected.set(i, (c = gatherColumn(t.columns[i]!, t.schema[i]!.dataType, rows)));
    return c;
  };
  aggs.forEach((a, k) => {
    const resultType = schema[groups.length + k]!.dataType;
    out.push(aggregateColumn(a.fn, a.args.map(column), a.args.map((i) => t.schema[i]!.dataType), grouping.ids, count, resultType));
  });
  return makeTable(schema, out, count);
}

function aggregateColumn(fn: string, args: readonly ColumnData[], argTypes: readonly DataType[], ids: Int32Array, count: number,
  resultType: DataType): ColumnData {
  const def = aggregateDef(fn, argTypes);
  if (def.reduce) return def.reduce(args, ids, count);

  const states: Aggregator[] = Array.from({ length: count }, () => def.create());
  const readers = args.map((col, j) => (argTypes[j] === 'BOOLEAN' ? (i: number) => col[i] !== 0 : (i: number) => col[i]));
  const values: unknown[] = new Array(args.length);
  for (let i = 0; i < ids.length; i++) {
    for (let j = 0; j < readers.length; j++) values[j] = readers[j]!(i);
    states[ids[i]!]!.add(...values);
  }
  const col = allocColumn(resultType, count);
  for (let g = 0; g < count; g++) {
    const v: unknown = states[g]!.finalize();
    (col as unknown[])[g] = resultType === 'BOOLEAN' ? (v ? 1 : 0) : v;
  }
  return col;
}
