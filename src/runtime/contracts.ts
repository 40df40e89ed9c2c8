// Contracts between the generated modules, the runtime's parts and the services that embed scripts.
// Generated code calls only what is declared here (through src/runtime/index.ts).

import type { Table } from './table.js';
import type { DataType, Schema } from '../core/types.js';
import { assertNever } from '../core/assert-never.js';

/** A scalar function implementation, called once per row with the row's values. */
export type ScalarFn = (...args: any[]) => any;

/**
 * The Kubernetes picture behind the data: answers every `*_to_*` metadata lookup (SPEC §9, §12.6).
 * Unknown entities give '' (or 0n / time 0n), never an exception.
 */
export interface MetadataProvider {
  /** `name` is the UDF name, e.g. 'upid_to_pod_name'; args are runtime values (UINT128 as bigint). */
  lookup(name: string, args: readonly unknown[]): string | bigint;
  /** Whether `lookup` implements `name`. */
  has(name: string): boolean;
  /** The pod owning `ip` at time `timeNs` ('' if none): backs ctx['pod']'s local_addr fallback and ip_to_pod_id. */
  podIdForIp(ip: string, timeNs?: bigint): string;
  readonly vizierName: string;
  readonly vizierId: string;
  readonly vizierNamespace: string;
  readonly hostname: string;
  readonly asid: number;
}

/** Reads one table for a time window. Errors name the file and row; half-read tables never escape. */
export interface TableSource {
  /** The tables it can serve, or undefined if it serves any schema-known table. */
  readonly tableNames?: readonly string[];
  read(request: SourceRequest): Promise<Table>;
  /**
   * The same rows as `read`, handed over in batches as they are read (in order, each a table of the request's
   * schema), so that an operator that keeps only a state per group never holds the table. Optional: a source
   * without it is read whole.
   */
  readBatches?(request: SourceRequest, onBatch: (batch: Table) => void): Promise<void>;
  /** Time range of the data (for "the window selected no rows" hints). */
  timeRange?(table: string): { min: bigint; max: bigint } | undefined;
  /** The latest time_ in any table it holds (for `--now latest`: replaying recorded data). */
  latestTime?(): Promise<bigint | undefined>;
}

export interface SourceRequest {
  readonly table: string;
  /** Output schema: the columns to read, in order, with their types. */
  readonly schema: Schema;
  /** Inclusive bounds on time_, nanoseconds since the epoch. */
  readonly startNs?: bigint;
  readonly endNs?: bigint;
  /** Where a source says something the user should know that is not an error (times read as UTC). */
  readonly warn?: (message: string) => void;
  /** Told how many more rows were read from a file, now and then while reading (for a progress line). */
  readonly onRowsRead?: (rows: number) => void;
}

/** What the run hands back for each px.display / px.debug. */
/** Why a table a run displays has no rows outside a cluster: what the function read that only a cluster has. */
export type Unavailable =
  | { readonly kind: 'cluster-state'; readonly udtf: string; readonly what: string }
  /** The table a pxtrace tracepoint of the script fills: only Pixie's agents deploy one. */
  | { readonly kind: 'tracepoint'; readonly table: string; readonly tracepoint: string };

export function describeUnavailable(u: Unavailable): string {
  switch (u.kind) {
    case 'cluster-state':
      return `not available outside a cluster: px.${u.udtf}() reads ${u.what}`;
    case 'tracepoint':
      return `not available outside a cluster: table '${u.table}' is filled by the pxtrace tracepoint '${u.tracepoint}', which only Pixie's agents can deploy`;
    default:
      return assertNever(u);
  }
}

export interface ResultTable {
  readonly name: string;
  readonly table: Table;
  /** Why the table is empty: the function read what only a cluster has (live agent state). */
  readonly unavailable?: Unavailable;
}

/** Aggregate function state machine; one instance per group. */
export interface Aggregator {
  add(...values: any[]): void;
  merge?(other: Aggregator): void;
  finalize(): any;
}

export interface AggregateDef {
  readonly name: string;
  readonly argTypes: readonly DataType[];
  readonly resultType: DataType;
  create(): Aggregator;
}

export { PxlRuntimeError, ScriptUsageError } from '../core/errors.js';
