// Join (SPEC §8.8): equality on all key pairs, one output row per matching pair. Output columns are
// every left column then every right column; rows without a partner (left/right/outer) get zero
// values on the other side. Order: left rows in input order with their matches in right-input order,
// then (right/outer) the unmatched right rows in input order.

import { makeTable, type Table } from '../table.js';
import type { ColumnData, Schema } from '../../core/types.js';
import { gatherColumn, placeholderColumn } from './gather.js';
import { KeyTable } from './keys.js';
import { checkRowCount } from './row-limit.js';
import { releaseScratch, scratchInt32 } from './scratch.js';

/** The plan's join kinds (plan.ts JoinType; the runtime does not import the compiler). */
export type JoinHow = 'inner' | 'left' | 'right' | 'outer';

/** `live`: the output columns anything downstream reads (all when absent); the others become placeholders. */
export function joinTables(
  l: Table,
  r: Table,
  how: JoinHow,
  leftOn: readonly number[],
  rightOn: readonly number[],
  schema: Schema,
  live?: readonly number[],
): Table {
  const { lr, rr } = joinPairs(l, r, how, leftOn, rightOn);
  const nl = l.columns.length;
  const keep = live ? new Set(live) : undefined;
  const side = (c: ColumnData, k: number, rows: Int32Array) =>
    !keep || keep.has(k)
      ? gatherColumn(c, schema[k]!.dataType, rows)
      : placeholderColumn(schema[k]!.dataType, rows.length);
  const columns = [...l.columns.map((c, k) => side(c, k, lr)), ...r.columns.map((c, k) => side(c, nl + k, rr))];
  const n = lr.length;
  releaseScratch(lr, rr);
  return makeTable(schema, columns, n);
}

/**
 * The join's output rows as (left row, right row) pairs in output order; -1 for a missing side. Both arrays are
 * borrowed working memory (scratch.ts): the caller releases them when done.
 */
export function joinPairs(
  l: Table,
  r: Table,
  how: JoinHow,
  leftOn: readonly number[],
  rightOn: readonly number[],
): { lr: Int32Array; rr: Int32Array } {
  const rightKeys = rightOn.map((i) => r.columns[i]!);
  const leftKeys = leftOn.map((i) => l.columns[i]!);
  const keys = new KeyTable();
  const { ids: rightIds, count: keyCount } = keys.internAll(rightKeys, r.length);
  const leftIds = keys.findAll(leftKeys, l.length);
  // Ids are given in first-seen order, so when every right row has a key of its own (a right side that was
  // grouped by the key, the usual lookup table) key id k is right row k and each left row has at most one partner.
  const unique = keyCount === r.length;
  // Otherwise right rows bucketed by key id; chains through `nextRow` keep each bucket in input order.
  const head = unique ? undefined : new Int32Array(keyCount).fill(-1);
  const nextRow = unique ? undefined : new Int32Array(r.length).fill(-1);
  const bucketSize = unique ? undefined : new Int32Array(keyCount);
  if (head && nextRow && bucketSize) {
    const tail = new Int32Array(keyCount);
    for (let i = 0; i < r.length; i++) {
      const id = rightIds[i]!;
      if (head[id]! < 0) head[id] = i;
      else nextRow[tail[id]!] = i;
      tail[id] = i;
      bucketSize[id]!++;
    }
  }

  const keepLeft = how === 'left' || how === 'outer';
  const keepRight = how === 'right' || how === 'outer';
  // Pass 1: the output size; pass 2 fills preallocated row indices.
  let total = 0;
  if (bucketSize) {
    for (let i = 0; i < l.length; i++) {
      const id = leftIds[i]!;
      total += id < 0 ? (keepLeft ? 1 : 0) : bucketSize[id]!;
    }
  } else if (keepLeft) {
    total = l.length;
  } else {
    for (let i = 0; i < l.length; i++) total += leftIds[i]! >= 0 ? 1 : 0;
  }
  // A right row is matched when some left row found its key.
  const matchedKey = keepRight ? new Uint8Array(keyCount) : undefined;
  let unmatchedRight = 0;
  if (matchedKey) {
    for (let i = 0; i < l.length; i++) if (leftIds[i]! >= 0) matchedKey[leftIds[i]!] = 1;
    for (let j = 0; j < r.length; j++) if (!matchedKey[rightIds[j]!]) unmatchedRight++;
  }
  checkRowCount(
    total + unmatchedRight,
    'merge',
    `${l.length.toLocaleString('en-US')} left rows matched with ${r.length.toLocaleString('en-US')} right rows`,
  );
  const lr = scratchInt32(total + unmatchedRight);
  const rr = scratchInt32(total + unmatchedRight);
  let o = 0;
  for (let i = 0; i < l.length; i++) {
    const id = leftIds[i]!;
    if (id < 0) {
      if (keepLeft) {
        lr[o] = i;
        rr[o++] = -1;
      }
    } else if (!head) {
      lr[o] = i;
      rr[o++] = id;
    } else {
      for (let j = head[id]!; j >= 0; j = nextRow![j]!) {
        lr[o] = i;
        rr[o++] = j;
      }
    }
  }
  if (matchedKey) {
    for (let j = 0; j < r.length; j++)
      if (!matchedKey[rightIds[j]!]) {
        lr[o] = -1;
        rr[o++] = j;
      }
  }
  releaseScratch(leftIds, rightIds);
  return { lr, rr };
}
