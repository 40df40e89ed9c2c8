import type { Span } from '../core/source.js';
import type { SourceFile } from '../core/source.js';
import type { Message } from './messages.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly file: SourceFile;
  readonly span: Span;
  readonly hints: readonly string[];
  /** Secondary locations, each with a note ("'protocol' is named here"). */
  readonly related?: readonly { readonly span: Span; readonly message: string }[];
}

/** Collects diagnostics; drops a second diagnostic at the same offset (usually a cascade). */
export class DiagnosticBag {
  private readonly items: Diagnostic[] = [];
  private readonly seenStarts = new Set<string>();
  private readonly redirects: { readonly span: Span; readonly note: (original: Span) => string }[] = [];
  private readonly contextHints: string[] = [];
  /**
   * Receives the script argument whose value a diagnostic needed, and where (MessageStatus `needsArgumentValue`);
   * without a handler such a diagnostic is reported as it reads.
   */
  onRunTimeValue: ((name: string, span: Span) => void) | undefined;

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

  /** While `f` runs, every diagnostic gets `hint` (e.g. which value of a script argument was being checked). */
  withHint<T>(hint: string, f: () => T): T {
    this.contextHints.push(hint);
    try {
      return f();
    } finally {
      this.contextHints.pop();
    }
  }

  private add(severity: Severity, original: Span, message: Message, extraHints: string[]): void {
    if (message.status.kind === 'cascade') return;
    if (message.status.kind === 'needsArgumentValue' && severity === 'error' && this.onRunTimeValue) {
      this.onRunTimeValue(message.status.name, this.redirects[0]?.span ?? original);
      return;
    }
    const redirect = this.redirects[0];
    // Library code is pxlc's own: its warnings would only be noise at the user's call.
    if (redirect && severity === 'warning') return;
    const span = redirect ? redirect.span : original;
    const hints = [...extraHints, ...(redirect ? [redirect.note(original)] : []), ...this.contextHints];
    // Notes inside library code would point into pxlc's own source: only the redirect's place is shown then.
    const related = redirect ? [] : (message.related ?? []).map((r) => ({ span: r.span, message: r.text }));
    const key = dedupeKey(severity, span, related);
    if (this.seenStarts.has(key)) return;
    this.seenStarts.add(key);
    this.items.push({
      code: message.code,
      severity,
      message: message.text,
      file: this.file,
      span,
      hints: [...message.hints, ...hints],
      ...(related.length > 0 ? { related } : {}),
    });
  }

  /** Takes a diagnostic an earlier stage reported (the parser's), under the same one-per-offset rule. */
  adopt(d: Diagnostic): void {
    const key = dedupeKey(d.severity, d.span, d.related ?? []);
    if (this.seenStarts.has(key)) return;
    this.seenStarts.add(key);
    this.items.push(d);
  }

  /** Whether an error was reported starting in [start, end]. */
  hasErrorBetween(start: number, end: number): boolean {
    return this.items.some((d) => d.severity === 'error' && d.span.start >= start && d.span.start <= end);
  }

  get hasErrors(): boolean {
    return this.items.some((d) => d.severity === 'error');
  }

  all(): Diagnostic[] {
    return [...this.items].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  }
}

/**
 * One diagnostic per offset and severity: a second one there is usually a cascade. Diagnostics with notes are told
 * apart by where their first note points (two columns of one list variable are two errors at its use).
 */
function dedupeKey(severity: Severity, span: Span, related: readonly { readonly span: Span }[]): string {
  return `${severity}:${span.start}:${related[0]?.span.start ?? ''}`;
}
