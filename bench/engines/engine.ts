// What each engine implements: load the columns (timed separately as ingest), then run a query.

import type { BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';

export interface Engine {
  readonly name: string;
  /** The bench queries this engine implements (queries.ts names); the others are left out of its report. */
  readonly queries: readonly string[];
  /** Converts the shared columns into the engine's own form. */
  ingest(c: BenchColumns): Promise<void>;
  /**
   * Runs one query over the ingested data; returns rows for the cross-check. Timed up to the query's result rows
   * (for the Summary export, the rows handed to px.export), the same point in every engine.
   */
  run(query: string): Promise<readonly ResultRow[]>;
  /**
   * The queries whose result goes further than its rows in this engine (pxlc's px.export: OTLP encoding, delivery
   * and the collector's decoding), and that whole path: timed apart from `run`, its rows cross-checked too.
   */
  readonly delivers?: readonly string[];
  deliver?(query: string): Promise<readonly ResultRow[]>;
  close?(): Promise<void>;
}

/** Thrown by an engine's loader when it cannot run on this machine (a missing server or binary): skipped, with the reason. */
export class EngineUnavailable extends Error {}

/**
 * Where a quantile is read between the sorted values: Pixie's estimate with unit-weight centroids (pxlc, the
 * hand-written and danfo.js code) interpolates at position q·n − ½; DuckDB's quantile_cont and arquero's quantile at
 * q·(n − 1). Both linear between the two values around that position.
 */
export type Interpolation = 'pixie' | 'q(n-1)';

/** The position (0-based, clamped to the values) quantile q is read at. */
export function quantilePosition(n: number, q: number, rule: Interpolation): number {
  const at = rule === 'pixie' ? q * n - 0.5 : q * (n - 1);
  return Math.max(0, Math.min(n - 1, at));
}

/** Quantile q of sorted values under `rule`. Reads only the values at floor and ceiling of its position. */
export function quantileOfSorted(sorted: ArrayLike<number>, q: number, rule: Interpolation = 'pixie'): number {
  const at = quantilePosition(sorted.length, q, rule);
  const lo = Math.floor(at);
  if (lo === at) return sorted[lo]!;
  return sorted[lo]! + (sorted[lo + 1]! - sorted[lo]!) * (at - lo);
}
