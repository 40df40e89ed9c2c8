// Order statistics without a full sort: after `selectPositions(a, ps)`, a[p] holds the value a sorted copy of
// `a` has at p, for every p in ps (the array is reordered in place). Quantiles read a handful of positions,
// and a multi-position quickselect costs a few passes over the values where sorting costs log2(n).
// The result is exact: the same numbers as Float64Array.prototype.sort, including the sign of zeros.

/** Ranges below this are finished by sorting them natively. */
const SMALL = 48;

/** `a` must hold no NaN; `ps` ascending, each in [0, a.length). */
export function selectPositions(a: Float64Array, ps: readonly number[]): void {
  if (a.length <= SMALL) {
    a.sort();
    return;
  }
  const depthLimit = 2 * Math.ceil(Math.log2(a.length));
  select(a, 0, a.length - 1, ps, 0, ps.length, depthLimit);
  fixZeroSigns(a, ps);
}

function select(a: Float64Array, lo: number, hi: number, ps: readonly number[], pLo: number, pHi: number, depth: number): void {
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
  return x < y ? (y < z ? y : x < z ? z : x) : (x < z ? x : y < z ? z : y);
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
