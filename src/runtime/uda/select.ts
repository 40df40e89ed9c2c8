// Order statistics without a full sort: after `selectPositions(a, ps)`, a[p] holds the value a sorted copy of
// `a` has at p, for every p in ps (the array is reordered in place). Quantiles read a handful of positions,
// and a multi-position quickselect costs a few passes over the values where sorting costs log2(n).
// The result is exact: the same numbers as Float64Array.prototype.sort, including the sign of zeros.

/** Ranges below this are finished by sorting them natively. */
const SMALL = 48;

/** Arrays up to this long are sorted in place here: calling the native sort costs more than sorting them. */
const TINY = 16;

/** Arrays at least this long are first split into value buckets (bucketSelect). */
const BUCKETED = 1024;

/**
 * `a` must hold no NaN; `ps` ascending, each in [0, a.length). Afterwards a[p] is the p-th smallest value for
 * each p in ps; the other positions hold the remaining values in no particular order.
 */
export function selectPositions(a: Float64Array, ps: readonly number[]): void {
  if (a.length <= TINY) {
    insertionSort(a);
    return;
  }
  if (a.length <= SMALL) {
    a.sort();
    return;
  }
  if (a.length >= BUCKETED && bucketSelect(a, ps)) return;
  quickselect(a, ps);
}

/** a[lo..hi) ascending, -0 before +0 (as Float64Array.prototype.sort orders them). */
function insertionSort(a: Float64Array, lo = 0, hi = a.length): void {
  for (let i = lo + 1; i < hi; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= lo && (a[j]! > v || (a[j] === v && v === 0 && 1 / a[j]! > 1 / v))) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
}

function quickselect(a: Float64Array, ps: readonly number[]): void {
  const depthLimit = 2 * Math.ceil(Math.log2(a.length));
  select(a, 0, a.length - 1, ps, 0, ps.length, depthLimit);
  fixZeroSigns(a, ps);
}

function select(
  a: Float64Array,
  lo: number,
  hi: number,
  ps: readonly number[],
  pLo: number,
  pHi: number,
  depth: number,
): void {
  while (pLo < pHi) {
    if (hi - lo < SMALL || depth-- === 0) {
      // Small, or partitioning is going badly (adversarial order): sort what is left.
      a.subarray(lo, hi + 1).sort();
      return;
    }
    const pivot = medianOfThree(a[lo]!, a[(lo + hi) >>> 1]!, a[hi]!);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i]! < pivot) i++;
      while (a[j]! > pivot) j--;
      if (i <= j) {
        const t = a[i]!;
        a[i++] = a[j]!;
        a[j--] = t;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and every value strictly between j and i equals the pivot.
    let left = pLo;
    while (left < pHi && ps[left]! <= j) left++;
    let right = left;
    while (right < pHi && ps[right]! < i) right++;
    if (left - pLo < pHi - right) {
      select(a, lo, j, ps, pLo, left, depth);
      lo = i;
      pLo = right;
    } else {
      select(a, i, hi, ps, right, pHi, depth);
      hi = j;
      pHi = left;
    }
  }
}

function medianOfThree(x: number, y: number, z: number): number {
  return x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
}

/**
 * Comparisons treat -0 and +0 as equal, but a sort puts every -0 before every +0: a selected zero takes the
 * sign the sorted array has at its position.
 */
function fixZeroSigns(a: Float64Array, ps: readonly number[]): void {
  if (!ps.some((p) => a[p] === 0)) return;
  let negatives = 0;
  let negativeZeros = 0;
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    if (v < 0) negatives++;
    else if (v === 0 && Object.is(v, -0)) negativeZeros++;
  }
  for (const p of ps) if (a[p] === 0) a[p] = p < negatives + negativeZeros ? -0 : 0;
}

let shared = new Int32Array(0);
let sharedValues = new Float64Array(0);
/** How deep bucketSelect is in its own recursion (only the top level uses sharedValues). */
let depth = 0;

/** The bucket whose ranks [counts[b], counts[b + 1]) hold rank p. */
function bucketOfRank(counts: Int32Array, buckets: number, p: number): number {
  let lo = 0;
  let hi = buckets - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (counts[mid]! <= p) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Selection in three passes: the value range; a histogram over equal-width value buckets, whose running counts
 * give each bucket's ranks (the bucket of a value never decreases as the value grows, since subtraction and
 * multiplication round monotonically); then only the values of the buckets holding a wanted rank, selected
 * among themselves. False (nothing changed) when the range is not finite.
 */
function bucketSelect(a: Float64Array, ps: readonly number[]): boolean {
  const n = a.length;
  let min = a[0]!;
  let max = a[0]!;
  for (let i = 1; i < n; i++) {
    const v = a[i]!;
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  const buckets = Math.min(1 << 16, n >>> 2);
  const scale = (buckets - 1) / (max - min);
  if (!Number.isFinite(scale) || !Number.isFinite(min) || !Number.isFinite(max) || scale <= 0) return false;
  // Histogram and slots live in one shared buffer (free again before any recursion below): a quantile per group
  // selects in thousands of small groups, where allocating them each time is what costs.
  if (shared.length < 2 * buckets + 1) shared = new Int32Array(2 * buckets + 1);
  const counts = shared.subarray(0, buckets + 1).fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor((a[i]! - min) * scale) + 1]!++;
  for (let b = 1; b <= buckets; b++) counts[b]! += counts[b - 1]!;
  // counts[b] is now the rank of bucket b's smallest value. The buckets holding the wanted ranks, in rank order,
  // get consecutive ranges of one array (slot k's values at [from[k], from[k + 1]), ranks from starts[k]).
  const slotOf = shared.subarray(buckets + 1, 2 * buckets + 1).fill(-1);
  const starts: number[] = [];
  const from: number[] = [0];
  for (const p of ps) {
    const b = bucketOfRank(counts, buckets, p);
    if (slotOf[b]! < 0) {
      slotOf[b] = starts.length;
      starts.push(counts[b]!);
      from.push(from[from.length - 1]! + counts[b + 1]! - counts[b]!);
    }
  }
  const total = from[from.length - 1]!;
  // The top level scatters into a shared buffer too; a recursive call (on a part of it) gets its own.
  if (depth === 0 && sharedValues.length < total)
    sharedValues = new Float64Array(Math.max(total, 2 * sharedValues.length));
  const values = depth === 0 ? sharedValues : new Float64Array(total);
  const fill = from.slice();
  for (let i = 0; i < n; i++) {
    const v = a[i]!;
    const slot = slotOf[Math.floor((v - min) * scale)]!;
    if (slot >= 0) values[fill[slot]!++] = v;
  }
  let next = 0;
  depth++;
  try {
    for (let k = 0; k < starts.length; k++) {
      const start = starts[k]!;
      const lo = from[k]!;
      const size = from[k + 1]! - lo;
      const first = next;
      while (next < ps.length && ps[next]! < start + size) next++;
      if (size <= TINY) {
        insertionSort(values, lo, lo + size);
      } else {
        const local: number[] = [];
        for (let j = first; j < next; j++) local.push(ps[j]! - start);
        selectPositions(values.subarray(lo, lo + size), local);
      }
      for (let j = first; j < next; j++) a[ps[j]!] = values[lo + ps[j]! - start]!;
    }
  } finally {
    depth--;
  }
  return true;
}
