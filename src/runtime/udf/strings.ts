// String functions (SPEC §12.3): byte-based like Pixie's, ASCII-only case mapping and trimming.

import { byteIndexOf, byteLength, byteSlice, utf8Bytes } from './bytes.js';
import { type Family, pure } from './define.js';
import { jsonString } from './json-text.js';

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
  pure(f, 'strip_prefix', ['STRING,STRING'], (prefix: string, s: string) =>
    s.startsWith(prefix) ? s.slice(prefix.length) : s,
  );
  pure(f, 'atoi', ['STRING,INT64'], atoi);
  pure(f, 'itoa', ['INT64'], (x: bigint) => x.toString());
  pure(f, 'bytes_to_hex', ['STRING'], bytesToHex);
  pure(f, 'hex_to_ascii', ['STRING'], hexToAscii);
  pure(
    f,
    'split',
    ['STRING,STRING'],
    (s: string, delim: string) => `[${splitText(s, delim).map(jsonString).join(',')}]`,
  );
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

/** Every byte as `\\xHH` (upper-case hex), Pixie's "Hex" bytes format. */
export function bytesToHex(s: string): string {
  let out = '';
  for (const b of utf8Bytes(s)) out += `\\x${b.toString(16).toUpperCase().padStart(2, '0')}`;
  return out;
}

/**
 * Pairs of hex digits → bytes (one character per byte); "" when malformed. Each pair is read as C's
 * strtol(pair, 16) must consume it whole, so a pair may also be a space or sign and one digit.
 */
export function hexToAscii(s: string): string {
  if (s.length % 2 !== 0) return '';
  const bytes = new Uint8Array(s.length / 2);
  for (let i = 0; i < s.length; i += 2) {
    const m = /^(?:([0-9a-fA-F]{2})|[ \t\n\v\f\r]?([+-]?)([0-9a-fA-F]))$/.exec(s.slice(i, i + 2));
    if (!m) return '';
    const v = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[3]!, 16) * (m[2] === '-' ? -1 : 1);
    bytes[i / 2] = v & 0xff;
  }
  return bytesToText(bytes);
}

/**
 * PxL strings are byte strings in Pixie; pxlc's are JavaScript strings. Bytes a script computes (hex_to_ascii) are
 * read as UTF-8, as Pixie's output shows them ('68c3a9' is "hé"); a byte that is not part of valid UTF-8 becomes
 * the lone surrogate U+DC80+byte (Python's "surrogateescape"), so no byte is lost or silently replaced.
 */
export function bytesToText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    let out = '';
    let i = 0;
    while (i < bytes.length) {
      const n = utf8SequenceLength(bytes, i);
      if (n > 0) {
        out += new TextDecoder('utf-8').decode(bytes.subarray(i, i + n));
        i += n;
      } else {
        out += String.fromCharCode(0xdc00 + bytes[i]!);
        i++;
      }
    }
    return out;
  }
}

/** The length of the valid UTF-8 sequence starting at bytes[i], or 0. */
function utf8SequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  const n = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > bytes.length) return 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(i, i + n));
    return n;
  } catch {
    return 0;
  }
}

/** absl::StrSplit: an empty delimiter splits into characters; an empty string gives [""]. */
export function splitText(s: string, delim: string): string[] {
  if (delim === '') return s === '' ? [''] : [...s];
  return s.split(delim);
}
