// Parquet files in --data, read through DuckDB's read_parquet (@duckdb/node-api, loaded only when a Parquet file
// is read; without it, an error says which package to add). Only the columns a script uses are read, chunk by
// chunk, each value taken from DuckDB's vectors. Parquet's own types come through as the nearest JavaScript value
// (timestamps of any unit as nanoseconds, UUIDs as text, decimals as doubles) and then meet the same checks as
// every other source: a null, or a value that does not fit its column, is an error naming the file, the row and
// the column.

import { createRequire } from 'node:module';
import { PxlRuntimeError } from '../contracts.js';
import { importOptional } from '../optional-package.js';
import { missingColumnsError } from './convert.js';
import { RecordTable, type CsvTable, type CsvTableRequest } from './csv-table.js';

interface Vector { getItem(i: number): unknown }

interface Connection {
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  stream(sql: string): Promise<{ fetchChunk(): Promise<{ rowCount: number; getColumns(): unknown[][]; getColumnVector(j: number): Vector } | null> }>;
  closeSync(): void;
}

type Duck = { DuckDBInstance: { create(file: string): Promise<{ connect(): Promise<Connection> }> } };
let duck: Duck | undefined;

/**
 * Loaded with require: importing the CommonJS package from ESM has Node lex every file of it for its exports,
 * which took longer than reading a 100k-row file.
 */
async function connect(path: string): Promise<Connection> {
  const { DuckDBInstance } = await importOptional('@duckdb/node-api', `${path}: reading Parquet`,
    async () => (duck ??= createRequire(import.meta.url)('@duckdb/node-api') as Duck));
  const instance = await DuckDBInstance.create(':memory:');
  return instance.connect();
}

function quote(path: string): string {
  return `'${path.replaceAll("'", "''")}'`;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** The file's columns and their Parquet (DuckDB) types. */
async function describe(conn: Connection, path: string): Promise<Map<string, string>> {
  try {
    const rows = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${quote(path)})`)).getRows();
    return new Map(rows.map((r) => [String(r[0]), String(r[1])] as const));
  } catch (e) {
    throw new PxlRuntimeError(`${path}: not a readable Parquet file (${(e as Error).message.split('\n')[0]})`);
  }
}

/** The select expression bringing a Parquet column to a value convertValue reads exactly. */
function selectExpr(name: string, fileType: string): string {
  const col = ident(name);
  if (/^(TIMESTAMP|DATE)/.test(fileType)) return `epoch_ns(${col})`;
  if (fileType === 'UUID') return `${col}::VARCHAR`;
  if (fileType.startsWith('DECIMAL')) return `${col}::DOUBLE`;
  return col;
}

export async function parquetColumns(path: string): Promise<ReadonlySet<string>> {
  const conn = await connect(path);
  try {
    return new Set((await describe(conn, path)).keys());
  } finally {
    conn.closeSync();
  }
}

/** The columns a script reads, as a typed table: values straight from DuckDB's vectors, chunk by chunk. */
export async function readParquetTable(request: CsvTableRequest): Promise<CsvTable> {
  const { path, schema } = request;
  const names = schema.map((c) => c.name);
  const rows = new RecordTable(request, (n) => `${path}: row ${n}`);
  const conn = await connect(path);
  try {
    const types = await describe(conn, path);
    const missing = names.filter((c) => !types.has(c));
    if (missing.length > 0) throw missingColumnsError(path, request.table, missing);
    const result = await select(conn, path, names, types);
    let row = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const vectors = names.map((_, j) => chunk.getColumnVector(j));
      let i = 0;
      const get = (_c: string, j: number) => vectors[j]!.getItem(i);
      for (i = 0; i < chunk.rowCount; i++) rows.addValues(++row, get);
    }
  } finally {
    conn.closeSync();
  }
  return rows.finish();
}

async function select(conn: Connection, path: string, names: readonly string[], types: ReadonlyMap<string, string>) {
  const exprs = names.map((n) => selectExpr(n, types.get(n) ?? ''));
  try {
    return await conn.stream(`SELECT ${exprs.join(', ') || '1'} FROM read_parquet(${quote(path)})`);
  } catch (e) {
    throw new PxlRuntimeError(`${path}: cannot be read (${(e as Error).message.split('\n')[0]})`);
  }
}

/** Rows of the columns `names` (all when absent), a chunk at a time, as raw values. */
export async function* parquetChunks(path: string, names?: readonly string[]): AsyncGenerator<{ names: readonly string[]; columns: unknown[][]; rowCount: number }> {
  const conn = await connect(path);
  try {
    const types = await describe(conn, path);
    const wanted = names ?? [...types.keys()];
    const result = await select(conn, path, wanted, types);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      yield { names: wanted, columns: chunk.getColumns(), rowCount: chunk.rowCount };
    }
  } finally {
    conn.closeSync();
  }
}
