// Compiling an entry point when it runs, in the page (the browser's src/compile-entry.ts): a function whose body
// needs its arguments' values is compiled with them, as Pixie compiles a vis script with its spec's values.

import { compileInPage } from './compile.js';
import type { EmbeddedScript, EntryCompiler } from '../../src/runtime/compile-at-run-time.js';
import type { ExecuteFn } from '../../src/runtime/run.js';
import type { ArgValue } from '../../src/runtime/script-args.js';

// The page has one runtime, which compileInPage's modules use: the runtime's URL is not needed.
export const compileEntryPoint: EntryCompiler = async (
  script: EmbeddedScript,
  func: string,
  args: Readonly<Record<string, ArgValue>>,
) => {
  const result = await compileInPage(script.path, script.text, { entryArgs: { func, args } });
  if ('errors' in result) {
    const given = Object.entries(args)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return { failure: `${func} does not compile with ${given}:\n${result.errors.join('\n')}` };
  }
  return { execute: (result.module as unknown as { execute: ExecuteFn }).execute };
};
