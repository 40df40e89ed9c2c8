// Filter: keep the rows whose mask entry is set (generated filter functions compute the mask, in working memory
// borrowed with scratchUint8: both functions here are its last readers and give it back).

import { makeTable, type Table } from '../table.js';
import { gatherColumn, placeholderColumn } from './gather.js';
import { releaseScratch, scratchInt32 } from './scratch.js';

/** `live`: the columns anything downstream reads (all when absent); the others become placeholders. */
export function filterRows(t: Table, mask: Uint8Array | readonly boolean[], live?: readonly number[]): Table {
  const n = t.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (mask[i]) kept++;
  if (kept === n) {
    if (mask instanceof Uint8Array) releaseScratch(mask);
    return t;
  }
  const rows = new Int32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (mask[i]) rows[k++] = i;
  if (mask instanceof Uint8Array) releaseScratch(mask);
  const keep = live ? new Set(live) : undefined;
  return makeTable(
    t.schema,
    t.columns.map((c, j) => {
      const type = t.schema[j]!.dataType;
      return !keep || keep.has(j) ? gatherColumn(c, type, rows) : placeholderColumn(type, kept);
    }),
    kept,
  );
}

/**
 * The rows whose mask entry is set, for an operator that reads its input through them instead of a filtered
 * copy (a filter whose only consumer is a group-by); undefined when every row is kept. Borrowed working memory
 * (scratch.ts): the group-by gives it back.
 */
export function keptRows(mask: Uint8Array): Int32Array | undefined {
  const n = mask.length;
  let kept = 0;
  for (let i = 0; i < n; i++) kept += mask[i]!;
  if (kept === n) {
    releaseScratch(mask);
    return undefined;
  }
  const rows = scratchInt32(kept);
  for (let i = 0, k = 0; i < n; i++) if (mask[i]) rows[k++] = i;
  releaseScratch(mask);
  return rows;
}
