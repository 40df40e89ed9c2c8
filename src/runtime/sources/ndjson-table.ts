// An NDJSON file (or the rows of one table in a `px run -o json` file) as a typed table of the columns a script
// reads: the byte scanner (ndjson.ts) finds each wanted value on its line and the column readers convert it in
// place. Lines it leaves to JSON.parse (unusual spacing, bad JSON) get JSON.parse's verdict: its error, or the
// same conversion of the parsed values.

import { PxlRuntimeError } from '../contracts.js';
import { SyntaxAtLine } from './byte-scanner.js';
import { missingColumnsError } from './convert.js';
import { RecordTable, type CsvTable, type CsvTableRequest } from './csv-table.js';
import { exactIntegers, NdjsonScanner, type NdjsonRecord } from './ndjson.js';

export const TABLE_NAME_KEY = '_tableName_';

export interface NdjsonTableRequest extends CsvTableRequest {
  /** For `px run -o json` files: only rows whose _tableName_ is this belong to the table. */
  readonly onlyTable?: string;
}

export async function readNdjsonTable(request: NdjsonTableRequest): Promise<CsvTable> {
  const { path, schema, onlyTable } = request;
  const names = schema.map((c) => c.name);
  const tableKey = names.length;
  const tableToken = onlyTable === undefined ? undefined : Buffer.from(JSON.stringify(onlyTable));
  const rows = new RecordTable(request);
  const fieldOf = names.map((_, j) => j);
  let first = true;
  // The columns of the table are those of its first row: a column missing there is missing from the file.
  const checkFirst = (has: (column: string, j: number) => boolean) => {
    first = false;
    const missing = names.filter((c, j) => !has(c, j));
    if (missing.length > 0) throw missingColumnsError(path, request.table, missing);
  };
  const onRecord = (r: NdjsonRecord) => {
    if (tableToken !== undefined && !r.textIs(tableKey, tableToken)) return;
    if (first) checkFirst((_c, j) => r.has(j));
    rows.add(r, fieldOf);
  };
  const onOther = (line: number, text: string) => {
    const row = parseLine(path, line, text);
    if (onlyTable !== undefined && row[TABLE_NAME_KEY] !== onlyTable) return;
    const get = (c: string) => (Object.hasOwn(row, c) ? row[c] : undefined);
    if (first) checkFirst((c) => Object.hasOwn(row, c));
    rows.addValues(line, get);
  };
  await scanNdjsonFile(
    path,
    new NdjsonScanner([...names, TABLE_NAME_KEY], onRecord, onOther),
    undefined,
    (fileBytes, readBytes) => rows.expect(fileBytes, readBytes),
  );
  // A file without rows has no columns.
  if (first && names.length > 0) throw missingColumnsError(path, request.table, names);
  return rows.finish();
}

/** A line the scanner did not read, through JSON.parse: its error names the line. */
export function parseLine(path: string, line: number, text: string): Readonly<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(exactIntegers(text));
  } catch (e) {
    throw new PxlRuntimeError(`${path}:${line}: not valid JSON (${(e as Error).message})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PxlRuntimeError(`${path}:${line}: expected an object of column values`);
  return value as Record<string, unknown>;
}

/** Feeds the file's bytes to a scanner; a syntax error names the file and line. */
export async function scanNdjsonFile(
  path: string,
  scanner: NdjsonScanner,
  stop?: () => boolean,
  firstRead?: (fileBytes: number, readBytes: number) => void,
): Promise<void> {
  try {
    await scanner.readFile(path, stop, firstRead);
  } catch (e) {
    if (e instanceof SyntaxAtLine) throw new PxlRuntimeError(`${path}:${e.line}: ${e.message}`);
    throw e;
  }
}

/**
 * The tables of a `px run -o json` file, or undefined when its first row carries no _tableName_. Only the
 * _tableName_ values are read.
 */
export async function taggedTables(path: string): Promise<Set<string> | undefined> {
  let tables: Set<string> | undefined;
  const see = (line: number, name: unknown) => {
    if (tables === undefined) {
      if (typeof name !== 'string') {
        scanner.stop();
        return;
      }
      tables = new Set();
    }
    if (typeof name !== 'string')
      throw new PxlRuntimeError(`${path}:${line}: ${TABLE_NAME_KEY} is missing, but the file's first row has one`);
    tables.add(name);
  };
  const scanner = new NdjsonScanner(
    [TABLE_NAME_KEY],
    (r) => see(r.line, r.value(0)),
    (line, text) => see(line, parseLine(path, line, text)[TABLE_NAME_KEY]),
  );
  await scanNdjsonFile(path, scanner, () => scanner.stopped);
  return scanner.stopped ? undefined : tables;
}
