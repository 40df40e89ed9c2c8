// A directory of data files as a TableSource: `<table>.csv` (header row), `<table>.jsonl` (one object per
// line) or `<table>.json` (an array of objects), plus an optional `metadata.json` (a ClusterSpec) for ctx lookups.
// Every error names the file and the row (line) it is about.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PxlRuntimeError, type SourceRequest, type TableSource } from '../contracts.js';
import type { ClusterSpec } from '../metadata/spec.js';
import type { Table } from '../table.js';
import { missingColumnsError, tableFromRows, takeRows, timeWindowIndices } from './convert.js';
import { CsvSyntaxError, parseCsv } from './csv.js';
import { validateClusterSpec } from './validate-metadata.js';

const DATA_EXTENSIONS = ['.csv', '.jsonl', '.json'] as const;

interface LoadedRows {
  readonly file: string;
  readonly columns: ReadonlySet<string>;
  readonly count: number;
  get(row: number, column: string): unknown;
  /** How to name row i in errors: `file:line`. */
  where(row: number): string;
}

export async function loadDirectory(dir: string): Promise<{ source: TableSource; cluster?: ClusterSpec }> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new PxlRuntimeError(`--data ${dir}: not a directory`);
    entries = await readdir(dir);
  } catch (e) {
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(`--data ${dir}: the directory cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  const files = new Map<string, string>();
  for (const name of entries.sort()) {
    const ext = DATA_EXTENSIONS.find((x) => name.endsWith(x));
    if (!ext || name === 'metadata.json') continue;
    const table = name.slice(0, -ext.length);
    const previous = files.get(table);
    if (previous) throw new PxlRuntimeError(`--data ${dir}: both ${previous} and ${name} hold table '${table}'; keep one`);
    files.set(table, name);
  }
  let cluster: ClusterSpec | undefined;
  if (entries.includes('metadata.json')) {
    const path = join(dir, 'metadata.json');
    cluster = validateClusterSpec(parseJson(await readFile(path, 'utf8'), path), path);
  }
  return { source: new DirectorySource(dir, files), ...(cluster ? { cluster } : {}) };
}

class DirectorySource implements TableSource {
  readonly tableNames: readonly string[];
  private readonly loaded = new Map<string, Promise<LoadedRows>>();
  private readonly ranges = new Map<string, { min: bigint; max: bigint }>();

  constructor(private readonly dir: string, private readonly files: ReadonlyMap<string, string>) {
    this.tableNames = [...files.keys()];
  }

  private rows(table: string): Promise<LoadedRows> {
    let p = this.loaded.get(table);
    if (!p) {
      const name = this.files.get(table);
      if (!name) {
        throw new PxlRuntimeError(`the script reads table '${table}', but ${this.dir} has no ${table}.csv, ${table}.jsonl or ${table}.json`, [
          `tables in ${this.dir}: ${this.tableNames.length ? this.tableNames.join(', ') : '(none)'}`,
        ]);
      }
      p = loadFile(join(this.dir, name));
      this.loaded.set(table, p);
    }
    return p;
  }

  async read(request: SourceRequest): Promise<Table> {
    const rows = await this.rows(request.table);
    const missing = request.schema.map((c) => c.name).filter((c) => !rows.columns.has(c));
    if (missing.length > 0) throw missingColumnsError(rows.file, request.table, missing);
    const t = tableFromRows(request.schema, rows.count, (i, c) => rows.get(i, c), (i) => rows.where(i));
    const timeIdx = request.schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
    const time = timeIdx >= 0 ? (t.columns[timeIdx] as BigInt64Array) : undefined;
    if (time && t.length > 0) this.ranges.set(request.table, { min: minOf(time), max: maxOf(time) });
    const keep = timeWindowIndices(time, t.length, request.startNs, request.endNs);
    return keep ? takeRows(t, keep) : t;
  }

  timeRange(table: string): { min: bigint; max: bigint } | undefined {
    return this.ranges.get(table);
  }
}

async function loadFile(path: string): Promise<LoadedRows> {
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.csv')) return csvRows(text, path);
  if (path.endsWith('.jsonl')) return jsonlRows(text, path);
  const value = parseJson(text, path);
  if (!Array.isArray(value)) throw new PxlRuntimeError(`${path}: expected a JSON array of row objects`);
  return objectRows(value, path, (i) => `${path}: row ${i + 1}`);
}

function csvRows(text: string, path: string): LoadedRows {
  let records;
  try {
    records = parseCsv(text);
  } catch (e) {
    if (e instanceof CsvSyntaxError) throw new PxlRuntimeError(`${path}:${e.line}: ${e.message}`);
    throw e;
  }
  if (records.length === 0) throw new PxlRuntimeError(`${path}: the file is empty; the first line must name the columns`);
  const header = records[0]!.fields.map((f) => f.trim());
  const at = new Map(header.map((h, j) => [h, j] as const));
  const body = records.slice(1);
  body.forEach((r) => {
    if (r.fields.length !== header.length) {
      throw new PxlRuntimeError(`${path}:${r.line}: ${r.fields.length} fields, but the header has ${header.length}`);
    }
  });
  return {
    file: path, columns: new Set(header), count: body.length,
    get: (i, c) => body[i]!.fields[at.get(c)!],
    where: (i) => `${path}:${body[i]!.line}`,
  };
}

function jsonlRows(text: string, path: string): LoadedRows {
  const rows: unknown[] = [];
  const lines: number[] = [];
  text.split('\n').forEach((line, k) => {
    if (line.trim() === '') return;
    rows.push(parseJson(line, `${path}:${k + 1}`));
    lines.push(k + 1);
  });
  return objectRows(rows, path, (i) => `${path}:${lines[i]}`);
}

function objectRows(rows: readonly unknown[], path: string, where: (i: number) => string): LoadedRows {
  const columns = new Set<string>();
  rows.forEach((r, i) => {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new PxlRuntimeError(`${where(i)}: expected an object of column values`);
    for (const k of Object.keys(r)) columns.add(k);
  });
  return { file: path, columns, count: rows.length, get: (i, c) => (rows[i] as Record<string, unknown>)[c], where };
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new PxlRuntimeError(`${where}: not valid JSON (${(e as Error).message})`);
  }
}

function minOf(a: BigInt64Array): bigint {
  let m = a[0]!;
  for (const v of a) if (v < m) m = v;
  return m;
}

function maxOf(a: BigInt64Array): bigint {
  let m = a[0]!;
  for (const v of a) if (v > m) m = v;
  return m;
}
