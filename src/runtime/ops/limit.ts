// head(n): the first n rows.

import { makeTable, type Table } from '../table.js';
import { sliceColumn } from './gather.js';

export function limitRows(t: Table, n: number): Table {
  if (t.length <= n) return t;
  const m = Math.max(0, n);
  return makeTable(
    t.schema,
    t.columns.map((c) => sliceColumn(c, 0, m)),
    m,
  );
}
