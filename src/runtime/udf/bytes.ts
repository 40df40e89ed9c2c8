// Pixie's strings are byte strings and its string functions count UTF-8 bytes. Our strings are JS
// strings, so byte positions are computed here; the all-ASCII case (the common one) skips encoding.

const NON_ASCII = /[^\x00-\x7f]/;

export function isAscii(s: string): boolean {
  return !NON_ASCII.test(s);
}

export function byteLength(s: string): number {
  return isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** Byte offset of the first `needle` in `haystack`, or -1. */
export function byteIndexOf(haystack: string, needle: string): number {
  const i = haystack.indexOf(needle);
  if (i <= 0 || isAscii(haystack)) return i;
  return Buffer.byteLength(haystack.slice(0, i), 'utf8');
}

/** Bytes [start, end) of the UTF-8 encoding; a cut through a character decodes to U+FFFD. */
export function byteSlice(s: string, start: number, end: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return Buffer.from(s, 'utf8').subarray(start, end).toString('utf8');
}

export function utf8Bytes(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

// Any surrogate code unit, paired or not: a quick test (no Unicode-mode regex) that nearly every string fails.
const SURROGATE = /[\uD800-\uDFFF]/;

/** Whether a string carries bytes that are not UTF-8 (escaped as U+DC80+byte by hex_to_ascii, see strings.ts). */
export function hasEscapedBytes(s: string): boolean {
  // In Unicode mode a pair is one code point, so only a lone surrogate matches.
  return SURROGATE.test(s) && /[\uDC80-\uDCFF]/u.test(s);
}

/** The bytes a string stands for: its UTF-8, with each escaped byte (U+DC80+byte) back as that byte. */
export function textToBytes(s: string): Uint8Array {
  const utf8 = new TextEncoder();
  const out: number[] = [];
  // for-of walks code points, so a lone surrogate comes on its own; TextEncoder makes any other one U+FFFD.
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
    else for (const b of utf8.encode(ch)) out.push(b);
  }
  return Uint8Array.from(out);
}

/** The text with every lone surrogate (an escaped byte, or one from the data) as U+FFFD: what a protobuf string field may carry. */
export function wellFormedText(s: string): string {
  return SURROGATE.test(s) && /\p{Cs}/u.test(s) ? s.replace(/\p{Cs}/gu, '\uFFFD') : s;
}
