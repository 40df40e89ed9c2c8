// Rows of the built-in demo data: a slice of the demo recording (demo-recording.ts), with every catalogue column
// present. Columns the recording does not describe get their type's zero value (px_info_ and the like).

import { tablesJson } from '../../core/data-files.js';
import type { ClusterSpec } from '../metadata/spec.js';
import { DemoRecording, type Row } from './demo-recording.js';

interface CatalogColumn { readonly name: string; readonly type: string }
interface Catalog { readonly tables: Readonly<Record<string, { readonly columns: readonly CatalogColumn[] }>> }
const catalog = tablesJson() as Catalog;

export function demoTableNames(): string[] {
  return Object.keys(catalog.tables);
}

/** Rows per table in 5 minutes at the default scale (about that many http_events rows). */
export const DEFAULT_DEMO_ROWS = 6000;

export interface DemoOptions { readonly nowNs: bigint; readonly rows: number; readonly seed: number; readonly spanNs: bigint }

export function demoRecording(cluster: ClusterSpec, seed: number, rows: number): DemoRecording {
  return new DemoRecording(cluster, { seed, scale: rows / DEFAULT_DEMO_ROWS });
}

/** The rows of `table` between `fromNs` and `toNs`, ascending in time_, with every column of the catalogue. */
export function completeRows(recording: DemoRecording, table: string, fromNs: bigint, toNs: bigint): Row[] {
  const columns = catalog.tables[table]?.columns;
  if (!columns) return [];
  const rows = recording.rows(table, fromNs, toNs);
  for (const row of rows) {
    for (const c of columns) if (!(c.name in row)) row[c.name] = zero(c.type);
  }
  return rows;
}

/** Rows of `table` over `spanNs` before `nowNs`. */
export function demoRows(table: string, cluster: ClusterSpec, options: DemoOptions): Row[] {
  return completeRows(demoRecording(cluster, options.seed, options.rows), table, options.nowNs - options.spanNs, options.nowNs);
}

function zero(type: string): unknown {
  switch (type) {
    case 'BOOLEAN': return false;
    case 'INT64': case 'FLOAT64': return 0;
    case 'TIME64NS': case 'UINT128': return 0n;
    default: return '';
  }
}
