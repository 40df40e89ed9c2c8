// `node out.js [flags]`: the command line of a compiled script. User errors print one clear message
// (never a stack trace); exit 1 when the script failed or did not deliver everything, 2 for usage errors.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { realpathSync } from 'node:fs';
import { PxlRuntimeError } from './contracts.js';
import { runScript, type ExecuteFn, type RunOptions, type ScriptInfo } from './run.js';
import { formatTable } from './output/format-table.js';
import { jsonRows } from './output/json-rows.js';
import { parseDurationFlag, parseTimeFlag } from './flag-values.js';

const USAGE = `usage: node SCRIPT.js [options]
  --data DIR            read tables from DIR (CSV, NDJSON, px run -o json) instead of the built-in demo data
  --endpoint HOST:PORT  send OTel exports here (overrides the script's px.otel.Endpoint url)
  --insecure            allow a plaintext (non-TLS) connection to the collector
  --ca FILE             trust this CA certificate (PEM) for the collector's TLS certificate
  --output table|json   how px.display results are printed (default: table)
  --now TIME|latest     "now" for relative times: ns since the epoch, an ISO-8601 time, or 'latest' (the
                        latest time_ in the --data files, to replay recorded data); default: current time
  --window DURATION     plugin window length ending now, e.g. 10s, 1m (default: 10s)
  --rows N              rows per table of the demo data
  --seed N              seed of the demo data
  --help                show this help`;

export function isMainModule(moduleUrl: string): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(fileURLToPath(moduleUrl)) === realpathSync(entry);
  } catch {
    return false;
  }
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[]): { options: RunOptions; output: 'table' | 'json' } {
  const opts: { -readonly [K in keyof RunOptions]: RunOptions[K] } = {};
  let output: 'table' | 'json' = 'table';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`${arg} needs a value`);
      return v;
    };
    switch (arg) {
      case '--data': opts.data = value(); break;
      case '--endpoint': opts.endpoint = value(); break;
      case '--insecure': opts.insecure = true; break;
      case '--ca': {
        const file = value();
        try { opts.caPem = readFileSync(file); } catch (e) { throw new PxlRuntimeError(`cannot read --ca ${file}: ${(e as Error).message}`); }
        break;
      }
      case '--output': {
        const v = value();
        if (v !== 'table' && v !== 'json') throw new UsageError(`--output must be 'table' or 'json', not '${v}'`);
        output = v;
        break;
      }
      case '--now': {
        const v = value();
        opts.now = v === 'latest' ? 'latest' : parseTimeFlag(v, '--now');
        break;
      }
      case '--window': opts.windowNs = parseDurationFlag(value(), '--window'); break;
      case '--rows': opts.demoRows = positiveInt(value(), '--rows'); break;
      case '--seed': opts.seed = positiveInt(value(), '--seed'); break;
      case '--help': case '-h': throw new UsageError('');
      default: throw new UsageError(`unknown option '${arg}'`);
    }
  }
  return { options: opts, output };
}

function positiveInt(v: string, flag: string): number {
  if (!/^\d+$/.test(v) || Number(v) <= 0) throw new UsageError(`${flag} needs a positive integer, not '${v}'`);
  return Number(v);
}

export async function runMain(script: ScriptInfo, execute: ExecuteFn): Promise<void> {
  process.exitCode = await main(script, execute, process.argv.slice(2));
}

export async function main(script: ScriptInfo, execute: ExecuteFn, argv: readonly string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      if (e.message) process.stderr.write(`${script.name}: ${e.message}\n`);
      process.stderr.write(`${USAGE}\n`);
      return e.message ? 2 : 0;
    }
    return reportError(script, e);
  }
  try {
    const result = await runScript(script, execute, { ...parsed.options, log: (line) => process.stderr.write(`${line}\n`) });
    for (const t of result.tables) {
      if (parsed.output === 'json') for (const line of jsonRows(t.name, t.table)) process.stdout.write(`${line}\n`);
      else process.stdout.write(`${formatTable(t.name, t.table)}\n`);
    }
    for (const r of result.exports) {
      const sent = [r.metricPointsSent > 0 || r.metricPointsFailed > 0 ? `${r.metricPointsSent} metric points` : '',
        r.spansSent > 0 || r.spansFailed > 0 ? `${r.spansSent} spans` : ''].filter(Boolean).join(' and ') || 'nothing (no rows)';
      process.stderr.write(`exported ${sent} to ${r.endpoint} in ${r.requests} request${r.requests === 1 ? "" : "s"}\n`);
      const failed = r.metricPointsFailed + r.spansFailed;
      if (failed > 0) {
        process.stderr.write(`error: ${r.metricPointsFailed} metric points and ${r.spansFailed} spans were NOT delivered to ${r.endpoint}\n`);
        for (const err of r.errors) process.stderr.write(`  ${err}\n`);
      }
    }
    return result.delivered ? 0 : 1;
  } catch (e) {
    return reportError(script, e);
  }
}

function reportError(script: ScriptInfo, e: unknown): number {
  if (e instanceof PxlRuntimeError) {
    process.stderr.write(`${script.name}: error: ${e.message}\n`);
    for (const h of e.hints) process.stderr.write(`  help: ${h}\n`);
    return 1;
  }
  // A bug in pxlc: say so plainly, keep the detail one line, point at the issue tracker.
  const msg = e instanceof Error ? e.message : String(e);
  process.stderr.write(`${script.name}: internal error: ${msg}\n  this is a bug in pxlc; set PXLC_DEBUG=1 for the stack trace\n`);
  if (process.env['PXLC_DEBUG']) process.stderr.write(`${e instanceof Error ? e.stack : ''}\n`);
  return 70;
}
