// Entry points compiled when they run (checker/entry-points.ts): a function whose body needs its arguments'
// values to compile at all (`df.groupby(by=entity)`) is compiled with those values bound, as Pixie compiles a vis
// script with the values its vis spec passes. The compiled module runs inside the caller's environment (same
// data, clock, metadata and exporter), and is kept per set of values for the rest of the process.
//
// The runtime never imports the compiler: the compiled module hands it a loader for one (`src/compile-entry.ts`),
// so only scripts that need the compiler load it, and only when such an entry point runs. The compiler may come
// with another copy of the runtime (the package's pre-bundled runtime runs the module, the compiler sits in
// dist/src): the entry's module imports the caller's runtime (RUNTIME_SELF_URL), and a compile failure comes back
// as a value, so that the errors a run reports are always this runtime's.

import { PxlRuntimeError } from '../core/errors.js';
import type { RunEnv } from './env.js';
import type { ExecuteFn } from './env.js';
import type { ArgValue } from './script-args.js';
import { RUNTIME_SELF_URL } from './self-url.js';

export interface EmbeddedScript {
  readonly path: string;
  readonly text: string;
}

/**
 * Compiles one entry point of a script with its arguments bound, into a module importing the runtime at
 * `runtimeUrl` (where the compiler has a say); a failure is the report to show.
 */
export type EntryCompiler = (
  script: EmbeddedScript,
  func: string,
  args: Readonly<Record<string, ArgValue>>,
  runtimeUrl: string,
) => Promise<{ readonly execute: ExecuteFn } | { readonly failure: string }>;

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
    execute = loadCompiler().then(async (c) => {
      const compiled = await c.compileEntryPoint(script, func, Object.fromEntries(args), RUNTIME_SELF_URL);
      if ('failure' in compiled) throw new PxlRuntimeError(compiled.failure);
      return compiled.execute;
    });
    compiled.set(key, execute);
  }
  // Its functions were not known when the calling module was compiled, so they may not be loaded yet.
  await env.loadFunctions();
  await (
    await execute
  )(env);
}
