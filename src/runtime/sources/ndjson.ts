// NDJSON read as bytes: each line one JSON object, scanned in the file's buffer without JSON.parse. The scanner
// checks the line's syntax and notes where the value of each wanted key lies; the column readers convert only
// those (an integer straight from its digits, a repeated string looked up by its bytes). Keys are matched by
// their bytes against those of the line before, so a file whose lines name the same keys in the same order
// decodes no key at all. A line the scanner does not take (bad JSON, not an object, or JSON it leaves to the
// full parser) is handed over as text, so its error is JSON.parse's own.

import { assertNever } from '../../core/assert-never.js';
import { ByteScanner, type RecordFields } from './byte-scanner.js';

const LF = 0x0a;
const CR = 0x0d;
const SPACE = 0x20;
const TAB = 0x09;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const MINUS = 0x2d;

/** What a wanted key's value is on the current line. */
const enum Kind {
  Missing = 0,
  Text = 1,
  /** A string with backslash escapes: decoded by JSON.parse. */
  EscapedText = 2,
  Integer = 3,
  Number = 4,
  /** true, false, null, an object or an array. */
  Other = 5,
}

const NOT_WANTED = -1;
const BAD = -1;

/** Integers of this many characters or more are past 2^53: they are read from their digits, never rounded. */
const EXACT_DIGITS = 16;

export interface NdjsonRecord extends RecordFields {
  /** Whether the line has key j. */
  has(j: number): boolean;
  /** Whether key j's value is the JSON string `token` (its bytes as JSON.stringify writes them). */
  textIs(j: number, token: Buffer): boolean;
}

export class NdjsonScanner extends ByteScanner implements NdjsonRecord {
  line = 1;
  readonly count: number;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly kinds: Uint8Array;
  private readonly index = new Map<string, number>();
  /** The keys of the line before, in order, and the wanted column each is. */
  private lastKeys: Buffer[] = [];
  private lastColumns: number[] = [];
  /** Set by stop(): no more lines are scanned. */
  stopped = false;

  /**
   * `keys`: the keys whose values the reader wants, field j being keys[j]. `onRecord` sees each object line,
   * `onOther` each non-blank line the scanner did not take, as text.
   */
  constructor(
    keys: readonly string[],
    private readonly onRecord: (r: NdjsonRecord) => void,
    private readonly onOther: (line: number, text: string) => void,
  ) {
    super();
    this.count = keys.length;
    keys.forEach((k, j) => this.index.set(k, j));
    this.starts = new Int32Array(keys.length);
    this.ends = new Int32Array(keys.length);
    this.kinds = new Uint8Array(keys.length);
  }

  from(j: number): number {
    return this.starts[j]!;
  }
  to(j: number): number {
    return this.ends[j]!;
  }
  quoted(j: number): boolean {
    return this.kinds[j] !== Kind.Integer;
  }
  has(j: number): boolean {
    return this.kinds[j] !== Kind.Missing;
  }

  /** The value of key j as JSON.parse gives it, except that long integers are their digits (exact). */
  value(j: number): unknown {
    const s = this.starts[j]!;
    const e = this.ends[j]!;
    const kind = this.kinds[j] as Kind;
    switch (kind) {
      case Kind.Missing:
        return undefined;
      case Kind.Text:
        return this.bytes.toString('utf8', s + 1, e - 1);
      case Kind.Integer:
        return e - s >= EXACT_DIGITS
          ? this.bytes.toString('latin1', s, e)
          : Number(this.bytes.toString('latin1', s, e));
      case Kind.Number:
        return Number(this.bytes.toString('latin1', s, e));
      case Kind.EscapedText:
        return JSON.parse(this.bytes.toString('utf8', s, e)) as unknown;
      case Kind.Other:
        return JSON.parse(exactIntegers(this.bytes.toString('utf8', s, e))) as unknown;
      default:
        return assertNever(kind);
    }
  }

  textIs(j: number, token: Buffer): boolean {
    const kind = this.kinds[j] as Kind;
    if (kind === Kind.EscapedText) return JSON.stringify(this.value(j)) === token.toString();
    return kind === Kind.Text && this.bytes.subarray(this.starts[j]!, this.ends[j]!).equals(token);
  }

  /** Stops the scan after the current line (readFile stops with `() => scanner.stopped`). */
  stop(): void {
    this.stopped = true;
  }

  protected scan(atEnd: boolean): number {
    const buf = this.bytes;
    const n = this.fill;
    let p = 0;
    for (;;) {
      if (this.stopped) return n;
      let eol = buf.indexOf(LF, p);
      if (eol < 0 || eol >= n) {
        if (!atEnd || p >= n) return p;
        eol = n;
      }
      this.line = this.nextLine++;
      let end = eol;
      if (end > p && buf[end - 1] === CR) end--;
      const start = skipSpace(buf, p, end);
      if (start < end) {
        if (this.object(buf, start, end)) this.onRecord(this);
        else this.onOther(this.line, buf.toString('utf8', p, end));
      }
      p = eol + 1;
      if (p >= n) return n;
    }
  }

  /** Scans the object on buf[p .. end); false when the line is not one the scanner reads. */
  private object(buf: Buffer, p: number, end: number): boolean {
    // A missing value is an empty field: no column reader's fast path or dictionary takes it.
    this.kinds.fill(Kind.Missing);
    this.starts.fill(0);
    this.ends.fill(0);
    if (buf[p] !== OPEN_OBJECT) return false;
    p = skipSpace(buf, p + 1, end);
    if (p < end && buf[p] === CLOSE_OBJECT) return skipSpace(buf, p + 1, end) === end;
    for (let ordinal = 0; ; ordinal++) {
      if (p >= end || buf[p] !== QUOTE) return false;
      const keyEnd = stringEnd(buf, p, end);
      if (keyEnd === BAD) return false;
      const column = this.column(buf, p, keyEnd, ordinal, escaped);
      p = skipSpace(buf, keyEnd, end);
      if (p >= end || buf[p] !== COLON) return false;
      p = skipSpace(buf, p + 1, end);
      if (p >= end) return false;
      const valueStart = p;
      let kind: Kind;
      const c = buf[p]!;
      if (c === QUOTE) {
        p = stringEnd(buf, p, end);
        kind = escaped ? Kind.EscapedText : Kind.Text;
      } else if (c === MINUS || (c >= 0x30 && c <= 0x39)) {
        const integerEnd = digitsEnd(buf, p, end);
        p = numberEnd(buf, p, integerEnd, end);
        kind = p === integerEnd ? Kind.Integer : Kind.Number;
      } else {
        p = otherEnd(buf, p, end);
        kind = Kind.Other;
      }
      if (p === BAD) return false;
      if (column !== NOT_WANTED) {
        this.starts[column] = valueStart;
        this.ends[column] = p;
        this.kinds[column] = kind;
      }
      p = skipSpace(buf, p, end);
      if (p >= end) return false;
      if (buf[p] === COMMA) {
        p = skipSpace(buf, p + 1, end);
        continue;
      }
      return buf[p] === CLOSE_OBJECT && skipSpace(buf, p + 1, end) === end;
    }
  }

  /**
   * The wanted column named by the key at buf[s .. e) (quotes included, `hasEscapes` when it has backslash
   * escapes), the `ordinal`th of its line.
   */
  private column(buf: Buffer, s: number, e: number, ordinal: number, hasEscapes: boolean): number {
    const last = this.lastKeys[ordinal];
    if (last !== undefined && last.length === e - s && buf.compare(last, 0, last.length, s, e) === 0)
      return this.lastColumns[ordinal]!;
    const raw = buf.subarray(s, e);
    const name = hasEscapes ? (JSON.parse(raw.toString('utf8')) as string) : raw.toString('utf8', 1, raw.length - 1);
    const column = this.index.get(name) ?? NOT_WANTED;
    this.lastKeys[ordinal] = Buffer.from(raw);
    this.lastColumns[ordinal] = column;
    return column;
  }
}

function skipSpace(buf: Buffer, p: number, end: number): number {
  while (p < end) {
    const c = buf[p]!;
    if (c !== SPACE && c !== TAB && c !== CR) break;
    p++;
  }
  return p;
}

/** Whether the last string stringEnd read has backslash escapes. */
let escaped = false;

/**
 * The end of the JSON string starting at buf[p] (a quote), just past its closing quote; BAD if malformed.
 * Sets `escaped`.
 */
function stringEnd(buf: Buffer, p: number, end: number): number {
  escaped = false;
  for (p++; p < end; p++) {
    const c = buf[p]!;
    if (c === QUOTE) return p + 1;
    if (c < 0x20) return BAD;
    if (c === BACKSLASH) {
      escaped = true;
      if (++p >= end) return BAD;
      const x = buf[p];
      if (x === 0x75) {
        // \uXXXX
        if (p + 4 >= end) return BAD;
        for (let k = 1; k <= 4; k++) if (!isHex(buf[p + k])) return BAD;
        p += 4;
      } else if (
        x !== QUOTE &&
        x !== BACKSLASH &&
        x !== 0x2f &&
        x !== 0x62 &&
        x !== 0x66 &&
        x !== 0x6e &&
        x !== 0x72 &&
        x !== 0x74
      ) {
        return BAD;
      }
    }
  }
  return BAD;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

/** The end of a number's integer part (sign and digits, no leading zeros); BAD if malformed. */
function digitsEnd(buf: Buffer, p: number, end: number): number {
  if (buf[p] === MINUS) p++;
  const first = p;
  while (p < end && buf[p]! >= 0x30 && buf[p]! <= 0x39) p++;
  if (p === first || (buf[first] === 0x30 && p > first + 1)) return BAD;
  return p;
}

/** The end of a number whose integer part ends at `p`: its fraction and exponent, if any. */
function numberEnd(buf: Buffer, start: number, p: number, end: number): number {
  if (p === BAD) return BAD;
  if (buf[p] === 0x2e && p < end) {
    const first = ++p;
    while (p < end && buf[p]! >= 0x30 && buf[p]! <= 0x39) p++;
    if (p === first) return BAD;
  }
  if ((buf[p] === 0x65 || buf[p] === 0x45) && p < end) {
    p++;
    if (buf[p] === 0x2b || buf[p] === MINUS) p++;
    const first = p;
    while (p < end && buf[p]! >= 0x30 && buf[p]! <= 0x39) p++;
    if (p === first) return BAD;
  }
  return p > start ? p : BAD;
}

/**
 * The end of true, false, null, an object or an array at buf[p]. Nested values are found by matching brackets
 * outside strings and then checked by JSON.parse, which is rare enough in telemetry rows to cost nothing.
 */
function otherEnd(buf: Buffer, p: number, end: number): number {
  for (const word of LITERALS) {
    if (buf[p] === word[0] && end - p >= word.length && buf.compare(word, 0, word.length, p, p + word.length) === 0)
      return p + word.length;
  }
  const open = buf[p];
  if (open !== OPEN_OBJECT && open !== OPEN_ARRAY) return BAD;
  const start = p;
  let depth = 0;
  for (; p < end; p++) {
    const c = buf[p]!;
    if (c === QUOTE) {
      p = stringEnd(buf, p, end);
      if (p === BAD) return BAD;
      p--;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      depth++;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      if (--depth === 0) {
        try {
          JSON.parse(buf.toString('utf8', start, p + 1));
        } catch {
          return BAD;
        }
        return p + 1;
      }
    }
  }
  return BAD;
}

const LITERALS = ['true', 'false', 'null'].map((w) => Buffer.from(w));

/**
 * JSON numbers are doubles, so JSON.parse rounds integers past 2^53 — nanosecond times, int64 sums, which
 * pxlc's own --output json writes with every digit. Integer literals too long to be exact are turned into
 * strings before parsing, so the column conversion reads their digits exactly.
 */
export function exactIntegers(text: string): string {
  if (!/\d{16}/.test(text)) return text;
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 92)
        i++; // backslash: skip the escaped character
      else if (ch === 34) inString = false;
      continue;
    }
    if (ch === 34) {
      inString = true;
      continue;
    }
    if ((ch >= 48 && ch <= 57) || ch === 45) {
      // A whole number token: sign, digits, then a fraction or exponent if any.
      let j = ch === 45 ? i + 1 : i;
      while (j < text.length && isDigit(text.charCodeAt(j))) j++;
      const digitsEnd = j;
      while (j < text.length && (isDigit(text.charCodeAt(j)) || '.eE+-'.includes(text[j]!))) j++;
      if (j === digitsEnd && digitsEnd - i >= EXACT_DIGITS) {
        out += `${text.slice(from, i)}"${text.slice(i, j)}"`;
        from = j;
      }
      i = j - 1;
    }
  }
  return out + text.slice(from);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
