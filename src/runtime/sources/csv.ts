// RFC 4180 CSV read as bytes: quoted fields with "" escapes and embedded newlines, CRLF, LF or CR line ends.
// The scanner finds each record's field boundaries in the file's bytes without making a string per field, so a
// reader converts only the fields it keeps (a number straight from its digits, a repeated string looked up by
// its bytes). Records remember the line they start on so errors can name it; bytes that are not UTF-8 are an
// error naming their line.

import { ByteScanner, SyntaxAtLine, type RecordFields } from './byte-scanner.js';

export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export { SyntaxAtLine as CsvSyntaxError } from './byte-scanner.js';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/**
 * The record being looked at: `bytes[from(j) .. to(j))` is field j (quotes included when `quoted(j)`), valid
 * only during the callback.
 */
export interface CsvFields extends RecordFields {
  /** Field j as text, quotes removed and "" read as one quote. */
  text(j: number): string;
}

/**
 * Incremental scanner over one working buffer: bytes are read (or pushed) in after the incomplete record the
 * last scan left, which is moved to the front; `onRecord` sees each complete record. Nothing is allocated per
 * chunk, and a record is scanned once it is complete.
 */
export class CsvScanner extends ByteScanner implements CsvFields {
  count = 0;
  line = 1;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private quotes = new Uint8Array(64);

  constructor(private readonly onRecord: (r: CsvFields) => void) {
    super();
  }

  from(j: number): number {
    return this.starts[j]!;
  }
  to(j: number): number {
    return this.ends[j]!;
  }
  quoted(j: number): boolean {
    return this.quotes[j] === 1;
  }
  value(j: number): string {
    return this.text(j);
  }

  text(j: number): string {
    const s = this.starts[j]!;
    const e = this.ends[j]!;
    if (this.quotes[j] !== 1) return this.bytes.toString('utf8', s, e);
    const b = this.bytes;
    const q = b.indexOf(QUOTE, s + 1);
    if (q >= e - 1) return b.toString('utf8', s + 1, e - 1);
    // "" is one quote: the bytes are unescaped before decoding (a replaceAll on the text leaves a string made
    // of pieces, several times the size of the value).
    const out = Buffer.allocUnsafe(e - s);
    let n = 0;
    for (let i = s + 1; i < e - 1; i++) {
      const c = b[i]!;
      out[n++] = c;
      if (c === QUOTE) i++;
    }
    return out.toString('utf8', 0, n);
  }

  /** Scans the complete records of `buf`; returns where the first incomplete one starts. */
  protected scan(atEnd: boolean): number {
    const buf = this.bytes;
    const n = this.fill;
    let p = 0;
    while (p < n) {
      const recordStart = p;
      const recordLine = this.nextLine;
      let line = recordLine;
      let k = 0;
      for (;;) {
        if (k === this.starts.length) this.growFields();
        const s = p;
        if (p < n && buf[p] === QUOTE) {
          p++;
          let closed = false;
          for (;;) {
            while (p < n && buf[p] !== QUOTE) {
              if (buf[p] === LF) line++;
              p++;
            }
            if (p >= n) break;
            if (p + 1 < n) {
              if (buf[p + 1] === QUOTE) {
                p += 2;
                continue;
              }
            } else if (!atEnd) {
              break; // a quote at the end of the chunk: "" or the closing quote, the next chunk tells
            }
            p++;
            closed = true;
            break;
          }
          if (!closed) {
            if (atEnd) throw new SyntaxAtLine(recordLine, 'a quoted field is never closed');
            return recordStart;
          }
          if (p < n && buf[p] !== COMMA && buf[p] !== LF && buf[p] !== CR) {
            throw new SyntaxAtLine(
              line,
              'unexpected text after a closing quote (quotes inside a quoted field are written "")',
            );
          }
          this.quotes[k] = 1;
        } else {
          while (p < n) {
            const c = buf[p]!;
            if (c === COMMA || c === LF || c === CR) break;
            p++;
          }
          this.quotes[k] = 0;
        }
        this.starts[k] = s;
        this.ends[k] = p;
        k++;
        if (p >= n) {
          if (!atEnd) return recordStart;
          break;
        }
        if (buf[p] === COMMA) {
          p++;
          continue;
        }
        // A line end: CRLF, LF or CR.
        if (buf[p] === CR) {
          if (p + 1 < n) {
            if (buf[p + 1] === LF) p++;
          } else if (!atEnd) return recordStart; // CR, LF maybe next
        }
        p++;
        break;
      }
      this.nextLine = line + 1;
      // A blank line is no record.
      if (k === 1 && this.starts[0] === this.ends[0]) continue;
      this.count = k;
      this.line = recordLine;
      this.onRecord(this);
    }
    return p;
  }

  private growFields(): void {
    const size = this.starts.length * 2;
    const grow = <T extends Int32Array | Uint8Array>(a: T, b: T): T => {
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts, new Int32Array(size));
    this.ends = grow(this.ends, new Int32Array(size));
    this.quotes = grow(this.quotes, new Uint8Array(size));
  }
}

/** Records as text: for callers that want every field (tests, `pxlc test` tables). */
export class CsvParser {
  private out: CsvRecord[] = [];
  private readonly scanner = new CsvScanner((r) => {
    this.out.push({ line: r.line, fields: Array.from({ length: r.count }, (_, j) => r.text(j)) });
  });

  push(chunk: string | Uint8Array): CsvRecord[] {
    this.scanner.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
    return this.take();
  }

  end(): CsvRecord[] {
    this.scanner.end();
    return this.take();
  }

  private take(): CsvRecord[] {
    const out = this.out;
    this.out = [];
    return out;
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const p = new CsvParser();
  return [...p.push(text), ...p.end()];
}

/** Quotes a field when it needs it. */
export function csvField(s: string): string {
  return /[",\r\n]/.test(s) || s.trim() !== s ? `"${s.replaceAll('"', '""')}"` : s;
}
