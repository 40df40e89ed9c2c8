// Parquet files in --data, read row group by row group: of each row group only the chunks of the columns a script
// uses are read from disk and decoded (parquet-pages.ts), then converted to the script's column types
// (parquet-values.ts). A null, or a value that does not fit its column, is an error naming the file, the row and
// the column; a damaged file is an error naming the file, the row group and the column. The rows reach the
// script as batches (a row group, or pieces of batchRows() rows of one) when it streams, else as one table.

import { PxlRuntimeError } from '../contracts.js';
import type { ColumnData, Schema } from '../../core/types.js';
import { makeTable, type Table } from '../table.js';
import { dictionaryOf, withDictionary } from '../ops/dictionary.js';
import { gatherColumn, sliceColumn } from '../ops/gather.js';
import { concatColumns } from '../ops/union.js';
import { batchRows } from './batch-rows.js';
import { convertValue, missingColumnsError } from './convert.js';
import { noOffsetWarning, type CsvTable, type CsvTableRequest } from './csv-table.js';
import { openParquet, type ParquetColumn, type ParquetFile } from './parquet-file.js';
import type { ChunkValues } from './parquet-pages.js';

export async function parquetColumns(path: string): Promise<ReadonlySet<string>> {
  const file = await openParquet(path);
  await file.close();
  return new Set(file.columns.keys());
}

/**
 * The decoded chunk of `column` in row group `g`; a damaged chunk is an error naming where, and so is a null
 * (`nullWhy` says why; without it nulls are kept).
 */
async function readChunk(file: ParquetFile, g: number, column: ParquetColumn, rowBase: number, nullWhy: string | undefined): Promise<ChunkValues> {
  const group = file.metadata.row_groups[g]!;
  const where = `${file.path}: column '${column.name}' in row group ${g + 1}`;
  try {
    const meta = group.columns[column.leaf]?.meta_data;
    if (!meta) throw new file.ChunkError('the row group has no metadata for it');
    const bytes = await file.chunkBytes(meta);
    return file.decode(bytes, meta, column, Number(group.num_rows), await file.compressorsFor(meta), nullWhy === undefined);
  } catch (e) {
    if (e instanceof file.NullValue) throw new PxlRuntimeError(`${file.path}: row ${rowBase + e.row + 1}: column '${column.name}': ${nullWhy}`);
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(`${where} cannot be read: ${(e as Error).message.split('\n')[0]} (the file is damaged, or written in a way this reader does not know)`);
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
      if (!col) throw new PxlRuntimeError(`${path}: column '${c.name}' is a list, map or struct, which cannot be read as ${c.dataType}`);
      return col;
    });
    const rows = new GroupRows(request);
    let rowBase = 0;
    for (let g = 0; g < file.metadata.row_groups.length; g++) {
      const n = Number(file.metadata.row_groups[g]!.num_rows);
      const converted: ColumnData[] = [];
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
 * Row groups as they are read: the range of time_ over every row, the rows inside the time window kept, handed
 * on in batches of at most batchRows() rows or kept for one table at the end.
 */
class GroupRows {
  private readonly time: number;
  private readonly batchRows = batchRows();
  private readonly pieces: (readonly ColumnData[])[] = [];
  private readonly lengths: number[] = [];
  private min: bigint | undefined;
  private max: bigint | undefined;
  private toldUtc = false;

  constructor(private readonly request: CsvTableRequest) {
    this.time = request.schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
  }

  noOffset(where: string, column: string): void {
    if (this.toldUtc) return;
    this.toldUtc = true;
    this.request.warn?.(noOffsetWarning(where, column));
  }

  add(columns: ColumnData[], n: number): void {
    const { request } = this;
    request.onRowsRead?.(n);
    const kept = this.window(columns, n);
    if (kept) {
      columns = columns.map((c, j) => gatherColumn(c, request.schema[j]!.dataType, kept));
      n = kept.length;
    }
    if (!request.onBatch) {
      this.pieces.push(columns);
      this.lengths.push(n);
      return;
    }
    for (let start = 0; start < n; start += this.batchRows) {
      const end = Math.min(n, start + this.batchRows);
      // Typed columns are handed on as views of the row group's arrays, not copies.
      const batch = start === 0 && end === n ? columns : columns.map((c) => (Array.isArray(c) ? sliceColumn(c, start, end) : c.subarray(start, end)));
      request.onBatch(makeTable(request.schema, batch, end - start));
    }
  }

  /** The rows inside the time window, or undefined when that is every row; updates the range of time_. */
  private window(columns: readonly ColumnData[], n: number): Int32Array | undefined {
    if (this.time < 0) return undefined;
    const times = columns[this.time] as BigInt64Array;
    const { startNs, endNs } = this.request;
    let min = this.min;
    let max = this.max;
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const t = times[i]!;
      if (min === undefined || t < min) min = t;
      if (max === undefined || t > max) max = t;
      if ((startNs === undefined || t >= startNs) && (endNs === undefined || t <= endNs)) inside++;
    }
    this.min = min;
    this.max = max;
    if (inside === n) return undefined;
    const kept = new Int32Array(inside);
    let k = 0;
    for (let i = 0; i < n; i++) {
      const t = times[i]!;
      if ((startNs === undefined || t >= startNs) && (endNs === undefined || t <= endNs)) kept[k++] = i;
    }
    return kept;
  }

  finish(): CsvTable {
    const { schema } = this.request;
    const total = this.lengths.reduce((a, b) => a + b, 0);
    const table: Table = this.request.onBatch || this.pieces.length === 0
      ? makeTable(schema, schema.map((c) => concatColumns([], [], c.dataType, 0)), 0)
      : this.pieces.length === 1
        ? makeTable(schema, this.pieces[0]!, total)
        : makeTable(schema, schema.map((c, j) => joinColumn(this.pieces.map((p) => p[j]!), this.lengths, c.dataType, total)), total);
    return this.min !== undefined && this.max !== undefined ? { table, range: { min: this.min, max: this.max } } : { table };
  }
}

/** Row groups' pieces of one column as one column; dictionary-encoded pieces share one dictionary. */
function joinColumn(pieces: readonly ColumnData[], lengths: readonly number[], type: Schema[number]['dataType'], total: number): ColumnData {
  const out = concatColumns(pieces, lengths, type, total);
  const dictionaries = pieces.map(dictionaryOf);
  if (!Array.isArray(out) || !dictionaries.every((d) => d)) return out;
  const codeOf = new Map<string | bigint, number>();
  const values: (string | bigint)[] = [];
  const codes = new Int32Array(total);
  let at = 0;
  dictionaries.forEach((d, k) => {
    const mapped = d!.values.map((v) => {
      let c = codeOf.get(v);
      if (c === undefined) {
        c = values.length;
        codeOf.set(v, c);
        values.push(v);
      }
      return c;
    });
    for (let i = 0; i < lengths[k]!; i++) codes[at++] = mapped[d!.codes[i]!]!;
  });
  return withDictionary(out as string[], { codes, values });
}

/**
 * Rows of the columns `names` (all when absent), a row group at a time, as JavaScript values, nulls as null (for
 * `pxlc load` and script tests, which check the values they use).
 */
export async function* parquetChunks(path: string, names?: readonly string[]): AsyncGenerator<{ names: readonly string[]; columns: unknown[][]; rowCount: number }> {
  const file = await openParquet(path);
  try {
    const wanted = names ?? [...file.columns.keys()];
    let rowBase = 0;
    for (let g = 0; g < file.metadata.row_groups.length; g++) {
      const n = Number(file.metadata.row_groups[g]!.num_rows);
      const columns: unknown[][] = [];
      for (const name of wanted) {
        const col = file.columns.get(name);
        if (!col) {
          // A column the file lacks reads as missing; a list, map or struct as no value PxL has.
          if (file.columns.has(name)) throw new PxlRuntimeError(`${path}: column '${name}' is a list, map or struct, which PxL cannot read`);
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
        if (bad >= 0) throw new PxlRuntimeError(`${path}: row ${rowBase + bad + 1}: column '${name}': ${(values[bad] as InstanceType<ParquetFile['Unreadable']>).why}`);
        columns.push(values);
      }
      yield { names: wanted, columns, rowCount: n };
      rowBase += n;
    }
  } finally {
    await file.close();
  }
}
