// Join (SPEC §8.8): equality on all key pairs, one output row per matching pair. Output columns are
// every left column then every right column; rows without a partner (left/right/outer) get zero
// values on the other side. Order: left rows in input order with their matches in right-input order,
// then (right/outer) the unmatched right rows in input order.

import { makeTable, type Table } from '../table.js';
import type { Schema } from '../types.js';
import { gatherColumn } from './gather.js';
import { KeyIndex } from './keys.js';

/** The plan's join kinds (plan.ts JoinType; the runtime does not import the compiler). */
export type JoinHow = 'inner' | 'left' | 'right' | 'outer';

export function joinTables(l: Table, r: Table, how: JoinHow, leftOn: readonly number[], rightOn: readonly number[], schema: Schema): Table {
  const rightKeys = rightOn.map((i) => r.columns[i]!);
  const leftKeys = leftOn.map((i) => l.columns[i]!);
  // Right rows bucketed by key id; chains through `nextRow` keep each bucket in input order.
  const index = new KeyIndex(rightOn.length);
  const head: number[] = [];
  const tail: number[] = [];
  const nextRow = new Int32Array(r.length).fill(-1);
  for (let i = 0; i < r.length; i++) {
    const id = index.intern(rightKeys, i);
    if (id === head.length) {
      head.push(i);
      tail.push(i);
    } else {
      nextRow[tail[id]!] = i;
      tail[id] = i;
    }
  }

  const keepLeft = how === 'left' || how === 'outer';
  const keepRight = how === 'right' || how === 'outer';
  const matchedRight = keepRight ? new Uint8Array(r.length) : undefined;
  const leftRows: number[] = [];
  const rightRows: number[] = [];
  for (let i = 0; i < l.length; i++) {
    const id = index.find(leftKeys, i);
    if (id < 0) {
      if (keepLeft) { leftRows.push(i); rightRows.push(-1); }
      continue;
    }
    for (let j = head[id]!; j >= 0; j = nextRow[j]!) {
      leftRows.push(i);
      rightRows.push(j);
      if (matchedRight) matchedRight[j] = 1;
    }
  }
  if (matchedRight) {
    for (let j = 0; j < r.length; j++) if (!matchedRight[j]) { leftRows.push(-1); rightRows.push(j); }
  }

  const lr = Int32Array.from(leftRows);
  const rr = Int32Array.from(rightRows);
  const nl = l.columns.length;
  const columns = [
    ...l.columns.map((c, k) => gatherColumn(c, schema[k]!.dataType, lr)),
    ...r.columns.map((c, k) => gatherColumn(c, schema[nl + k]!.dataType, rr)),
  ];
  return makeTable(schema, columns, lr.length);
}
