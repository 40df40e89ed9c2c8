// One engine in its own process (so engines don't share a heap or JIT state): generate the columns, ingest,
// time each query, and print one JSON line per (size, query) with the median and the rows for the cross-check.

import { benchColumns } from './data.js';
import { EngineUnavailable, type Engine } from './engines/engine.js';
import { ENGINES } from './engines/registry.js';

export type WorkerLine = TimedLine | SkippedLine;

export interface TimedLine {
  readonly kind: 'timed';
  readonly engine: string;
  readonly rows: number;
  readonly query: string;
  readonly ingestMs: number;
  readonly medianMs: number;
  readonly runs: number;
  /** Peak resident set of the worker so far: the generated input columns, the engine's copy and the queries. */
  readonly peakRssMb: number;
  readonly result: unknown;
  /** The engine's whole path beyond the rows (Engine.deliver), when it has one for this query. */
  readonly delivered?: { readonly medianMs: number; readonly runs: number; readonly result: unknown };
}

export interface SkippedLine {
  readonly kind: 'skipped';
  readonly engine: string;
  readonly reason: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * One warm-up run, then up to `reps` timed runs; a slow engine stops early when over its time budget (its warm-up
 * then counts as its one timed run).
 */
async function timeRuns(
  run: () => Promise<unknown>,
  reps: number,
  budgetMs: number,
): Promise<{ medianMs: number; runs: number; result: unknown }> {
  const times: number[] = [];
  let result: unknown;
  const started = performance.now();
  for (let r = 0; r <= reps; r++) {
    const s = performance.now();
    result = await run();
    const ms = performance.now() - s;
    if (r > 0 || performance.now() - started > budgetMs) times.push(ms);
    if (performance.now() - started > budgetMs) break;
  }
  return { medianMs: median(times), runs: times.length, result };
}

const emit = (line: WorkerLine) => process.stdout.write(`${JSON.stringify(line)}\n`);

async function main(): Promise<void> {
  const [name, sizesArg, repsArg, budgetArg] = process.argv.slice(2);
  const sizes = sizesArg!.split(',').map(Number);
  const reps = Number(repsArg);
  const budgetMs = Number(budgetArg);
  const entry = ENGINES.find((e) => e.name === name);
  if (!entry) throw new Error(`unknown engine ${name}`);
  let engine: Engine;
  try {
    engine = await entry.load();
  } catch (e) {
    if (!(e instanceof EngineUnavailable)) throw e;
    emit({ kind: 'skipped', engine: entry.name, reason: e.message });
    return;
  }
  let peak = 0;
  const sample = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  for (const n of sizes) {
    const columns = benchColumns(n);
    const t0 = performance.now();
    await engine.ingest(columns);
    const ingestMs = performance.now() - t0;
    for (const query of engine.queries) {
      const timed = await timeRuns(() => engine.run(query), reps, budgetMs);
      const delivered =
        engine.deliver && engine.delivers?.includes(query)
          ? await timeRuns(() => engine.deliver!(query), reps, budgetMs)
          : undefined;
      peak = Math.max(peak, process.memoryUsage().rss);
      emit({
        kind: 'timed',
        engine: engine.name,
        rows: n,
        query,
        ingestMs,
        medianMs: timed.medianMs,
        runs: timed.runs,
        peakRssMb: peak / 2 ** 20,
        result: timed.result,
        ...(delivered ? { delivered } : {}),
      });
    }
  }
  clearInterval(sample);
  await engine.close?.();
}

await main();
