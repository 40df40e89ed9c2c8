// What each engine implements: load the columns (timed separately as ingest), then run a query.

import type { BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';

export interface Engine {
  readonly name: string;
  /** The bench queries this engine implements (queries.ts names); the others are left out of its report. */
  readonly queries: readonly string[];
  /** Converts the shared columns into the engine's own form. */
  ingest(c: BenchColumns): Promise<void>;
  /** Runs one query over the ingested data; returns rows for the cross-check. */
  run(query: string): Promise<readonly ResultRow[]>;
  close?(): Promise<void>;
}

/** Thrown by an engine's loader when it cannot run on this machine (a missing server or binary): skipped, with the reason. */
export class EngineUnavailable extends Error {}

/** Pixie's quantile estimate with unit-weight centroids: interpolation at position q·n − ½ of the sorted values. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  const index = q * n;
  if (index <= 0.5) return sorted[0]!;
  if (index >= n - 0.5) return sorted[n - 1]!;
  const lo = Math.floor(index - 0.5);
  const frac = index - 0.5 - lo;
  return sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * frac;
}
