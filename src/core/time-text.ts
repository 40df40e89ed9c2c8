// Time values accepted by px.DataFrame start/end, px.parse_time, ... (SPEC §8.2), shared by the checker (literal
// arguments) and the runtime (script arguments of function-based scripts). Relative strings are anchored (pxlc
// deviates from Pixie's unanchored search on purpose, SPEC §17 #4): a string is one duration or several written
// together, nothing else.

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
  d: 86_400_000_000_000n,
};

export type ParsedTime =
  | { readonly kind: 'relative'; readonly offsetNs: bigint }
  | { readonly kind: 'absolute'; readonly ns: bigint }
  | { readonly kind: 'error'; readonly reason: string };

/**
 * One duration, or several written one after another as Go's Duration.String() writes them ('-1m0s'). Pixie takes
 * the first part of such a string and ignores the rest; so does pxlc (ignoredDurationPart says what was ignored).
 */
const DURATION = /^\s*(-?\d+)(ms|s|m|h|d)((?:-?\d+(?:ms|s|m|h|d))*)\s*$/;

export function parseDuration(text: string): bigint | undefined {
  const m = DURATION.exec(text);
  return m ? BigInt(m[1]!) * UNIT_NS[m[2]!]! : undefined;
}

/** The parts after the first of a compound duration when they are not all zero ('1s' of '-1m1s'), else undefined. */
export function ignoredDurationPart(text: string): string | undefined {
  const rest = DURATION.exec(text)?.[3];
  return rest && /[1-9]/.test(rest) ? rest : undefined;
}

/** 'YYYY-MM-DD HH:MM:SS[.fraction] ±HHMM' → ns since the epoch. */
export function parseAbsoluteTime(text: string): bigint | undefined {
  const m =
    /^\s*(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?\s*(?:([+-])(\d{2}):?(\d{2})|Z)?\s*$/.exec(
      text,
    );
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
  return {
    kind: 'error',
    reason: `'${text}' is neither a relative time like '-5m' (units ms, s, m, h, d) nor 'YYYY-MM-DD HH:MM:SS ±HHMM'`,
  };
}

/** px.format_duration: the largest of d, h, m, s, ms that fits, truncated toward zero. */
export function formatDuration(ns: bigint): string {
  const abs = ns < 0n ? -ns : ns;
  for (const unit of ['d', 'h', 'm', 's', 'ms'] as const) {
    if (abs >= UNIT_NS[unit]! || unit === 'ms') return `${ns / UNIT_NS[unit]!}${unit}`;
  }
  return '0ms';
}
