// The dependency rule of docs/ARCHITECTURE.md, checked on the source tree: no folder-level import cycle in src/,
// the runtime never reaches the compiler, and the lint rule that guards this fails on a deliberately wrong import.

import test from 'ava';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ESLint } from 'eslint';
import { ROOT } from '../support/golden.js';

const SRC = join(ROOT, 'src');

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The folder of src/ a file belongs to ('index.ts' and other top-level files stand for themselves). */
function unitOf(file: string): string {
  return relative(SRC, file).split('/')[0]!;
}

/** Folder → the folders its files import (relative imports only; packages are not pxlc). */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of tsFiles(SRC)) {
    const from = unitOf(file);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) {
      const target = unitOf(resolve(dirname(file), m[1]!.replace(/\.js$/, '.ts')));
      if (target !== from) edges.add(target);
    }
  }
  return graph;
}

/** ESLint on text that is not a file of the project: type-aware rules off, the import zones as configured. */
function linter(): ESLint {
  return new ESLint({
    cwd: ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { projectService: false, project: null } },
      rules: { '@typescript-eslint/switch-exhaustiveness-check': 'off' },
    },
  });
}

function findCycle(graph: Map<string, Set<string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const path: string[] = [];
  const visit = (n: string): string[] | undefined => {
    if (state.get(n) === 'done') return undefined;
    if (state.get(n) === 'open') return [...path.slice(path.indexOf(n)), n];
    state.set(n, 'open');
    path.push(n);
    for (const m of graph.get(n) ?? []) {
      const cycle = visit(m);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(n, 'done');
    return undefined;
  };
  for (const n of graph.keys()) {
    const cycle = visit(n);
    if (cycle) return cycle;
  }
  return undefined;
}

test('the folders of src/ import each other without a cycle', (t) => {
  t.is(findCycle(folderGraph())?.join(' → '), undefined);
});

test('src/core imports nothing of pxlc, and src/runtime imports only src/core', (t) => {
  const graph = folderGraph();
  t.deepEqual([...(graph.get('core') ?? [])], []);
  t.deepEqual([...(graph.get('runtime') ?? [])], ['core']);
});

test('the lint rule rejects a runtime file that imports the compiler, naming the rule', async (t) => {
  const eslint = linter();
  const wrong = "import { check } from '../checker/check.js';\nexport const c = check;\n";
  const [result] = await eslint.lintText(wrong, { filePath: join(SRC, 'runtime', 'wrong-import.ts') });
  const messages = result!.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths');
  t.is(messages.length, 1);
  t.regex(messages[0]!.message, /never imports the compiler/);
  t.is(messages[0]!.line, 1);
});

test('the lint rule accepts the same import from the top (src/cli)', async (t) => {
  const eslint = linter();
  const fine = "import { check } from '../checker/check.js';\nexport const c = check;\n";
  const [result] = await eslint.lintText(fine, { filePath: join(SRC, 'cli', 'fine-import.ts') });
  t.deepEqual(
    result!.messages.filter((m) => m.ruleId === 'import-x/no-restricted-paths'),
    [],
  );
});
