// Parquet files in --data, read row group by row group: of each row group only the chunks of the columns a script
// uses are read from disk and decoded (parquet-pages.ts), then converted to the script's column types
// (parquet-values.ts). A null, or a value that does not fit its column, is an error naming the file, the row and
// the column; a damaged file is an error naming the file, the row group and the column. The rows reach the
// script as batches when it streams, else as one table (parquet-rows.ts).

import { PxlRuntimeError } from '../contracts.js';
import { convertValue, missingColumnsError } from './convert.js';
import type { CsvTable, CsvTableRequest } from './csv-table.js';
import { openParquet, type ParquetColumn, type ParquetFile } from './parquet-file.js';
import type { ChunkValues } from './parquet-pages.js';
import { GroupRows, type GroupColumn } from './parquet-rows.js';

export async function parquetColumns(path: string): Promise<ReadonlySet<string>> {
  const file = await openParquet(path);
  await file.close();
  return new Set(file.columns.keys());
}

/**
 * The decoded chunk of `column` in row group `g`; a damaged chunk is an error naming where, and so is a null
 * (`nullWhy` says why; without it nulls are kept).
 */
async function readChunk(
  file: ParquetFile,
  g: number,
  column: ParquetColumn,
  rowBase: number,
  nullWhy: string | undefined,
): Promise<ChunkValues> {
  const group = file.metadata.row_groups[g]!;
  const where = `${file.path}: column '${column.name}' in row group ${g + 1}`;
  try {
    const meta = group.columns[column.leaf]?.meta_data;
    if (!meta) throw new file.ChunkError('the row group has no metadata for it');
    if (meta.path_in_schema.length !== 1 || meta.path_in_schema[0] !== column.name)
      throw new file.ChunkError(`the row group's chunk is of column '${meta.path_in_schema.join('.')}'`);
    const bytes = await file.chunkBytes(meta);
    return file.decode(
      bytes,
      meta,
      column,
      Number(group.num_rows),
      await file.compressorsFor(meta),
      nullWhy === undefined,
    );
  } catch (e) {
    if (e instanceof file.NullValue)
      throw new PxlRuntimeError(`${file.path}: row ${rowBase + e.row + 1}: column '${column.name}': ${nullWhy}`);
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(
      `${where} cannot be read: ${(e as Error).message.split('\n')[0]} (the file is damaged, or written in a way this reader does not know)`,
    );
  }
}

/** The script's columns as a typed table, or as batches handed to request.onBatch. */
export async function readParquetTable(request: CsvTableRequest): Promise<CsvTable> {
  const { path, schema } = request;
  const file = await openParquet(path);
  try {
    const missing = schema.map((c) => c.name).filter((c) => !file.columns.has(c));
    if (missing.length > 0) throw missingColumnsError(path, request.table, missing);
    const columns = schema.map((c) => {
      const col = file.columns.get(c.name);
      if (!col)
        throw new PxlRuntimeError(
          `${path}: column '${c.name}' is a list, map or struct, which cannot be read as ${c.dataType}`,
        );
      return col;
    });
    const rows = new GroupRows(request);
    let rowBase = 0;
    for (let g = 0; g < file.metadata.row_groups.length; g++) {
      const n = Number(file.metadata.row_groups[g]!.num_rows);
      const converted: GroupColumn[] = [];
      for (let j = 0; j < schema.length; j++) {
        const { name, dataType } = schema[j]!;
        const nullWhy = (convertValue(null, dataType) as { why: string }).why;
        const chunk = await readChunk(file, g, columns[j]!, rowBase, nullWhy);
        const at = (i: number) => `${path}: row ${rowBase + i + 1}`;
        const c = file.chunkColumn(chunk, columns[j]!.element, dataType, (i, why) => {
          throw new PxlRuntimeError(`${at(i)}: column '${name}': ${why}`);
        });
        if (c.noOffsetRow !== undefined) rows.noOffset(at(c.noOffsetRow), name);
        converted.push(c.column);
      }
      rows.add(converted, n);
      rowBase += n;
    }
    return rows.finish();
  } finally {
    await file.close();
  }
}

/**
 * Rows of the columns `names` (all when absent), a row group at a time, as JavaScript values, nulls as null (for
 * `pxlc load` and script tests, which check the values they use).
 */
export async function* parquetChunks(
  path: string,
  names?: readonly string[],
): AsyncGenerator<{ names: readonly string[]; columns: unknown[][]; rowCount: number }> {
  const file = await openParquet(path);
  try {
    // All columns: the flat ones (a list, map or struct holds no value of PxL's).
    const wanted = names ?? [...file.columns].filter(([, c]) => c).map(([name]) => name);
    let rowBase = 0;
    for (let g = 0; g < file.metadata.row_groups.length; g++) {
      const n = Number(file.metadata.row_groups[g]!.num_rows);
      const columns: unknown[][] = [];
      for (const name of wanted) {
        const col = file.columns.get(name);
        if (!col) {
          // A column the file lacks reads as missing; a list, map or struct as no value PxL has.
          if (file.columns.has(name))
            throw new PxlRuntimeError(`${path}: column '${name}' is a list, map or struct, which PxL cannot read`);
          columns.push(new Array(n).fill(undefined));
          continue;
        }
        const chunk = await readChunk(file, g, col, rowBase, undefined);
        const natural = file.naturalValue(col.element);
        const values = Array.from({ length: n }, (_, i) => {
          const raw: unknown = chunk.kind === 'dictionary' ? chunk.dictionary[chunk.codes[i]!] : chunk.values[i];
          return raw === null ? null : natural(raw);
        });
        const bad = values.findIndex((v) => v instanceof file.Unreadable);
        if (bad >= 0)
          throw new PxlRuntimeError(
            `${path}: row ${rowBase + bad + 1}: column '${name}': ${(values[bad] as InstanceType<ParquetFile['Unreadable']>).why}`,
          );
        columns.push(values);
      }
      yield { names: wanted, columns, rowCount: n };
      rowBase += n;
    }
  } finally {
    await file.close();
  }
}
