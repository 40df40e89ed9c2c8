// `npm run bench [-- --quick]`: every engine in its own process on the same generated rows, results cross-checked
// against the hand-written code, then a table of medians and ratios (engine time / pxlc time: higher is better
// for pxlc). The last line is one machine-readable summary.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { QUERIES, TOLERANCE, disagreement, type ResultRow } from './queries.js';
import type { WorkerLine } from './worker.js';
import { extraMeasurements, type Extras } from './extras.js';

const ENGINES = ['pxlc', 'handwritten', 'danfo', 'arquero', 'duckdb'] as const;
const WORKER = fileURLToPath(new URL('./worker.js', import.meta.url));

function runWorker(engine: string, sizes: readonly number[], reps: number, budgetMs: number): Promise<WorkerLine[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=8192', WORKER, engine, sizes.join(','), String(reps), String(budgetMs)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('exit', (code) => {
      if (code !== 0) reject(new Error(`${engine} worker exited with ${code}`));
      else resolve(out.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as WorkerLine));
    });
  });
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2);
}

async function main(): Promise<number> {
  const quick = process.argv.includes('--quick');
  const sizes = quick ? [100_000, 1_000_000] : [100_000, 1_000_000, 5_000_000];
  const reps = quick ? 3 : 7;
  const budgetMs = quick ? 8_000 : 60_000;
  const lines: WorkerLine[] = [];
  for (const engine of ENGINES) {
    process.stderr.write(`bench: ${engine} ...\n`);
    lines.push(...(await runWorker(engine, sizes, reps, budgetMs)));
  }
  let failures = 0;
  const at = (engine: string, rows: number, query: string) => lines.find((l) => l.engine === engine && l.rows === rows && l.query === query);
  for (const l of lines) {
    const ref = at('handwritten', l.rows, l.query)!;
    const why = disagreement(ref.result as ResultRow[], l.result as ResultRow[], TOLERANCE[l.query] ?? 1e-9);
    if (why) {
      failures++;
      process.stdout.write(`MISMATCH ${l.engine} ${l.query} @${l.rows}: ${why}\n`);
    }
  }
  process.stdout.write('\nquery     rows        engine        median ms   ingest ms   ratio (engine/pxlc)   runs  peak RSS MB\n');
  for (const q of QUERIES) {
    for (const rows of sizes) {
      const base = at('pxlc', rows, q.name)!;
      for (const engine of ENGINES) {
        const l = at(engine, rows, q.name)!;
        process.stdout.write(`${q.name.padEnd(9)} ${String(rows).padStart(9)}   ${engine.padEnd(12)} ${fmt(l.medianMs).padStart(10)} ${fmt(l.ingestMs).padStart(11)}   ${(l.medianMs / base.medianMs).toFixed(2).padStart(19)}   ${String(l.runs).padStart(4)}  ${l.peakRssMb.toFixed(0).padStart(11)}\n`);
      }
    }
  }
  const extras: Extras = await extraMeasurements(quick);
  for (const line of extras.report) process.stdout.write(`${line}\n`);
  const ratio = (engine: string, includeIngest = false) => {
    const l = at(engine, 1_000_000, 'tutorial')!;
    const p = at('pxlc', 1_000_000, 'tutorial')!;
    return ((l.medianMs + (includeIngest ? l.ingestMs : 0)) / p.medianMs).toFixed(2);
  };
  process.stdout.write(`bench: ratio_handwritten=${ratio('handwritten')} ratio_danfo=${ratio('danfo')} ratio_arquero=${ratio('arquero')} ratio_duckdb=${ratio('duckdb')} ratio_duckdb_with_ingest=${ratio('duckdb', true)} export_pts_per_s=${extras.exportPointsPerSecond.toFixed(0)} mismatches=${failures}\n`);
  return failures === 0 ? 0 : 1;
}

process.exitCode = await main();
