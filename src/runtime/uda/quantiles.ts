// px.quantiles (SPEC §11): the JSON object {"p01":…,"p10":…,"p25":…,"p50":…,"p75":…,"p90":…,"p99":…}
// that Pixie's t-digest aggregate prints. pxlc keeps every value (a t-digest whose centroids are the
// points themselves) and reads quantiles with the t-digest's interpolation between centroid midpoints:
// the same numbers while Pixie's digest (compression 1000) keeps every point as its own centroid, i.e.
// up to roughly two thousand values per group; within the digest's error bound beyond that.

import type { Aggregator } from '../contracts.js';
import { formatDouble } from '../udf/json-text.js';
import type { ColumnData } from '../../core/types.js';
import type { ColumnarAggregateDef } from './columnar.js';
import { int64Words, wordsToNumber } from '../ops/int64-words.js';
import { selectPositions } from './select.js';
import { releaseScratch, scratchFloat64 } from '../ops/scratch.js';

const KEYS: readonly (readonly [string, number])[] = [
  ['p01', 0.01],
  ['p10', 0.1],
  ['p25', 0.25],
  ['p50', 0.5],
  ['p75', 0.75],
  ['p90', 0.9],
  ['p99', 0.99],
];

export function quantilesDef(argType: 'INT64' | 'FLOAT64'): ColumnarAggregateDef {
  return {
    name: 'quantiles',
    argTypes: [argType],
    resultType: 'STRING',
    create(): Aggregator {
      const values: number[] = [];
      return {
        add(v: bigint | number) {
          values.push(Number(v));
        },
        finalize: () => quantilesJson(Float64Array.from(values)),
      };
    },
    reduce([col], ids, groups) {
      const { values, start } = valuesByGroup(col!, ids, groups);
      const out = Array.from({ length: groups }, (_, g) => quantilesJson(values.subarray(start[g]!, start[g + 1]!)));
      releaseScratch(values);
      return out;
    },
  };
}

/**
 * Every row's value as a double, placed by group in one array (a counting sort on the group ids): group g's values
 * are values[start[g] .. start[g+1]), in row order. `values` is borrowed working memory.
 */
function valuesByGroup(col: ColumnData, ids: Int32Array, groups: number): { values: Float64Array; start: Int32Array } {
  const n = ids.length;
  const start = new Int32Array(groups + 1);
  for (let i = 0; i < n; i++) start[ids[i]! + 1]!++;
  for (let g = 0; g < groups; g++) start[g + 1]! += start[g]!;
  const next = start.slice(0, groups);
  const values = scratchFloat64(n);
  const words = col instanceof BigInt64Array ? int64Words(col) : undefined;
  if (words) {
    for (let i = 0; i < n; i++) values[next[ids[i]!]!++] = wordsToNumber(words, i);
  } else if (col instanceof Float64Array) {
    for (let i = 0; i < n; i++) values[next[ids[i]!]!++] = col[i]!;
  } else {
    for (let i = 0; i < n; i++) values[next[ids[i]!]!++] = Number(col[i] as bigint | number);
  }
  return { values, start };
}

/**
 * The JSON text for one group; NaN values are skipped, and an empty group gives NaNs (unreadable JSON, as in
 * Pixie). Reorders `values` in place.
 */
export function quantilesJson(values: Float64Array): string {
  const present = withoutNaN(values);
  const n = present.length;
  const positions = new Set<number>();
  for (const [, q] of KEYS) for (const p of interpolationPositions(n, q)) positions.add(p);
  selectPositions(
    present,
    [...positions].sort((a, b) => a - b),
  );
  return formatQuantiles(KEYS.map(([, q]) => quantile(present, q)));
}

/** Pixie's JSON text for the seven quantiles p01, p10, p25, p50, p75, p90, p99 (in that order). */
export function formatQuantiles(q: ArrayLike<number>): string {
  return `{${KEYS.map(([key], k) => `"${key}":${formatDouble(q[k]!)}`).join(',')}}`;
}

/** The values that are not NaN, moved to the front of `values` (which is reordered). */
function withoutNaN(values: Float64Array): Float64Array {
  let k = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) values[k++] = v;
  }
  return values.subarray(0, k);
}

/** The sorted positions `quantile(sorted, q)` reads. */
function interpolationPositions(n: number, q: number): number[] {
  if (n === 0) return [];
  const index = q * n;
  if (index <= 0.5) return [0];
  if (index >= n - 0.5) return [n - 1];
  const lo = Math.floor(index - 0.5);
  return [lo, lo + 1];
}

/**
 * With unit-weight centroids, the t-digest's estimate at q is the linear interpolation at position
 * q·n − ½ of the sorted values, clamped to the smallest and largest. Reads only the positions
 * `interpolationPositions` names, so an array with just those in sorted place gives the same result.
 */
export function quantile(sorted: Float64Array, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = q * n;
  if (index <= 0.5) return sorted[0]!;
  if (index >= n - 0.5) return sorted[n - 1]!;
  // Centroid i sits at cumulative weight i + ½; interpolate between the two around `index`.
  const lo = Math.floor(index - 0.5);
  const a = sorted[lo]!;
  const b = sorted[lo + 1]!;
  const wb = index - (lo + 0.5);
  const wa = lo + 1.5 - index;
  const x = (a * wa + b * wb) / (wa + wb);
  return Math.max(a, Math.min(x, b));
}
