// The practical limit in JavaScript: the queries written by hand as single passes over typed columns.

import type { BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';
import { quantileOfSorted, type Engine } from './engine.js';

export function handwrittenEngine(): Engine {
  let c: BenchColumns;
  return {
    name: 'handwritten',
    async ingest(columns) { c = columns; },
    async run(query) {
      return query === 'tutorial' ? tutorial(c) : latency(c);
    },
  };
}

function tutorial(c: BenchColumns): ResultRow[] {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const counts: number[] = [];
  const maxTime: bigint[] = [];
  const n = c.time.length;
  for (let i = 0; i < n; i++) {
    const key = `${c.pod[i]}\u0000${c.service[i]}\u0000${c.path[i]}`;
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      index.set(key, g);
      keys.push(key);
      counts.push(0);
      maxTime.push(c.time[i]!);
    }
    counts[g]!++;
    if (c.time[i]! > maxTime[g]!) maxTime[g] = c.time[i]!;
  }
  return keys.map((k, g) => [k.replaceAll('\u0000', '|'), counts[g]!, Number(maxTime[g]! % 1_000_000_000_000n), counts[g]! / 10] as const);
}

function latency(c: BenchColumns): ResultRow[] {
  const index = new Map<string, number>();
  const keys: string[] = [];
  const values: number[][] = [];
  const n = c.time.length;
  for (let i = 0; i < n; i++) {
    if (!(c.status[i]! < 400n)) continue;
    const key = c.service[i]!;
    let g = index.get(key);
    if (g === undefined) {
      g = keys.length;
      index.set(key, g);
      keys.push(key);
      values.push([]);
    }
    values[g]!.push(Number(c.latency[i]!));
  }
  return keys.map((k, g) => {
    const sorted = Float64Array.from(values[g]!).sort();
    let sum = 0;
    for (const v of sorted) sum += v;
    return [k, sum / sorted.length, quantileOfSorted(sorted, 0.5), quantileOfSorted(sorted, 0.99)] as const;
  });
}
