// How scalar-function families register their overloads. Each family fills a map from overload key
// (`name(T1,T2)`) to a factory; the factory receives the run's context so that metadata lookups and
// `upid(pid, ts)` can see the cluster while pure functions ignore it.

import type { MetadataProvider, ScalarFn } from '../contracts.js';

export interface ScalarContext {
  readonly metadata: MetadataProvider;
  readonly nowNs: bigint;
}

export type ScalarFactory = (ctx: ScalarContext) => ScalarFn;
export type Family = Map<string, ScalarFactory>;

/** Registers `fn` for every signature in `sigs` (comma-joined argument types, '' for no arguments). */
export function pure(family: Family, name: string, sigs: readonly string[], fn: ScalarFn): void {
  const factory: ScalarFactory = () => fn;
  for (const sig of sigs) family.set(`${name}(${sig})`, factory);
}

/** Registers a function that needs the run's context (metadata, clock). */
export function contextual(family: Family, name: string, sigs: readonly string[], make: ScalarFactory): void {
  for (const sig of sigs) family.set(`${name}(${sig})`, make);
}

/** INT64 → number for mixed arithmetic; numbers pass through. */
export function toNumber(x: bigint | number): number {
  return typeof x === 'bigint' ? Number(x) : x;
}

/** A double truncated toward zero into int64; NaN, ±inf and out-of-range give INT64_MIN, as the C++ cast does on x86. */
export function truncToInt64(x: number): bigint {
  if (!Number.isFinite(x) || x >= 9223372036854775808 || x < -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(x));
}
