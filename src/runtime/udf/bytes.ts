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
