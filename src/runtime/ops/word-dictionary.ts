// An open-addressing hash table from 64-bit keys, given as two 32-bit words, to dense codes 0, 1, 2, … in
// insertion order. The dictionary behind INT64, TIME64NS and FLOAT64 group and join keys: no BigInt or
// boxed number per lookup.

export class WordDictionary {
  private keys: Int32Array;
  private slots: Int32Array;
  private mask: number;
  size = 0;

  constructor(capacity = 1024) {
    this.keys = new Int32Array(2 * capacity);
    this.slots = new Int32Array(capacity).fill(-1);
    this.mask = capacity - 1;
  }

  /** The code of (lo, hi), a new one when unseen. */
  intern(lo: number, hi: number): number {
    let s = slotOf(lo, hi, this.mask);
    for (;;) {
      const code = this.slots[s]!;
      if (code < 0) break;
      if (this.keys[2 * code] === lo && this.keys[2 * code + 1] === hi) return code;
      s = (s + 1) & this.mask;
    }
    const code = this.size++;
    this.slots[s] = code;
    if (2 * code + 1 >= this.keys.length) {
      const keys = new Int32Array(this.keys.length * 2);
      keys.set(this.keys);
      this.keys = keys;
    }
    this.keys[2 * code] = lo;
    this.keys[2 * code + 1] = hi;
    // At most half full, so probe chains stay short.
    if (2 * this.size > this.mask + 1) this.grow();
    return code;
  }

  /** The code of (lo, hi), or -1 when it was never interned. */
  find(lo: number, hi: number): number {
    let s = slotOf(lo, hi, this.mask);
    for (;;) {
      const code = this.slots[s]!;
      if (code < 0) return -1;
      if (this.keys[2 * code] === lo && this.keys[2 * code + 1] === hi) return code;
      s = (s + 1) & this.mask;
    }
  }

  private grow(): void {
    const capacity = 2 * (this.mask + 1);
    this.mask = capacity - 1;
    this.slots = new Int32Array(capacity).fill(-1);
    for (let code = 0; code < this.size; code++) {
      let s = slotOf(this.keys[2 * code]!, this.keys[2 * code + 1]!, this.mask);
      while (this.slots[s]! >= 0) s = (s + 1) & this.mask;
      this.slots[s] = code;
    }
  }
}

function slotOf(lo: number, hi: number, mask: number): number {
  let h = Math.imul(lo ^ Math.imul(hi, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  return (h ^ (h >>> 13)) & mask;
}
