// Time values accepted by px.DataFrame start/end, px.parse_time, ... (SPEC §8.2), shared by the checker (literal
// arguments) and the runtime (script arguments of function-based scripts). Relative strings are anchored (pxlc
// deviates from Pixie's unanchored search on purpose, SPEC §17 #4).

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n, d: 86_400_000_000_000n,
};

export type ParsedTime =
  | { readonly kind: 'relative'; readonly offsetNs: bigint }
  | { readonly kind: 'absolute'; readonly ns: bigint }
  | { readonly kind: 'error'; readonly reason: string };

export function parseDuration(text: string): bigint | undefined {
  const m = /^\s*(-?\d+)(ms|s|m|h|d)\s*$/.exec(text);
  return m ? BigInt(m[1]!) * UNIT_NS[m[2]!]! : undefined;
}

/** 'YYYY-MM-DD HH:MM:SS[.fraction] ±HHMM' → ns since the epoch. */
export function parseAbsoluteTime(text: string): bigint | undefined {
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)?\s*$/.exec(text);
  if (!m) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  if (Number.isNaN(ms)) return undefined;
  const frac = BigInt((m[7] ?? '').padEnd(9, '0') || '0');
  const sign = m[8] === '-' ? -1n : 1n;
  const offsetMin = m[8] ? BigInt(+m[9]! * 60 + +m[10]!) : 0n;
  return BigInt(ms) * 1_000_000n + frac - sign * offsetMin * 60_000_000_000n;
}

export function parseTimeString(text: string): ParsedTime {
  const rel = parseDuration(text);
  if (rel !== undefined) return { kind: 'relative', offsetNs: rel };
  const abs = parseAbsoluteTime(text);
  if (abs !== undefined) return { kind: 'absolute', ns: abs };
  return { kind: 'error', reason: `'${text}' is neither a relative time like '-5m' (units ms, s, m, h, d) nor 'YYYY-MM-DD HH:MM:SS ±HHMM'` };
}

/** px.format_duration: the largest of d, h, m, s, ms that fits, truncated toward zero. */
export function formatDuration(ns: bigint): string {
  const abs = ns < 0n ? -ns : ns;
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    if (abs >= UNIT_NS[unit]! || unit === 'ms') return `${ns / UNIT_NS[unit]!}${unit}`;
  }
  return '0ms';
}
