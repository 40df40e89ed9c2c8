// Compiling a PxL snippet into a module file and importing it, as a service would.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';

export interface CompiledScript {
  /** The module file, for `node FILE ...`. */
  readonly file: string;
  run(options: Record<string, unknown>): Promise<RunResult>;
}

export async function compileScript(text: string, name = 'script'): Promise<CompiledScript> {
  const r = compile({ path: `${name}.pxl`, text });
  if (!r.js) throw new Error(`${name}.pxl does not compile:\n${r.diagnostics.map((d) => d.message).join('\n')}`);
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-script-')), `${name}.js`);
  await writeFile(file, r.js);
  const m = (await import(pathToFileURL(file).href)) as { run: CompiledScript['run'] };
  return { file, run: m.run };
}

/** Every column of a result table as plain values (booleans, bigints for int64 and times), in schema order. */
export function columnArrays(r: RunResult, name: string): unknown[][] {
  return Object.values(r.columns(name));
}
