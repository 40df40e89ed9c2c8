// Values of command-line flags that carry times and durations.

import { PxlRuntimeError } from './contracts.js';

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};

export function parseDurationFlag(v: string, flag: string): bigint {
  const m = /^(\d+)(ns|us|ms|s|m|h|d)$/.exec(v.trim());
  if (!m) throw new PxlRuntimeError(`${flag} '${v}' is not a duration: use a number and a unit, e.g. 10s, 500ms, 5m`);
  const ns = BigInt(m[1]!) * UNIT_NS[m[2]!]!;
  if (ns <= 0n) throw new PxlRuntimeError(`${flag} must be longer than zero`);
  return ns;
}

/** Nanoseconds since the epoch, or an ISO-8601 time. */
export function parseTimeFlag(v: string, flag: string): bigint {
  if (/^\d+$/.test(v)) return BigInt(v);
  const ms = Date.parse(v);
  if (Number.isNaN(ms))
    throw new PxlRuntimeError(
      `${flag} '${v}' is not a time: use nanoseconds since the epoch or ISO-8601 like 2024-05-01T12:00:00Z`,
    );
  const frac = /\.(\d{4,9})/.exec(v)?.[1];
  const extraNs = frac ? BigInt(frac.padEnd(9, '0').slice(3)) : 0n;
  return BigInt(ms) * 1_000_000n + extraNs;
}
