// Entry points compiled when they run (checker/entry-points.ts): a function whose body needs its arguments'
// values to compile at all (`df.groupby(by=entity)`) is compiled with those values bound, as Pixie compiles a vis
// script with the values its vis spec passes. The compiled module runs inside the caller's environment (same
// data, clock, metadata and exporter), and is kept per set of values for the rest of the process.
//
// The runtime never imports the compiler: the compiled module hands it a loader for one (`src/compile-entry.ts`),
// so only scripts that need the compiler load it, and only when such an entry point runs.

import type { RunEnv } from './env.js';
import type { ExecuteFn } from './env.js';
import type { ArgValue } from './script-args.js';

export interface EmbeddedScript {
  readonly path: string;
  readonly text: string;
}

/** Compiles one entry point of a script with its arguments bound; a failure is a PxlRuntimeError. */
export type EntryCompiler = (script: EmbeddedScript, func: string, args: Readonly<Record<string, ArgValue>>) => Promise<ExecuteFn>;

/** Loads the compiler: a dynamic import emitted into the compiled module. */
export type CompilerLoader = () => Promise<{ readonly compileEntryPoint: EntryCompiler }>;

const compiled = new Map<string, Promise<ExecuteFn>>();

export async function runCompiledAtRunTime(
  env: RunEnv,
  script: EmbeddedScript,
  func: string,
  params: readonly string[],
  loadCompiler: CompilerLoader,
): Promise<void> {
  const args = new Map<string, ArgValue>();
  for (const p of params) args.set(p, env.arg(p));
  const key = JSON.stringify([script.path, script.text, func, params.map((p) => String(args.get(p)))]);
  let execute = compiled.get(key);
  if (!execute) {
    execute = loadCompiler().then((c) => c.compileEntryPoint(script, func, Object.fromEntries(args)));
    compiled.set(key, execute);
  }
  // Its functions were not known when the calling module was compiled, so they may not be loaded yet.
  await env.loadFunctions();
  await (await execute)(env);
}
