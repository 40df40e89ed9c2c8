// PxL text → a module loaded in the page: the same checker and code generator as `pxlc compile`; the module
// imports the browser runtime and compiler beside the page (runtime.js, compile-entry.js).

import { check } from '../../src/compiler.js';
import type { CheckEnv } from '../../src/checker/check.js';
import { generateModule } from '../../src/codegen/generate.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import type { ScriptModule } from '../../src/runtime/view/build-page.js';

declare const PXLC_VERSION: string;
export const VERSION = PXLC_VERSION;

const base = new URL('.', import.meta.url);
const RUNTIME_URL = new URL('runtime.js', base).href;
const COMPILER_URL = new URL('compile-entry.js', base).href;

export async function compileInPage(
  path: string,
  text: string,
  options: CheckEnv['options'] = {},
): Promise<{ module: ScriptModule; diagnostics: readonly Diagnostic[] } | { errors: string[] }> {
  const checked = check({ path, text, options });
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !checked.plan) return { errors: errors.map((d) => d.message) };
  const js = generateModule(checked.plan, {
    sourcePath: path,
    runtimeImport: RUNTIME_URL,
    compilerImport: COMPILER_URL,
    version: VERSION,
  });
  const url = URL.createObjectURL(new Blob([js], { type: 'text/javascript' }));
  try {
    return { module: (await import(url)) as ScriptModule, diagnostics: checked.diagnostics };
  } finally {
    URL.revokeObjectURL(url);
  }
}
