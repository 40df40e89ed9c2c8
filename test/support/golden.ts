// Golden files: compare output with a reviewed file next to the input, or rewrite it with UPDATE_GOLDEN=1.

import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root, from dist/test/support/golden.js. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export function fixturePath(...parts: string[]): string {
  return join(ROOT, 'test', 'fixtures', ...parts);
}

export function listFixtures(dir: string, ext = '.pxl'): string[] {
  return readdirSync(fixturePath(dir)).filter((f) => f.endsWith(ext)).sort();
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

/** Returns [expected, actual]; in update mode writes `actual` and returns it twice. */
export function golden(path: string, actual: string): [string, string] {
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) {
    if (!existsSync(path) && process.env['CI']) return [`(missing golden file ${path})`, actual];
    writeFileSync(path, actual);
    return [actual, actual];
  }
  return [readFileSync(path, 'utf8'), actual];
}
