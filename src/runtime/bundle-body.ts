// The start of a one-file bundle (`pxlc compile --bundle`, src/cli/bundle.ts). The bundle is a small ES module
// holding its code — the compiled script and the runtime — as the text of a CommonJS-style function, which this
// module compiles with V8's code cache. Node 20 caches no ES module's compilation, and parsing the half megabyte
// of code was most of a bundle's start-up; with the cache V8 reads what it compiled last time instead. (Keeping
// the text in comments after the module, read back from the file, measured the same.)
// Which cache, and when it is written: code-cache.ts.

import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compileWithCodeCache, type CodeCacheUse } from './code-cache.js';

/** What the body's code calls the bundle module's `import.meta.url` and its import() (besides CommonJS's names). */
export const BODY_MODULE_URL = '__pxlcModuleUrl';
export const BODY_IMPORT = '__pxlcImport';
const BODY_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', BODY_MODULE_URL, BODY_IMPORT];

/**
 * The bundle's code as the function the body's text is (written so when bundling: wrapping it here would copy half
 * a megabyte again at every start).
 */
export function bodyFunction(code: string): string {
  return `(function (${BODY_PARAMETERS.join(', ')}) {${code}\n})`;
}

/** What the body exports: the compiled script's exports and `runIfMain`, or the runtime's. */
export type BodyExports = Readonly<Record<string, unknown>> & {
  /** A compiled script's: runs it as a program when `moduleUrl` is the module node was asked to run. */
  readonly runIfMain?: (moduleUrl: string) => Promise<void>;
};

/**
 * Compiles and runs `body` (a `bodyFunction`, whose text hashes to `hash`, computed when bundling) for the bundle
 * module at `moduleUrl`; `importPackage` is that module's import().
 */
export function loadBody(
  moduleUrl: string,
  body: string,
  hash: string,
  importPackage: (name: string) => Promise<unknown>,
): LoadedBody {
  const file = fileURLToPath(moduleUrl);
  const { script, codeCache } = compileWithCodeCache(file, body, hash);
  const module = { exports: {} as BodyExports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(moduleUrl), module, file, dirname(file), moduleUrl, importPackage);
  return { exports: module.exports, codeCache };
}

export interface LoadedBody {
  readonly exports: BodyExports;
  readonly codeCache: CodeCacheUse;
}
