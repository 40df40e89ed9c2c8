// px.strptime: a date string read with a strptime-style format, as Pixie reads it (absl::ParseTime): the whole input
// must match, a space in the format matches any run of spaces, fields the format does not name come from
// 1970-01-01 00:00:00, and the time is UTC unless %z gives an offset.

export type StrptimeResult = { readonly ns: bigint } | { readonly error: string };

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
/** Composite directives, spelled out. */
const EXPANSIONS: Readonly<Record<string, string>> = { T: '%H:%M:%S', F: '%Y-%m-%d', D: '%m/%d/%y', R: '%H:%M' };

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanos: bigint;
  offsetSeconds: number;
  pm?: boolean;
  epochSeconds?: bigint;
}

export function strptime(text: string, format: string): StrptimeResult {
  const fmt = format.replace(/%([TFDR])/g, (_, d: string) => EXPANSIONS[d]!);
  const f: Fields = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, nanos: 0n, offsetSeconds: 0 };
  let i = 0;
  const space = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  /** An unsigned number of 1..max digits in [lo, hi] (a sign too when `signed`), or undefined. */
  const number = (max: number, lo: number, hi: number, signed = false): number | undefined => {
    const m = new RegExp(`^${signed ? '[+-]?' : ''}\\d{1,${max}}`).exec(text.slice(i));
    if (!m || +m[0] < lo || +m[0] > hi) return undefined;
    i += m[0].length;
    return +m[0];
  };
  /** A name or its three-letter abbreviation, case-insensitively: its index. */
  const name = (names: readonly string[]): number | undefined => {
    const rest = text.slice(i).toLowerCase();
    for (const [k, n] of names.entries()) {
      const hit = rest.startsWith(n) ? n : rest.startsWith(n.slice(0, 3)) ? n.slice(0, 3) : undefined;
      if (hit) {
        i += hit.length;
        return k;
      }
    }
    return undefined;
  };
  const offset = (colon: boolean): boolean => {
    if (text[i] === 'Z' || text[i] === 'z') {
      i++;
      return true;
    }
    const m = (colon ? /^([+-])(\d{2})(?::?(\d{2}))?/ : /^([+-])(\d{2})(\d{2})?/).exec(text.slice(i));
    if (!m) return false;
    i += m[0].length;
    f.offsetSeconds = (m[1] === '-' ? -1 : 1) * (+m[2]! * 3600 + +(m[3] ?? 0) * 60);
    return true;
  };
  const fraction = () => {
    const m = /^\.(\d+)/.exec(text.slice(i));
    if (!m) return;
    i += m[0].length;
    f.nanos = BigInt(m[1]!.slice(0, 9).padEnd(9, '0'));
  };

  space();
  for (let k = 0; k < fmt.length; k++) {
    const c = fmt[k]!;
    if (/\s/.test(c)) {
      space();
      continue;
    }
    if (c !== '%') {
      if (text[i] !== c) return { error: `expected '${c}' at offset ${i} for format ${format}` };
      i++;
      continue;
    }
    let d = fmt[++k];
    // %E*S / %E#S: seconds with a fraction; %Ez: an offset with a colon; %E4Y: a four-digit year.
    if (d === 'E') {
      const ext = /^(\*|\d+)?([SzfY])/.exec(fmt.slice(k + 1));
      if (!ext) return { error: `unsupported directive %E${fmt[k + 1] ?? ''} in format ${format}` };
      k += ext[0].length;
      d = `E${ext[2]}`;
    }
    let ok = true;
    switch (d) {
      case 'Y':
      case 'EY': {
        const v = number(d === 'EY' ? 4 : 9, -999999999, 999999999, true);
        ok = v !== undefined;
        if (ok) f.year = v!;
        break;
      }
      case 'y': {
        const v = number(2, 0, 99);
        ok = v !== undefined;
        if (ok) f.year = v! < 69 ? 2000 + v! : 1900 + v!;
        break;
      }
      case 'm': {
        const v = number(2, 1, 12);
        ok = v !== undefined;
        if (ok) f.month = v!;
        break;
      }
      case 'b':
      case 'h':
      case 'B': {
        const v = name(MONTHS);
        ok = v !== undefined;
        if (ok) f.month = v! + 1;
        break;
      }
      case 'a':
      case 'A':
        ok = name(WEEKDAYS) !== undefined;
        break;
      case 'd':
      case 'e': {
        space();
        const v = number(2, 1, 31);
        ok = v !== undefined;
        if (ok) f.day = v!;
        break;
      }
      case 'H': {
        const v = number(2, 0, 23);
        ok = v !== undefined;
        if (ok) f.hour = v!;
        break;
      }
      case 'I': {
        const v = number(2, 1, 12);
        ok = v !== undefined;
        if (ok) f.hour = v! % 12;
        break;
      }
      case 'p': {
        const m = /^(am|pm)/i.exec(text.slice(i));
        ok = !!m;
        if (m) {
          i += 2;
          f.pm = m[1]!.toLowerCase() === 'pm';
        }
        break;
      }
      case 'M': {
        const v = number(2, 0, 59);
        ok = v !== undefined;
        if (ok) f.minute = v!;
        break;
      }
      case 'S':
      case 'ES': {
        const v = number(2, 0, 60);
        ok = v !== undefined;
        if (ok) {
          f.second = v!;
          if (d === 'ES') fraction();
        }
        break;
      }
      case 'Ef': {
        const m = /^\d+/.exec(text.slice(i));
        ok = !!m;
        if (m) {
          i += m[0].length;
          f.nanos = BigInt(m[0].slice(0, 9).padEnd(9, '0'));
        }
        break;
      }
      case 'z':
      case 'Ez':
        ok = offset(d === 'Ez');
        break;
      case 'Z': {
        const m = /^\S+/.exec(text.slice(i));
        ok = !!m;
        if (m) i += m[0].length;
        break;
      }
      case 's': {
        const m = /^[+-]?\d+/.exec(text.slice(i));
        ok = !!m;
        if (m) {
          i += m[0].length;
          f.epochSeconds = BigInt(m[0]);
        }
        break;
      }
      case '%':
        ok = text[i] === '%';
        if (ok) i++;
        break;
      default:
        return { error: `unsupported directive %${d ?? ''} in format ${format}` };
    }
    if (!ok) return { error: `no %${d} at offset ${i} for format ${format}` };
  }
  space();
  if (i < text.length) return { error: `trailing text "${text.slice(i)}" for format ${format}` };
  if (f.epochSeconds !== undefined) return { ns: f.epochSeconds * 1_000_000_000n };
  if (f.pm) f.hour += 12;
  if (f.day > daysInMonth(f.year, f.month)) return { error: `day ${f.day} is out of range for month ${f.month}` };
  const seconds =
    BigInt(daysFromCivil(f.year, f.month, f.day)) * 86_400n +
    BigInt(f.hour * 3600 + f.minute * 60 + f.second - f.offsetSeconds);
  return { ns: seconds * 1_000_000_000n + f.nanos };
}

function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
