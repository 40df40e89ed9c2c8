// Compiling an entry point when it runs, in the page (the browser's src/compile-entry.ts): a function whose body
// needs its arguments' values is compiled with them, as Pixie compiles a vis script with its spec's values.

import { PxlRuntimeError } from '../../src/core/errors.js';
import { compileInPage } from './compile.js';
import type { EmbeddedScript, EntryCompiler } from '../../src/runtime/compile-at-run-time.js';
import type { ExecuteFn } from '../../src/runtime/run.js';
import type { ArgValue } from '../../src/runtime/script-args.js';

export const compileEntryPoint: EntryCompiler = async (script: EmbeddedScript, func: string, args: Readonly<Record<string, ArgValue>>): Promise<ExecuteFn> => {
  const result = await compileInPage(script.path, script.text, { entryArgs: { func, args } });
  if ('errors' in result) {
    const given = Object.entries(args).map(([k, v]) => `${k}=${String(v)}`).join(', ');
    throw new PxlRuntimeError(`${func} does not compile with ${given}:\n${result.errors.join('\n')}`);
  }
  return (result.module as unknown as { execute: ExecuteFn }).execute;
};
