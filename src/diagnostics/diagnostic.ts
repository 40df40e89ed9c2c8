import type { Span } from '../frontend/source.js';
import type { SourceFile } from '../frontend/source.js';
import type { Message } from './messages.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: SourceFile;
  readonly span: Span;
  readonly hints: readonly string[];
}

/** Collects diagnostics; drops a second diagnostic at the same offset (usually a cascade). */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  private readonly seenStarts = new Set<number>();

  constructor(readonly file: SourceFile) {}

  error(span: Span, message: Message, ...hints: string[]): void {
    this.add('error', span, message, hints);
  }

  warning(span: Span, message: Message, ...hints: string[]): void {
    this.add('warning', span, message, hints);
  }

  private add(severity: Severity, span: Span, message: Message, hints: string[]): void {
    const key = span.start * 2 + (severity === 'error' ? 1 : 0);
    if (this.seenStarts.has(key)) return;
    this.seenStarts.add(key);
    this.items.push({ code: message.code, severity, message: message.text, file: this.file, span, hints: [...message.hints, ...hints] });
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  all(): Diagnostic[] {
    return [...this.items].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  }
}
