// The built-in demo data as a TableSource: generated on first read of each table, deterministic per seed.

import type { SourceRequest, TableSource } from '../contracts.js';
import type { ClusterSpec } from '../metadata/spec.js';
import type { Table } from '../table.js';
import { tableFromRows, takeRows, timeWindowIndices } from './convert.js';
import { demoRows, demoTableNames } from './demo-rows.js';

export interface DemoSourceOptions {
  readonly nowNs: bigint;
  /** Rows per table over the whole span (default 6000: about 200 in the last 10 s). */
  readonly rowsPerTable?: number;
  readonly seed?: number;
  /** How far back the data goes (default 5 minutes). */
  readonly spanNs?: bigint;
}

export const DEFAULT_DEMO_ROWS = 6000;
export const DEFAULT_DEMO_SPAN_NS = 300_000_000_000n;

export class DemoSource implements TableSource {
  readonly tableNames = demoTableNames();
  private readonly cache = new Map<string, Record<string, unknown>[]>();

  constructor(private readonly cluster: ClusterSpec, private readonly options: DemoSourceOptions) {}

  rows(table: string): Record<string, unknown>[] {
    let rows = this.cache.get(table);
    if (!rows) {
      rows = demoRows(table, this.cluster, {
        nowNs: this.options.nowNs, rows: this.options.rowsPerTable ?? DEFAULT_DEMO_ROWS,
        seed: this.options.seed ?? 1, spanNs: this.options.spanNs ?? DEFAULT_DEMO_SPAN_NS,
      });
      this.cache.set(table, rows);
    }
    return rows;
  }

  async read(request: SourceRequest): Promise<Table> {
    const rows = this.rows(request.table);
    const t = tableFromRows(request.schema, rows.length, (i, c) => rows[i]![c], (i) => `demo table '${request.table}', row ${i}`);
    const timeIdx = request.schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
    const keep = timeWindowIndices(timeIdx >= 0 ? (t.columns[timeIdx] as BigInt64Array) : undefined, t.length, request.startNs, request.endNs);
    return keep ? takeRows(t, keep) : t;
  }

  timeRange(table: string): { min: bigint; max: bigint } | undefined {
    const rows = this.rows(table);
    if (rows.length === 0) return undefined;
    return { min: rows[0]!['time_'] as bigint, max: rows[rows.length - 1]!['time_'] as bigint };
  }
}
