// A compiled module calls the runtime as `rt.name(...)`; in a page that runtime is the playground's bundle
// (web/playground/runtime.ts), a separate list of exports. Every name the code generator can emit must be in
// both, or a page runs a script that fails on a missing function.

import test from 'ava';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PLAYGROUND_DIR } from '../../src/cli/view-command.js';
import * as nodeRuntime from '../../src/runtime/index.js';

/** The runtime names the code generator writes: `rt('name')` in emit-plan, `member(id('rt'), 'name')` elsewhere. */
function emittedRuntimeNames(): string[] {
  const dir = join(process.cwd(), 'src', 'codegen');
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
    const text = readFileSync(join(dir, file), 'utf8');
    for (const m of text.matchAll(/\brt\('(\w+)'\)|id\('rt'\), '(\w+)'/g)) names.add((m[1] ?? m[2])!);
  }
  return [...names].sort();
}

test('every runtime function generated code calls is exported by the Node runtime and by the runtime a page loads', async (t) => {
  const names = emittedRuntimeNames();
  t.true(names.includes('groupAggregate') && names.includes('int64WordsLE'), names.join(', '));
  const page = (await import(pathToFileURL(join(PLAYGROUND_DIR, 'runtime.js')).href)) as Record<string, unknown>;
  t.deepEqual(
    names.filter((n) => typeof (nodeRuntime as Record<string, unknown>)[n] !== 'function'),
    [],
  );
  t.deepEqual(
    names.filter((n) => typeof page[n] !== 'function'),
    [],
  );
});
