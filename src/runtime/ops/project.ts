// Projection: the output is a choice of input columns under a new schema. Columns are shared, not
// copied: tables are never mutated after they are built.

import { makeTable, type Table } from '../table.js';
import type { Schema } from '../../core/types.js';

export function selectColumns(t: Table, indices: readonly number[], schema: Schema): Table {
  return makeTable(
    schema,
    indices.map((i) => {
      const c = t.columns[i];
      if (!c) throw new Error(`internal: column ${i} selected from a table of ${t.columns.length}`);
      return c;
    }),
    t.length,
  );
}
