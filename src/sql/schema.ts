// `pxlc schema`: CREATE TABLE statements for Pixie's tables (data/tables.json). Times are int64 nanoseconds
// (exact; ClickHouse 18 has no 64-bit time type), and tables are laid out for time-window scans: ClickHouse
// MergeTree tables are sorted by time_ and partitioned by day, so a `start_time='-5m'` scan reads a few granules;
// DuckDB keeps min/max zone maps per row group, which do the same for rows loaded in time order.
// With a cluster, every shard holds `<table>_local` and a Distributed table `<table>` fans queries out.

import { createRequire } from 'node:module';
import { metadataTableDdl } from '../core/sql-text.js';
import type { Dialect } from '../core/sql-text.js';
import { isDataType, type DataType } from '../core/types.js';
import { dialectOps } from './dialect.js';

interface TablesFile {
  readonly tables: Readonly<Record<string, { readonly columns: readonly { name: string; type: string }[] }>>;
}
const catalog = createRequire(import.meta.url)('../../../data/tables.json') as TablesFile;

export interface SchemaOptions {
  readonly dialect: Dialect;
  /** ClickHouse cluster name (from the servers' remote_servers config): local tables plus Distributed tables. */
  readonly cluster?: string;
  /** Database of the local tables, named by the Distributed tables (default: 'default'). */
  readonly database?: string;
  /** Only these tables (default: all of Pixie's). */
  readonly tables?: readonly string[];
}

export interface SchemaStatements {
  /** Run on every shard (or the one server). */
  readonly shard: readonly string[];
  /** Run on the servers clients query (cluster only): the Distributed tables. */
  readonly query: readonly string[];
}

export function pixieTables(): string[] {
  return Object.keys(catalog.tables);
}

export function tableColumns(table: string): { name: string; dataType: DataType }[] | undefined {
  const t = catalog.tables[table];
  return t?.columns.map((c) => ({ name: c.name, dataType: isDataType(c.type) ? c.type : 'STRING' }));
}

export function schemaStatements(o: SchemaOptions): SchemaStatements {
  const d = dialectOps(o.dialect);
  const tables = o.tables ?? pixieTables();
  const shard: string[] = [];
  const query: string[] = [];
  for (const table of tables) {
    const columns = tableColumns(table);
    if (!columns) throw new Error(`no Pixie table '${table}'`);
    const hasTime = columns.some((c) => c.name === 'time_');
    const cols = columns.map((c) => `  ${d.ident(c.name)} ${d.columnType(c.dataType)}`).join(',\n');
    if (o.dialect === 'duckdb') {
      shard.push(`CREATE TABLE IF NOT EXISTS ${d.ident(table)} (\n${cols}\n)`);
      continue;
    }
    const local = o.cluster ? `${table}_local` : table;
    const layout = hasTime
      ? `ENGINE = MergeTree()\nPARTITION BY intDiv(${d.ident('time_')}, 86400000000000)\nORDER BY ${d.ident('time_')}`
      : 'ENGINE = MergeTree()\nORDER BY tuple()';
    shard.push(`CREATE TABLE IF NOT EXISTS ${d.ident(local)} (\n${cols}\n)\n${layout}`);
    if (o.cluster) {
      const db = o.database ?? 'default';
      query.push(
        `CREATE TABLE IF NOT EXISTS ${d.ident(table)} AS ${d.ident(local)}\nENGINE = Distributed(${d.ident(o.cluster)}, ${d.ident(db)}, ${d.ident(local)}, rand())`,
      );
    }
  }
  // The cluster picture behind the rows (metadata.json), kept where clients query.
  (o.cluster ? query : shard).push(metadataTableDdl(o.dialect));
  return { shard, query };
}

export function printSchema(o: SchemaOptions): string {
  const s = schemaStatements(o);
  const out: string[] = [
    `-- Pixie's tables for ${o.dialect}, from data/tables.json. Times are int64 nanoseconds since the epoch.`,
  ];
  if (o.cluster) out.push(`-- Run on every shard of cluster '${o.cluster}':`);
  out.push(...s.shard.map((x) => `${x};\n`));
  if (o.cluster) {
    out.push(
      `-- Run on each server that clients query (pxlc --engine clickhouse://HOST:PORT/${o.database ?? 'default'}):`,
    );
    out.push(...s.query.map((x) => `${x};\n`));
  }
  return out.join('\n');
}
