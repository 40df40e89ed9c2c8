// Loads generated JavaScript as a module (written to a temporary file, since Node imports files) and returns
// one of its exports.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

let counter = 0;

export async function compiledModule<T>(js: string, exportName: string): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-'));
  const file = join(dir, `m${counter++}.js`);
  await writeFile(file, js);
  return ((await import(pathToFileURL(file).href)) as Record<string, T>)[exportName]!;
}
