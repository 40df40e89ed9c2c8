// Times in metadata and data files: integer nanoseconds (number or decimal text) or ISO-8601 text.

/** A time read from text: nanoseconds, and whether the text said which offset from UTC it is in. */
export type ParsedTime = { readonly ns: bigint; readonly offsetGiven: boolean } | { readonly why: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|z|[+-]\d{2}:?\d{2})?$/;
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * Integer nanoseconds or ISO-8601 text. Every field is checked: 2026-02-30 is not a date (it is not rolled
 * over into March), 24:00 is not a time. Text without Z or an offset is UTC, as every Pixie time is; the
 * result says so (offsetGiven false) so that a reader can tell the user.
 */
export function parseTime(text: string): ParsedTime {
  const s = text.trim();
  if (/^-?\d+$/.test(s)) return { ns: BigInt(s), offsetGiven: true };
  const m = ISO.exec(s);
  if (!m)
    return { why: 'is not a time (write integer nanoseconds or ISO-8601 text such as 2026-01-01T00:00:00.123456789Z)' };
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  if (month < 1 || month > 12) return { why: `is not a time: there is no month ${m[2]}` };
  const days = daysInMonth(year, month);
  if (day < 1 || day > days) return { why: `is not a time: ${MONTHS[month - 1]} ${year} has ${days} days` };
  if (hour > 23 || minute > 59 || second > 59)
    return { why: `is not a time: ${m[4]}:${m[5]}:${m[6]} is not a time of day` };
  let offsetMin = 0;
  const zone = m[8];
  if (zone !== undefined && zone !== 'Z' && zone !== 'z') {
    const digits = zone.slice(1).replace(':', '');
    const h = Number(digits.slice(0, 2));
    const mm = Number(digits.slice(2));
    if (h > 23 || mm > 59) return { why: `is not a time: ${zone} is not an offset from UTC` };
    offsetMin = (zone[0] === '-' ? -1 : 1) * (h * 60 + mm);
  }
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day); // not Date.UTC: it reads years 0-99 as 1900-1999
  utc.setUTCHours(hour, minute, second, 0);
  const ms = utc.getTime() - offsetMin * 60_000;
  const frac = BigInt((m[7] ?? '').padEnd(9, '0'));
  return { ns: BigInt(ms) * 1_000_000n + frac, offsetGiven: zone !== undefined };
}

/** Nanoseconds since the epoch, or undefined when `t` is not a time. Sub-millisecond ISO digits are kept. */
export function parseTimeText(t: string | number | bigint): bigint | undefined {
  if (typeof t === 'bigint') return t;
  if (typeof t === 'number') return Number.isSafeInteger(t) ? BigInt(t) : undefined;
  const p = parseTime(t);
  return 'ns' in p ? p.ns : undefined;
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
