// Times in metadata and data files: integer nanoseconds (number or decimal text) or ISO-8601 text.

/** Nanoseconds since the epoch, or undefined when `t` is not a time. Sub-millisecond ISO digits are kept. */
export function parseTimeText(t: string | number | bigint): bigint | undefined {
  if (typeof t === 'bigint') return t;
  if (typeof t === 'number') return Number.isSafeInteger(t) ? BigInt(t) : undefined;
  const s = t.trim();
  if (/^-?\d+$/.test(s)) return BigInt(s);
  const m = /^(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]!.replace(' ', 'T')}${m[3] ?? 'Z'}`);
  if (Number.isNaN(ms)) return undefined;
  const frac = BigInt((m[2] ?? '').padEnd(9, '0'));
  return BigInt(ms) * 1_000_000n + frac;
}

/** RFC 3339 with nanoseconds, UTC: 2024-01-02T03:04:05.123456789Z. */
export function formatTimeNs(ns: bigint): string {
  let sec = ns / 1_000_000_000n;
  if (ns < 0n && sec * 1_000_000_000n !== ns) sec -= 1n;
  const nanos = ns - sec * 1_000_000_000n;
  const d = new Date(Number(sec) * 1000);
  if (Number.isNaN(d.getTime())) return String(ns);
  return `${d.toISOString().slice(0, 19)}.${nanos.toString().padStart(9, '0')}Z`;
}
