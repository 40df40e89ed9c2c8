/** Half-open range of UTF-16 offsets into SourceFile.text. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly col: number;
}

export class SourceFile {
  readonly lineStarts: readonly number[];

  constructor(
    readonly path: string,
    readonly text: string,
  ) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) starts.push(i + 1);
    }
    this.lineStarts = starts;
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.lineStarts[lo]! + 1 };
  }

  /** Stretches of the text never shown in a diagnostic (header values: API keys), and such values as text. */
  private readonly secretSpans: Span[] = [];
  private readonly secretTexts = new Set<string>();

  /**
   * Marks `at` as secret, and `value` (what it evaluates to) wherever it appears: a header value written through
   * a variable is masked on the variable's line too. Values shorter than 4 characters are masked only at `at`.
   */
  maskSecret(at: Span, value?: string): void {
    this.secretSpans.push(at);
    if (value !== undefined && value.length >= 4) this.secretTexts.add(value);
  }

  /** A line as diagnostics show it: secrets replaced by '*' (as many, so carets stay aligned). */
  shownLine(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    let text = this.lineText(line);
    if (this.secretSpans.length === 0 && this.secretTexts.size === 0) return text;
    for (const s of this.secretSpans) {
      const from = Math.max(s.start - start, 0);
      const to = Math.min(s.end - start, text.length);
      if (from < to) text = text.slice(0, from) + '*'.repeat(to - from) + text.slice(to);
    }
    return this.maskedText(text);
  }

  /** `text` (a message) with every secret value replaced by '*'. */
  maskedText(text: string): string {
    for (const v of this.secretTexts) text = text.replaceAll(v, '*'.repeat(v.length));
    return text;
  }

  /** The text of a 1-based line, without its line break. */
  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? this.text.length;
    const next = this.lineStarts[line];
    const end = next === undefined ? this.text.length : next - 1;
    return this.text.slice(start, end).replace(/\r$/, '');
  }
}

export function span(start: number, end: number): Span {
  return { start, end };
}

export function cover(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
