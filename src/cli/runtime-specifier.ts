// How a compiled module imports the runtime. By package name (`pxlc/runtime`) wherever Node resolves that name
// from the module's own directory: a project that installed pxlc, or a file inside the pxlc checkout (a package
// can import itself by name). Elsewhere — `-o /tmp/out.js` from a checkout, the modules `pxlc run` keeps in its
// cache — by the absolute file URL of the same pre-bundled runtime (and the compiler's, for entry points compiled
// when they run), so the module still runs from any directory, and the compiler says so.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { COMPILER_URL, RUNTIME_URL } from '../self-urls.js';

export const RUNTIME_PACKAGE = 'pxlc/runtime';

export interface RuntimeSpecifier {
  readonly specifier: string;
  /** The compiler's, for entry points compiled when they run; default: `pxlc/compile-entry`. */
  readonly compilerSpecifier?: string;
  /** Set when the package name does not resolve from the output's directory. */
  readonly note?: string;
}

/**
 * This pxlc's runtime by its path: the pre-bundled one that `pxlc/runtime` names (dist/runtime, one module), or,
 * in a checkout where it was never built (`tsc -b` alone), the runtime's own files (dist/src/runtime, ~90 modules:
 * about 150 ms more to start).
 */
export function runtimeByPath(): string {
  const packaged = new URL('../../runtime/index.js', import.meta.url);
  return existsSync(packaged) ? packaged.href : RUNTIME_URL;
}

export function runtimeSpecifierFor(outFile: string): RuntimeSpecifier {
  try {
    createRequire(join(dirname(outFile), 'noop.js')).resolve(RUNTIME_PACKAGE);
    return { specifier: RUNTIME_PACKAGE };
  } catch {
    const specifier = runtimeByPath();
    return {
      specifier,
      compilerSpecifier: COMPILER_URL,
      note:
        `${RUNTIME_PACKAGE} does not resolve from ${dirname(outFile)}, so the module imports this pxlc's runtime by its path ` +
        `(${specifier}); install pxlc in that project, or compile with --bundle for one self-contained file`,
    };
  }
}
