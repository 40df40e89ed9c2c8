// The catalogues that ship with pxlc in data/: Pixie's table schemas, the function signatures and the pxviews
// library. Node reads them from the package once; the browser bundle replaces this module with one that embeds
// them (web/browser/data-files.ts), so the compiler and the runtime never reach for a file system themselves.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** data/tables.json, as parsed JSON (its readers check the shape they use). */
export function tablesJson(): unknown {
  return require('../../../data/tables.json');
}

/** data/functions.json, as parsed JSON. */
export function functionsJson(): unknown {
  return require('../../../data/functions.json');
}

/** The text of data/pxviews.pxl. */
export function pxviewsSource(): string {
  return readFileSync(new URL('../../../data/pxviews.pxl', import.meta.url), 'utf8');
}
