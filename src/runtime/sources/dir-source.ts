// A directory of data files as a TableSource: `<table>.csv` (header row), `<table>.jsonl` / `.ndjson` (one
// object per line), `<table>.json` (an array of objects), `<table>.parquet`, `<table>.arrow` / `.arrows` /
// `.feather` (Arrow IPC), and `px run -o json` output (NDJSON whose rows carry `_tableName_`, any file name,
// several tables per file); plus an optional `metadata.json` (a ClusterSpec).
// Files are streamed on each read; every error names the file and the line (and the column) it is about, and
// a bad row anywhere fails the read: a script never runs on half the data.

import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PxlRuntimeError, type SourceRequest, type TableSource } from '../contracts.js';
import type { ClusterSpec } from '../metadata/spec.js';
import { makeTable, type Table } from '../table.js';
import { ColumnBuilder } from './column-builder.js';
import { readArrowTable } from './arrow.js';
import { readParquetTable } from './parquet.js';
import { noOffsetWarning, readCsvTable, type CsvTable } from './csv-table.js';
import { convertValue, missingColumnsError } from './convert.js';
import { fileColumns, fileRowBatches, parseJson, type FileKind } from './file-rows.js';
import { readNdjsonTable, taggedTables } from './ndjson-table.js';
import { validateClusterSpec } from './validate-metadata.js';

const EXTENSIONS: readonly (readonly [string, FileKind])[] = [
  ['.csv', 'csv'],
  ['.jsonl', 'ndjson'],
  ['.ndjson', 'ndjson'],
  ['.json', 'json'],
  ['.parquet', 'parquet'],
  ['.arrow', 'arrow'],
  ['.arrows', 'arrow'],
  ['.feather', 'arrow'],
];

export interface DataFile {
  readonly path: string;
  readonly kind: FileKind;
  /** Set for `px run -o json` files: only rows whose _tableName_ is this belong to the table. */
  readonly onlyTable?: string;
}

export async function loadDirectory(dir: string): Promise<{ source: TableSource; cluster?: ClusterSpec }> {
  const { files, cluster } = await listDataFiles(dir);
  return { source: new DirectorySource(dir, files), ...(cluster ? { cluster } : {}) };
}

/** The data files of a --data directory by table, and its metadata.json (also used by `pxlc load`). */
export async function listDataFiles(
  dir: string,
): Promise<{ files: ReadonlyMap<string, DataFile>; cluster?: ClusterSpec }> {
  let entries: string[];
  try {
    if (!(await stat(dir)).isDirectory()) throw new PxlRuntimeError(`--data ${dir}: not a directory`);
    entries = (await readdir(dir)).sort();
  } catch (e) {
    if (e instanceof PxlRuntimeError) throw e;
    throw new PxlRuntimeError(
      `--data ${dir}: the directory cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const files = new Map<string, DataFile>();
  const add = (table: string, file: DataFile) => {
    const previous = files.get(table);
    if (previous)
      throw new PxlRuntimeError(
        `--data ${dir}: both ${previous.path} and ${file.path} hold table '${table}'; keep one`,
      );
    files.set(table, file);
  };
  for (const name of entries) {
    const ext = EXTENSIONS.find(([x]) => name.endsWith(x));
    if (!ext || name === 'metadata.json') continue;
    const path = join(dir, name);
    const [suffix, kind] = ext;
    const tables = kind === 'ndjson' ? await taggedTables(path) : undefined;
    if (tables) for (const table of tables) add(table, { path, kind, onlyTable: table });
    else add(name.slice(0, -suffix.length), { path, kind });
  }
  let cluster: ClusterSpec | undefined;
  if (entries.includes('metadata.json')) {
    const path = join(dir, 'metadata.json');
    cluster = validateClusterSpec(parseJson(await readFile(path, 'utf8'), path), path);
  }
  return { files, ...(cluster ? { cluster } : {}) };
}

/** The batch, after telling the request how many rows were read. */
function counted<T>(batch: readonly T[], request: SourceRequest): readonly T[] {
  request.onRowsRead?.(batch.length);
  return batch;
}

const TIME_COLUMN = { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_TIME_NS' } as const;

/** A CSV or NDJSON file read by the byte scanners, an Arrow IPC or a Parquet file; undefined for a JSON array. */
async function readStreamed(
  file: DataFile,
  request: SourceRequest & { readonly onBatch?: (batch: Table) => void },
): Promise<CsvTable | undefined> {
  if (file.kind === 'csv') return readCsvTable({ path: file.path, ...request });
  if (file.kind === 'arrow') return readArrowTable({ path: file.path, ...request });
  if (file.kind === 'parquet') return readParquetTable({ path: file.path, ...request });
  if (file.kind === 'ndjson')
    return readNdjsonTable({
      path: file.path,
      ...request,
      ...(file.onlyTable !== undefined ? { onlyTable: file.onlyTable } : {}),
    });
  return undefined;
}

class DirectorySource implements TableSource {
  readonly tableNames: readonly string[];
  private readonly ranges = new Map<string, { min: bigint; max: bigint }>();

  constructor(
    private readonly dir: string,
    private readonly files: ReadonlyMap<string, DataFile>,
  ) {
    this.tableNames = [...files.keys()];
  }

  /** CSV, NDJSON, Arrow and Parquet files batch by batch as they are read; a JSON array (parsed whole) as one batch. */
  async readBatches(request: SourceRequest, onBatch: (batch: Table) => void): Promise<void> {
    const file = this.fileOf(request.table);
    const streamed = await readStreamed(file, { ...request, onBatch });
    if (!streamed) {
      onBatch(await this.read(request));
      return;
    }
    if (streamed.range) this.ranges.set(request.table, streamed.range);
  }

  private fileOf(table: string): DataFile {
    const file = this.files.get(table);
    if (!file) {
      throw new PxlRuntimeError(
        `the script reads table '${table}', but ${this.dir} has no ${table}.csv, ${table}.ndjson, ${table}.json, ${table}.parquet, ${table}.arrow or px run -o json rows for it`,
        [`tables in ${this.dir}: ${this.tableNames.length ? this.tableNames.join(', ') : '(none)'}`],
      );
    }
    return file;
  }

  async read(request: SourceRequest): Promise<Table> {
    const { table, schema, startNs, endNs } = request;
    const file = this.fileOf(table);
    const streamed = await readStreamed(file, request);
    if (streamed) {
      if (streamed.range) this.ranges.set(table, streamed.range);
      return streamed.table;
    }
    const declared = await fileColumns(file.path, file.kind);
    const missing = schema.map((c) => c.name).filter((c) => !declared.has(c));
    if (missing.length > 0) throw missingColumnsError(file.path, table, missing);

    const builders = schema.map((c) => new ColumnBuilder(c.dataType));
    const timeIdx = schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
    const values: (boolean | bigint | number | string)[] = new Array(schema.length);
    let min: bigint | undefined;
    let max: bigint | undefined;
    let toldUtc = false;
    for await (const batch of fileRowBatches(
      file.path,
      file.kind,
      schema.map((c) => c.name),
    ))
      for (const row of counted(batch, request)) {
        // Every row is checked, even outside the window: bad data fails the run instead of hiding.
        for (let j = 0; j < schema.length; j++) {
          const c = schema[j]!;
          const r = convertValue(row.get(c.name), c.dataType);
          if (!r.ok) throw new PxlRuntimeError(`${row.where}: column '${c.name}': ${r.why}`);
          if (r.noOffset && !toldUtc) {
            toldUtc = true;
            request.warn?.(noOffsetWarning(row.where, c.name));
          }
          values[j] = r.value;
        }
        if (timeIdx >= 0) {
          const t = values[timeIdx] as bigint;
          if (min === undefined || t < min) min = t;
          if (max === undefined || t > max) max = t;
          if ((startNs !== undefined && t < startNs) || (endNs !== undefined && t > endNs)) continue;
        }
        for (let j = 0; j < schema.length; j++) builders[j]!.push(values[j]!);
      }
    if (min !== undefined && max !== undefined) this.ranges.set(table, { min, max });
    const length = builders[0]?.length ?? 0;
    return makeTable(
      schema,
      builders.map((b) => b.finish()),
      length,
    );
  }

  timeRange(table: string): { min: bigint; max: bigint } | undefined {
    return this.ranges.get(table);
  }

  async latestTime(): Promise<bigint | undefined> {
    let latest: bigint | undefined;
    for (const file of new Set(this.files.values())) {
      if (!(await fileColumns(file.path, file.kind)).has('time_')) continue;
      // Batches dropped as they come: only the range is wanted, not a column of every row's time.
      const streamed = await readStreamed(file, { table: '', schema: [TIME_COLUMN], onBatch: () => {} });
      if (streamed) {
        if (streamed.range && (latest === undefined || streamed.range.max > latest)) latest = streamed.range.max;
        continue;
      }
      for await (const batch of fileRowBatches(file.path, file.kind, ['time_']))
        for (const row of batch) {
          const r = convertValue(row.get('time_'), 'TIME64NS');
          if (!r.ok) throw new PxlRuntimeError(`${row.where}: column 'time_': ${r.why}`);
          if (latest === undefined || (r.value as bigint) > latest) latest = r.value as bigint;
        }
    }
    return latest;
  }
}
