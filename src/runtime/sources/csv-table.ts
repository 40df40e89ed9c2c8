// A CSV file as a typed table of the columns a script reads: the file's bytes are scanned chunk by chunk and
// each kept field converted in place (csv-columns.ts). Every row is checked, inside the time window or not; only
// rows in the window are kept.

import { PxlRuntimeError } from '../contracts.js';
import { makeTable, type Table } from '../table.js';
import type { Schema } from '../../core/types.js';
import { csvColumnReader, type CsvColumnReader } from './csv-columns.js';
import { CsvScanner, CsvSyntaxError, type CsvFields } from './csv.js';
import { missingColumnsError } from './convert.js';

export interface CsvTableRequest {
  readonly path: string;
  readonly table: string;
  readonly schema: Schema;
  readonly startNs?: bigint;
  readonly endNs?: bigint;
  readonly warn?: (message: string) => void;
}

export interface CsvTable {
  readonly table: Table;
  /** The range of time_ over every row of the file, when the schema reads time_. */
  readonly range?: { min: bigint; max: bigint };
}

export function noOffsetWarning(where: string, column: string): string {
  return `${where}: column '${column}': a time without Z or an offset from UTC is read as UTC, as Pixie's times are (this and any others in the file); add Z to say so`;
}

export async function readCsvTable(request: CsvTableRequest): Promise<CsvTable> {
  const { path, schema, startNs, endNs } = request;
  const readers: CsvColumnReader[] = schema.map((c) => csvColumnReader(c.dataType));
  const timeIdx = schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
  const time = timeIdx >= 0 ? (readers[timeIdx] as CsvColumnReader & { last(): bigint }) : undefined;
  const windowed = startNs !== undefined || endNs !== undefined;
  let fieldOf: number[] | undefined;
  let width = 0;
  let min: bigint | undefined;
  let max: bigint | undefined;
  let toldUtc = false;
  const onRecord = (r: CsvFields) => {
    if (!fieldOf) {
      const names = headerNames(Array.from({ length: r.count }, (_, j) => r.text(j)), path, r.line);
      const missing = schema.map((c) => c.name).filter((c) => !names.includes(c));
      if (missing.length > 0) throw missingColumnsError(path, request.table, missing);
      fieldOf = schema.map((c) => names.indexOf(c.name));
      width = names.length;
      return;
    }
    if (r.count !== width) throw new PxlRuntimeError(`${path}:${r.line}: ${r.count} fields, but the header has ${width}`);
    for (let j = 0; j < readers.length; j++) {
      const why = readers[j]!.take(r, fieldOf[j]!);
      if (why !== undefined) throw new PxlRuntimeError(`${path}:${r.line}: column '${schema[j]!.name}': ${why}`);
    }
    if (time) {
      if (!toldUtc && time.noOffset) {
        toldUtc = true;
        request.warn?.(noOffsetWarning(`${path}:${r.line}`, 'time_'));
      }
      const t = time.last();
      if (min === undefined || t < min) min = t;
      if (max === undefined || t > max) max = t;
      if (windowed && ((startNs !== undefined && t < startNs) || (endNs !== undefined && t > endNs))) {
        for (const reader of readers) reader.pop();
      }
    }
    if (!toldUtc) {
      const j = readers.findIndex((reader) => reader.noOffset);
      if (j >= 0) {
        toldUtc = true;
        request.warn?.(noOffsetWarning(`${path}:${r.line}`, schema[j]!.name));
      }
    }
  };
  await scanCsvFile(path, onRecord);
  if (!fieldOf) throw new PxlRuntimeError(`${path}: the file is empty; the first line must name the columns`);
  const length = readers[0]?.length ?? 0;
  const table = makeTable(schema, readers.map((r) => r.finish()), length);
  return min !== undefined && max !== undefined ? { table, range: { min, max } } : { table };
}

/** Feeds the file's bytes to a scanner; a syntax error names the file and line. */
export async function scanCsvFile(path: string, onRecord: (r: CsvFields) => void, stopAfterFirst = false): Promise<void> {
  let done = false;
  const scanner = new CsvScanner((r) => {
    if (done) return;
    onRecord(r);
    if (stopAfterFirst) done = true;
  });
  try {
    await scanner.readFile(path, () => done);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new PxlRuntimeError(`${path}:${e.line}: ${e.message}`);
    throw e;
  }
}

/** The column names of a CSV header; a name given twice is an error naming both positions. */
export function headerNames(fields: readonly string[], path: string, line: number): string[] {
  const names = fields.map((f) => f.trim());
  const first = new Map<string, number>();
  names.forEach((n, j) => {
    const k = first.get(n);
    if (k !== undefined) {
      throw new PxlRuntimeError(`${path}:${line}: the header names column '${n}' twice (columns ${k + 1} and ${j + 1}); rename or remove one`);
    }
    first.set(n, j);
  });
  return names;
}
