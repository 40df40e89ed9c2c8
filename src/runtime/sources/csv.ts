// RFC 4180 CSV: quoted fields with "" escapes and embedded newlines. Records remember the line they start on
// so errors can name it.

export interface CsvRecord {
  readonly line: number;
  readonly fields: readonly string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
  }
}

/**
 * Incremental parser: feed it chunks of text as they are read, take the complete records each time. A record
 * spanning chunks (a quoted field with a newline, or a chunk boundary mid-line) is held until it is complete.
 */
export class CsvParser {
  private fields: string[] = [];
  private field = '';
  private line = 1;
  private recordLine = 1;
  private quoted = false;
  private afterQuote = false;
  private fieldStarted = false;
  private pendingCr = false;
  private first = true;

  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    let i = 0;
    if (this.first) {
      this.first = false;
      if (chunk.charCodeAt(0) === 0xfeff) i = 1;
    }
    for (; i < chunk.length; i++) {
      if (this.atRecordStart()) {
        // Fast path: a whole line without quotes or stray CRs is split in one go.
        const nl = chunk.indexOf('\n', i);
        if (nl < 0) {
          if (this.pendingCr) { this.pendingCr = false; if (chunk[i] === '\n') continue; }
        } else {
          let end = nl;
          if (this.pendingCr && i === nl) { this.pendingCr = false; continue; }
          this.pendingCr = false;
          if (end > i && chunk.charCodeAt(end - 1) === 13) end--;
          const line = chunk.slice(i, end);
          if (line.indexOf('"') < 0 && line.indexOf('\r') < 0) {
            if (line !== '') out.push({ line: this.line, fields: line.split(',') });
            this.line++;
            this.recordLine = this.line;
            i = nl;
            continue;
          }
        }
      }
      const ch = chunk[i]!;
      if (this.pendingCr) {
        this.pendingCr = false;
        if (ch === '\n') continue;
      }
      if (this.quoted) {
        if (ch === '"') { this.quoted = false; this.afterQuote = true; continue; }
        if (ch === '\n') this.line++;
        this.field += ch;
        continue;
      }
      if (this.afterQuote) {
        this.afterQuote = false;
        // `""` inside a quoted field is one quote: reopen the quotes.
        if (ch === '"') { this.field += '"'; this.quoted = true; continue; }
        if (ch !== ',' && ch !== '\n' && ch !== '\r') {
          throw new CsvSyntaxError(this.line, 'unexpected text after a closing quote (quotes inside a quoted field are written "")');
        }
      }
      if (ch === '"' && !this.fieldStarted) { this.quoted = true; this.fieldStarted = true; continue; }
      if (ch === ',') { this.endField(); continue; }
      if (ch === '\r' || ch === '\n') {
        this.endRecord(out);
        if (ch === '\r') this.pendingCr = true;
        this.line++;
        this.recordLine = this.line;
        continue;
      }
      this.field += ch;
      this.fieldStarted = true;
    }
    return out;
  }

  private atRecordStart(): boolean {
    return this.fields.length === 0 && this.field === '' && !this.fieldStarted && !this.quoted && !this.afterQuote;
  }

  end(): CsvRecord[] {
    if (this.quoted) throw new CsvSyntaxError(this.recordLine, 'a quoted field is never closed');
    const out: CsvRecord[] = [];
    if (this.field !== '' || this.fields.length > 0 || this.fieldStarted) this.endRecord(out);
    return out;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.fieldStarted = false;
  }

  private endRecord(out: CsvRecord[]): void {
    this.endField();
    if (!(this.fields.length === 1 && this.fields[0] === '')) out.push({ line: this.recordLine, fields: this.fields });
    this.fields = [];
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
