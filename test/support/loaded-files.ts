// `node --import <this module's URL> ...` with PXLC_LOADED_FILES=FILE writes to FILE every file the process loads:
// ES modules as its loader hooks see them, and, when it exits, the CommonJS modules and JSON files of require's
// cache. What the tests of the pre-bundled runtime read to see which files a run loads and which it does not.

import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';

const out = process.env['PXLC_LOADED_FILES'];
if (out !== undefined) {
  register(new URL('./loaded-files-hooks.js', import.meta.url));
  process.on('exit', () => {
    const cache = createRequire(import.meta.url).cache;
    appendFileSync(
      out,
      Object.keys(cache)
        .map((f) => `${pathToFileURL(f).href}\n`)
        .join(''),
    );
  });
}

/** What a process run with `--import LOADED_FILES_IMPORT` and PXLC_LOADED_FILES wrote: file URLs, once each. */
export function loadedFiles(text: string): string[] {
  return [...new Set(text.split('\n').filter((l) => l.startsWith('file:')))];
}

export const LOADED_FILES_IMPORT = import.meta.url;
