// INT64/TIME64NS columns read as pairs of 32-bit words. Reading a BigInt64Array element makes a BigInt, which
// costs an allocation per row; the operators' hot loops (group keys, min/max, conversion to double) work on an
// Int32Array view of the same bytes instead, with exactly the same results.

/** Typed arrays use the platform's byte order; the word layout below assumes little-endian (x86, ARM). */
export const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The words of `col`: element i is `hi * 2^32 + lo` with lo = words[2i] (unsigned) and hi = words[2i+1]
 * (signed). Undefined on big-endian platforms, where callers keep their BigInt loops.
 */
export function int64Words(col: BigInt64Array | Float64Array): Int32Array | undefined {
  return LITTLE_ENDIAN ? new Int32Array(col.buffer, col.byteOffset, col.length * 2) : undefined;
}

/**
 * The words of an INT64/TIME64NS column in the little-endian layout on every platform (low word of row i at 2i,
 * high at 2i+1): a view where the platform is little-endian, a converted copy otherwise. Generated code reads
 * int64 columns through it.
 */
export function int64WordsLE(col: BigInt64Array): Int32Array {
  const view = int64Words(col);
  if (view) return view;
  const out = new Int32Array(2 * col.length);
  for (let i = 0; i < col.length; i++) {
    out[2 * i] = Number(BigInt.asIntN(32, col[i]!));
    out[2 * i + 1] = Number(col[i]! >> 32n);
  }
  return out;
}

const TWO_32 = 4294967296;

/**
 * Number(v) for the int64 at word pair k. hi·2^32 is exact and adding lo rounds once, so the result is the
 * correctly rounded double — the same value Number(bigint) gives, for every int64.
 */
export function wordsToNumber(words: Int32Array, k: number): number {
  return words[2 * k + 1]! * TWO_32 + (words[2 * k]! >>> 0);
}

/** A column of doubles from an INT64 column (Number of each value). */
export function int64ToDoubles(col: BigInt64Array): Float64Array {
  const n = col.length;
  const out = new Float64Array(n);
  const words = int64Words(col);
  if (!words) {
    for (let i = 0; i < n; i++) out[i] = Number(col[i]!);
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = words[2 * i + 1]! * TWO_32 + (words[2 * i]! >>> 0);
  return out;
}

/** The least and greatest values of a non-empty INT64 column, compared as word pairs (no BigInt per row). */
export function int64Range(col: BigInt64Array): { min: bigint; max: bigint } {
  const words = int64Words(col);
  if (!words) {
    let min = col[0]!;
    let max = min;
    for (let i = 1; i < col.length; i++) {
      const x = col[i]!;
      if (x < min) min = x;
      if (x > max) max = x;
    }
    return { min, max };
  }
  let lo = 0;
  let hi = 0;
  for (let i = 1; i < col.length; i++) {
    const h = words[2 * i + 1]!;
    const l = words[2 * i]! >>> 0;
    const hl = words[2 * lo + 1]!;
    if (h < hl || (h === hl && l < words[2 * lo]! >>> 0)) lo = i;
    const hh = words[2 * hi + 1]!;
    if (h > hh || (h === hh && l > words[2 * hi]! >>> 0)) hi = i;
  }
  return { min: col[lo]!, max: col[hi]! };
}
