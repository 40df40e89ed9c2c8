// Streaming rows out of data files: CSV and NDJSON are read chunk by chunk, so a file larger than memory is
// never held whole; only the rows a script selects are kept. (A `.json` array has to be parsed whole.)

import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { PxlRuntimeError } from '../contracts.js';
import { own } from '../../core/dict.js';
import { CsvScanner, CsvSyntaxError } from './csv.js';
import { headerNames, scanCsvFile } from './csv-table.js';
import { arrowBatches, arrowColumns } from './arrow.js';
import { exactIntegers } from './ndjson.js';
import { parquetChunks, parquetColumns } from './parquet.js';

export type FileKind = 'csv' | 'ndjson' | 'json' | 'parquet' | 'arrow';

/** One row of a file: where it is (for errors) and its raw values by column name. */
export interface FileRow {
  readonly where: string;
  get(column: string): unknown;
}

const CHUNK = 1 << 20;

/** The rows of a file, one at a time (see fileRowBatches for the fast way). */
export async function* fileRows(path: string, kind: FileKind): AsyncGenerator<FileRow> {
  for await (const batch of fileRowBatches(path, kind)) yield* batch;
}

/**
 * The rows of a file, a chunk's worth at a time: one await per chunk rather than per row, and a row's location
 * text is only built when an error needs it. `columns`: the ones the caller reads (a Parquet file reads no others).
 */
export async function* fileRowBatches(
  path: string,
  kind: FileKind,
  columns?: readonly string[],
): AsyncGenerator<FileRow[]> {
  if (kind === 'json') {
    const value = parseJson(exactIntegers(await readFile(path, 'utf8')), path);
    if (!Array.isArray(value)) throw new PxlRuntimeError(`${path}: expected a JSON array of row objects`);
    yield value.map((row, i) => objectRow(row, () => `${path}: row ${i + 1}`));
    return;
  }
  if (kind === 'parquet') {
    let row = 0;
    // A columnar file: only the columns asked for are read (the others are never decoded).
    for await (const chunk of parquetChunks(path, columns)) {
      const at = new Map(chunk.names.map((n, j) => [n, j] as const));
      const batch: FileRow[] = [];
      for (let i = 0; i < chunk.rowCount; i++) {
        const r = ++row;
        batch.push({
          get where() {
            return `${path}: row ${r}`;
          },
          get: (c) => {
            const j = at.get(c);
            return j === undefined ? undefined : chunk.columns[j]![i];
          },
        });
      }
      yield batch;
    }
    return;
  }
  if (kind === 'arrow') {
    let row = 0;
    const at = new Map((columns ?? [...(await arrowColumns(path))]).map((n, j) => [n, j] as const));
    for await (const chunk of arrowBatches(path, [...at.keys()])) {
      const batch: FileRow[] = [];
      for (let i = 0; i < chunk.rowCount; i++) {
        const r = ++row;
        batch.push({
          get where() {
            return `${path}: row ${r}`;
          },
          get: (c) => {
            const j = at.get(c);
            return j === undefined ? undefined : chunk.value(j, i);
          },
        });
      }
      yield batch;
    }
    return;
  }
  if (kind === 'ndjson') {
    let line = 0;
    for await (const texts of lineBatches(path)) {
      const batch: FileRow[] = [];
      for (const text of texts) {
        line++;
        if (text.trim() === '') continue;
        const at = line;
        batch.push(objectRow(parseJsonLine(text, path, at), () => `${path}:${at}`));
      }
      yield batch;
    }
    return;
  }
  let header: readonly string[] | undefined;
  let at = new Map<string, number>();
  let batch: FileRow[] = [];
  const scanner = new CsvScanner((r) => {
    const fields = Array.from({ length: r.count }, (_, j) => r.text(j));
    if (!header) {
      header = headerNames(fields, path, r.line);
      at = new Map(header.map((h, j) => [h, j] as const));
      return;
    }
    if (fields.length !== header.length)
      throw new PxlRuntimeError(`${path}:${r.line}: ${fields.length} fields, but the header has ${header.length}`);
    batch.push(new CsvRow(path, r.line, fields, at));
  });
  const stream = createReadStream(path, { highWaterMark: CHUNK });
  try {
    for await (const chunk of stream) {
      scanner.push(chunk as Buffer);
      yield batch;
      batch = [];
    }
    scanner.end();
    yield batch;
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new PxlRuntimeError(`${path}:${e.line}: ${e.message}`);
    throw e;
  } finally {
    stream.destroy();
  }
  if (!header) throw new PxlRuntimeError(`${path}: the file is empty; the first line must name the columns`);
}

class CsvRow implements FileRow {
  constructor(
    private readonly path: string,
    private readonly line: number,
    private readonly fields: readonly string[],
    private readonly at: ReadonlyMap<string, number>,
  ) {}

  get where(): string {
    return `${this.path}:${this.line}`;
  }

  get(column: string): unknown {
    const j = this.at.get(column);
    return j === undefined ? undefined : this.fields[j];
  }
}

/** The columns a file declares: the CSV header, or the keys of the first NDJSON/JSON row. */
export async function fileColumns(path: string, kind: FileKind): Promise<ReadonlySet<string>> {
  if (kind === 'parquet') return parquetColumns(path);
  if (kind === 'arrow') return arrowColumns(path);
  if (kind === 'csv') {
    let names: string[] | undefined;
    await scanCsvFile(
      path,
      (r) => {
        names = headerNames(
          Array.from({ length: r.count }, (_, j) => r.text(j)),
          path,
          r.line,
        );
      },
      true,
    );
    if (!names) throw new PxlRuntimeError(`${path}: the file is empty; the first line must name the columns`);
    return new Set(names);
  }
  for await (const row of fileRows(path, kind)) return new Set(Object.keys((row as ObjectRow).object));
  return new Set();
}

interface ObjectRow extends FileRow {
  readonly object: Readonly<Record<string, unknown>>;
}

/** `where` is only called when an error needs the location: building it for every row costs time. */
function objectRow(value: unknown, where: () => string): ObjectRow {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PxlRuntimeError(`${where()}: expected an object of column values`);
  const object = value as Record<string, unknown>;
  // Own properties only: a row without a `__proto__` or `constructor` column lacks it, it does not inherit one.
  return {
    get where() {
      return where();
    },
    object,
    get: (c) => own(object, c),
  };
}

function parseJsonLine(text: string, path: string, line: number): unknown {
  try {
    return JSON.parse(exactIntegers(text));
  } catch (e) {
    throw new PxlRuntimeError(`${path}:${line}: not valid JSON (${(e as Error).message})`);
  }
}

async function* lineBatches(path: string): AsyncGenerator<string[]> {
  let carry = '';
  for await (const chunk of utf8Chunks(path, CHUNK)) {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop()!;
    yield parts.map((p) => (p.endsWith('\r') ? p.slice(0, -1) : p));
  }
  if (carry !== '') yield [carry];
}

/**
 * The file as text, chunk by chunk. Bytes that are not UTF-8 are an error naming the line, not a silent U+FFFD:
 * a mangled value must not be exported as if it were the data.
 */
async function* utf8Chunks(path: string, size: number): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: size });
  let line = 1;
  try {
    for await (const bytes of stream) {
      let text: string;
      try {
        text = decoder.decode(bytes as Buffer, { stream: true });
      } catch {
        const lossy = new TextDecoder().decode(bytes as Buffer);
        const at = lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n').length - 1;
        throw new PxlRuntimeError(`${path}:${line + at}: the file is not valid UTF-8 (save it as UTF-8)`);
      }
      line += countLines(bytes as Buffer);
      yield text;
    }
    try {
      const rest = decoder.decode();
      if (rest) yield rest;
    } catch {
      throw new PxlRuntimeError(`${path}:${line}: the file ends in the middle of a UTF-8 character`);
    }
  } finally {
    stream.destroy();
  }
}

function countLines(b: Buffer): number {
  let n = 0;
  for (let i = b.indexOf(10); i >= 0; i = b.indexOf(10, i + 1)) n++;
  return n;
}

export function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PxlRuntimeError(`${where}: not valid JSON (${(e as Error).message})`);
  }
}
