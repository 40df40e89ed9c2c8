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
  return readdirSync(fixturePath(dir))
    .filter((f) => f.endsWith(ext))
    .sort();
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

/**
 * Returns [expected, actual]. With UPDATE_GOLDEN=1 it writes `actual` (review the diff) and returns it twice; a
 * missing golden file fails, so a new fixture never passes before its output was looked at.
 */
export function golden(path: string, actual: string): [string, string] {
  if (process.env['UPDATE_GOLDEN'] === '1') {
    writeFileSync(path, actual);
    return [actual, actual];
  }
  if (!existsSync(path))
    return [`(missing golden file ${path}: run the test with UPDATE_GOLDEN=1 and review it)`, actual];
  return [readFileSync(path, 'utf8'), actual];
}
