import { allocColumn, type ColumnData, type Schema } from '../core/types.js';

/** A columnar table: one array per column of the schema, all of the same length. */
export interface Table {
  readonly schema: Schema;
  readonly columns: readonly ColumnData[];
  readonly length: number;
}

export function makeTable(schema: Schema, columns: readonly ColumnData[], length: number): Table {
  if (columns.length !== schema.length) {
    throw new Error(`internal: table has ${schema.length} columns in its schema but ${columns.length} arrays`);
  }
  return { schema, columns, length };
}

export function emptyTable(schema: Schema): Table {
  return makeTable(
    schema,
    schema.map((c) => allocColumn(c.dataType, 0)),
    0,
  );
}

export function columnIndex(table: Table, name: string): number {
  const i = table.schema.findIndex((c) => c.name === name);
  if (i < 0) throw new Error(`internal: column '${name}' not in table [${table.schema.map((c) => c.name).join(', ')}]`);
  return i;
}

export function columnByName(table: Table, name: string): ColumnData {
  return table.columns[columnIndex(table, name)]!;
}
