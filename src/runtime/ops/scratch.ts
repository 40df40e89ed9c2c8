// Working memory for operators' row-sized temporaries (group ids, join row pairs, values gathered for an
// aggregate, quantile buckets). A fresh large typed array costs a page fault per 4 KiB the first time it is written,
// which on virtual machines costs far more than the loop that fills it (a 1M-row Int32Array: about 20 ms of
// faults against 2 ms of work on the bench machine). Temporaries borrowed here come back when their operator is
// done and are lent again to the next operator or the next run of the script, already mapped.
//
// The rules: a borrowed array holds stale values (fill it before reading); release it only once nothing can read
// it again, and never hand one out of the operator that borrowed it (results are always fresh arrays).
// Releasing is optional: an array never released is garbage collected like any other.

/** Below this many bytes an allocation is cheap: such arrays are neither lent nor kept. */
const SMALL = 64 * 1024;
/** The most bytes kept for lending between operators (the rest is left to the garbage collector). */
const KEPT_LIMIT = 64 * 1024 * 1024;

const free: ArrayBuffer[] = [];
let keptBytes = 0;
/** Buffers lent and not yet released: releasing anything else (or twice) is ignored. */
const lent = new WeakSet<ArrayBuffer>();

/** At least `bytes`, rounded up to an eighth of its power of two so that slightly different sizes share buffers. */
function roundedSize(bytes: number): number {
  const step = 2 ** Math.max(0, Math.ceil(Math.log2(bytes)) - 3);
  return Math.ceil(bytes / step) * step;
}

function borrow(bytes: number): ArrayBuffer {
  if (bytes < SMALL) return new ArrayBuffer(bytes);
  // The smallest kept buffer that fits, unless it is more than twice the request (then a new one is cheaper to
  // keep around than to waste).
  let best = -1;
  for (let k = 0; k < free.length; k++) {
    const size = free[k]!.byteLength;
    if (size >= bytes && size <= 2 * bytes && (best < 0 || size < free[best]!.byteLength)) best = k;
  }
  let buffer: ArrayBuffer;
  if (best >= 0) {
    buffer = free[best]!;
    free.splice(best, 1);
    keptBytes -= buffer.byteLength;
  } else {
    buffer = new ArrayBuffer(roundedSize(bytes));
  }
  lent.add(buffer);
  return buffer;
}

/** `n` int32s of working memory, holding stale values. */
export function scratchInt32(n: number): Int32Array {
  return new Int32Array(borrow(4 * n), 0, n);
}

/** `n` doubles of working memory, holding stale values. */
export function scratchFloat64(n: number): Float64Array {
  return new Float64Array(borrow(8 * n), 0, n);
}

/** `n` bytes of working memory (a filter's mask, a BOOLEAN column), holding stale values. */
export function scratchUint8(n: number): Uint8Array {
  return new Uint8Array(borrow(n), 0, n);
}

/** `n` int64s of working memory, holding stale values. */
export function scratchBigInt64(n: number): BigInt64Array {
  return new BigInt64Array(borrow(8 * n), 0, n);
}

/** Gives borrowed arrays back; arrays that were not borrowed here (or are undefined) are ignored. */
export function releaseScratch(...arrays: readonly (ArrayBufferView | undefined)[]): void {
  for (const a of arrays) {
    if (!a) continue;
    const buffer = a.buffer as ArrayBuffer;
    if (!lent.has(buffer)) continue;
    lent.delete(buffer);
    if (keptBytes + buffer.byteLength > KEPT_LIMIT) continue;
    free.push(buffer);
    keptBytes += buffer.byteLength;
  }
}
