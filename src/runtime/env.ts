// The environment one run of a compiled script sees: its clock, plugin window, data source, metadata and
// function registry, and where its outputs go. Generated code calls only `env.*` and the ops in index.ts.

import type { MetadataProvider, ResultTable, ScalarFn, SourceRequest, TableSource, Unavailable } from './contracts.js';
import { PxlRuntimeError } from './contracts.js';
import { makeTable, type Table } from './table.js';
import { limitRows } from './ops/limit.js';
import { placeholderColumn } from './ops/gather.js';
import type { BatchedSource } from './ops/stream-agg.js';
import type { OTelExportSpec } from '../core/otel-spec.js';
import { allocColumn, type Schema } from '../core/types.js';
import type { ArgValue } from './script-args.js';
import { parseTimeString } from '../core/time-text.js';

export interface PluginWindow {
  readonly startNs: bigint;
  readonly endNs: bigint;
}

/** Where px.export sends rows: the run supplies the transport, so tests and services can plug their own. */
export type ExportHandler = (spec: OTelExportSpec, table: Table) => Promise<void>;

export interface EnvConfig {
  readonly nowNs: bigint;
  readonly window?: PluginWindow;
  readonly source: TableSource;
  readonly metadata: MetadataProvider;
  readonly exportHandler: ExportHandler;
  readonly warn: (message: string) => void;
  /** Rows read from data files, as they are read. */
  readonly onRowsRead?: (rows: number) => void;
  /** Script arguments of the function being run (function-based scripts). */
  readonly args?: ReadonlyMap<string, ArgValue>;
}

/** The scalar functions: loaded by runs whose module calls some (see `loadFunctions`), for start-up. */
type FunctionRegistry = typeof import('./udf/registry.js');

export class RunEnv {
  readonly nowNs: bigint;
  readonly results: ResultTable[] = [];
  /** Why reads that only a cluster can answer are empty, by the key the module names them with (udtf:FN, tracepoint:TABLE). */
  private readonly unavailable = new Map<string, Unavailable>();
  private readonly exports: Promise<void>[] = [];
  private readonly fnCache = new Map<string, ScalarFn>();
  private functions: FunctionRegistry | undefined;

  constructor(private readonly config: EnvConfig) {
    this.nowNs = config.nowNs;
  }

  /**
   * Loads the scalar-function registry, before running a module that calls functions: generated code asks for them
   * synchronously (`fn`), and a module that calls none never loads them.
   */
  async loadFunctions(): Promise<void> {
    this.functions ??= await import('./udf/registry.js');
  }

  fn(key: string): ScalarFn {
    let f = this.fnCache.get(key);
    if (!f) {
      if (!this.functions)
        throw new Error(`internal: function ${key} was asked for before the function registry was loaded`);
      f = this.functions.scalarFunction(key, { metadata: this.config.metadata, nowNs: this.nowNs });
      this.fnCache.set(key, f);
    }
    return f;
  }

  arg(name: string): ArgValue {
    const v = this.config.args?.get(name);
    if (v === undefined) throw new PxlRuntimeError(`script argument '${name}' was not given`);
    return v;
  }

  /** A script argument used as a time: '-5m' (relative to now), an absolute time, or nanoseconds. */
  argTime(name: string): bigint {
    const v = this.arg(name);
    if (typeof v === 'bigint') return v;
    const t = parseTimeString(String(v));
    if (t.kind === 'relative') return this.nowNs + t.offsetNs;
    if (t.kind === 'absolute') return t.ns;
    throw new PxlRuntimeError(`argument ${name}: ${t.reason}`);
  }

  pluginTime(which: 'start' | 'end'): bigint {
    const w = this.config.window;
    if (!w) throw new PxlRuntimeError('No plugin config found. Make sure the script is run in a plugin context.');
    return which === 'start' ? w.startNs : w.endNs;
  }

  /**
   * Reads a table. `read`: the columns the script ever uses (all when absent); the others are placeholders of the
   * right length that nothing reads, so data need not have them and nothing converts them.
   */
  async source(
    table: string,
    schema: Schema,
    startNs: bigint | undefined,
    endNs: bigint | undefined,
    read?: readonly string[],
  ): Promise<Table> {
    const { request, complete } = this.sourceRequest(table, schema, startNs, endNs, read);
    const t = complete(await this.config.source.read(request));
    this.warnIfEmpty(table, t.length);
    return t;
  }

  /**
   * The same table as `source`, batch after batch when the source reads it so (a data file); otherwise the whole
   * table as one batch. At least one batch is given, maybe empty.
   */
  sourceBatches(
    table: string,
    schema: Schema,
    startNs: bigint | undefined,
    endNs: bigint | undefined,
    read?: readonly string[],
  ): BatchedSource {
    return {
      whole: () => this.source(table, schema, startNs, endNs, read),
      each: async (onBatch) => {
        const readBatches = this.config.source.readBatches?.bind(this.config.source);
        if (!readBatches) {
          onBatch(await this.source(table, schema, startNs, endNs, read));
          return;
        }
        const { request, complete } = this.sourceRequest(table, schema, startNs, endNs, read);
        let rows = 0;
        let batches = 0;
        await readBatches(request, (t) => {
          rows += t.length;
          batches++;
          onBatch(complete(t));
        });
        if (batches === 0)
          onBatch(
            complete(
              makeTable(
                request.schema,
                request.schema.map((c) => allocColumn(c.dataType, 0)),
                0,
              ),
            ),
          );
        this.warnIfEmpty(table, rows);
      },
    };
  }

  /** The request for the columns a script reads, and what makes the source's answer a table of the whole schema. */
  private sourceRequest(
    table: string,
    schema: Schema,
    startNs: bigint | undefined,
    endNs: bigint | undefined,
    read: readonly string[] | undefined,
  ) {
    // A time window is applied to time_, so it is read whenever there is a window, used by the script or not.
    const windowed = startNs !== undefined || endNs !== undefined;
    const wanted = read
      ? schema.filter((c) => read.includes(c.name) || (windowed && c.name === 'time_' && c.dataType === 'TIME64NS'))
      : schema;
    const request: SourceRequest = {
      table,
      schema: wanted,
      warn: this.config.warn,
      ...(this.config.onRowsRead ? { onRowsRead: this.config.onRowsRead } : {}),
      ...(startNs !== undefined ? { startNs } : {}),
      ...(endNs !== undefined ? { endNs } : {}),
    };
    const complete = (got: Table): Table =>
      wanted === schema
        ? got
        : makeTable(
            schema,
            schema.map((c) => {
              const k = wanted.indexOf(c);
              return k >= 0 ? got.columns[k]! : placeholderColumn(c.dataType, got.length);
            }),
            got.length,
          );
    return { request, complete };
  }

  private warnIfEmpty(table: string, rows: number): void {
    if (rows > 0) return;
    const range = this.config.source.timeRange?.(table);
    if (range) {
      this.config.warn(
        `the time window selected no rows of '${table}'; its data spans ${iso(range.min)} .. ${iso(range.max)}` +
          " (replay recorded data with --now latest, or run({ now: 'latest' }) in a service)",
      );
    }
  }

  /** The table a pxtrace tracepoint fills: only Pixie's agents deploy one, so it is empty here, and the run says why. */
  tracepointTable(table: string, tracepoint: string, schema: Schema): Table {
    this.unavailable.set(`tracepoint:${table}`, { kind: 'tracepoint', table, tracepoint });
    return makeTable(
      schema,
      schema.map((c) => allocColumn(c.dataType, 0)),
      0,
    );
  }

  async udtf(fn: string, args: Readonly<Record<string, unknown>>, schema: Schema): Promise<Table> {
    const { udtfTable } = await import('./udtf.js');
    const r = udtfTable(fn, args, schema, this.config.metadata);
    if (r.unavailable) this.unavailable.set(`udtf:${fn}`, r.unavailable);
    return r.table;
  }

  /** `clusterOnly`: the module's keys of the cluster-only reads this table comes from; an empty table says why. */
  display(name: string, table: Table, maxRows: number, clusterOnly: readonly string[] = []): void {
    const shown = this.truncate(`px.display '${name}'`, table, maxRows);
    const why =
      shown.length === 0 ? clusterOnly.map((k) => this.unavailable.get(k)).find((u) => u !== undefined) : undefined;
    this.results.push(why ? { name, table: shown, unavailable: why } : { name, table: shown });
  }

  export(spec: OTelExportSpec, table: Table, maxRows: number): void {
    this.exports.push(this.config.exportHandler(spec, this.truncate('px.export', table, maxRows)));
  }

  /** Waits for every export; the first failure is rethrown after all have settled. */
  async settle(): Promise<void> {
    const outcomes = await Promise.allSettled(this.exports);
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
  }

  private truncate(what: string, table: Table, maxRows: number): Table {
    if (table.length <= maxRows) return table;
    this.config.warn(
      `${what}: ${table.length} rows, only the first ${maxRows} are kept (Pixie's row limit; raise it with #px:set max_output_rows_per_table=N)`,
    );
    return limitRows(table, maxRows);
  }
}

function iso(ns: bigint): string {
  return new Date(Number(ns / 1_000_000n)).toISOString();
}

export type ExecuteFn = (env: RunEnv) => Promise<void>;
