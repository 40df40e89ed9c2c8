// The file-reading half of the byte-level readers (CSV, NDJSON): one working buffer the file is read into, bytes
// checked as UTF-8 a whole line at a time (an error naming the line, never a silent U+FFFD), a byte order mark
// dropped, and the incomplete record the last scan left moved to the front before more is read. A subclass's
// scan finds the records in the buffer and hands each to its reader.

import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';

/** A syntax error at a line of the file (the reader adds the file's name). */
export class SyntaxAtLine extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The record being looked at, for the column readers: `bytes[from(j) .. to(j))` is field j as written (quotes
 * included when `quoted(j)`), `value(j)` its value as the general conversion reads it. Valid only during the
 * callback.
 */
export interface RecordFields {
  readonly bytes: Buffer;
  readonly count: number;
  readonly line: number;
  from(j: number): number;
  to(j: number): number;
  /** The field's bytes are quoted text (the fast integer path reads only bare digits). */
  quoted(j: number): boolean;
  value(j: number): unknown;
}

const LF = 0x0a;
const CR = 0x0d;

export abstract class ByteScanner {
  bytes: Buffer = Buffer.allocUnsafe(1 << 20);
  /** bytes[0 .. fill) hold unscanned input; bytes[0 .. checked) are known to be UTF-8. */
  protected fill = 0;
  private checked = 0;
  /** The line bytes[0] is on. */
  protected nextLine = 1;
  private first = true;

  /** Scans the complete records of bytes[0 .. fill); returns where the first incomplete one starts. */
  protected abstract scan(atEnd: boolean): number;

  /** Room for at least `min` more bytes after what is held. */
  private room(min: number): void {
    if (this.bytes.length - this.fill >= min) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.fill + min));
    this.bytes.copy(bigger, 0, 0, this.fill);
    this.bytes = bigger;
  }

  push(chunk: Uint8Array): void {
    this.room(chunk.length);
    this.bytes.set(chunk, this.fill);
    this.added(chunk.length);
  }

  /**
   * Reads the whole file through the scanner, straight into its buffer; `stop` is asked after each read.
   * `firstRead` is told the file's size and how much of it the first read scanned (to estimate its records).
   */
  async readFile(
    path: string,
    stop: () => boolean = () => false,
    firstRead?: (fileBytes: number, readBytes: number) => void,
  ): Promise<void> {
    const fh = await open(path, 'r');
    try {
      for (let first = true; ; first = false) {
        if (this.bytes.length - this.fill < this.bytes.length / 2) this.room(this.bytes.length / 2);
        const { bytesRead } = await fh.read(this.bytes, this.fill, this.bytes.length - this.fill, null);
        if (bytesRead === 0) break;
        this.added(bytesRead);
        if (first && firstRead) firstRead((await fh.stat()).size, bytesRead - this.fill);
        if (stop()) return;
      }
      this.end();
    } finally {
      await fh.close();
    }
  }

  private added(n: number): void {
    this.fill += n;
    if (this.first) {
      if (this.fill < 3) return;
      this.skipBom();
    }
    // Only whole lines are checked for UTF-8 (an LF or CR byte is never inside a multi-byte character).
    const held = this.bytes.subarray(0, this.fill);
    const cut = Math.max(held.lastIndexOf(LF), held.lastIndexOf(CR)) + 1;
    if (cut > this.checked) this.checkUtf8(cut);
    this.consume(this.scan(false));
  }

  end(): void {
    if (this.first) this.skipBom();
    if (this.fill === 0) return;
    this.checkUtf8(this.fill);
    this.consume(this.scan(true));
  }

  /** Moves the incomplete record at `used` to the front. */
  private consume(used: number): void {
    if (used === 0) return;
    this.bytes.copyWithin(0, used, this.fill);
    this.fill -= used;
    this.checked = Math.max(0, this.checked - used);
  }

  private checkUtf8(upTo: number): void {
    const region = this.bytes.subarray(this.checked, upTo);
    if (!isUtf8(region)) {
      const lossy = region.toString('utf8');
      let line = this.nextLine;
      for (let i = this.bytes.indexOf(LF); i >= 0 && i < this.checked; i = this.bytes.indexOf(LF, i + 1)) line++;
      line += lossy.slice(0, Math.max(0, lossy.indexOf('\uFFFD'))).split('\n').length - 1;
      throw new SyntaxAtLine(line, 'the file is not valid UTF-8 (save it as UTF-8)');
    }
    this.checked = upTo;
  }

  /** A UTF-8 byte order mark is not part of the first record. */
  private skipBom(): void {
    this.first = false;
    const b = this.bytes;
    if (this.fill >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
      b.copyWithin(0, 3, this.fill);
      this.fill -= 3;
    }
  }
}
