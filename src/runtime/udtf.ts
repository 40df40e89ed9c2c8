// Table functions (SPEC §10.4) served outside a cluster. Each one's rows come from somewhere: the table catalogue
// (data/tables.json), pxlc's own function registry, the one agent a run stands for, or the live state of Pixie's
// agents and cloud (deployed tracepoints, scheduled-script history, the agents' tables and metadata), which only a
// cluster has. A run that reads one of the last kind records why its tables are empty (an `Unavailable` reason).

import { functionsJson, tablesJson } from '../core/data-files.js';
import { own } from '../core/dict.js';
import { assertNever } from '../core/assert-never.js';
import type { MetadataProvider, Unavailable } from './contracts.js';
import { makeTable, type Table } from './table.js';
import { allocColumn, type Schema } from '../core/types.js';
import { scalarFunctionKeys } from './udf/registry.js';
import { aggregateKeys } from './uda/registry.js';

const tables = tablesJson() as {
  tables: Record<string, { desc: string; columns: { name: string; type: string; desc: string }[] }>;
  udtfs: Record<string, { args: { name: string; type: string }[]; columns: { name: string; type: string }[] }>;
};
const functions = functionsJson() as {
  udf: Record<string, { overloads: { args: string[]; ret: string }[] }>;
  uda: Record<string, { overloads: { args: string[]; ret: string }[] }>;
};

/** Where a table function's rows come from. */
export type UdtfSource =
  | { readonly kind: 'catalogue' }
  | { readonly kind: 'function-registry'; readonly functions: 'udf' | 'uda' | 'udtf' }
  | { readonly kind: 'this-agent' }
  /** Live state of Pixie's agents or cloud: `what` says which, for the reason shown outside a cluster. */
  | { readonly kind: 'cluster-state'; readonly what: string };

const SOURCES: Readonly<Record<string, UdtfSource>> = {
  GetTables: { kind: 'catalogue' },
  GetSchemas: { kind: 'catalogue' },
  GetAgentStatus: { kind: 'this-agent' },
  GetUDFList: { kind: 'function-registry', functions: 'udf' },
  GetUDAList: { kind: 'function-registry', functions: 'uda' },
  GetUDTFList: { kind: 'function-registry', functions: 'udtf' },
  GetTracepointStatus: { kind: 'cluster-state', what: "the tracepoints deployed on Pixie's agents" },
  GetCronScriptHistory: { kind: 'cluster-state', what: "the history of the scripts Pixie's cloud runs on a schedule" },
  GetProfilerSamplingPeriodMS: { kind: 'cluster-state', what: "the profiler settings of each of Pixie's agents" },
  GetLinuxHeadersStatus: {
    kind: 'cluster-state',
    what: "the kernel headers installed on each of Pixie's agents' nodes",
  },
  _DebugMDState: { kind: 'cluster-state', what: "the metadata state held by each of Pixie's agents" },
  _DebugMDGetWithPrefix: { kind: 'cluster-state', what: "the metadata store of Pixie's cluster" },
  _DebugTableInfo: { kind: 'cluster-state', what: "the table store of each of Pixie's agents" },
  // Agent-internal: the Pixie agents' own process (tcmalloc's heap, /proc/self, thread stacks).
  _HeapStats: { kind: 'cluster-state', what: "the tcmalloc heap statistics of Pixie's own agents" },
  _HeapStatsNumeric: { kind: 'cluster-state', what: "the tcmalloc heap statistics of Pixie's own agents" },
  _HeapSample: { kind: 'cluster-state', what: "a heap profile sampled inside Pixie's own agents" },
  _HeapGrowthStacks: { kind: 'cluster-state', what: "the heap growth stacks of Pixie's own agents" },
  _HeapRanges: { kind: 'cluster-state', what: "the heap memory ranges of Pixie's own agents" },
  _HeapReleaseFreeMemory: {
    kind: 'cluster-state',
    what: "Pixie's own agents, which it asks to release free heap memory",
  },
  _DebugAgentProcStatus: { kind: 'cluster-state', what: "/proc/self/status of Pixie's agent processes" },
  _DebugAgentProcSMaps: { kind: 'cluster-state', what: "/proc/self/smaps of Pixie's agent processes" },
  _DebugStackTrace: { kind: 'cluster-state', what: "the thread stacks of Pixie's agent processes" },
};

export function udtfSource(fn: string): UdtfSource {
  return own(SOURCES, fn) ?? { kind: 'cluster-state', what: "the state of Pixie's agents" };
}

export interface UdtfResult {
  readonly table: Table;
  /** Set when the rows exist only in a cluster. */
  readonly unavailable?: Unavailable;
}

export function udtfTable(
  fn: string,
  _args: Readonly<Record<string, unknown>>,
  schema: Schema,
  metadata: MetadataProvider,
): UdtfResult {
  const source = udtfSource(fn);
  const rows = udtfRows(fn, source, metadata);
  const columns = schema.map((c) => {
    const col = allocColumn(c.dataType, rows.length);
    rows.forEach((r, i) => {
      const v = r[c.name];
      if (v === undefined) return;
      (col as unknown[])[i] =
        c.dataType === 'BOOLEAN'
          ? v
            ? 1
            : 0
          : (c.dataType === 'INT64' || c.dataType === 'TIME64NS') && typeof v !== 'bigint'
            ? BigInt(v as number)
            : v;
    });
    return col;
  });
  const table = makeTable(schema, columns, rows.length);
  return source.kind === 'cluster-state'
    ? { table, unavailable: { kind: 'cluster-state', udtf: fn, what: source.what } }
    : { table };
}

function udtfRows(fn: string, source: UdtfSource, metadata: MetadataProvider): Record<string, unknown>[] {
  switch (source.kind) {
    case 'catalogue':
      if (fn === 'GetTables')
        return Object.entries(tables.tables).map(([name, t]) => ({ table_name: name, table_desc: t.desc }));
      return Object.entries(tables.tables).flatMap(([name, t]) =>
        t.columns.map((c) => ({ table_name: name, column_name: c.name, column_type: c.type, column_desc: c.desc })),
      );
    case 'this-agent':
      return [{ hostname: metadata.hostname, asid: BigInt(metadata.asid), agent_state: 'AGENT_STATE_HEALTHY' }];
    case 'function-registry':
      return registryRows(source.functions);
    case 'cluster-state':
      return [];
    default:
      return assertNever(source);
  }
}

/**
 * The functions pxlc's runtime implements, one row per overload, in the format of Pixie's GetUDFList/GetUDAList/
 * GetUDTFList (md_udtfs_impl.h): argument lists and relations as JSON, internal `_` functions hidden.
 */
function registryRows(which: 'udf' | 'uda' | 'udtf'): Record<string, unknown>[] {
  if (which === 'udtf') {
    return Object.entries(tables.udtfs)
      .filter(([name]) => !name.startsWith('_'))
      .map(([name, u]) => ({
        name,
        executor: own(ALL_AGENTS, name) ? 'UDTF_ALL_AGENTS' : 'UDTF_ONE_KELVIN',
        init_args: JSON.stringify({
          args: u.args.map((a) => ({ name: a.name, type: a.type, stype: 'ST_NONE', desc: '' })),
        }),
        output_relation: JSON.stringify({
          relation: u.columns.map((c) => ({ name: c.name, type: c.type, ptype: 'GENERAL', desc: '' })),
        }),
      }));
  }
  const keys = which === 'udf' ? scalarFunctionKeys() : aggregateKeys();
  const docs = which === 'udf' ? functions.udf : functions.uda;
  return keys
    .flatMap((key) => {
      const open = key.indexOf('(');
      const name = key.slice(0, open);
      if (name.startsWith('_')) return [];
      const args = key
        .slice(open + 1, -1)
        .split(',')
        .filter(Boolean);
      const ret = own(docs, name)?.overloads.find((o) => o.args.join(',') === args.join(','))?.ret ?? '';
      return [{ name, return_type: ret, args: JSON.stringify({ args }) }];
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** Pixie runs these on every agent; the rest on one Kelvin. */
const ALL_AGENTS: Readonly<Record<string, true>> = { _DebugMDState: true, _DebugTableInfo: true };
