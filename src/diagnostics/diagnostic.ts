import type { Span } from '../frontend/source.js';
import type { SourceFile } from '../frontend/source.js';
import type { Message } from './messages.js';

export type Severity = 'error' | 'warning';

/**
 * What a failed value (the checker's ERROR) calls itself in message text. A message built from it is a
 * cascade of an error already reported, so the bag drops it: no call site needs its own guard.
 */
export const CASCADE_MARK = '\uE000cascade\uE000';

/**
 * What a script argument (a value known only when the script runs) calls itself in message text. A message built
 * from it means "this needs the value now": the bag hands it to `onRunTimeValue` (function-based entry points are
 * then compiled when they run) instead of reporting it; without a handler it reads as plain words.
 */
export function runTimeValueMark(name: string): string {
  return `\uE001${name}\uE001`;
}
const RUN_TIME_VALUE = /\uE001([^\uE001]*)\uE001/;
const RUN_TIME_VALUES = /\uE001([^\uE001]*)\uE001/g;
const readable = (text: string) => text.replace(RUN_TIME_VALUES, "script argument '$1' (known only when the script runs)");

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
  private readonly contextHints: string[] = [];
  /** Receives the script argument whose value a diagnostic needed, and where (see runTimeValueMark). */
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
    const needs = RUN_TIME_VALUE.exec(message.text);
    if (needs && severity === 'error' && this.onRunTimeValue) {
      this.onRunTimeValue(needs[1]!, this.redirects[0]?.span ?? original);
      return;
    }
    const redirect = this.redirects[0];
    // Library code is pxlc's own: its warnings would only be noise at the user's call.
    if (redirect && severity === 'warning') return;
    const span = redirect ? redirect.span : original;
    const hints = [...extraHints, ...(redirect ? [redirect.note(original)] : []), ...this.contextHints];
    if (message.text.includes(CASCADE_MARK) || message.hints.some((h) => h.includes(CASCADE_MARK))) return;
    const key = span.start * 2 + (severity === 'error' ? 1 : 0);
    if (this.seenStarts.has(key)) return;
    this.seenStarts.add(key);
    this.items.push({ code: message.code, severity, message: readable(message.text), file: this.file, span, hints: [...message.hints, ...hints].map(readable) });
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
