// npm run fuzz [-- --cases N --seed S --no-run --corpus DIR --hostile N --hostile-size N --hostile-ms MS]: property-based
// and mutation fuzzing of the compiler, then N hostile-structure cases (fuzz/hostile.ts, default 300, sizes up to 600,
// each compile within 60 s).
// Half the cases are random scripts built to compile (fuzz/generate.ts), some of them mutated; half are
// mutations of every fixture and example. Every compiled module is parsed with acorn, loaded, and (unless
// --no-run) run on demo data against an in-process collector. Bounded: stops after N cases (default 100 000).

import fc from 'fast-check';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startCollector, type ReceivedCollector } from '../src/collector/server.js';
import { choicesArb, generateScript } from './generate.js';
import { vmModulesAvailable } from './load.js';
import { applyMutation, mutationArb } from './mutate.js';
import { compileCase, FuzzFailure, loadCase, runCase } from './property.js';
import { hostileArb, hostileCase, type HostileCounts } from './hostile.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The project's examples and fixtures, plus every .pxl under `extra` directories (e.g. Pixie's library). */
export function corpus(extra: readonly string[] = []): string[] {
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
  for (const dir of extra) walk(dir);
  return out;
}

export interface FuzzCounts {
  cases: number;
  /** Compiled, parsed by acorn and loaded. */
  compiled: number;
  diagnostics: number;
  /** Of the compiled: ran to the end on demo data. */
  ran: number;
  /** Rows displayed plus points and spans delivered, over all runs. */
  rowsOut: number;
  /** Of the compiled: stopped with a PxlRuntimeError (message → count). */
  runtimeErrors: Map<string, number>;
}

export interface FuzzOptions {
  readonly cases: number;
  readonly seed: number;
  /** Load every compiled module (needs --experimental-vm-modules). Default: true. */
  readonly load?: boolean;
  /** Also run every loaded module on demo data. Default: true. */
  readonly run?: boolean;
  /** More directories of .pxl scripts to mutate. */
  readonly corpusDirs?: readonly string[];
}

/** One case: a random script (maybe mutated) or a mutated fixture. */
function caseArb(scripts: readonly string[]): fc.Arbitrary<string> {
  const mutations = (min: number) => fc.array(mutationArb(), { minLength: min, maxLength: 3 });
  return fc.oneof(
    fc
      .tuple(choicesArb(), fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 1, arbitrary: mutations(1) }))
      .map(([choices, ms]) => ms.reduce(applyMutation, generateScript(choices))),
    fc.tuple(fc.nat({ max: scripts.length - 1 }), mutations(1)).map(([i, ms]) => ms.reduce(applyMutation, scripts[i]!)),
  );
}

export async function fuzz(options: FuzzOptions): Promise<FuzzCounts> {
  const load = options.load ?? true;
  const run = load && (options.run ?? true);
  if (load && !vmModulesAvailable()) throw new Error('loading generated modules needs node --experimental-vm-modules');
  const counts: FuzzCounts = { cases: 0, compiled: 0, diagnostics: 0, ran: 0, rowsOut: 0, runtimeErrors: new Map() };
  const collector: ReceivedCollector | undefined = run ? await startCollector() : undefined;
  const endpoint = collector ? `127.0.0.1:${collector.port}` : '';
  try {
    await fc.assert(
      fc.asyncProperty(caseArb(corpus(options.corpusDirs)), async (script) => {
        counts.cases++;
        const r = compileCase(script);
        if (r.outcome === 'diagnostics' || !load) {
          counts[r.outcome]++;
          return;
        }
        const mod = await loadCase(script, r.js!);
        counts.compiled++;
        if (!run) return;
        const { error, rows } = await runCase(script, mod, endpoint);
        counts.rowsOut += rows;
        if (error === undefined) counts.ran++;
        else {
          const key = error.replace(/\d+/g, 'N').slice(0, 160);
          counts.runtimeErrors.set(key, (counts.runtimeErrors.get(key) ?? 0) + 1);
        }
        if (collector && collector.requests.length > 1000) {
          // The collector keeps what it receives; a long run must not hoard it.
          collector.metrics.length = 0;
          collector.traces.length = 0;
          collector.metadata.length = 0;
          collector.requests.length = 0;
        }
      }),
      { numRuns: options.cases, seed: options.seed },
    );
  } finally {
    collector?.kill();
  }
  return counts;
}

export interface HostileOptions {
  readonly cases: number;
  readonly seed: number;
  readonly maxSize: number;
  /** The longest one compile may take. */
  readonly limitMs: number;
  readonly run: boolean;
}

/** The hostile-structure cases (fuzz/hostile.ts); a compiled self-append or self-merge also runs. */
export async function fuzzHostile(options: HostileOptions): Promise<HostileCounts> {
  const counts: HostileCounts = { cases: 0, compiled: 0, diagnostics: 0, slowest: { ms: 0, shape: '', size: 0 } };
  await fc.assert(
    fc.asyncProperty(hostileArb(options.maxSize), async (c) => {
      const js = hostileCase(c, counts, options.limitMs);
      if (js === undefined || !options.run || !/^self/.test(c.shape)) return;
      await runCase(c.script, await loadCase(c.script, js), '');
    }),
    { numRuns: options.cases, seed: options.seed },
  );
  return counts;
}

function failureOf(e: unknown): FuzzFailure | undefined {
  for (let x: unknown = e; x; x = (x as { cause?: unknown }).cause) if (x instanceof FuzzFailure) return x;
  return undefined;
}

async function main(argv: readonly string[]): Promise<number> {
  const arg = (name: string, dflt: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  const cases = arg('--cases', 100_000);
  const seed = arg('--seed', Date.now() % 1_000_000);
  const started = Date.now();
  try {
    const corpusDirs = argv.flatMap((a, i) => (a === '--corpus' && argv[i + 1] ? [argv[i + 1]!] : []));
    const c = await fuzz({ cases, seed, run: !argv.includes('--no-run'), corpusDirs });
    const seconds = (Date.now() - started) / 1000;
    const failedRuns = [...c.runtimeErrors.values()].reduce((a, b) => a + b, 0);
    console.log(
      `fuzz: ${c.cases} cases (seed ${seed}) in ${seconds.toFixed(1)} s (${Math.round(c.cases / seconds)}/s): ` +
        `${c.compiled} compiled, parsed and loaded (${c.ran} ran on demo data with ${c.rowsOut} rows out, ${failedRuns} stopped with a runtime error), ` +
        `${c.diagnostics} rejected with located diagnostics; 0 crashes, 0 unparsable modules`,
    );
    const top = [...c.runtimeErrors].sort((a, b) => b[1] - a[1]).slice(0, 12);
    for (const [m, n] of top) console.log(`  runtime error x${n}: ${m}`);
    const hostile = arg('--hostile', 300);
    if (hostile > 0) {
      const h = await fuzzHostile({
        cases: hostile,
        seed,
        maxSize: arg('--hostile-size', 600),
        limitMs: arg('--hostile-ms', 60_000),
        run: !argv.includes('--no-run'),
      });
      console.log(
        `hostile: ${h.cases} cases: ${h.compiled} compiled, ${h.diagnostics} rejected with located diagnostics; ` +
          `slowest ${Math.round(h.slowest.ms)} ms (${h.slowest.shape} at size ${h.slowest.size}); 0 crashes`,
      );
    }
    return 0;
  } catch (e) {
    const f = failureOf(e);
    console.error(
      `fuzz: FAILED (seed ${seed}; rerun with --seed ${seed} --cases ${cases})\n${f ? f.message : (e as Error).stack}`,
    );
    if (f) console.error(`script (shrunk):\n${f.script}\n--- as JSON: ${JSON.stringify(f.script)}`);
    return 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main(process.argv.slice(2));
}
