// Builds small tables for the operator and aggregate tests, and reads them back as plain rows.

import { makeTable, type Table } from '../../src/runtime/table.js';
import type { ColumnData, DataType, Schema } from '../../src/core/types.js';

type Value = boolean | bigint | number | string;

/** `table({ service: ['STRING', ['a', 'b']], n: ['INT64', [1n, 2n]] })` */
export function table(cols: Record<string, readonly [DataType, readonly Value[]]>): Table {
  const entries = Object.entries(cols);
  const schema: Schema = entries.map(([name, [dataType]]) => ({ name, dataType, semanticType: 'ST_NONE' }));
  const length = entries[0]?.[1][1].length ?? 0;
  return makeTable(
    schema,
    entries.map(([, [type, values]]) => column(type, values)),
    length,
  );
}

export function column(type: DataType, values: readonly Value[]): ColumnData {
  switch (type) {
    case 'BOOLEAN':
      return Uint8Array.from(values, (v) => (v ? 1 : 0));
    case 'INT64':
    case 'TIME64NS':
      return BigInt64Array.from(values as bigint[]);
    case 'FLOAT64':
      return Float64Array.from(values as number[]);
    case 'STRING':
      return [...values] as string[];
    case 'UINT128':
      return [...values] as bigint[];
  }
}

export function schemaOf(cols: Record<string, DataType>): Schema {
  return Object.entries(cols).map(([name, dataType]) => ({ name, dataType, semanticType: 'ST_NONE' }));
}

/** Rows as arrays of values (BOOLEAN as boolean), for deepEqual. */
export function rows(t: Table): Value[][] {
  return Array.from({ length: t.length }, (_, i) =>
    t.columns.map((c, j) => {
      const v = c[i]!;
      return t.schema[j]!.dataType === 'BOOLEAN' ? v !== 0 : v;
    }),
  );
}
