// npm run fuzz [-- --cases N --seed S]: mutation fuzzing of the compiler over every fixture and example.
// Bounded: stops after N cases (default 100 000) and prints the outcome counts.

import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { applyMutation, mutationArb } from './mutate.js';
import { compileCase, FuzzFailure } from './property.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export function corpus(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (f.endsWith('.pxl')) out.push(readFileSync(p, 'utf8'));
    }
  };
  walk(join(ROOT, 'examples'));
  walk(join(ROOT, 'test', 'fixtures'));
  return out;
}

export function fuzz(cases: number, seed: number): { compiled: number; diagnostics: number } {
  const scripts = corpus();
  const counts = { compiled: 0, diagnostics: 0 };
  fc.assert(
    fc.property(fc.nat({ max: scripts.length - 1 }), fc.array(mutationArb(), { minLength: 1, maxLength: 4 }), (i, ms) => {
      const script = ms.reduce(applyMutation, scripts[i]!);
      counts[compileCase(script)]++;
    }),
    { numRuns: cases, seed, endOnFailure: true },
  );
  return counts;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string, dflt: number) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : dflt;
  };
  const cases = arg('--cases', 100_000);
  const seed = arg('--seed', Date.now() % 1_000_000);
  const started = Date.now();
  try {
    const counts = fuzz(cases, seed);
    console.log(`fuzz: ${cases} cases (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s: ` +
      `${counts.compiled} compiled and parsed, ${counts.diagnostics} rejected with diagnostics, 0 crashes`);
  } catch (e) {
    const f = (e as { cause?: unknown }).cause instanceof FuzzFailure ? (e as { cause: FuzzFailure }).cause : e;
    console.error(`fuzz: FAILED (seed ${seed})\n${(f as Error).message}\n${f instanceof FuzzFailure ? `script:\n${JSON.stringify(f.script)}` : ''}`);
    process.exitCode = 1;
  }
}
