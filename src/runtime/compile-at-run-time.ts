// Entry points compiled when they run (checker/entry-points.ts): a function whose body needs its arguments'
// values to compile at all (`df.groupby(by=entity)`) is compiled with those values bound, as Pixie compiles a vis
// script with the values its vis spec passes. The compiled module runs inside the caller's environment (same
// data, clock, metadata and exporter), and is kept per set of values for the rest of the process.

import { PxlRuntimeError } from './contracts.js';
import type { RunEnv } from './env.js';
import type { ExecuteFn } from './run.js';
import type { ArgValue } from './script-args.js';

export interface EmbeddedScript {
  readonly path: string;
  readonly text: string;
}

const compiled = new Map<string, Promise<ExecuteFn>>();

export async function runCompiledAtRunTime(env: RunEnv, script: EmbeddedScript, func: string, params: readonly string[]): Promise<void> {
  const args: Record<string, ArgValue> = {};
  for (const p of params) args[p] = env.arg(p);
  const key = JSON.stringify([script.path, script.text, func, params.map((p) => String(args[p]))]);
  let execute = compiled.get(key);
  if (!execute) {
    execute = compileEntry(script, func, args);
    compiled.set(key, execute);
  }
  await (await execute)(env);
}

async function compileEntry(script: EmbeddedScript, func: string, args: Readonly<Record<string, ArgValue>>): Promise<ExecuteFn> {
  // The compiler is loaded only by scripts that need it, and only when such an entry point runs.
  const { compile, renderText, RUNTIME_URL } = await import('../index.js');
  const result = compile({ path: script.path, text: script.text, options: { entryArgs: { func, args } }, runtimeImport: RUNTIME_URL });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.js === undefined) {
    const given = Object.entries(args).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    throw new PxlRuntimeError(`${func} does not compile with ${given}:\n${errors.map(renderText).join('\n\n')}`);
  }
  const module = (await import(`data:text/javascript;base64,${Buffer.from(result.js).toString('base64')}`)) as { execute: ExecuteFn };
  return module.execute;
}
