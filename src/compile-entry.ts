// Compiling one entry point while a module runs (runtime/compile-at-run-time.ts). It sits above both the compiler
// and the runtime, so the runtime can be handed it without ever importing the compiler.

import { Buffer } from 'node:buffer';
import { compile, renderText, RUNTIME_URL } from './index.js';
import type { EmbeddedScript, EntryCompiler } from './runtime/compile-at-run-time.js';
import type { ExecuteFn } from './runtime/run.js';
import type { ArgValue } from './runtime/script-args.js';

export const compileEntryPoint: EntryCompiler = async (
  script: EmbeddedScript,
  func: string,
  args: Readonly<Record<string, ArgValue>>,
  runtimeUrl: string = RUNTIME_URL,
) => {
  const result = compile({
    path: script.path,
    text: script.text,
    options: { entryArgs: { func, args } },
    runtimeImport: runtimeUrl,
  });
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || result.js === undefined) {
    const given = Object.entries(args)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(', ');
    return { failure: `${func} does not compile with ${given}:\n${errors.map((d) => renderText(d)).join('\n\n')}` };
  }
  const module = (await import(`data:text/javascript;base64,${Buffer.from(result.js).toString('base64')}`)) as {
    execute: ExecuteFn;
  };
  return { execute: module.execute };
};
