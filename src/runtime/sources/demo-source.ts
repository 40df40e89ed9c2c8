// The built-in demo data as a TableSource: each read is a slice of one continuous recording of the demo cluster
// (demo-recording.ts), deterministic per seed, so successive windows continue each other. The recording keeps the
// last hour before "now", as an agent's tables keep a bounded history.

import type { SourceRequest, TableSource } from '../contracts.js';
import type { ClusterSpec } from '../metadata/spec.js';
import type { Table } from '../table.js';
import { tableFromRows } from './convert.js';
import type { DemoRecording, Row } from './demo-recording.js';
import { cellOf, complete, DEFAULT_DEMO_ROWS, demoRecording, demoTableNames, recordedRows } from './demo-rows.js';

export { DEFAULT_DEMO_ROWS };

export interface DemoSourceOptions {
  readonly nowNs: bigint;
  /** Request rate, as rows of http_events per 5 minutes (default 6000). */
  readonly rowsPerTable?: number;
  readonly seed?: number;
  /** What a read without a start time gets (default 5 minutes). */
  readonly spanNs?: bigint;
}

export const DEFAULT_DEMO_SPAN_NS = 300_000_000_000n;
/** How far back the recording goes. */
export const DEMO_RETENTION_NS = 3_600_000_000_000n;

export class DemoSource implements TableSource {
  readonly tableNames = demoTableNames();
  private readonly recording: DemoRecording;
  /** Recorded rows per table and range; `complete` once `rows` has handed them out whole. */
  private readonly cache = new Map<string, { rows: Row[]; complete: boolean }>();

  constructor(
    cluster: ClusterSpec,
    private readonly options: DemoSourceOptions,
  ) {
    this.recording = demoRecording(cluster, options.seed ?? 1, options.rowsPerTable ?? DEFAULT_DEMO_ROWS);
  }

  /** The rows of `table` in [fromNs, toNs] (default: the span before now), within the recording's history. */
  rows(table: string, fromNs?: bigint, toNs?: bigint): Row[] {
    const slice = this.slice(table, fromNs, toNs);
    if (!slice.complete) {
      complete(table, slice.rows);
      slice.complete = true;
    }
    return slice.rows;
  }

  /** Makes only the columns asked for (a script's reads), each row's deferred texts only if it asks for them. */
  async read(request: SourceRequest): Promise<Table> {
    const { rows } = this.slice(request.table, request.startNs, request.endNs);
    const cells = new Map(request.schema.map((c) => [c.name, cellOf(request.table, c.name)]));
    return tableFromRows(
      request.schema,
      rows.length,
      (i, c) => cells.get(c)!(rows[i]!),
      (i) => `demo table '${request.table}', row ${i}`,
    );
  }

  private slice(
    table: string,
    fromNs: bigint | undefined,
    toNs: bigint | undefined,
  ): { rows: Row[]; complete: boolean } {
    const now = this.options.nowNs;
    const from = maxBig(fromNs ?? now - (this.options.spanNs ?? DEFAULT_DEMO_SPAN_NS), now - DEMO_RETENTION_NS);
    const to = minBig(toNs ?? now, now);
    const key = `${table}\u0000${from}\u0000${to}`;
    let slice = this.cache.get(key);
    if (!slice) {
      slice = { rows: recordedRows(this.recording, table, from, to), complete: false };
      this.cache.set(key, slice);
    }
    return slice;
  }

  timeRange(table: string): { min: bigint; max: bigint } | undefined {
    if (!this.tableNames.includes(table)) return undefined;
    return { min: this.options.nowNs - DEMO_RETENTION_NS, max: this.options.nowNs };
  }
}

const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);
const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
