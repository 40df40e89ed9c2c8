// `pxlc load`: data files (the --data formats) or the demo data into an engine's tables, streamed in batches so
// a file larger than memory loads. Every value is checked against Pixie's column type first; a bad value stops the
// load naming the file, line and column, before its batch is sent. Columns a file lacks are filled with zero
// values — said once per table, never silently. metadata.json goes into pxlc_metadata.

import { PxlRuntimeError } from '../contracts.js';
import type { ClusterSpec } from '../metadata/spec.js';
import { convertValue } from '../sources/convert.js';
import { listDataFiles } from '../sources/dir-source.js';
import { fileColumns, fileRows } from '../sources/file-rows.js';
import { type Schema, zeroValue } from '../../core/types.js';
import type { SqlEngine } from './engine.js';
import { METADATA_TABLE, metadataTableDdl } from '../../core/sql-text.js';
import { sqlIdent } from '../../core/sql-text.js';

const BATCH = 50_000;
type Value = boolean | bigint | number | string;

export interface LoadReport {
  readonly table: string;
  readonly rows: number;
  readonly from: string;
}

export async function loadDirectoryInto(
  engine: SqlEngine,
  dir: string,
  schemas: (table: string) => Schema | undefined,
  log: (line: string) => void,
  onRow?: () => void,
): Promise<LoadReport[]> {
  const { files, cluster } = await listDataFiles(dir);
  const reports: LoadReport[] = [];
  for (const [table, file] of files) {
    const schema = schemas(table);
    if (!schema)
      throw new PxlRuntimeError(`${file.path}: '${table}' is not one of Pixie's tables`, [
        'name data files after the table, e.g. http_events.csv',
      ]);
    const declared = await fileColumns(file.path, file.kind);
    const missing = schema.filter((c) => !declared.has(c.name)).map((c) => c.name);
    if (missing.length === schema.length)
      throw new PxlRuntimeError(`${file.path}: none of the columns of '${table}' are in the file`);
    if (missing.length > 0) log(`${file.path}: no column ${missing.join(', ')}: loaded as zero values`);
    const rows = async function* () {
      for await (const row of fileRows(file.path, file.kind)) {
        if (file.onlyTable !== undefined && row.get('_tableName_') !== file.onlyTable) continue;
        onRow?.();
        yield schema.map((c) => {
          if (missing.includes(c.name)) return zeroValue(c.dataType);
          const r = convertValue(row.get(c.name), c.dataType);
          if (!r.ok) throw new PxlRuntimeError(`${row.where}: column '${c.name}': ${r.why}`);
          return r.value;
        });
      }
    };
    reports.push({ table, rows: await insertBatches(engine, table, schema, rows()), from: file.path });
  }
  if (cluster) await storeCluster(engine, cluster);
  return reports;
}

export async function loadRowsInto(
  engine: SqlEngine,
  table: string,
  schema: Schema,
  rows: Iterable<Readonly<Record<string, unknown>>>,
  where: string,
): Promise<number> {
  const converted = function* () {
    let i = 0;
    for (const row of rows) {
      i++;
      yield schema.map((c) => {
        const r = convertValue(row[c.name], c.dataType);
        if (!r.ok) throw new PxlRuntimeError(`${where}, row ${i}: column '${c.name}': ${r.why}`);
        return r.value;
      });
    }
  };
  return insertBatches(engine, table, schema, converted());
}

async function insertBatches(
  engine: SqlEngine,
  table: string,
  schema: Schema,
  rows: AsyncIterable<Value[]> | Iterable<Value[]>,
): Promise<number> {
  let batch: Value[][] = [];
  let n = 0;
  for await (const r of rows) {
    batch.push(r);
    if (batch.length === BATCH) {
      await engine.insert(table, schema, batch);
      n += batch.length;
      batch = [];
    }
  }
  if (batch.length > 0) await engine.insert(table, schema, batch);
  return n + batch.length;
}

/** Replaces the stored cluster picture. */
export async function storeCluster(engine: SqlEngine, cluster: ClusterSpec): Promise<void> {
  const d = engine.dialect;
  await engine.exec(`DROP TABLE IF EXISTS ${sqlIdent(d, METADATA_TABLE)}`);
  await engine.exec(metadataTableDdl(d));
  await engine.insert(
    METADATA_TABLE,
    [{ name: 'spec', dataType: 'STRING', semanticType: 'ST_NONE' }],
    [[JSON.stringify(cluster, bigintJson)]],
  );
}

function bigintJson(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? v.toString() : v;
}
