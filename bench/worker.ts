// One engine in its own process (so engines don't share a heap or JIT state): generate the columns, ingest,
// time each query, and print one JSON line per (size, query) with the median and the rows for the cross-check.

import { benchColumns } from './data.js';
import { QUERIES } from './queries.js';
import { arqueroEngine } from './engines/arquero.js';
import { danfoEngine } from './engines/danfo.js';
import { duckdbEngine } from './engines/duckdb.js';
import type { Engine } from './engines/engine.js';
import { handwrittenEngine } from './engines/handwritten.js';
import { pxlcEngine } from './engines/pxlc.js';

export interface WorkerLine {
  readonly engine: string;
  readonly rows: number;
  readonly query: string;
  readonly ingestMs: number;
  readonly medianMs: number;
  readonly runs: number;
  readonly peakRssMb: number;
  readonly result: unknown;
}

async function engineNamed(name: string): Promise<Engine> {
  switch (name) {
    case 'pxlc': return pxlcEngine();
    case 'handwritten': return handwrittenEngine();
    case 'danfo': return danfoEngine();
    case 'arquero': return arqueroEngine();
    case 'duckdb': return duckdbEngine();
    default: throw new Error(`unknown engine ${name}`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

async function main(): Promise<void> {
  const [name, sizesArg, repsArg, budgetArg] = process.argv.slice(2);
  const sizes = sizesArg!.split(',').map(Number);
  const reps = Number(repsArg);
  const budgetMs = Number(budgetArg);
  const engine = await engineNamed(name!);
  let peak = 0;
  const sample = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 20);
  for (const n of sizes) {
    const columns = benchColumns(n);
    const t0 = performance.now();
    await engine.ingest(columns);
    const ingestMs = performance.now() - t0;
    for (const q of QUERIES) {
      const times: number[] = [];
      let result: unknown;
      const started = performance.now();
      // At least one warm-up and one timed run; slow engines stop early when over their time budget.
      for (let r = 0; r <= reps; r++) {
        const s = performance.now();
        result = await engine.run(q.name);
        if (r > 0) times.push(performance.now() - s);
        if (r > 0 && performance.now() - started > budgetMs) break;
        if (r === 0 && performance.now() - started > budgetMs) {
          times.push(performance.now() - s);
          break;
        }
      }
      peak = Math.max(peak, process.memoryUsage().rss);
      const line: WorkerLine = { engine: engine.name, rows: n, query: q.name, ingestMs, medianMs: median(times), runs: times.length, peakRssMb: peak / 2 ** 20, result };
      process.stdout.write(`${JSON.stringify(line)}\n`);
    }
  }
  clearInterval(sample);
  await engine.close?.();
}

await main();
