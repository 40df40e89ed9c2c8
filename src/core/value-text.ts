// How one value reads in a table for people: by its semantic type first (durations, sizes, rates, percentages,
// quantiles), then by its data type — the units and precisions of Pixie's own `px run` table, so a script's
// output reads the same inside and outside a cluster. Machine-readable outputs (JSON rows, CSV) never use this.
//
// Where Pixie's table is plainly wrong we differ, and say so here: a duration of 1 to 9 ns reads "5 ns" (Pixie
// prints "5 s"); a zero duration still reads "0 s", as Pixie's tests expect.

import type { DataType, SemanticType } from './types.js';

/** A value as the runtime or a page holds it: INT64 may be a bigint or a number, TIME64NS and UINT128 already text. */
export type PlainValue = boolean | number | bigint | string;

export function valueText(dataType: DataType, semantic: SemanticType, v: PlainValue): string {
  // A page carries an INT64 past 2^53 as its digits.
  const n =
    typeof v === 'number' || typeof v === 'bigint'
      ? Number(v)
      : dataType === 'INT64' && /^-?\d+$/.test(v as string)
        ? Number(v)
        : undefined;
  const numeric = dataType === 'INT64' || dataType === 'FLOAT64';
  const float = dataType === 'FLOAT64';
  switch (semantic) {
    case 'ST_SCRIPT_REFERENCE':
      return typeof v === 'string' ? scriptLabel(v) : plainText(dataType, v);
    case 'ST_BYTES':
      if (numeric && n !== undefined && Number.isFinite(n)) return bytesText(n);
      break;
    case 'ST_DURATION_NS':
      if (numeric && n !== undefined && Number.isFinite(n)) return durationText(n);
      break;
    case 'ST_THROUGHPUT_PER_NS':
      if (float && n !== undefined && Number.isFinite(n)) return `${(n * NS_PER_S).toFixed(6)} /sec`;
      break;
    case 'ST_THROUGHPUT_BYTES_PER_NS':
      if (float && n !== undefined && Number.isFinite(n)) return `${bytesText(n * NS_PER_S)}/sec`;
      break;
    case 'ST_PERCENT':
      if (float && n !== undefined && Number.isFinite(n)) return `${(n * 100).toFixed(2)} %`;
      break;
    case 'ST_DURATION_NS_QUANTILES':
      if (typeof v === 'string') return quantilesText(v, 'ST_DURATION_NS');
      break;
    case 'ST_QUANTILES':
      if (typeof v === 'string') return quantilesText(v, 'ST_NONE');
      break;
    default:
      break;
  }
  return plainText(dataType, v);
}

function plainText(dataType: DataType, v: PlainValue): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (dataType === 'FLOAT64' && typeof v === 'number') return sixDigits(v);
  return String(v);
}

const NS_PER_S = 1e9;

/**
 * A float with 6 significant digits and no trailing zeros, in exponent form (two-digit exponent) below 1e-4 and
 * from 1e6 on: 0.1, 121214, 2.3423e-05, 9.23423e+06 — the `%g` of C and Go.
 */
export function sixDigits(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  // toExponential rounds once to 6 digits; both forms are cut from its digits, so they agree on the rounding.
  const [mantissa, expText] = Math.abs(v).toExponential(5).split('e') as [string, string];
  const exp = Number(expText);
  const digits = mantissa.replace('.', '').replace(/0+$/, '');
  const sign = v < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const whole = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB'] as const;
const SMALL_TIME_UNITS = ['ns', 'µs', 'ms', 's'] as const;

/** Sizes in powers of 1024: 144 B, 5.0 KiB, 229 KiB (a fraction of a byte is dropped, as an integer count would). */
export function bytesText(v: number): string {
  const [num, unit] = scaled(Math.trunc(Math.abs(v)), 1024, BYTE_UNITS);
  return `${v < 0 ? '-' : ''}${num} ${unit ?? 'B'}`;
}

/** 144 ns, 5.1 µs, 13.0 s; past a minute two parts: 5 min 0 s, 12 hours 0 min, 25 days 0 hours. */
export function durationText(ns: number): string {
  const rounded = Math.round(Math.abs(ns));
  const sign = ns < 0 && rounded !== 0 ? '-' : '';
  const hours = Math.round(rounded / 3.6e12);
  if (hours > 24) return `${sign}${Math.floor(hours / 24)} days ${hours % 24} hours`;
  const minutes = Math.round(rounded / 6e10);
  if (minutes > 60) return `${sign}${Math.floor(minutes / 60)} hours ${minutes % 60} min`;
  const seconds = Math.round(rounded / 1e9);
  if (seconds > 60) return `${sign}${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  if (rounded === 0) return '0 s';
  const [num, unit] = scaled(rounded, 1000, SMALL_TIME_UNITS);
  return `${sign}${num} ${unit ?? 'ns'}`;
}

/**
 * A count in the largest unit of `units` (powers of `base`) that fits, to one decimal while the number is small
 * (below base/10), to a whole number above. Below 10 the count itself, with no unit (the caller names the base unit).
 */
function scaled(count: number, base: number, units: readonly string[]): [string, string | undefined] {
  if (count < 10) return [String(count), undefined];
  let e = 0;
  while (e < units.length - 1 && count >= base ** (e + 1)) e++;
  // Tenths, rounded half up; then whole units rounded half to even (what printf's %.0f does with 102.5).
  const tenths = Math.floor((count / base ** e) * 10 + 0.5);
  if (tenths < base) return [`${Math.floor(tenths / 10)}.${tenths % 10}`, units[e]];
  let whole = Math.floor(tenths / 10);
  const rest = tenths % 10;
  if (rest > 5 || (rest === 5 && whole % 2 === 1)) whole++;
  return [String(whole), units[e]];
}

/** A script reference ({"label": ..., "script": ..., "args": ...}) reads as its label. */
function scriptLabel(text: string): string {
  const ref = parseObject(text);
  const label = ref?.get('label');
  return label === undefined ? text : typeof label === 'string' ? label : JSON.stringify(label);
}

/** {"p50": 1, "p99": 2} reads as `p50: 1, p99: 2`, keys sorted, each value formatted as a FLOAT64 of `semantic`. */
function quantilesText(text: string, semantic: SemanticType): string {
  const q = parseObject(text);
  if (q === undefined) return text;
  return [...q.keys()]
    .sort()
    .map((k) => {
      const v = q.get(k);
      const shown =
        typeof v === 'number' ? valueText('FLOAT64', semantic, v) : typeof v === 'string' ? v : JSON.stringify(v);
      return `${k}: ${shown}`;
    })
    .join(', ');
}

// A Map: keys come from the data (a key named __proto__ is just a key).
function parseObject(text: string): Map<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  return new Map(Object.entries(parsed as Record<string, unknown>));
}
