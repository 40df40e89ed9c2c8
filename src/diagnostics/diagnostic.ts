import type { Span } from '../frontend/source.js';
import type { SourceFile } from '../frontend/source.js';
import type { Message } from './messages.js';

export type Severity = 'error' | 'warning';

/**
 * What a failed value (the checker's ERROR) calls itself in message text. A message built from it is a
 * cascade of an error already reported, so the bag drops it: no call site needs its own guard.
 */
export const CASCADE_MARK = '\uE000cascade\uE000';

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
  private readonly redirects: { readonly span: Span; readonly note: (original: Span) => string }[] = [];

  constructor(readonly file: SourceFile) {}

  error(span: Span, message: Message, ...hints: string[]): void {
    this.add('error', span, message, hints);
  }

  warning(span: Span, message: Message, ...hints: string[]): void {
    this.add('warning', span, message, hints);
  }

  /**
   * While `f` runs, every diagnostic is reported at `span` (the call in the user's script) with `note(original)`
   * as a hint: used for library code, whose own spans are not in the script. The outermost redirect wins.
   */
  redirected<T>(span: Span, note: (original: Span) => string, f: () => T): T {
    this.redirects.push({ span, note });
    try {
      return f();
    } finally {
      this.redirects.pop();
    }
  }

  private add(severity: Severity, original: Span, message: Message, extraHints: string[]): void {
    const redirect = this.redirects[0];
    // Library code is pxlc's own: its warnings would only be noise at the user's call.
    if (redirect && severity === 'warning') return;
    const span = redirect ? redirect.span : original;
    const hints = redirect ? [...extraHints, redirect.note(original)] : extraHints;
    if (message.text.includes(CASCADE_MARK) || message.hints.some((h) => h.includes(CASCADE_MARK))) return;
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
