// String functions (SPEC §12.3): byte-based like Pixie's, ASCII-only case mapping and trimming.

import { byteIndexOf, byteLength, byteSlice, utf8Bytes } from './bytes.js';
import { type Family, pure } from './define.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const ASCII_SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;

export function registerStrings(f: Family): void {
  pure(f, 'contains', ['STRING,STRING'], (s: string, needle: string) => s.includes(needle));
  pure(f, 'find', ['STRING,STRING'], (s: string, needle: string) => BigInt(byteIndexOf(s, needle)));
  pure(f, 'length', ['STRING'], (s: string) => BigInt(byteLength(s)));
  pure(f, 'substring', ['STRING,INT64,INT64'], substring);
  pure(f, 'tolower', ['STRING'], (s: string) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()));
  pure(f, 'toupper', ['STRING'], (s: string) => s.replace(/[a-z]+/g, (m) => m.toUpperCase()));
  pure(f, 'trim', ['STRING'], (s: string) => s.replace(ASCII_SPACE, ''));
  pure(f, 'strip_prefix', ['STRING,STRING'], (prefix: string, s: string) => (s.startsWith(prefix) ? s.slice(prefix.length) : s));
  pure(f, 'atoi', ['STRING,INT64'], atoi);
  pure(f, 'itoa', ['INT64'], (x: bigint) => x.toString());
  pure(f, 'bytes_to_hex', ['STRING'], (s: string) => utf8Bytes(s).toString('hex').toUpperCase());
  pure(f, 'hex_to_ascii', ['STRING'], hexToAscii);
  pure(f, 'split', ['STRING,STRING'], (s: string, delim: string) => JSON.stringify(splitText(s, delim)));
}

/** substring(s, pos, length) over bytes; "" when pos is outside the string or length is negative. */
export function substring(s: string, pos: bigint, length: bigint): string {
  const n = byteLength(s);
  if (pos < 0n || pos > BigInt(n) || length < 0n) return '';
  const start = Number(pos);
  const end = BigInt(start) + length > BigInt(n) ? n : start + Number(length);
  return byteSlice(s, start, end);
}

/** Whole-string base-10 int64 (surrounding ASCII whitespace allowed, as absl::SimpleAtoi); `fallback` otherwise. */
export function atoi(s: string, fallback: bigint): bigint {
  const t = s.replace(ASCII_SPACE, '');
  if (!/^[+-]?\d+$/.test(t)) return fallback;
  const v = BigInt(t);
  return v < INT64_MIN || v > INT64_MAX ? fallback : v;
}

/** Hex digits, optionally separated by spaces or written as `\x41`; "" when malformed. */
export function hexToAscii(s: string): string {
  const digits = s.replace(/\\x|[\s:-]/g, '');
  if (digits.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(digits)) return '';
  return Buffer.from(digits, 'hex').toString('latin1');
}

/** absl::StrSplit: an empty delimiter splits into characters; an empty string gives [""]. */
export function splitText(s: string, delim: string): string[] {
  if (delim === '') return s === '' ? [''] : [...s];
  return s.split(delim);
}
