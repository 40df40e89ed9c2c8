// `pxlc compile` over a corpus of scripts: the examples, the checker's accepted fixtures and, when given, a
// directory of Pixie's own scripts (not in the repository: Pixie's library cannot be committed). One warm-up
// pass, then every script is timed.

import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { compile } from '../../src/index.js';

export interface CorpusTiming {
  readonly scripts: number;
  readonly withErrors: number;
  readonly totalMs: number;
  readonly medianMs: number;
  readonly slowest: { readonly file: string; readonly ms: number };
}

async function pxlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await pxlFiles(path)));
    else if (e.name.endsWith('.pxl')) out.push(path);
  }
  return out.sort();
}

export async function timeCompileCorpus(dirs: readonly string[]): Promise<CorpusTiming> {
  const files = (await Promise.all(dirs.map(pxlFiles))).flat();
  if (files.length === 0) throw new Error(`no .pxl files under ${dirs.join(', ')}`);
  const texts = await Promise.all(files.map((f) => readFile(f, 'utf8')));
  for (let k = 0; k < files.length; k++) compile({ path: files[k]!, text: texts[k]! });
  const times: number[] = [];
  let withErrors = 0;
  let slowest = { file: '', ms: -1 };
  for (let k = 0; k < files.length; k++) {
    const s = performance.now();
    const r = compile({ path: files[k]!, text: texts[k]! });
    const ms = performance.now() - s;
    times.push(ms);
    if (!r.js) withErrors++;
    if (ms > slowest.ms) slowest = { file: relative(process.cwd(), files[k]!), ms };
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    scripts: files.length,
    withErrors,
    totalMs: times.reduce((a, b) => a + b, 0),
    medianMs: sorted[Math.floor(sorted.length / 2)]!,
    slowest,
  };
}
