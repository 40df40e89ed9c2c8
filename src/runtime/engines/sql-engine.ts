// What every SQL engine implements (engines/duckdb.ts, engines/clickhouse.ts), apart from engine.ts, which opens one
// by URL and loads its client only then.

import type { ColumnBuilder } from '../sources/column-builder.js';
import { makeTable, type Table } from '../table.js';
import type { Schema } from '../../core/types.js';
import type { EngineColumn } from '../../core/engine-plan.js';
import type { Dialect } from '../../core/sql-text.js';

export interface SqlEngine {
  readonly dialect: Dialect;
  /** The engine's URL without its password, for messages. */
  readonly where: string;
  /** Runs a query; its columns are `columns`, in that order. */
  query(sql: string, columns: readonly EngineColumn[]): Promise<Table>;
  /** Runs a statement that returns no rows. */
  exec(sql: string): Promise<void>;
  /** Appends rows (already converted to pxlc values, in `schema` order) to `table`. */
  insert(
    table: string,
    schema: Schema,
    rows: readonly (readonly (boolean | bigint | number | string)[])[],
  ): Promise<void>;
  tableExists(table: string): Promise<boolean>;
  close(): Promise<void>;
}

export type EngineUrl =
  | { readonly kind: 'duckdb'; readonly file: string }
  | {
      readonly kind: 'clickhouse';
      readonly url: string;
      readonly database: string;
      readonly username?: string;
      readonly password?: string;
      readonly shown: string;
    };

/** The table of a query's result columns, filled by one builder each. */
export function builtTable(columns: readonly EngineColumn[], builders: readonly ColumnBuilder[]): Table {
  return makeTable(
    columns.map((c) => ({ name: c.name, dataType: c.dataType, semanticType: 'ST_NONE' })),
    builders.map((b) => b.finish()),
    builders[0]?.length ?? 0,
  );
}
