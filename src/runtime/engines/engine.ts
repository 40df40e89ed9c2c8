// An SQL engine the runtime talks to: a DuckDB file or a ClickHouse server. Queries return typed pxlc Tables;
// `insert` streams batches of rows in for `pxlc load`. URLs name the engine: `duckdb:FILE` or
// `clickhouse://[USER[:PASSWORD]@]HOST:PORT[/DB]`; a password never appears in messages.

import { PxlRuntimeError } from '../contracts.js';
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
  insert(table: string, schema: Schema, rows: readonly (readonly (boolean | bigint | number | string)[])[]): Promise<void>;
  tableExists(table: string): Promise<boolean>;
  close(): Promise<void>;
}

export type EngineUrl =
  | { readonly kind: 'duckdb'; readonly file: string }
  | { readonly kind: 'clickhouse'; readonly url: string; readonly database: string; readonly username?: string; readonly password?: string; readonly shown: string };

export function parseEngineUrl(text: string): EngineUrl {
  if (text.startsWith('duckdb:')) {
    const file = text.slice('duckdb:'.length);
    if (file === '') throw new PxlRuntimeError(`--engine ${text}: name the DuckDB file, e.g. duckdb:/data/pixie.duckdb`);
    return { kind: 'duckdb', file };
  }
  if (text.startsWith('clickhouse://')) {
    let u: URL;
    try {
      u = new URL(`http://${text.slice('clickhouse://'.length)}`);
    } catch {
      throw new PxlRuntimeError(`--engine: '${redact(text)}' is not a URL like clickhouse://HOST:PORT/DB`);
    }
    const database = decodeURIComponent(u.pathname.replace(/^\//, '')) || 'default';
    const shown = `clickhouse://${u.host}/${database}`;
    return {
      kind: 'clickhouse', url: `http://${u.host}`, database, shown,
      ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
      ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    };
  }
  throw new PxlRuntimeError(`--engine '${redact(text)}': expected duckdb:FILE or clickhouse://HOST:PORT/DB`);
}

/** The URL with any password replaced, so it can be printed. */
export function redact(text: string): string {
  return text.replace(/\/\/([^/:@]*):[^/@]*@/, '//$1:***@');
}

export async function openEngine(url: EngineUrl): Promise<SqlEngine> {
  if (url.kind === 'duckdb') return (await import('./duckdb.js')).openDuckDb(url.file);
  return (await import('./clickhouse.js')).openClickHouse(url);
}

/** The table of a query's result columns, filled by one builder each. */
export function builtTable(columns: readonly EngineColumn[], builders: readonly ColumnBuilder[]): Table {
  return makeTable(columns.map((c) => ({ name: c.name, dataType: c.dataType, semanticType: 'ST_NONE' })),
    builders.map((b) => b.finish()), builders[0]?.length ?? 0);
}
