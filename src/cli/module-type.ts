// Node reads OUT.js as an ES module only where the nearest package.json says "type": "module". `npm init -y` writes
// "type": "commonjs", where a compiled module fails with "Cannot use import statement outside a module"; with no
// "type" at all, Node 20.19+ re-parses it as ES with a warning (older Node fails). The compiler says so when it
// writes the file, rather than leaving the user to meet it when the module runs.

import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A note when Node would not load `outFile` as an ES module, else undefined. */
export function moduleTypeNote(outFile: string): string | undefined {
  if (!outFile.endsWith('.js')) return undefined;
  for (let dir = dirname(outFile); ; dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    let text: string | undefined;
    try {
      text = readFileSync(pkg, 'utf8');
    } catch {
      if (dirname(dir) === dir) return undefined;
      continue;
    }
    let type: unknown;
    try {
      type = (JSON.parse(text) as { type?: unknown } | null)?.type;
    } catch {
      return undefined;
    }
    if (type === 'module') return undefined;
    const says = type === undefined ? 'has no "type"' : `says "type": ${JSON.stringify(type)}`;
    return (
      `${pkg} ${says}, so Node reads ${basename(outFile)} as CommonJS and its import fails` +
      `${type === undefined ? ' (or, from Node 20.19, re-parses it with a warning)' : ''}: ` +
      `write ${basename(outFile, '.js')}.mjs instead, or set "type": "module" in ${basename(pkg)}`
    );
  }
}
