// Group-by + aggregate (SPEC §8.7). Output: the group columns, then one column per aggregate; groups
// appear in first-seen order. Without group columns the whole input is one group, so even an empty
// input gives exactly one row (count 0); with group columns an empty input gives no rows.

import { makeTable, type Table } from '../table.js';
import { type ColumnData, type DataType, type Schema } from '../../core/types.js';
import { aggregateDef } from '../uda/registry.js';
import { gatherColumn, gatherScratch, placeholderColumn } from './gather.js';
import { groupIds } from './keys.js';
import { joinPairs } from './join.js';
import { releaseScratch } from './scratch.js';
import { aggregateState } from './agg-state.js';

export interface AggSpec {
  readonly fn: string;
  readonly args: readonly number[];
}

/**
 * `rows`: read the input through row indexes instead of every row — one array for all columns (a fused filter's
 * kept rows) or one per column (a fused inner join: left columns through the left rows of the pairs, right
 * columns through the right rows). The result is the same as aggregating the materialized table.
 */
export function groupAggregate(
  t: Table,
  groups: readonly number[],
  aggs: readonly AggSpec[],
  schema: Schema,
  rows?: Int32Array | readonly Int32Array[],
): Table {
  const rowsOf = (i: number) => (rows === undefined ? undefined : rows instanceof Int32Array ? rows : rows[i]!);
  const n = rows === undefined ? t.length : rowsOf(0)!.length;
  const grouping = groupIds(
    groups.map((g) => t.columns[g]!),
    n,
    rows ? groups.map((g) => rowsOf(g)!) : undefined,
  );
  const count = groups.length === 0 ? 1 : grouping.count;
  const out: ColumnData[] = groups.map((g, k) => {
    const through = rowsOf(g);
    return gatherColumn(
      t.columns[g]!,
      schema[k]!.dataType,
      through ? grouping.firstRows.map((r) => through[r]!) : grouping.firstRows,
    );
  });
  const selected = new Map<number, ColumnData>();
  const column = (i: number) => {
    const through = rowsOf(i);
    if (!through) return t.columns[i]!;
    let c = selected.get(i);
    if (!c) selected.set(i, (c = gatherScratch(t.columns[i]!, t.schema[i]!.dataType, through)));
    return c;
  };
  aggs.forEach((a, k) => {
    const resultType = schema[groups.length + k]!.dataType;
    const argTypes = a.args.map((i) => t.schema[i]!.dataType);
    // A count reads no values: its argument is not gathered through the rows.
    const args = aggregateDef(a.fn, argTypes).countsRows
      ? a.args.map((i, j) => placeholderColumn(argTypes[j]!, n))
      : a.args.map(column);
    out.push(aggregateColumn(a.fn, args, argTypes, grouping.ids, count, resultType));
  });
  // The group ids, the gathered arguments and a fused filter's kept rows (keptRows) were working memory
  // (scratch.ts); the results are fresh arrays.
  releaseScratch(
    grouping.ids,
    ...([...selected.values()].filter((c) => !Array.isArray(c)) as Exclude<ColumnData, unknown[]>[]),
  );
  if (rows instanceof Int32Array) releaseScratch(rows);
  return makeTable(schema, out, count);
}

/**
 * An inner join feeding a group-by, without materializing the join: the pairs are computed, and the group-by
 * reads both inputs through them.
 */
export function aggregateJoin(
  l: Table,
  r: Table,
  leftOn: readonly number[],
  rightOn: readonly number[],
  joinSchema: Schema,
  groups: readonly number[],
  aggs: readonly AggSpec[],
  schema: Schema,
): Table {
  const { lr, rr } = joinPairs(l, r, 'inner', leftOn, rightOn);
  const joined: Table = { schema: joinSchema, columns: [...l.columns, ...r.columns], length: lr.length };
  const out = groupAggregate(joined, groups, aggs, schema, [...l.columns.map(() => lr), ...r.columns.map(() => rr)]);
  releaseScratch(lr, rr);
  return out;
}

function aggregateColumn(
  fn: string,
  args: readonly ColumnData[],
  argTypes: readonly DataType[],
  ids: Int32Array,
  count: number,
  resultType: DataType,
): ColumnData {
  const def = aggregateDef(fn, argTypes);
  if (def.reduce) return def.reduce(args, ids, count);
  const state = aggregateState(fn, argTypes, resultType);
  state.add(args, ids, count);
  return state.finish(count);
}
