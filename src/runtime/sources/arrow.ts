// Arrow IPC files in --data (`http_events.arrow`, `.arrows`, `.feather`: the file format, the stream format, and
// Feather v2, which is the file format), read record batch by record batch through apache-arrow, which is
// loaded only when such a file is read. Only the columns a script uses are read. Arrow's types come through as
// exact values (64-bit integers as bigints, timestamps and durations of any unit as nanoseconds, 16-byte fixed
// binaries as UINT128s), whole columns at a time where the types allow (arrow-columns.ts), and then meet the same
// checks as every other source: a null, or a value that does not fit its column, is an error naming the file, the
// row and the column; a column of a type that cannot hold the
// script's values (a list, a struct, bytes) is an error naming the column and both types.

import { open } from 'node:fs/promises';
import { PxlRuntimeError } from '../contracts.js';
import type { DataType } from '../../core/types.js';
import { missingColumnsError } from './convert.js';
import type { CsvTable, CsvTableRequest } from './csv-table.js';
import { arrowColumn, NS_PER_UNIT } from './arrow-columns.js';
import { GroupRows } from './parquet-rows.js';

type Arrow = typeof import('apache-arrow');
type Vector = import('apache-arrow').Vector;
type ArrowType = import('apache-arrow').DataType;

async function openReader(path: string) {
  const arrow: Arrow = await import('apache-arrow');
  const file = await open(path, 'r');
  try {
    const reader = await arrow.RecordBatchReader.from(file);
    await reader.open();
    if (!reader.schema) throw new Error('no schema');
    return { arrow, reader, schema: reader.schema, close: () => file.close() };
  } catch (e) {
    await file.close();
    throw new PxlRuntimeError(
      `${path}: not a readable Arrow IPC file (${(e as Error).message.split('\n')[0]}); ` +
        "write it with Arrow's IPC file or stream writer (Feather v2; Feather v1 files are not Arrow IPC)",
    );
  }
}

export async function arrowColumns(path: string): Promise<ReadonlySet<string>> {
  const { schema, close } = await openReader(path);
  await close();
  return new Set(schema.fields.map((f) => f.name));
}

/** Why a column of Arrow type `t` cannot be read as `type`, or undefined when it can (value by value). */
function unreadable(arrow: Arrow, t: ArrowType, type: DataType): string | undefined {
  const { DataType: D } = arrow;
  const base = D.isDictionary(t) ? t.dictionary : t;
  const ok =
    D.isInt(base) ||
    D.isFloat(base) ||
    D.isBool(base) ||
    D.isUtf8(base) ||
    D.isLargeUtf8(base) ||
    ((type === 'TIME64NS' || type === 'INT64') && (D.isTimestamp(base) || D.isDate(base) || D.isDuration(base))) ||
    (type === 'UINT128' && D.isFixedSizeBinary(base) && base.byteWidth === 16);
  return ok ? undefined : `is of Arrow type ${String(t)}, which cannot be read as ${type}`;
}

/** The value of row i of `v` (a record batch's column: one chunk) as an exact JavaScript value, null if none. */
function valueGetter(arrow: Arrow, v: Vector): (i: number) => unknown {
  const get = rawGetter(arrow, v);
  return v.nullCount === 0 ? get : (i) => (v.isValid(i) ? get(i) : null);
}

function rawGetter(arrow: Arrow, v: Vector): (i: number) => unknown {
  const { DataType: D } = arrow;
  const t = v.type as ArrowType;
  const values = v.data[0]!.values as ArrayLike<unknown>;
  if (D.isTimestamp(t) || D.isDuration(t)) {
    const scale = NS_PER_UNIT[t.unit]!;
    return scale === 1n ? (i) => values[i] : (i) => (values[i] as bigint) * scale;
  }
  if (D.isDate(t)) return (i) => BigInt(v.get(i) as number) * 1_000_000n;
  if (D.isFixedSizeBinary(t)) {
    return (i) => {
      let x = 0n;
      for (const b of v.get(i) as Uint8Array) x = (x << 8n) | BigInt(b);
      return x;
    };
  }
  if (D.isDictionary(t)) {
    // Each distinct entry is decoded once.
    const seen = new Map<number, unknown>();
    return (i) => {
      const key = values[i] as number;
      if (seen.has(key)) return seen.get(key);
      const x = v.get(i);
      seen.set(key, x);
      return x;
    };
  }
  return (i) => v.get(i);
}

export interface ArrowBatch {
  readonly rowCount: number;
  /** The value of column j (of the names asked for) at row i of the batch; null where it has none. */
  value(j: number, i: number): unknown;
}

/**
 * The record batches of the file, columns `names` (all when absent) with the DataTypes the caller will read them
 * as (value by value checks are the caller's). `check` sees the file's column names before any batch is read.
 */
export async function* arrowBatches(
  path: string,
  names: readonly string[] | undefined,
  types?: readonly DataType[],
  check?: (columns: ReadonlySet<string>) => void,
): AsyncGenerator<ArrowBatch> {
  const { arrow, reader, schema: fileSchema, close } = await openReader(path);
  try {
    const fileTypes = new Map(fileSchema.fields.map((f) => [f.name, f.type as ArrowType] as const));
    check?.(new Set(fileTypes.keys()));
    const wanted = names ?? [...fileTypes.keys()];
    wanted.forEach((name, j) => {
      const t = fileTypes.get(name);
      const why = t && types ? unreadable(arrow, t, types[j]!) : undefined;
      if (why) throw new PxlRuntimeError(`${path}: column '${name}' ${why}`);
    });
    for await (const batch of reader) {
      const getters = wanted.map((name) => {
        const v = batch.getChild(name);
        return v ? valueGetter(arrow, v) : () => undefined;
      });
      yield { rowCount: batch.numRows, value: (j, i) => getters[j]!(i) };
    }
  } catch (e) {
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(`${path}: cannot be read as Arrow IPC (${(e as Error).message.split('\n')[0]})`);
  } finally {
    await close();
  }
}

/**
 * The script's columns as a typed table, or as batches handed to request.onBatch: record batch by record batch,
 * each column converted as a whole where its Arrow type allows (arrow-columns.ts).
 */
export async function readArrowTable(request: CsvTableRequest): Promise<CsvTable> {
  const { path, schema } = request;
  const names = schema.map((c) => c.name);
  const { arrow, reader, schema: fileSchema, close } = await openReader(path);
  try {
    const fileTypes = new Map(fileSchema.fields.map((f) => [f.name, f.type as ArrowType] as const));
    const missing = names.filter((c) => !fileTypes.has(c));
    if (missing.length > 0) throw missingColumnsError(path, request.table, missing);
    schema.forEach((c) => {
      const why = unreadable(arrow, fileTypes.get(c.name)!, c.dataType);
      if (why) throw new PxlRuntimeError(`${path}: column '${c.name}' ${why}`);
    });
    const rows = new GroupRows(request);
    let rowBase = 0;
    for await (const batch of reader) {
      const n = batch.numRows;
      const at = (i: number) => `${path}: row ${rowBase + i + 1}`;
      const columns = schema.map(({ name, dataType }) => {
        const v = batch.getChild(name)!;
        const c = arrowColumn(arrow, v, dataType, valueGetter(arrow, v), (i, why) => {
          throw new PxlRuntimeError(`${at(i)}: column '${name}': ${why}`);
        });
        if (c.noOffsetRow !== undefined) rows.noOffset(at(c.noOffsetRow), name);
        return c.column;
      });
      rows.add(columns, n);
      rowBase += n;
    }
    return rows.finish();
  } catch (e) {
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(`${path}: cannot be read as Arrow IPC (${(e as Error).message.split('\n')[0]})`);
  } finally {
    await close();
  }
}
