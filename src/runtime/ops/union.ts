// Union (SPEC §8.9): `columnMaps[k][j]` is the index in input k of output column j. With a time
// column the inputs are merged by time (a stable k-way merge of inputs each in time order; ties keep
// input order); otherwise they are concatenated.

import { makeTable, type Table } from '../table.js';
import { allocColumn, type ColumnData, type DataType, type Schema } from '../../core/types.js';
import { isPlaceholder, placeholderColumn } from './gather.js';
import { checkRowCount } from './row-limit.js';

export function unionTables(
  ts: readonly Table[],
  columnMaps: readonly (readonly number[])[],
  schema: Schema,
  timeColumn?: number,
): Table {
  const total = ts.reduce((n, t) => n + t.length, 0);
  checkRowCount(total, 'append', ts.map((t) => t.length.toLocaleString('en-US')).join(' + '));
  const inputsOf = (j: number) => ts.map((t, k) => t.columns[columnMaps[k]![j]!]!);
  if (timeColumn === undefined) {
    return makeTable(
      schema,
      schema.map((c, j) =>
        concatColumns(
          inputsOf(j),
          ts.map((t) => t.length),
          c.dataType,
          total,
        ),
      ),
      total,
    );
  }
  const source = new Int32Array(total);
  const row = new Int32Array(total);
  mergeByTime(inputsOf(timeColumn) as BigInt64Array[], source, row);
  const columns = schema.map((c, j) => {
    const inputs = inputsOf(j);
    if (inputs.every(isPlaceholder)) return placeholderColumn(c.dataType, total);
    const out = allocColumn(c.dataType, total) as unknown[];
    for (let o = 0; o < total; o++) out[o] = inputs[source[o]!]![row[o]!];
    return out as ColumnData;
  });
  return makeTable(schema, columns, total);
}

export function concatColumns(
  inputs: readonly ColumnData[],
  lengths: readonly number[],
  type: DataType,
  total: number,
): ColumnData {
  if (inputs.every(isPlaceholder)) return placeholderColumn(type, total);
  const out = allocColumn(type, total);
  let offset = 0;
  inputs.forEach((col, k) => {
    const n = lengths[k]!;
    if (Array.isArray(out)) {
      const dst = out as unknown[];
      for (let i = 0; i < n; i++) dst[offset + i] = col[i];
    } else {
      // Same typed-array class on both sides (the checker guarantees equal column types).
      (out as Uint8Array).set((col as Uint8Array).subarray(0, n), offset);
    }
    offset += n;
  });
  return out;
}

/** Fills (source, row) with the merge order; the smallest current time wins, the lower input on ties. */
function mergeByTime(times: readonly BigInt64Array[], source: Int32Array, row: Int32Array): void {
  const pos = new Int32Array(times.length);
  for (let o = 0; o < source.length; o++) {
    let best = -1;
    let bestTime = 0n;
    for (let k = 0; k < times.length; k++) {
      const p = pos[k]!;
      if (p >= times[k]!.length) continue;
      const t = times[k]![p]!;
      if (best < 0 || t < bestTime) {
        best = k;
        bestTime = t;
      }
    }
    source[o] = best;
    row[o] = pos[best]!++;
  }
}
