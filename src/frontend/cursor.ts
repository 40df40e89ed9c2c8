// The parser's view of the token list: peeking, expecting, and the one exception used to abandon a statement
// after a syntax error (it is caught at the statement level, reported once, and parsing resumes at the next line).
// Errors the parser can step over without losing its place (a missing comma, a bracket never closed) are kept as
// pending diagnostics of the statement: reported when the statement ends, dropped if it is parsed again.

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Message } from '../diagnostics/messages.js';
import { Messages } from '../diagnostics/messages.js';
import type { Span } from '../core/source.js';
import { isKeyword, isOp, KEYWORDS, type Token } from './tokens.js';
import type { TokenStream } from './tokenizer.js';

export class SyntaxAbort extends Error {
  /** `generic`: Python's bare "invalid syntax", which the statement level may replace with a better diagnosis. */
  constructor(
    readonly span: Span,
    readonly diagnostic: Message,
    readonly generic = false,
  ) {
    super(diagnostic.text);
  }
}

export interface PendingDiagnostic {
  readonly span: Span;
  readonly message: Message;
  /** A bracket reported as never closed: one such report per statement. */
  readonly unclosed?: boolean;
}

/** Nesting beyond this is reported instead of overflowing the JavaScript stack. */
export const MAX_DEPTH = 150;

export class Cursor {
  private i = 0;
  depth = 0;
  /** Blocks count apart from expressions: a statement 150 blocks deep may still hold a nested expression. */
  private blockDepth = 0;
  private readonly pending: PendingDiagnostic[] = [];
  /** Where the statements being parsed (innermost last) start in `pending`. */
  private readonly marks: number[] = [];

  constructor(
    private readonly tokens: TokenStream,
    readonly diags: DiagnosticBag,
  ) {}

  get index(): number {
    return this.i;
  }

  seek(i: number): void {
    this.i = i;
  }

  tokenAt(i: number): Token {
    return this.tokens.at(i);
  }

  /** Line breaks inside brackets so far, by offset (see TokenStream). */
  get softBreaks(): ReadonlyMap<number, unknown> {
    return this.tokens.softBreaks;
  }

  /** Ends the logical line at the soft line break at `offset` and goes back to the token at index `i`. */
  restartAfter(offset: number, i: number): void {
    this.tokens.restartAfter(offset);
    this.i = i;
  }

  /** Starts a statement's list of pending diagnostics. */
  beginStatement(): void {
    this.marks.push(this.pending.length);
  }

  /** Ends the innermost statement: reports its pending diagnostics (`report`) or drops them; returns how many there were. */
  endStatement(report: boolean): number {
    const mark = this.marks.pop() ?? 0;
    const mine = this.pending.splice(mark);
    if (report) for (const p of mine) this.diags.error(p.span, p.message);
    return mine.length;
  }

  /** A syntax error the parser steps over: reported when the statement ends. */
  recover(span: Span, message: Message, unclosed = false): void {
    const mark = this.marks[this.marks.length - 1] ?? 0;
    if (unclosed && this.pending.slice(mark).some((p) => p.unclosed)) return;
    this.pending.push({ span, message, ...(unclosed ? { unclosed } : {}) });
  }

  /** At the end of a logical line: inside brackets, only a bracket that was never closed gets here. */
  atLineEnd(): boolean {
    const k = this.peek.kind;
    return k === 'Newline' || k === 'EOF' || k === 'Dedent' || k === 'Indent';
  }

  /** Consumes the closing bracket of `open`; at the end of the line, reports `open` as never closed and goes on. */
  expectClose(open: Token, close: ')' | ']' | '}' | '`'): Token {
    const t = this.eatOp(close);
    if (t) return t;
    if (this.atLineEnd() && close !== '`') {
      this.recover(open.span, Messages.unclosedBracket(open.text), true);
      return { kind: 'Op', text: close, span: { start: this.previous.span.end, end: this.previous.span.end } };
    }
    const p = this.peek;
    if (p.kind === 'Op' && (p.text === ')' || p.text === ']' || p.text === '}')) this.fail(this.mismatched(p, open));
    return this.fail(Messages.expectedToken(close));
  }
  get peek(): Token {
    return this.tokens.at(this.i);
  }

  peekAt(k: number): Token {
    return this.tokens.at(this.i + k);
  }

  /** Skips an indented block (from its Indent to the matching Dedent). */
  skipBlock(): void {
    let depth = 0;
    do {
      const t = this.advance();
      if (t.kind === 'Indent') depth++;
      else if (t.kind === 'Dedent') depth--;
      else if (t.kind === 'EOF') return;
    } while (depth > 0);
  }

  /** The last consumed token. */
  get previous(): Token {
    return this.tokens.at(Math.max(0, this.i - 1));
  }

  advance(): Token {
    const t = this.tokens.at(this.i);
    if (t.kind !== 'EOF') this.i++;
    return t;
  }

  atOp(text: string): boolean {
    return isOp(this.peek, text);
  }

  atKeyword(word: string): boolean {
    return isKeyword(this.peek, word);
  }

  /** A name that is not a keyword. */
  atIdentifier(): boolean {
    return this.peek.kind === 'Name' && !KEYWORDS.has(this.peek.text);
  }

  eatOp(text: string): Token | undefined {
    return this.atOp(text) ? this.advance() : undefined;
  }

  eatKeyword(word: string): Token | undefined {
    return this.atKeyword(word) ? this.advance() : undefined;
  }

  expectOp(text: string): Token {
    const t = this.eatOp(text);
    if (!t) this.fail();
    return t!;
  }

  expectIdentifier(): Token {
    if (!this.atIdentifier()) this.fail();
    return this.advance();
  }

  /** CPython's message for a closing bracket of the wrong kind. */
  mismatched(close: Token, open: Token): Message {
    const file = this.diags.file;
    const openLine = file.position(open.span.start).line;
    return Messages.mismatchedBracket(
      close.text,
      open.text,
      openLine === file.position(close.span.start).line ? undefined : openLine,
    );
  }

  /**
   * Abandons the statement with Python's message for the token at hand. A `refinable` message (or none) at a
   * stray closing bracket becomes CPython's "unmatched ')'" at the statement level.
   */
  fail(message?: Message, at?: Span, refinable = false): never {
    const t = this.peek;
    const generic = refinable || (message === undefined && t.kind !== 'EOF' && t.kind !== 'Indent');
    const msg =
      message ??
      (t.kind === 'EOF'
        ? Messages.syntaxError('unexpected EOF while parsing')
        : t.kind === 'Indent'
          ? Messages.unexpectedIndent()
          : Messages.syntaxError('invalid syntax'));
    throw new SyntaxAbort(at ?? this.visibleSpan(t), msg, generic);
  }

  /** A token's span widened to one character so a caret shows, except at the very end of the file. */
  visibleSpan(t: Token): Span {
    const eof = this.diags.file.text.length;
    if (t.span.end > t.span.start || t.span.start >= eof) return t.span;
    return { start: t.span.start, end: t.span.start + 1 };
  }

  enter(span: Span): void {
    if (++this.depth > MAX_DEPTH) throw new SyntaxAbort(span, Messages.tooDeep());
  }

  leave(): void {
    this.depth--;
  }

  /** Whether one more block fits (CPython stops at 20 "statically nested blocks"; PxL allows MAX_DEPTH). */
  canNestBlock(): boolean {
    return this.blockDepth < MAX_DEPTH;
  }

  /** Parses a nested block with `parse`; past MAX_DEPTH blocks, abandons the statement at `span` instead. */
  nestedBlock<T>(span: Span, parse: () => T): T {
    if (!this.canNestBlock()) throw new SyntaxAbort(span, Messages.tooDeepBlocks());
    this.blockDepth++;
    try {
      return parse();
    } finally {
      this.blockDepth--;
    }
  }

  /** Skips to the end of the current logical line (its NEWLINE consumed), keeping blocks balanced. */
  skipLine(): void {
    let nested = 0;
    for (;;) {
      const t = this.peek;
      if (t.kind === 'EOF') return;
      if (t.kind === 'Indent') nested++;
      if (t.kind === 'Dedent') {
        if (nested === 0) return;
        nested--;
      }
      this.advance();
      if (t.kind === 'Newline' && nested === 0) return;
    }
  }
}
