// Parquet files in --data, read through DuckDB's read_parquet (@duckdb/node-api, loaded only when a Parquet file
// is read). Only the columns a script uses are read, chunk by chunk. Parquet's own types come through as the
// nearest JavaScript value (timestamps of any unit as nanoseconds, UUIDs as text, decimals as doubles) and then
// meet the same checks as every other source: a null, or a value that does not fit its column, is an error
// naming the file, the row and the column.

import { PxlRuntimeError } from '../contracts.js';

interface Connection {
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][] }>;
  stream(sql: string): Promise<{ fetchChunk(): Promise<{ rowCount: number; getColumns(): unknown[][] } | null> }>;
  closeSync(): void;
}

async function connect(path: string): Promise<Connection> {
  let duck: { DuckDBInstance: { create(file: string): Promise<{ connect(): Promise<Connection> }> } };
  try {
    duck = await import('@duckdb/node-api') as unknown as typeof duck;
  } catch {
    throw new PxlRuntimeError(`${path}: reading Parquet needs the @duckdb/node-api package (npm install @duckdb/node-api)`);
  }
  const instance = await duck.DuckDBInstance.create(':memory:');
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

/** Rows of the columns `names` (all when absent), a chunk at a time, as raw values. */
export async function* parquetChunks(path: string, names?: readonly string[]): AsyncGenerator<{ names: readonly string[]; columns: unknown[][]; rowCount: number }> {
  const conn = await connect(path);
  try {
    const types = await describe(conn, path);
    const wanted = names ?? [...types.keys()];
    const exprs = wanted.map((n) => selectExpr(n, types.get(n) ?? ''));
    let result;
    try {
      result = await conn.stream(`SELECT ${exprs.join(', ') || '1'} FROM read_parquet(${quote(path)})`);
    } catch (e) {
      throw new PxlRuntimeError(`${path}: cannot be read (${(e as Error).message.split('\n')[0]})`);
    }
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      yield { names: wanted, columns: chunk.getColumns(), rowCount: chunk.rowCount };
    }
  } finally {
    conn.closeSync();
  }
}
