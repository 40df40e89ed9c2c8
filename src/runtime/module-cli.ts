// `node out.js [flags]`: the command line of a compiled script. User errors print one clear message
// (never a stack trace); exit 1 when the script failed or did not deliver everything, 2 for usage errors.

import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { basename } from 'node:path';
import { describeUnavailable, PxlRuntimeError, ScriptUsageError } from './contracts.js';
import { checkExportEndpoints, runScript, type ExecuteFn, type RunOptions, type ScriptInfo } from './run.js';
import { tableLines } from './output/format-table.js';
import { parseDurationFlag, parseTimeFlag } from './flag-values.js';
import { parseArgFlags, parseScriptFlags } from './script-args.js';
import { ExporterConfigError } from './otel/config.js';
import { exportFlagValues, exportOptions } from './export-flags.js';
import { helpText, parseCommand, UsageError, type CommandSpec, type OptionValues } from './cli-args.js';
import { VERSION } from './version.js';
import { assertNever } from '../core/assert-never.js';
import type { EngineModule } from './engines/engine-run.js';

// Start-up: what only some runs need (JSON output, the progress line of --data, --explain, the vis spec's variables,
// the script's source map for errors) is imported where it is needed.

const MODULE_OPTIONS = {
  data: {
    type: 'string',
    value: 'DIR',
    help: 'read tables from DIR (CSV, NDJSON, Parquet, Arrow IPC, px run -o json) instead of the built-in demo data',
  },
  engine: {
    type: 'string',
    value: 'URL',
    help: 'run on the tables of an SQL engine: duckdb:FILE or clickhouse://HOST:PORT/DB (what SQL cannot express runs here, on the rows the engine returns)',
  },
  explain: {
    type: 'boolean',
    help: 'with --engine: print what runs in the engine (its SQL) and what in JavaScript, and stop',
  },
  output: {
    // -o as in `px run -o json`.
    type: 'string',
    short: 'o',
    choices: ['table', 'json', 'html'],
    help: 'how px.display results are printed (default: table); html: one self-contained HTML report of the tables and of what each px.export would send (nothing is sent)',
  },
  raw: {
    type: 'boolean',
    help: 'print table values as stored (ns, bytes, fractions, rates per ns) instead of in units by their semantic type, as px run shows them (6.5 ms, 4.8 MiB, 14.00 %, 0.700000 /sec)',
  },
  now: {
    type: 'string',
    value: 'TIME|latest',
    help: '"now" for relative times: ns since the epoch, an ISO-8601 time, or \'latest\' (the latest time_ in the --data files, to replay recorded data); default: current time',
  },
  window: { type: 'string', value: 'DURATION', help: 'plugin window length ending now, e.g. 10s, 1m (default: 10s)' },
  func: {
    type: 'string',
    value: 'NAME',
    help: "run a function of a function-based script (its entry point) instead of the top level (a script compiled with its vis.json runs every widget's function, as px run does)",
  },
  arg: {
    type: 'string',
    value: 'KEY=VALUE',
    multiple: true,
    help: "an argument of that function, or a variable of the vis spec, e.g. --arg start_time=-5m; after -- also Pixie's form: -- --start_time -5m --pod NS/NAME",
  },
  spool: {
    type: 'string',
    value: 'DIR',
    help: 'write exports that could not be delivered to DIR (re-send them with pxlc resend DIR)',
  },
  every: {
    type: 'string',
    value: 'DURATION',
    help: 'plugin mode: run every DURATION over the window since the last run, until Ctrl-C',
  },
  'stop-timeout': {
    type: 'string',
    value: 'DURATION',
    help: 'plugin mode: on SIGTERM, stop retrying and spool what is still unsent after this long (default 10s)',
  },
  rows: {
    type: 'string',
    value: 'N',
    help: "the demo data's request rate: about N rows of http_events per 5 minutes (default 6000); the other tables follow the cluster",
  },
  seed: { type: 'string', value: 'N', help: 'seed of the demo data' },
} as const;

/** The module's command line: its own flags and the export flags, as one table for the shared parser. */
async function moduleCommand(script: ScriptInfo): Promise<CommandSpec> {
  // `pxlc run SCRIPT` runs a cached module whose file name means nothing to the user: it says how it was invoked.
  const invokedAs = process.env.PXLC_INVOKED_AS;
  const file = process.argv[1] ? basename(process.argv[1]) : `${script.name}.js`;
  const footer = script.vis
    ? [
        `variables of ${script.name}'s vis spec (--arg NAME=VALUE, or after --: -- --NAME VALUE):`,
        ...(await import('../core/vis.js')).visVariableUsage(script.vis).map((l) => `  ${l}`),
      ].join('\n')
    : undefined;
  return {
    name: invokedAs || `node ${file}`,
    label: script.name,
    usage: ['[options] [-- --VARIABLE VALUE ...]'],
    summary: `Run ${script.name}: print what it displays and send what it exports (exit 0 when everything was delivered, 1 when not, 2 for usage errors).`,
    options: { ...MODULE_OPTIONS, ...exportOptions() },
    rest: true,
    ...(footer ? { footer } : {}),
  };
}

export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}

type Output = 'table' | 'json' | 'html';

interface ParsedArgs {
  readonly options: RunOptions;
  readonly output: Output;
  /** Table values as stored, not in units by their semantic type. */
  readonly raw: boolean;
  /** Plugin mode: run once per period, each run over the window since the previous one. */
  readonly everyNs?: bigint;
  readonly explain?: boolean;
  /** Plugin mode: how long a stop signal waits for in-flight exports before spooling them. */
  readonly stopTimeoutMs?: number;
}

type ModuleValues = OptionValues<typeof MODULE_OPTIONS>;

/** The run the parsed flags ask for; a value a flag cannot take, or flags that do not go together, are usage errors. */
function runOptions(spec: CommandSpec, values: ModuleValues, rest: readonly string[]): ParsedArgs {
  const fail = (message: string): never => {
    throw new UsageError(spec.name, message, spec.label);
  };
  const checked = <T>(f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof PxlRuntimeError) return fail(e.message);
      throw e;
    }
  };
  const positiveInt = (v: string, flag: string): number =>
    /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : fail(`${flag} needs a positive integer, not '${v}'`);
  const opts: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {
    ...exportFlagValues(values, spec.name, spec.label),
    ...(values.data !== undefined ? { data: values.data } : {}),
    ...(values.engine !== undefined ? { engine: values.engine } : {}),
    ...(values.func !== undefined ? { func: values.func } : {}),
    ...(values.spool !== undefined ? { spoolDir: values.spool } : {}),
  };
  const now = values.now;
  if (now !== undefined) opts.now = now === 'latest' ? 'latest' : checked(() => parseTimeFlag(now, '--now'));
  const window = values.window;
  if (window !== undefined) opts.windowNs = checked(() => parseDurationFlag(window, '--window'));
  if (values.rows !== undefined) opts.demoRows = positiveInt(values.rows, '--rows');
  if (values.seed !== undefined) opts.seed = positiveInt(values.seed, '--seed');
  const every = values.every;
  const everyNs = every !== undefined ? checked(() => parseDurationFlag(every, '--every')) : undefined;
  const stop = values['stop-timeout'];
  const stopTimeoutMs =
    stop !== undefined ? Number(checked(() => parseDurationFlag(stop, '--stop-timeout')) / 1_000_000n) : undefined;
  const output: Output = values.output === 'json' || values.output === 'html' ? values.output : 'table';
  const explain = values.explain === true;
  const argFlags = values.arg ?? [];
  if (argFlags.length > 0 || rest.length > 0)
    opts.args = checked(() => ({ ...parseArgFlags(argFlags), ...parseScriptFlags(rest) }));
  if (stopTimeoutMs !== undefined && everyNs === undefined)
    fail('--stop-timeout is for plugin mode: add --every DURATION');
  if (everyNs !== undefined && opts.now !== undefined)
    fail('--every runs on the clock: it cannot be combined with --now');
  if (everyNs !== undefined && output === 'html')
    fail('--output html writes one report: it cannot be combined with --every');
  if (explain && opts.engine === undefined) fail('--explain shows the split of an engine run: add --engine URL');
  const raw = values.raw === true;
  if (raw && output !== 'table')
    fail(`--raw is for the table output: --output ${output} ${output === 'json' ? 'is raw already' : 'shows units'}`);
  return {
    options: opts,
    output,
    raw,
    ...(everyNs !== undefined ? { everyNs } : {}),
    ...(explain ? { explain } : {}),
    ...(stopTimeoutMs !== undefined ? { stopTimeoutMs } : {}),
  };
}

export async function runMain(
  script: ScriptInfo,
  execute: ExecuteFn,
  entries: Readonly<Record<string, ExecuteFn>> = {},
  engine?: EngineModule,
): Promise<void> {
  // `node out.js | head`: the reader left, so stop quietly (exports have settled before anything is printed).
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  process.exitCode = await main(script, execute, process.argv.slice(2), entries, engine);
  // Everything is reported. A request abandoned on a stop signal may still hold a socket open until its deadline:
  // do not wait for it.
  setTimeout(() => process.exit(), 1000).unref();
}

type Entries = Readonly<Record<string, ExecuteFn>>;

export async function main(
  script: ScriptInfo,
  execute: ExecuteFn,
  argv: readonly string[],
  entries: Entries = {},
  engine?: EngineModule,
): Promise<number> {
  let parsed;
  const spec = await moduleCommand(script);
  try {
    const command = parseCommand(spec, argv);
    switch (command.kind) {
      case 'help':
        process.stdout.write(helpText(spec));
        return 0;
      case 'version':
        process.stdout.write(`${script.name}, compiled by pxlc ${VERSION}\n`);
        return 0;
      case 'run':
        parsed = runOptions(spec, command.values as ModuleValues, command.rest);
        break;
      default:
        return assertNever(command);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`${e.line}\n`);
      return 2;
    }
    return reportError(script, e);
  }
  if (parsed.explain) {
    try {
      const { explainEngineRun } = await import('./engines/explain.js');
      process.stdout.write(`${await explainEngineRun(engine, parsed.options)}\n`);
      return 0;
    } catch (e) {
      return reportError(script, e);
    }
  }
  if (parsed.everyNs !== undefined) return runEvery(script, execute, parsed, parsed.everyNs, entries, engine);
  return runOnce(script, execute, parsed.options, parsed, entries, engine);
}

async function runOnce(
  script: ScriptInfo,
  execute: ExecuteFn,
  options: RunOptions,
  { output, raw }: Pick<ParsedArgs, 'output' | 'raw'>,
  entries: Entries,
  engine?: EngineModule,
): Promise<number> {
  if (output === 'html') return writeReport(script, execute, options, entries, engine);
  // Reading big --data files takes a while: a progress line on a terminal (as pxlc's own long work shows).
  const progress =
    options.data !== undefined
      ? new (await import('./output/progress.js')).Progress(`${script.name}: reading ${options.data}`)
      : undefined;
  const log = (line: string) => {
    progress?.clear();
    process.stderr.write(`${line}\n`);
  };
  try {
    const result = await runScript(
      script,
      execute,
      { ...options, log, ...(progress ? { onRowsRead: (n: number) => progress.add(n) } : {}) },
      entries,
      engine,
    );
    progress?.done();
    const json = output === 'json' ? await import('./output/json-rows.js') : undefined;
    for (const t of result.tables) {
      if (t.unavailable)
        process.stdout.write(
          `${json ? json.unavailableJson(t.name, t.unavailable) : `${t.name}: ${describeUnavailable(t.unavailable)}`}\n`,
        );
      else if (json) for (const line of json.jsonRows(t.name, t.table)) process.stdout.write(`${line}\n`);
      else writeLines([...tableLines(t.name, t.table, { raw }), '']);
    }
    // The exporter is loaded already when the run exported something.
    const undelivered = result.exports.length > 0 ? (await import('./otel/exporter.js')).undelivered : () => 0;
    for (const r of result.exports) {
      // "0 of 88" when some were not delivered: the count alone would read as everything the run had.
      const count = (ok: number, failed: number, what: string) =>
        ok > 0 || failed > 0 ? `${ok}${failed > 0 ? ` of ${ok + failed}` : ''} ${what}` : '';
      const sent =
        [
          count(r.metricPointsSent, r.metricPointsFailed, 'metric points'),
          count(r.spansSent, r.spansFailed, 'spans'),
          count(r.logRecordsSent, r.logRecordsFailed, 'log records'),
        ]
          .filter(Boolean)
          .join(' and ') || 'nothing (no rows)';
      process.stderr.write(
        `exported ${sent} to ${r.endpoint} in ${r.requests} request${r.requests === 1 ? '' : 's'}\n`,
      );
      if (r.maybeDuplicated > 0) {
        process.stderr.write(
          `warning: ${r.maybeDuplicated} of them were sent, outcome unknown (may be duplicated): a request timed out after it was sent and was sent again\n`,
        );
      }
      if (undelivered(r) > 0) {
        const lost = [
          `${r.metricPointsFailed} metric points`,
          `${r.spansFailed} spans`,
          ...(r.logRecordsFailed > 0 ? [`${r.logRecordsFailed} log records`] : []),
        ];
        const why = [
          r.rejected > 0 ? `${r.rejected} rejected by the collector` : '',
          r.outcomeUnknown > 0 ? `${r.outcomeUnknown} sent, outcome unknown: the collector may have them` : '',
        ]
          .filter(Boolean)
          .join('; ');
        process.stderr.write(
          `error: ${lost.join(' and ')} were NOT delivered to ${r.endpoint}${why ? ` (${why})` : ''}\n`,
        );
        for (const err of r.errors) process.stderr.write(`  ${err}\n`);
        if (r.spooled > 0)
          process.stderr.write(
            `  ${r.spooled} of them were written to ${options.spoolDir}: re-send with pxlc resend ${options.spoolDir} ${(r.resendFlags ?? ['--endpoint', r.endpoint]).join(' ')}\n`,
          );
      }
    }
    return result.delivered ? 0 : 1;
  } catch (e) {
    progress?.clear();
    return reportError(script, e);
  }
}

/** `--output html`: the displays and the export preview as one self-contained HTML file on stdout. */
async function writeReport(
  script: ScriptInfo,
  execute: ExecuteFn,
  options: RunOptions,
  entries: Entries,
  engine?: EngineModule,
): Promise<number> {
  try {
    const [{ buildPage }, { htmlReport }, { otlpJsonRequests }] = await Promise.all([
      import('./view/build-page.js'),
      import('./view/report.js'),
      import('./view/otlp-json.js'),
    ]);
    const module = {
      script,
      run: (o: RunOptions) =>
        runScript(script, execute, { ...o, log: (line) => process.stderr.write(`${line}\n`) }, entries, engine),
    };
    const page = await buildPage({
      title: options.func ?? script.name,
      module,
      values: {},
      options,
      otlp: otlpJsonRequests,
    });
    if (page.error !== undefined) {
      process.stderr.write(`${script.name}: error: ${page.error}\n`);
      return 1;
    }
    process.stdout.write(await htmlReport(page));
    return 0;
  } catch (e) {
    return reportError(script, e);
  }
}

/**
 * Plugin mode, like a Pixie export plugin: every period, run over the window since the previous run (the first
 * window is one period long). A failed window is reported and the loop goes on; Ctrl-C stops it. Exit 1 if any
 * window failed.
 */
/** How long SIGTERM waits for a window's exports before abandoning (and spooling) what is in flight. */
const DEFAULT_STOP_TIMEOUT_MS = 10_000;

async function runEvery(
  script: ScriptInfo,
  execute: ExecuteFn,
  parsed: ParsedArgs,
  everyNs: bigint,
  entries: Entries,
  engine?: EngineModule,
): Promise<number> {
  // A missing endpoint would fail every window alike: say so once, before the loop.
  try {
    await checkExportEndpoints(script, parsed.options);
  } catch (e) {
    return reportError(script, e);
  }
  let stopped = false;
  let running = false;
  let wake: (() => void) | undefined;
  let timer: NodeJS.Timeout | undefined;
  let runs = 0;
  // Stopping, in two steps: `noRetry` (SIGTERM) cuts export retries short; `abandon` (a second Ctrl-C, or SIGTERM's
  // time limit) gives up on what is in flight, which the exporter spools (--spool) and reports.
  const noRetry = new AbortController();
  const abandon = new AbortController();
  const stopTimeoutMs = parsed.stopTimeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
  const spooled =
    parsed.options.spoolDir !== undefined
      ? 'it will be spooled'
      : 'it will be reported as not delivered (add --spool DIR to keep it)';
  const stop = () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    wake?.();
  };
  const onInterrupt = () => {
    if (!stopped) {
      stop();
      if (running)
        process.stderr.write(`stopping: finishing window ${runs + 1} (Ctrl-C again to abandon; ${spooled})\n`);
      return;
    }
    if (abandon.signal.aborted) process.exit(130); // A third Ctrl-C: whatever still runs is not an export.
    if (running)
      process.stderr.write(`abandoning window ${runs + 1}: what is still in flight is not waited for; ${spooled}\n`);
    noRetry.abort();
    abandon.abort();
  };
  const onTerminate = () => {
    stop();
    if (noRetry.signal.aborted) return;
    noRetry.abort();
    if (running) {
      process.stderr.write(
        `stopping (SIGTERM): no more retries; what window ${runs + 1} has not delivered in ${stopTimeoutMs / 1000}s is abandoned (${spooled})\n`,
      );
      setTimeout(() => abandon.abort(), stopTimeoutMs).unref();
    }
  };
  process.on('SIGINT', onInterrupt);
  process.on('SIGTERM', onTerminate);
  const nowNs = () => BigInt(Date.now()) * 1_000_000n;
  let windowStart = nowNs() - everyNs;
  let failures = 0;
  const stopSignals = { noRetry: noRetry.signal, abandon: abandon.signal };
  while (!stopped) {
    const windowEnd = nowNs();
    process.stderr.write(
      `window ${new Date(Number(windowStart / 1_000_000n)).toISOString()} .. ${new Date(Number(windowEnd / 1_000_000n)).toISOString()}\n`,
    );
    running = true;
    const code = await runOnce(
      script,
      execute,
      { ...parsed.options, now: windowEnd, window: { startNs: windowStart, endNs: windowEnd }, stop: stopSignals },
      parsed,
      entries,
      engine,
    );
    running = false;
    runs++;
    if (code !== 0) failures++;
    // Window bounds are inclusive: the next window starts 1 ns later, so no row is in two windows.
    windowStart = windowEnd + 1n;
    const delayMs = Number((windowEnd + everyNs - nowNs()) / 1_000_000n);
    if (!stopped && delayMs > 0)
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, delayMs);
      });
  }
  process.off('SIGINT', onInterrupt);
  process.off('SIGTERM', onTerminate);
  process.stderr.write(`stopped after ${runs} window${runs === 1 ? '' : 's'}, ${failures} failed\n`);
  return failures === 0 ? 0 : 1;
}

/** Lines to stdout in chunks of about 1 MB: a whole wide or long table as one string can pass V8's longest string. */
function writeLines(lines: readonly string[]): void {
  let chunk = '';
  for (const line of lines) {
    chunk += `${line}\n`;
    if (chunk.length >= 1 << 20) {
      process.stdout.write(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') process.stdout.write(chunk);
}

async function reportError(script: ScriptInfo, e: unknown): Promise<number> {
  if (e instanceof ExporterConfigError) {
    process.stderr.write(`${script.name}: ${e.message}\n`);
    for (const h of e.hints) process.stderr.write(`  help: ${h}\n`);
    return 2;
  }
  if (e instanceof ScriptUsageError) {
    process.stderr.write(`${script.name}: ${e.message}\n`);
    for (const h of e.hints) process.stderr.write(`${h}\n`);
    return 2;
  }
  // Inside the script's own operators: name the PxL line (through the module's source map), as compile errors do.
  const { renderLocated, scriptLocation } = await import('./output/script-location.js');
  const where = process.argv[1] ? scriptLocation(e, realpathSync(process.argv[1])) : undefined;
  if (where && (e instanceof PxlRuntimeError || e instanceof Error)) {
    process.stderr.write(`${renderLocated(script.source, where, e.message)}\n`);
    for (const h of e instanceof PxlRuntimeError ? e.hints : []) process.stderr.write(`  help: ${h}\n`);
    if (!(e instanceof PxlRuntimeError))
      process.stderr.write('  this is a bug in pxlc; set PXLC_DEBUG=1 for the stack trace\n');
    if (process.env['PXLC_DEBUG']) process.stderr.write(`${e.stack}\n`);
    return e instanceof PxlRuntimeError ? 1 : 70;
  }
  if (e instanceof PxlRuntimeError) {
    process.stderr.write(`${script.name}: error: ${e.message}\n`);
    for (const h of e.hints) process.stderr.write(`  help: ${h}\n`);
    return 1;
  }
  // A bug in pxlc: say so plainly, keep the detail one line, point at the issue tracker.
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(
    `${script.name}: internal error: ${msg}\n  this is a bug in pxlc; set PXLC_DEBUG=1 for the stack trace\n`,
  );
  if (process.env['PXLC_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
  return 70;
}
