// Filter: keep the rows whose mask entry is set (generated filter functions compute the mask).

import { makeTable, type Table } from '../table.js';
import { gatherColumn } from './gather.js';

export function filterRows(t: Table, mask: Uint8Array | readonly boolean[]): Table {
  const n = t.length;
  let kept = 0;
  for (let i = 0; i < n; i++) if (mask[i]) kept++;
  if (kept === n) return t;
  const rows = new Int32Array(kept);
  for (let i = 0, k = 0; i < n; i++) if (mask[i]) rows[k++] = i;
  return makeTable(t.schema, t.columns.map((c, j) => gatherColumn(c, t.schema[j]!.dataType, rows)), kept);
}
