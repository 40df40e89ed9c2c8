// The scripts `pxlc check PATH...` checks: files as given, directories searched for *.pxl (sorted, recursively).

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export async function expandScriptPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    let isDir = false;
    try {
      isDir = (await stat(p)).isDirectory();
    } catch {
      // A missing file is reported when it is read, with the other scripts' results.
    }
    if (!isDir) {
      out.push(p);
      continue;
    }
    const found = (await readdir(p, { recursive: true })).filter((f) => f.endsWith('.pxl')).sort();
    if (found.length === 0) throw new Error(`${p}: no .pxl scripts in this directory`);
    out.push(...found.map((f) => join(p, f)));
  }
  return out;
}
