// `pxlc compile DIR -o OUTDIR`: every script of a directory tree compiled in one command.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { compile } from '../index.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { readInput } from './compile-command.js';
import { runtimeSpecifierFor } from './runtime-specifier.js';

/**
 * `pxlc compile DIR -o OUTDIR`: every .pxl under DIR (with the vis.json beside it) to OUTDIR, same relative paths.
 * Scripts with errors are reported and skipped; the others are written. Exit 1 if any had errors.
 */
export async function compileDirectory(
  dir: string,
  outDir: string,
  scripts: readonly string[],
  print: (d: readonly Diagnostic[]) => void,
): Promise<number> {
  let failed = 0;
  let note: string | undefined;
  for (const script of scripts) {
    const out = join(outDir, relative(dir, script).replace(/\.pxl$/, '.js'));
    // As for one script: `pxlc/runtime` where it resolves from the module's directory, else this pxlc's by path.
    const runtime = runtimeSpecifierFor(out);
    note ??= runtime.note;
    const result = compile(await readInput(script, undefined, runtime));
    print(result.diagnostics);
    if (result.js === undefined || result.diagnostics.some((d) => d.severity === 'error')) {
      failed++;
      continue;
    }
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, result.js);
  }
  // Said once: the modules of one tree resolve packages alike.
  if (note) process.stderr.write(`pxlc: note: ${note}\n`);
  process.stderr.write(
    `compiled ${scripts.length - failed} of ${scripts.length} scripts into ${outDir}${failed ? ` (${failed} with errors)` : ''}\n`,
  );
  return failed > 0 ? 1 : 0;
}
