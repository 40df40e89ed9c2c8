// The fuzzing property: compiling any script either succeeds with a module that parses (acorn), loads and
// runs, or reports located diagnostics — the compiler never throws and never produces unparsable JavaScript,
// and a module the checker accepted never fails at run time with anything but a PxlRuntimeError (a
// user-facing message about the data or arguments).

import { parse as parseJs } from 'acorn';
import { compile } from '../src/index.js';
import { PxlRuntimeError, type RunOptions } from '../src/runtime/index.js';
import { loadModule, type LoadedModule } from './load.js';

export type Outcome = 'compiled' | 'diagnostics';

export class FuzzFailure extends Error {
  constructor(
    message: string,
    readonly script: string,
  ) {
    super(message);
  }
}

export interface CaseResult {
  readonly outcome: Outcome;
  readonly js?: string;
}

/** Compiles and checks the output parses: synchronous, no module loading. */
export function compileCase(script: string): CaseResult {
  let result;
  try {
    result = compile({ path: 'fuzz.pxl', text: script, runtimeImport: 'pxlc/runtime' });
  } catch (e) {
    throw new FuzzFailure(`compiler crashed: ${(e as Error).stack ?? String(e)}`, script);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of result.diagnostics) {
    if (d.span.start < 0 || d.span.end > script.length || d.span.start > d.span.end) {
      throw new FuzzFailure(`diagnostic span out of the source: ${JSON.stringify(d.span)} (${d.message})`, script);
    }
  }
  if (errors.length > 0) {
    if (result.js !== undefined) throw new FuzzFailure('errors reported but a module was generated', script);
    return { outcome: 'diagnostics' };
  }
  if (result.js === undefined) throw new FuzzFailure('no errors and no module', script);
  try {
    parseJs(result.js, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch (e) {
    throw new FuzzFailure(`generated module does not parse: ${(e as Error).message}`, script);
  }
  return { outcome: 'compiled', js: result.js };
}

export async function loadCase(script: string, js: string): Promise<LoadedModule> {
  try {
    return await loadModule(js);
  } catch (e) {
    throw new FuzzFailure(`generated module does not load: ${(e as Error).stack ?? String(e)}`, script);
  }
}

/** Fixed clock, small demo data: runs are deterministic and quick. */
export const RUN_NOW = 1_767_225_600_000_000_000n;

/**
 * Runs the module on demo data, exporting to `endpoint`: the rows displayed plus points and spans delivered,
 * and the PxlRuntimeError message if the run stopped with one (data or argument problems are allowed
 * outcomes). Anything else thrown is a failure.
 */
export async function runCase(
  script: string,
  mod: LoadedModule,
  endpoint: string,
): Promise<{ error?: string; rows: number }> {
  const entry = mod.script.outputs.length === 0 ? mod.script.entries?.[0] : undefined;
  const options: RunOptions = {
    demoRows: 40,
    now: RUN_NOW,
    endpoint,
    insecure: true,
    ...(entry
      ? {
          func: entry.name,
          args: Object.fromEntries(entry.params.map((p) => [p.name, p.dataType === 'STRING' ? '-5m' : 3])),
        }
      : {}),
  };
  try {
    const r = await mod.run(options);
    const rows =
      r.tables.reduce((a, t) => a + t.table.length, 0) +
      r.exports.reduce((a, x) => a + x.metricPointsSent + x.spansSent, 0);
    if (!r.delivered) return { error: `not delivered: ${r.exports.flatMap((x) => x.errors).join('; ')}`, rows };
    return { rows };
  } catch (e) {
    if (e instanceof PxlRuntimeError) return { error: e.message, rows: 0 };
    throw new FuzzFailure(`a checked script crashed at run time: ${(e as Error).stack ?? String(e)}`, script);
  }
}
