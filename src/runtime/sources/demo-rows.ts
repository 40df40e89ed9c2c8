// Rows of the built-in demo data: a slice of the demo recording (demo-recording.ts), with every catalogue column
// present. Columns the recording does not describe get their type's zero value (px_info_ and the like). A script's
// read makes only the columns it reads (`cellOf`); whole rows are made for those who ask for rows (`complete`).

import { tablesJson } from '../../core/data-files.js';
import type { ClusterSpec } from '../metadata/spec.js';
import { DemoRecording, type Row } from './demo-recording.js';
import { cellValue } from './demo-protocols.js';

interface CatalogColumn {
  readonly name: string;
  readonly type: string;
}
interface Catalog {
  readonly tables: Readonly<Record<string, { readonly columns: readonly CatalogColumn[] }>>;
}
const catalog = tablesJson() as Catalog;

export function demoTableNames(): string[] {
  return Object.keys(catalog.tables);
}

/** Rows per table in 5 minutes at the default scale (about that many http_events rows). */
export const DEFAULT_DEMO_ROWS = 6000;

export function demoRecording(cluster: ClusterSpec, seed: number, rows: number): DemoRecording {
  return new DemoRecording(cluster, { seed, scale: rows / DEFAULT_DEMO_ROWS });
}

/**
 * The rows of `table` between `fromNs` and `toNs`, ascending in time_, as the recording makes them: catalogue
 * columns it does not describe are absent, and long texts may still be deferred (see `complete` and `cellOf`).
 */
export function recordedRows(recording: DemoRecording, table: string, fromNs: bigint, toNs: bigint): Row[] {
  return catalog.tables[table] ? recording.rows(table, fromNs, toNs) : [];
}

/** Makes recorded rows whole, in place: every column of the catalogue, every deferred value made. */
export function complete(table: string, rows: Row[]): Row[] {
  const columns = catalog.tables[table]?.columns ?? [];
  for (const row of rows) {
    for (const k in row) row[k] = cellValue(row[k]);
    for (const c of columns) if (!(c.name in row)) row[c.name] = zero(c.type);
  }
  return rows;
}

/** Reads one column of recorded rows as complete rows would hold it, making only what is read. */
export function cellOf(table: string, column: string): (row: Row) => unknown {
  const type = catalog.tables[table]?.columns.find((c) => c.name === column)?.type;
  if (type === undefined) return (row) => cellValue(row[column]);
  const none = zero(type);
  return (row) => (column in row ? cellValue(row[column]) : none);
}

function zero(type: string): unknown {
  switch (type) {
    case 'BOOLEAN':
      return false;
    case 'INT64':
    case 'FLOAT64':
      return 0;
    case 'TIME64NS':
    case 'UINT128':
      return 0n;
    default:
      return '';
  }
}
