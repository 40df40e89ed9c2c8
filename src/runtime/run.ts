// Running a compiled script: choose the data source and metadata, build the env, execute, export.
// `runScript` is the API a service calls (no process arguments, no exit); cli.ts wraps it for `node out.js`.

import type { ResultTable, TableSource, MetadataProvider } from './contracts.js';
import { RunEnv, type PluginWindow } from './env.js';
import type { ExportOptions, ExportReport } from './otel/exporter.js';
import { exportContext, type ExporterSettings } from './otel/config.js';
import type { StopSignals } from './otel/transport.js';
import type { ClusterSpec } from './metadata/cluster.js';
import { ClusterMetadata } from './metadata/cluster.js';
import { PxlRuntimeError } from './contracts.js';
import { toColumns, toDataFrame, type PlainColumn } from './output/result-formats.js';
import { bindScriptArgs, signature, type ArgValue, type EntryInfo } from './script-args.js';
import type { EngineModule } from './engines/engine-run.js';
import type { OTelExportSpec } from '../core/otel-spec.js';
import type { Table } from './table.js';
import type { VisSpec } from '../core/vis.js';
import type { VisRunCall } from './vis-run.js';
import { own } from '../core/dict.js';

// Start-up: what only some runs need is imported where they need it — the exporter (OTLP encoding, spooling, the
// transports) by runs that export, the demo recording by runs on the demo data, in-process tables by runs given
// some, the vis spec's planning by runs that make its calls — so a run loads only the modules it uses.
type Exporter = typeof import('./otel/exporter.js');
type VisRun = typeof import('./vis-run.js');

type Outputs = readonly (
  { kind: 'display'; name: string } | { kind: 'export'; signals: readonly string[]; endpoint?: boolean }
)[];

export interface ScriptInfo {
  readonly name: string;
  readonly source: string;
  readonly outputs: Outputs;
  /** Function-based entry points (SPEC §13.2), run with `func` and `args`. */
  readonly entries?: readonly (EntryInfo & { readonly outputs: Outputs })[];
  readonly maxOutputRowsPerTable: number;
  /** The vis spec the script was compiled with: a run without `func` makes its calls, as `px run` does. */
  readonly vis?: VisSpec;
  /**
   * The scalar functions (overload keys) the module's operators call. Without any, a run does not load the function
   * registry; a module that does not say (compiled before this was recorded) has it loaded.
   */
  readonly functions?: readonly string[];
}

import type { ExecuteFn } from './env.js';
export type { ExecuteFn } from './env.js';

export interface RunOptions extends ExporterSettings {
  /**
   * Run this function of a function-based script instead of the top level, with these arguments. Without `func`, a
   * script compiled with a vis spec runs every call of the spec, and `args` are the spec's variables.
   */
  readonly func?: string;
  readonly args?: Readonly<Record<string, ArgValue>>;
  /** A directory of data files (see README); default: the built-in demo data. */
  readonly data?: string;
  /** In-process tables by name: arrays of row objects, objects of columns, or danfo.js DataFrames. */
  readonly tables?: Readonly<Record<string, unknown>>;
  /** The Kubernetes picture behind the data (ctx lookups); default: the demo cluster, or the data dir's metadata.json. */
  readonly metadata?: ClusterSpec | MetadataProvider;
  /** "Now" for relative times; default: the current time. 'latest': the latest time_ in the data (replay). */
  readonly now?: bigint | Date | 'latest';
  /** px.plugin.start_time/end_time; default: the `windowNs` (10 s) that ends now. */
  readonly window?: PluginWindow;
  readonly windowNs?: bigint;
  /** Stopping: cut export retries short, or give up on what is in flight (spooled with `spoolDir`). */
  readonly stop?: StopSignals;
  /** Write what could not be delivered here, for `pxlc resend DIR`. */
  readonly spoolDir?: string;
  /** Added to the resource of every export, after the script's own attributes (SPEC §14.2's context attributes). */
  readonly resourceAttributes?: readonly (readonly [string, string])[];
  /**
   * Run on an SQL engine holding the tables: `duckdb:FILE` or `clickhouse://HOST:PORT/DB`. The engine runs what SQL
   * can express; the rest runs here on the rows it returns (see the module's `engine.plan.explain`).
   */
  readonly engine?: string;
  /** Demo data size and seed. */
  readonly demoRows?: number;
  readonly seed?: number;
  /** Warnings and progress lines (row-limit truncation, empty windows). Default: ignored. */
  readonly log?: (line: string) => void;
  /** Told how many more rows were read from the data files, now and then while they are read (for a progress line). */
  readonly onRowsRead?: (rows: number) => void;
  /** Each px.export's spec and rows go here instead of to a collector (previews of what would be sent); no endpoint is needed. */
  readonly onExport?: (spec: OTelExportSpec, table: Table) => void;
}

export interface RunResult {
  readonly tables: readonly ResultTable[];
  readonly exports: readonly ExportReport[];
  readonly warnings: readonly string[];
  /** True when every exported point and span was delivered. */
  readonly delivered: boolean;
  /** The px.display table `name` as plain columns of exact values (INT64, TIME64NS and UINT128 as bigint). */
  columns(name: string): Record<string, PlainColumn>;
  /** The px.display table `name` as a danfo.js DataFrame (times as RFC 3339 text, int64 past 2^53 as text). */
  dataFrame(name: string): Promise<unknown>;
}

/**
 * Fails when an export of the run would have no endpoint from anywhere, before any data is read. The exporter
 * settings (flags, options, OTEL_* variables) are checked by every run, one that exports nothing too.
 */
export async function checkExportEndpoints(script: ScriptInfo, options: RunOptions): Promise<void> {
  const outputsOf = (func: string) => script.entries?.find((e) => e.name === func)?.outputs ?? [];
  const funcs =
    options.func !== undefined
      ? [options.func]
      : script.vis
        ? (await import('../core/vis.js')).visCalls(script.vis).map((c) => c.func.name)
        : undefined;
  const outputs = funcs === undefined ? script.outputs : funcs.flatMap(outputsOf);
  if (outputs.some((o) => o.kind === 'export')) (await import('./otel/exporter.js')).requireEndpoint(outputs, options);
  else exportContext(options);
}

export const DEFAULT_WINDOW_NS = 10_000_000_000n;

export async function runScript(
  script: ScriptInfo,
  execute: ExecuteFn,
  options: RunOptions = {},
  entries: Readonly<Record<string, ExecuteFn>> = {},
  engine?: EngineModule,
): Promise<RunResult> {
  if (options.engine !== undefined && options.tables === undefined && options.data === undefined) {
    if (!engine)
      throw new PxlRuntimeError(
        "this module was compiled without the SQL engines' queries: recompile it with `pxlc compile --engines`",
      );
    let env: RunEnv | undefined;
    // SQL engines and --data readers are loaded only by runs that use them (start-up of the others).
    const { openEngineData } = await import('./engines/engine-run.js');
    const data = await openEngineData(options.engine, engine.plan, () => env!, options);
    try {
      return await runWith(script, engine.execute, options, engine.entries, data, (e) => {
        env = e;
      });
    } finally {
      await data.close();
    }
  }
  if (options.engine !== undefined)
    throw new PxlRuntimeError('--engine reads the tables from the engine: it cannot be combined with --data or tables');
  return runWith(script, execute, options, entries, undefined, () => {});
}

async function runWith(
  script: ScriptInfo,
  execute: ExecuteFn,
  options: RunOptions,
  entries: Readonly<Record<string, ExecuteFn>>,
  given: { source: TableSource; metadata: MetadataProvider } | undefined,
  onEnv: (env: RunEnv) => void,
): Promise<RunResult> {
  const visRun = script.vis && options.func === undefined ? await import('./vis-run.js') : undefined;
  const runs = chooseRuns(script, execute, options, entries, visRun);
  const onExport = options.onExport;
  if (!onExport) await checkExportEndpoints(script, options);
  const clockNs = BigInt(Date.now()) * 1_000_000n;
  let nowNs =
    options.now === undefined || options.now === 'latest'
      ? clockNs
      : typeof options.now === 'bigint'
        ? options.now
        : BigInt(options.now.getTime()) * 1_000_000n;
  const { source, metadata } = given ?? (await chooseData(options, nowNs));
  if (options.now === 'latest') nowNs = (await source.latestTime?.()) ?? clockNs;
  const warnings: string[] = [];
  const warn = (m: string) => {
    warnings.push(m);
    options.log?.(`warning: ${m}`);
  };
  const exports: ExportReport[] = [];
  const exportOptions: ExportOptions = exportOptionsOf(options);
  const windowNs = options.windowNs ?? DEFAULT_WINDOW_NS;
  const tables: ResultTable[] = [];
  let exporter: Exporter | undefined;
  for (const r of runs) {
    const env = new RunEnv({
      nowNs,
      ...(r.args ? { args: r.args } : {}),
      window: options.window ?? { startNs: nowNs - windowNs, endNs: nowNs },
      source,
      metadata,
      warn,
      ...(options.onRowsRead ? { onRowsRead: options.onRowsRead } : {}),
      exportHandler: onExport
        ? async (spec, table) => onExport(spec, table)
        : async (spec, table) => {
            exporter ??= await import('./otel/exporter.js');
            exports.push(await exporter.exportTable(spec, table, exportOptions));
          },
    });
    onEnv(env);
    try {
      if (script.functions === undefined || script.functions.length > 0) await env.loadFunctions();
      await r.run(env);
      await env.settle();
    } catch (e) {
      throw r.call && e instanceof PxlRuntimeError ? new PxlRuntimeError(`${r.call.label}: ${e.message}`, e.hints) : e;
    }
    // The table a vis call's function returns is named after its widget (or global output), as in Pixie.
    for (const t of env.results) {
      const named = r.call && t.name === r.call.func ? { ...t, name: r.call.output } : t;
      tables.push(named);
    }
  }
  if (script.vis && options.func === undefined) orderVisTables(tables, runs);
  const delivered = exports.every((r) => exporter!.undelivered(r) === 0);
  const named = (name: string) => {
    const t = tables.find((r) => r.name === name);
    if (!t)
      throw new PxlRuntimeError(`no px.display table named '${name}'`, [
        `tables: ${tables.map((r) => r.name).join(', ') || '(none)'}`,
      ]);
    return t.table;
  };
  return {
    tables,
    exports,
    warnings,
    delivered,
    columns: (name) => toColumns(named(name)),
    dataFrame: (name) => toDataFrame(named(name)),
  };
}

interface PlannedRun {
  readonly run: ExecuteFn;
  readonly args?: Map<string, ArgValue>;
  readonly call?: VisRunCall;
}

/** What one run executes: the top level, one function (`func`), or every call of the vis spec. */
function chooseRuns(
  script: ScriptInfo,
  execute: ExecuteFn,
  options: RunOptions,
  entries: Readonly<Record<string, ExecuteFn>>,
  visRun: VisRun | undefined,
): PlannedRun[] {
  if (script.vis && visRun) {
    return visRun.planVisRun(script.vis, script.entries ?? [], options.args ?? {}).map((call) => ({
      ...chooseEntry(script, execute, { ...options, func: call.func, args: call.args }, entries),
      call,
    }));
  }
  return [chooseEntry(script, execute, options, entries)];
}

/** Tables in the order of the widgets that show them (each function's other displays follow its own). */
function orderVisTables(tables: ResultTable[], runs: readonly PlannedRun[]): void {
  const rank = (name: string) => {
    const k = runs.findIndex((r) => r.call?.output === name);
    return k < 0 ? Infinity : runs[k]!.call!.rank;
  };
  const ranked = tables.map((t, i) => ({ t, i, r: rank(t.name) }));
  ranked.sort((a, b) => (a.r === b.r ? a.i - b.i : a.r - b.r));
  tables.splice(0, tables.length, ...ranked.map((x) => x.t));
}

/** The export settings of a run's options, without the rest. */
function exportOptionsOf(o: RunOptions): ExportOptions {
  const keys = [
    'endpoint',
    'protocol',
    'headers',
    'insecure',
    'caPem',
    'clientKeyPem',
    'clientCertPem',
    'compression',
    'timeoutMs',
    'environment',
    'spoolDir',
    'resourceAttributes',
    'stop',
    'log',
  ] as const satisfies readonly (keyof ExportOptions & keyof RunOptions)[];
  return Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]])) as ExportOptions;
}

function chooseEntry(
  script: ScriptInfo,
  execute: ExecuteFn,
  options: RunOptions,
  entries: Readonly<Record<string, ExecuteFn>>,
): { run: ExecuteFn; args?: Map<string, ArgValue> } {
  const declared = script.entries ?? [];
  if (options.func === undefined) {
    if (options.args && Object.keys(options.args).length > 0)
      throw new PxlRuntimeError('script arguments need --func NAME: the function to run');
    if (script.outputs.length === 0 && declared.length > 0) {
      throw new PxlRuntimeError(
        'this is a function-based script: choose a function to run with --func NAME --arg key=value',
        [`functions: ${declared.map(signature).join(', ')}`],
      );
    }
    return { run: execute };
  }
  const args = bindScriptArgs(declared, options.func, options.args ?? {});
  const run = own(entries, options.func);
  if (!run && options.engine !== undefined) {
    throw new PxlRuntimeError(
      `function '${options.func}' is compiled when it runs (its arguments decide its columns), so it runs in-process only: drop --engine`,
    );
  }
  if (!run) throw new Error(`internal: no execute function for entry '${options.func}'`);
  return { run, args };
}

async function chooseData(
  options: RunOptions,
  nowNs: bigint,
): Promise<{ source: TableSource; metadata: MetadataProvider }> {
  const metadataFrom = (
    spec: ClusterSpec | MetadataProvider | undefined,
    fallback: () => ClusterSpec,
  ): MetadataProvider => {
    if (spec && 'lookup' in spec) return spec;
    return new ClusterMetadata(spec ?? fallback());
  };
  const { demoCluster } = await import('./metadata/demo-cluster.js');
  const emptyCluster = () => demoCluster(1, { empty: true });
  if (options.tables) {
    const { InMemorySource } = await import('./sources/in-memory-source.js');
    return { source: new InMemorySource(options.tables), metadata: metadataFrom(options.metadata, emptyCluster) };
  }
  if (options.data) {
    const { loadDirectory } = await import('./sources/dir-source.js');
    const dir = await loadDirectory(options.data);
    return { source: dir.source, metadata: metadataFrom(options.metadata ?? dir.cluster, emptyCluster) };
  }
  const { DemoSource } = await import('./sources/demo-source.js');
  const cluster =
    options.metadata && !('lookup' in options.metadata) ? options.metadata : demoCluster(options.seed ?? 1);
  return {
    source: new DemoSource(cluster, {
      nowNs,
      ...(options.demoRows ? { rowsPerTable: options.demoRows } : {}),
      ...(options.seed ? { seed: options.seed } : {}),
    }),
    metadata: metadataFrom(options.metadata, () => cluster),
  };
}
