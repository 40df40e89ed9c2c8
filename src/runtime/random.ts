// A small seeded generator (mulberry32): demo data must be the same for the same seed on every machine.

export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = (seed >>> 0) ^ 0x9e3779b9;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  int(min: number, maxInclusive: number): number {
    return min + Math.floor(this.next() * (maxInclusive - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by relative weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) return item;
    }
    return items[items.length - 1]![0];
  }

  /** Log-normal around `median` (latencies, sizes): most values near it, a long tail above. */
  logNormal(median: number, sigma: number): number {
    const u = Math.max(this.next(), 1e-12);
    const v = this.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    return median * Math.exp(sigma * z);
  }

  // hex, suffix and uuid run thousands of times at start-up (demo cluster ids, demo trace ids), before the JIT
  // compiles anything: they take each draw's character from the top bits of the 32-bit output directly. That is the
  // same character int(0, n - 1) picks (floor(x / 2^32 * n)) and the same draws in the same order.

  hex(chars: number): string {
    let s = '';
    for (let i = 0; i < chars; i++) s += HEX[this.nextUint32() >>> 28];
    return s;
  }

  /** Kubernetes-style name suffix, e.g. `7d4b9`. */
  suffix(chars: number): string {
    let s = '';
    for (let i = 0; i < chars; i++) s += SUFFIX[Math.floor((this.nextUint32() / 4294967296) * 27)];
    return s;
  }

  uuid(): string {
    return `${this.hex(8)}-${this.hex(4)}-4${this.hex(3)}-${'89ab'[this.nextUint32() >>> 30]}${this.hex(3)}-${this.hex(12)}`;
  }

  /** The 32-bit output behind next(): next() is nextUint32() / 2^32. */
  private nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}

const HEX = '0123456789abcdef';
const SUFFIX = 'bcdfghjklmnpqrstvwxz2456789';
