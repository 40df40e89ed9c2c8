// A CSV file as a typed table of the columns a script reads: the file's bytes are scanned chunk by chunk and
// each kept field converted in place (csv-columns.ts). Every row is checked, inside the time window or not; only
// rows in the window are kept.

import { PxlRuntimeError } from '../contracts.js';
import { makeTable, type Table } from '../table.js';
import type { Schema } from '../../core/types.js';
import { csvColumnReader, type CsvColumnReader } from './csv-columns.js';
import type { RecordFields } from './byte-scanner.js';
import { CsvScanner, CsvSyntaxError, type CsvFields } from './csv.js';
import { missingColumnsError } from './convert.js';
import { batchRows } from './batch-rows.js';

export interface CsvTableRequest {
  readonly path: string;
  readonly table: string;
  readonly schema: Schema;
  readonly startNs?: bigint;
  readonly endNs?: bigint;
  readonly warn?: (message: string) => void;
  /** Told how many more rows were read, every ROWS_STEP rows and at the end (for a progress line). */
  readonly onRowsRead?: (rows: number) => void;
  /**
   * Set to be handed the kept rows in batches of batchRows() as they are read (the returned table is then empty):
   * a batch is a table like the whole one, string columns' codes continuing one dictionary.
   */
  readonly onBatch?: (batch: Table) => void;
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
  const { path, schema } = request;
  const rows = new RecordTable(request);
  let fieldOf: number[] | undefined;
  let width = 0;
  const onRecord = (r: CsvFields) => {
    if (!fieldOf) {
      const names = headerNames(
        Array.from({ length: r.count }, (_, j) => r.text(j)),
        path,
        r.line,
      );
      const missing = schema.map((c) => c.name).filter((c) => !names.includes(c));
      if (missing.length > 0) throw missingColumnsError(path, request.table, missing);
      fieldOf = schema.map((c) => names.indexOf(c.name));
      width = names.length;
      return;
    }
    if (r.count !== width)
      throw new PxlRuntimeError(`${path}:${r.line}: ${r.count} fields, but the header has ${width}`);
    rows.add(r, fieldOf);
  };
  await scanCsvFile(path, onRecord, false, (fileBytes, readBytes) => rows.expect(fileBytes, readBytes));
  if (!fieldOf) throw new PxlRuntimeError(`${path}: the file is empty; the first line must name the columns`);
  return rows.finish();
}

/** Rows are counted for onRowsRead in steps of this many, not one call per row. */
const ROWS_STEP = 4096;

/**
 * The typed columns of a table read record by record from a file's bytes: each record's fields converted in
 * place by the column readers, its time checked against the window (every row is checked, only rows in the
 * window kept), the range of time_ over the whole file, one warning for times without an offset.
 */
export class RecordTable {
  private readonly readers: CsvColumnReader[];
  private readonly time: (CsvColumnReader & { last(): bigint }) | undefined;
  private readonly windowed: boolean;
  private min: bigint | undefined;
  private max: bigint | undefined;
  private toldUtc = false;
  private count = 0;
  private records = 0;
  private readonly batchRows = batchRows();

  /** `where(n)` names record n in errors and warnings (a line of a text file, a row of a columnar one). */
  constructor(
    private readonly request: CsvTableRequest,
    private readonly where: (n: number) => string = (line) => `${request.path}:${line}`,
  ) {
    const { schema, startNs, endNs } = request;
    this.readers = schema.map((c) => csvColumnReader(c.dataType));
    const timeIdx = schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
    this.time = timeIdx >= 0 ? (this.readers[timeIdx] as CsvColumnReader & { last(): bigint }) : undefined;
    this.windowed = startNs !== undefined || endNs !== undefined;
  }

  /**
   * Told how much of the file the records so far came from: the columns reserve room for the rows the whole file
   * would hold at that rate, so they fill one array in place instead of growing and copying. Room reserved and
   * not written (rows outside the window) is never touched, so it takes no memory.
   */
  expect(fileBytes: number, readBytes: number): void {
    // Batches are made at their size from the start.
    if (this.request.onBatch) return;
    if (this.records < 1000 || readBytes <= 0 || fileBytes <= readBytes) return;
    const scale = (fileBytes / readBytes) * 1.05;
    const kept = this.readers[0]?.length ?? 0;
    for (const reader of this.readers) reader.reserve?.(Math.ceil(this.records * scale), Math.ceil(kept * scale));
  }

  /** Reads field fieldOf[j] of the record into column j. */
  add(r: RecordFields, fieldOf: ArrayLike<number>): void {
    const readers = this.readers;
    for (let j = 0; j < readers.length; j++) {
      const why = readers[j]!.take(r, fieldOf[j]!);
      if (why !== undefined) this.fail(r.line, j, why);
    }
    this.added(r.line);
  }

  /** Reads a row given as values, column j's from `get(name, j)` (a record the byte scanner left to JSON.parse). */
  addValues(line: number, get: (column: string, j: number) => unknown): void {
    const { readers } = this;
    for (let j = 0; j < readers.length; j++) {
      const why = readers[j]!.takeValue(get(this.request.schema[j]!.name, j));
      if (why !== undefined) this.fail(line, j, why);
    }
    this.added(line);
  }

  private fail(line: number, j: number, why: string): never {
    throw new PxlRuntimeError(`${this.where(line)}: column '${this.request.schema[j]!.name}': ${why}`);
  }

  private added(line: number): void {
    this.records++;
    const { time, request } = this;
    if (++this.count % ROWS_STEP === 0) request.onRowsRead?.(ROWS_STEP);
    if (time) {
      if (!this.toldUtc && time.noOffset) {
        this.toldUtc = true;
        request.warn?.(noOffsetWarning(this.where(line), 'time_'));
      }
      const t = time.last();
      if (this.min === undefined || t < this.min) this.min = t;
      if (this.max === undefined || t > this.max) this.max = t;
      if (
        this.windowed &&
        ((request.startNs !== undefined && t < request.startNs) || (request.endNs !== undefined && t > request.endNs))
      ) {
        for (const reader of this.readers) reader.pop();
      }
    }
    if (!this.toldUtc) {
      const j = this.readers.findIndex((reader) => reader.noOffset);
      if (j >= 0) {
        this.toldUtc = true;
        request.warn?.(noOffsetWarning(this.where(line), request.schema[j]!.name));
      }
    }
    if (request.onBatch && (this.readers[0]?.length ?? 0) >= this.batchRows)
      request.onBatch(this.batch(this.batchRows));
  }

  /** The kept rows since the last batch, as a table; the columns start over with room for `next` rows. */
  private batch(next: number): Table {
    const length = this.readers[0]?.length ?? 0;
    return makeTable(
      this.request.schema,
      this.readers.map((r) => r.batch(next)),
      length,
    );
  }

  finish(): CsvTable {
    this.request.onRowsRead?.(this.count % ROWS_STEP);
    let table: Table;
    if (this.request.onBatch) {
      if ((this.readers[0]?.length ?? 0) > 0) this.request.onBatch(this.batch(0));
      table = this.batch(0);
    } else {
      const length = this.readers[0]?.length ?? 0;
      table = makeTable(
        this.request.schema,
        this.readers.map((r) => r.finish()),
        length,
      );
    }
    return this.min !== undefined && this.max !== undefined
      ? { table, range: { min: this.min, max: this.max } }
      : { table };
  }
}

/** Feeds the file's bytes to a scanner; a syntax error names the file and line. */
export async function scanCsvFile(
  path: string,
  onRecord: (r: CsvFields) => void,
  stopAfterFirst = false,
  firstRead?: (fileBytes: number, readBytes: number) => void,
): Promise<void> {
  let done = false;
  const scanner = new CsvScanner((r) => {
    if (done) return;
    onRecord(r);
    if (stopAfterFirst) done = true;
  });
  try {
    await scanner.readFile(path, () => done, firstRead);
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
      throw new PxlRuntimeError(
        `${path}:${line}: the header names column '${n}' twice (columns ${k + 1} and ${j + 1}); rename or remove one`,
      );
    }
    first.set(n, j);
  });
  return names;
}
