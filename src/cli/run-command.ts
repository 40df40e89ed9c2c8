// `pxlc run SCRIPT.pxl|DIR [flags] [-- --variable value ...]`: compile (cached) and run in one step, as `px run`
// runs a script of Pixie's library. DIR is a script bundle (NAME.pxl with its vis.json), as in Pixie's
// src/pxl_scripts. The compiled module is kept in a cache keyed by the script, its vis.json and this pxlc, and runs
// in a child process with the flags after the script (the module's own: --output json, --data DIR, -- ...).
//
// A cached module runs without loading the compiler: only a script, vis.json or pxlc that changed is compiled.

import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readdirSync, statSync } from 'node:fs';
import { VERSION } from '../runtime/version.js';
import { runtimeByPath, runtimeSpecifierFor } from './runtime-specifier.js';
import { UserError } from './user-error.js';
import { UsageError } from '../runtime/cli-args.js';
import { cacheDir } from '../runtime/cache-dir.js';

/** The script a path names: the file itself, or the one .pxl of a bundle directory. */
export async function scriptOfPath(path: string): Promise<string> {
  let isDir: boolean;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch {
    throw new UserError(`cannot read ${path}: no such file or directory`);
  }
  if (!isDir) return path;
  const scripts = (await readdir(path)).filter((f) => f.endsWith('.pxl')).sort();
  if (scripts.length === 1) return join(path, scripts[0]!);
  throw new UserError(
    scripts.length === 0
      ? `${path}: no .pxl script in this directory (a script bundle holds NAME.pxl and its vis.json)`
      : `${path}: ${scripts.length} scripts in this directory (${scripts.join(', ')}): name one`,
  );
}

/**
 * This pxlc: its version and the newest file of the compiler's stages (an incremental build rewrites only the
 * files that changed, so one file's time would keep a stale module after a rebuild of another stage).
 */
function compilerStamp(): string {
  const src = fileURLToPath(new URL('..', import.meta.url));
  let newest = 0;
  for (const dir of ['.', 'core', 'core/plan', 'frontend', 'diagnostics', 'checker', 'codegen', 'sql']) {
    for (const f of readdirSync(join(src, dir))) {
      if (f.endsWith('.js')) newest = Math.max(newest, statSync(join(src, dir, f)).mtimeMs);
    }
  }
  // The schemas and function signatures the checker reads.
  for (const f of ['tables.json', 'functions.json'])
    newest = Math.max(newest, statSync(join(src, '..', '..', 'data', f)).mtimeMs);
  return `${VERSION}:${newest}:${runtimeByPath()}`;
}

/** The compiled module for `script` from the cache, compiling it when the script, its vis.json or pxlc changed. */
export async function cachedModule(script: string): Promise<string | undefined> {
  // Keyed by the texts as they are: the compiler is loaded only when the module must be compiled.
  let text: string;
  try {
    text = await readFile(script, 'utf8');
  } catch (e) {
    throw new UserError(`cannot read ${script}: ${(e as Error).message}`);
  }
  const visText = await readFile(join(dirname(script), 'vis.json'), 'utf8').catch(() => null);
  const key = createHash('sha256')
    .update(JSON.stringify([compilerStamp(), resolve(script), text, visText]))
    .digest('hex')
    .slice(0, 32);
  const name = script
    .replace(/^.*[\\/]/, '')
    .replace(/\.pxl$/, '')
    .replace(/[^\w.-]/g, '_');
  const file = join(cacheDir(), `${name}-${key}.js`);
  try {
    await stat(file);
    return file;
  } catch {
    // Not cached yet.
  }
  const [{ compile }, { readInput, printDiagnostics }] = await Promise.all([
    import('../index.js'),
    import('./compile-command.js'),
  ]);
  // The cache is outside any project: the module imports this pxlc's runtime by its path.
  const input = await readInput(script, undefined, runtimeSpecifierFor(file));
  // With its source map inline, a run-time error names the script's line and column.
  const result = compile({ ...input, sourceMap: { mode: 'inline', file: file.replace(/^.*[\\/]/, '') } });
  printDiagnostics(result.diagnostics);
  if (result.js === undefined || result.diagnostics.some((d) => d.severity === 'error')) return undefined;
  await mkdir(dirname(file), { recursive: true });
  // Written under a temporary name and renamed, so a concurrent run never imports half a module.
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, result.js);
  await rename(tmp, file);
  return file;
}

const RUN_HELP = `usage: pxlc run SCRIPT.pxl|DIR [flags of the compiled module] [-- --variable value ...]

Compile a script (once: the module is cached in $PXLC_CACHE_DIR, else $XDG_CACHE_HOME/pxlc or ~/.cache/pxlc) and run
it, like px run. DIR is a script bundle: one NAME.pxl with the vis.json beside it, whose widgets' functions all run
with the variables given after -- (or --arg NAME=VALUE) and the spec's defaults. The flags before -- are those of
the compiled module (--output json, --data DIR, --now TIME, --every 10s, ...: see node OUT.js --help).

  -h, --help  show this help
`;

export async function runCommand(argv: readonly string[]): Promise<number> {
  const [path, ...flags] = argv;
  if (path === '--help' || path === '-h') {
    process.stdout.write(RUN_HELP);
    return 0;
  }
  if (path === undefined || path.startsWith('-'))
    throw new UsageError(
      'pxlc run',
      'missing the script to run: pxlc run SCRIPT.pxl|DIR [flags of the module] [-- --variable value]',
    );
  const script = await scriptOfPath(path);
  const file = await cachedModule(script);
  if (!file) return 1;
  return runModule(file, flags, `pxlc run ${path}`);
}

/** Runs a compiled module as `node FILE flags...`; Ctrl-C goes to it (plugin mode stops cleanly) and its code is ours. */
function runModule(file: string, flags: readonly string[], invokedAs: string): Promise<number> {
  return new Promise((resolveCode) => {
    const child = spawn(process.execPath, [file, ...flags], {
      stdio: 'inherit',
      env: { ...process.env, PXLC_INVOKED_AS: invokedAs },
    });
    const ignore = () => {};
    process.on('SIGINT', ignore);
    process.on('SIGTERM', ignore);
    child.on('exit', (code, signal) => {
      process.off('SIGINT', ignore);
      process.off('SIGTERM', ignore);
      resolveCode(code ?? (signal ? 130 : 1));
    });
  });
}
