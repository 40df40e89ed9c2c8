// The practical limit in JavaScript: each query written by hand, as a person who knows typed arrays would write
// it for these columns — string keys dictionary-encoded into integer codes (inside each run, or once at ingest as
// pxlc's are: the two bench engines 'handwritten' and 'handwritten-coded'), group ids from a flat table indexed
// by the combined codes, typed accumulators, int64s read as pairs of 32-bit words (no BigInt per row), joins
// fused into the aggregation that follows them, and quantiles by selection rather than a full sort.
// Independent of pxlc's runtime on purpose: it is what the compiled code is checked and timed against.

import type { BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';
import { quantileOfSorted, quantilePosition, type Engine, type Interpolation } from './engine.js';

/** Where the hand-written code encodes its string and upid keys: inside each timed run, or once at ingest. */
export type KeyEncoding = 'in-run' | 'at-ingest';

/**
 * `rule`: where quantiles interpolate. The engine the bench times uses Pixie's; the bench computes, untimed, the
 * reference for the engines that interpolate at q·(n−1) with that rule, so their quantiles are checked exactly too.
 * `keys`: 'at-ingest' encodes the key columns once before timing, as pxlc's readers hand them over (its ingest),
 * so that its queries do the same work as pxlc's; 'in-run' pays for encoding in every run.
 */
export function handwrittenEngine(rule: Interpolation = 'pixie', keys: KeyEncoding = 'in-run'): Engine {
  let c: BenchColumns;
  let encoded: Keys | undefined;
  return {
    name: keys === 'in-run' ? 'handwritten' : 'handwritten-coded',
    queries: ['tutorial', 'latency', 'merge', 'summary'],
    async ingest(columns) {
      c = columns;
      encoded = undefined;
      if (keys === 'at-ingest') {
        encoded = keysOf(c);
        for (const k of KEY_COLUMNS) void encoded[k];
      }
    },
    async run(query) {
      const k = encoded ?? keysOf(c);
      switch (query) {
        case 'tutorial':
          return tutorial(c, k);
        case 'latency':
          return latency(c, k, rule);
        case 'merge':
          return merge(c, k);
        case 'summary':
          return summary(c, k, rule);
        default:
          throw new Error(`no hand-written ${query}`);
      }
    },
  };
}

const KEY_COLUMNS = ['pod', 'service', 'path', 'upid', 'processUpid'] as const;

/** The key columns dictionary-encoded, each the first time a query reads it. */
type Keys = {
  readonly [K in (typeof KEY_COLUMNS)[number]]: K extends 'upid' | 'processUpid' ? Encoded<bigint> : Encoded<string>;
};

function keysOf(c: BenchColumns): Keys {
  const n = c.time.length;
  const memo = new Map<string, Encoded<unknown>>();
  const lazy =
    <T>(name: string, col: readonly T[], rows: number) =>
    () => {
      let e = memo.get(name);
      if (!e) memo.set(name, (e = encode(col, rows)));
      return e as Encoded<T>;
    };
  const pod = lazy('pod', c.pod, n);
  const service = lazy('service', c.service, n);
  const path = lazy('path', c.path, n);
  const upid = lazy('upid', c.upid, n);
  const processUpid = lazy('processUpid', c.process.upid, c.process.upid.length);
  return {
    get pod() {
      return pod();
    },
    get service() {
      return service();
    },
    get path() {
      return path();
    },
    get upid() {
      return upid();
    },
    get processUpid() {
      return processUpid();
    },
  };
}

interface Encoded<T> {
  readonly codes: Int32Array;
  readonly values: T[];
}

function encode<T>(col: readonly T[], n: number): Encoded<T> {
  const index = new Map<T, number>();
  const values: T[] = [];
  const codes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = col[i]!;
    let k = index.get(v);
    if (k === undefined) {
      k = values.length;
      index.set(v, k);
      values.push(v);
    }
    codes[i] = k;
  }
  return { codes, values };
}

const words = (a: BigInt64Array) => new Int32Array(a.buffer, a.byteOffset, a.length * 2);
const TWO_32 = 4294967296;

function tutorial(c: BenchColumns, k: Keys): ResultRow[] {
  const n = c.time.length;
  const { pod, service, path } = k;
  const ns = service.values.length;
  const np = path.values.length;
  const slots = new Int32Array(pod.values.length * ns * np).fill(-1);
  const keyOf: number[] = [];
  const counts = new Int32Array(slots.length);
  // max(time_) as (signed high word, unsigned low word), starting below every time.
  const hi = new Int32Array(slots.length).fill(-0x80000000);
  const lo = new Uint32Array(slots.length);
  const t = words(c.time);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const key = (pod.codes[i]! * ns + service.codes[i]!) * np + path.codes[i]!;
    let g = slots[key]!;
    if (g < 0) {
      g = slots[key] = groups++;
      keyOf.push(key);
    }
    counts[g]!++;
    const h = t[2 * i + 1]!;
    const l = t[2 * i]! >>> 0;
    if (h > hi[g]! || (h === hi[g]! && l > lo[g]!)) {
      hi[g] = h;
      lo[g] = l;
    }
  }
  const out: ResultRow[] = [];
  for (let g = 0; g < groups; g++) {
    const key = keyOf[g]!;
    const time = (BigInt(hi[g]!) << 32n) | BigInt(lo[g]!);
    out.push([
      `${pod.values[Math.floor(key / (ns * np))]}|${service.values[Math.floor(key / np) % ns]}|${path.values[key % np]}`,
      counts[g]!,
      Number(time % 1_000_000_000_000n),
      counts[g]! / 10,
    ]);
  }
  return out;
}

/** The latencies of each group in one Float64Array per group (two passes: sizes, then fill). */
function valuesByGroup(groupOf: Int32Array, groups: number, value: (i: number) => number): Float64Array[] {
  const sizes = new Int32Array(groups);
  for (let i = 0; i < groupOf.length; i++) if (groupOf[i]! >= 0) sizes[groupOf[i]!]!++;
  const out = Array.from(sizes, (s) => new Float64Array(s));
  const fill = new Int32Array(groups);
  for (let i = 0; i < groupOf.length; i++) {
    const g = groupOf[i]!;
    if (g >= 0) out[g]![fill[g]!++] = value(i);
  }
  return out;
}

function latency(c: BenchColumns, k: Keys, rule: Interpolation): ResultRow[] {
  const n = c.time.length;
  const service = k.service;
  const status = words(c.status);
  const lat = words(c.latency);
  // resp_status < 400: negative high word, or zero high word and low word below 400.
  const groupOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const h = status[2 * i + 1]!;
    groupOf[i] = h < 0 || (h === 0 && status[2 * i]! >>> 0 < 400) ? service.codes[i]! : -1;
  }
  const values = valuesByGroup(groupOf, service.values.length, (i) => lat[2 * i + 1]! * TWO_32 + (lat[2 * i]! >>> 0));
  return values.flatMap((v, g) => {
    if (v.length === 0) return [];
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += v[i]!;
    return [[service.values[g]!, sum / v.length, ...quantiles(v, [0.5, 0.99], rule)] as ResultRow];
  });
}

function merge(c: BenchColumns, k: Keys): ResultRow[] {
  // max(rss) per upid of process_stats, then one pass over http_events: its upid's row, if any, and the service.
  const p = c.process;
  const procUpid = k.processUpid;
  const rss = words(p.rss);
  const maxRss = new Float64Array(procUpid.values.length);
  const maxRssHi = new Int32Array(procUpid.values.length).fill(-0x80000000);
  const maxRssLo = new Uint32Array(procUpid.values.length);
  for (let i = 0; i < p.upid.length; i++) {
    const g = procUpid.codes[i]!;
    const h = rss[2 * i + 1]!;
    const l = rss[2 * i]! >>> 0;
    if (h > maxRssHi[g]! || (h === maxRssHi[g]! && l > maxRssLo[g]!)) {
      maxRssHi[g] = h;
      maxRssLo[g] = l;
    }
  }
  for (let g = 0; g < maxRss.length; g++) maxRss[g] = maxRssHi[g]! * TWO_32 + maxRssLo[g]!;
  const procOf = new Map<bigint, number>(procUpid.values.map((u, g) => [u, g]));
  const n = c.time.length;
  const service = k.service;
  const counts = new Float64Array(service.values.length);
  const sums = new Float64Array(service.values.length);
  // The http upids are dictionary-encoded first, so the join looks each distinct upid up once.
  const httpUpid = k.upid;
  const matchOf = Int32Array.from(httpUpid.values, (u) => procOf.get(u) ?? -1);
  for (let i = 0; i < n; i++) {
    const m = matchOf[httpUpid.codes[i]!]!;
    if (m < 0) continue;
    const s = service.codes[i]!;
    counts[s]!++;
    sums[s]! += maxRss[m]!;
  }
  return service.values.flatMap((s, g) =>
    counts[g]! > 0 ? [[s, counts[g]!, sums[g]! / counts[g]!] as ResultRow] : [],
  );
}

function summary(c: BenchColumns, k: Keys, rule: Interpolation): ResultRow[] {
  const n = c.time.length;
  const { service, path } = k;
  const np = path.values.length;
  const slots = new Int32Array(service.values.length * np).fill(-1);
  const keyOf: number[] = [];
  const groupOf = new Int32Array(n);
  // max(time_), the time of each exported point, as in tutorial().
  const hi = new Int32Array(slots.length).fill(-0x80000000);
  const lo = new Uint32Array(slots.length);
  const t = words(c.time);
  let groups = 0;
  for (let i = 0; i < n; i++) {
    const key = service.codes[i]! * np + path.codes[i]!;
    let g = slots[key]!;
    if (g < 0) {
      g = slots[key] = groups++;
      keyOf.push(key);
    }
    groupOf[i] = g;
    const h = t[2 * i + 1]!;
    const l = t[2 * i]! >>> 0;
    if (h > hi[g]! || (h === hi[g]! && l > lo[g]!)) {
      hi[g] = h;
      lo[g] = l;
    }
  }
  const lat = words(c.latency);
  const values = valuesByGroup(groupOf, groups, (i) => (lat[2 * i + 1]! * TWO_32 + (lat[2 * i]! >>> 0)) / 1e6);
  return values.map((v, g) => {
    let sum = 0;
    for (let i = 0; i < v.length; i++) sum += v[i]!;
    const key = keyOf[g]!;
    const time = (BigInt(hi[g]!) << 32n) | BigInt(lo[g]!);
    return [
      `${service.values[Math.floor(key / np)]}|${path.values[key % np]}`,
      v.length,
      sum,
      ...quantiles(v, [0.5, 0.99], rule),
      Number(time % 1_000_000_000_000n),
    ] as ResultRow;
  });
}

/** The quantile estimates for `qs` under `rule`, reading only the order statistics they need (reorders `v`). */
function quantiles(v: Float64Array, qs: readonly number[], rule: Interpolation): number[] {
  const needed = new Set<number>();
  for (const q of qs) {
    const at = Math.floor(quantilePosition(v.length, q, rule));
    needed.add(at);
    needed.add(Math.min(v.length - 1, at + 1));
  }
  let from = 0;
  for (const k of [...needed].sort((a, b) => a - b)) {
    nthElement(v, from, v.length - 1, k);
    from = k + 1;
  }
  return qs.map((q) => quantileOfSorted(v, q, rule));
}

/** Places the k-th smallest of v[lo..hi] at k, smaller ones before it and larger after (Hoare's select). */
function nthElement(v: Float64Array, lo: number, hi: number, k: number): void {
  while (hi > lo) {
    const pivot = v[(lo + hi) >>> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (v[i]! < pivot) i++;
      while (v[j]! > pivot) j--;
      if (i <= j) {
        const x = v[i]!;
        v[i++] = v[j]!;
        v[j--] = x;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return;
  }
}
