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
  const rightIds = new Int32Array(r.length);
  for (let i = 0; i < r.length; i++) {
    const id = index.intern(rightKeys, i);
    rightIds[i] = id;
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
  // Pass 1: each left row's bucket and the output size; pass 2 fills preallocated row indices.
  const leftIds = new Int32Array(l.length);
  const bucketSize = new Int32Array(head.length);
  for (let id = 0; id < head.length; id++) for (let j = head[id]!; j >= 0; j = nextRow[j]!) bucketSize[id]!++;
  let total = 0;
  for (let i = 0; i < l.length; i++) {
    const id = index.find(leftKeys, i);
    leftIds[i] = id;
    total += id < 0 ? (keepLeft ? 1 : 0) : bucketSize[id]!;
  }
  // A right row is matched when some left row found its key.
  const matchedKey = keepRight ? new Uint8Array(head.length) : undefined;
  let unmatchedRight = 0;
  if (matchedKey) {
    for (let i = 0; i < l.length; i++) if (leftIds[i]! >= 0) matchedKey[leftIds[i]!] = 1;
    for (let j = 0; j < r.length; j++) if (!matchedKey[rightIds[j]!]) unmatchedRight++;
  }
  const lr = new Int32Array(total + unmatchedRight);
  const rr = new Int32Array(total + unmatchedRight);
  let o = 0;
  for (let i = 0; i < l.length; i++) {
    const id = leftIds[i]!;
    if (id < 0) {
      if (keepLeft) { lr[o] = i; rr[o++] = -1; }
      continue;
    }
    for (let j = head[id]!; j >= 0; j = nextRow[j]!) { lr[o] = i; rr[o++] = j; }
  }
  if (matchedKey) {
    for (let j = 0; j < r.length; j++) if (!matchedKey[rightIds[j]!]) { lr[o] = -1; rr[o++] = j; }
  }

  const nl = l.columns.length;
  const columns = [
    ...l.columns.map((c, k) => gatherColumn(c, schema[k]!.dataType, lr)),
    ...r.columns.map((c, k) => gatherColumn(c, schema[nl + k]!.dataType, rr)),
  ];
  return makeTable(schema, columns, lr.length);
}
