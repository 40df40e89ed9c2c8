// `--watch` for compile, check and test: run once, then again whenever one of the files the run read changes
// (the script, its vis.json, the --schema file, test files and the scripts they test), until Ctrl-C. Directories
// are watched rather than files, so editors that save by writing a new file and renaming it are seen too. A failed
// run keeps the last good output: compile writes -o only when the script compiles.

import { watch, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { painterFor } from '../runtime/output/terminal.js';
import { checkOnce, compileOnce } from './compile-command.js';
import { expandScriptPaths } from './script-files.js';
import { findTestFiles, runTests, type TestValues } from './test-command.js';

/** Which files a run depends on; asked again after every run (a test file may name another script). */
type Inputs = () => Promise<readonly string[]>;

export async function watchLoop(run: () => Promise<number>, inputs: Inputs): Promise<number> {
  const paint = painterFor(process.stderr);
  let code = await run();
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let again = false;
  const arm = async () => {
    for (const w of watchers) w.close();
    const files = new Set((await inputs()).map((f) => resolve(f)));
    const dirs = new Map<string, Set<string>>();
    for (const f of files) {
      const names = dirs.get(dirname(f)) ?? new Set<string>();
      names.add(basename(f));
      dirs.set(dirname(f), names);
    }
    watchers = [...dirs].flatMap(([dir, names]) => {
      try {
        return [
          watch(dir, (_event, name) => {
            if (name === null || names.has(name.toString()) || names.has('*')) changed();
          }),
        ];
      } catch {
        return [];
      }
    });
    process.stderr.write(
      `${paint('help', 'watching')} ${files.size} file${files.size === 1 ? '' : 's'} for changes (Ctrl-C to stop)\n`,
    );
  };
  const rerun = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    process.stderr.write(`${paint('help', 'change detected')}: running again at ${new Date().toLocaleTimeString()}\n`);
    try {
      code = await run();
    } catch (e) {
      process.stderr.write(`pxlc: error: ${(e as Error).message}\n`);
      code = 1;
    }
    await arm();
    running = false;
    if (again) {
      again = false;
      void rerun();
    }
  };
  // Editors write a file in several steps: wait for them to settle.
  const changed = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void rerun(), 60);
  };
  await arm();
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  if (timer) clearTimeout(timer);
  for (const w of watchers) w.close();
  return code;
}

/** What a script run reads besides itself: its bundle's vis.json and the schema file. */
function besides(script: string, schema: string | undefined): string[] {
  return [script, join(dirname(script), 'vis.json'), ...(schema ? [schema] : [])];
}

export function watchCompile(
  file: string,
  v: { schema?: string } & Parameters<typeof compileOnce>[1],
): Promise<number> {
  return watchLoop(
    () => compileOnce(file, v),
    async () => besides(file, v.schema),
  );
}

export function watchCheck(paths: readonly string[], v: { schema?: string; format?: string }): Promise<number> {
  return watchLoop(
    () => checkOnce(paths, v),
    async () => {
      // A directory is watched as a whole (a new script in it counts); its scripts' vis.json files too.
      const scripts = await expandScriptPaths(paths).catch(() => [...paths]);
      const dirs = paths.filter((p) => !p.endsWith('.pxl')).map((d) => join(d, '*'));
      return [...scripts.flatMap((s) => besides(s, v.schema)), ...dirs];
    },
  );
}

export function watchTests(paths: readonly string[], v: TestValues): Promise<number> {
  return watchLoop(
    () => runTests(paths, v),
    async () => {
      const files = await findTestFiles(paths).catch(() => [] as string[]);
      const scripts = await Promise.all(files.map(async (f) => scriptOf(f)));
      return [
        ...files,
        ...scripts.flatMap((s) => (s ? besides(s, undefined) : [])),
        ...paths.filter((p) => !/\.(ya?ml|json)$/.test(p)).map((d) => join(d, '*')),
      ];
    },
  );
}

/** The script a test file tests: `script:` in it, else the .pxl beside it of the same name. */
async function scriptOf(testFile: string): Promise<string | undefined> {
  const text = await readFile(testFile, 'utf8').catch(() => '');
  const named = /^script:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(text)?.[1];
  return named ? join(dirname(testFile), named) : testFile.replace(/\.test\.(ya?ml|json)$/, '.pxl');
}
