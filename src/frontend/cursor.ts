// The parser's view of the token list: peeking, expecting, and the one exception used to abandon a statement
// after a syntax error (it is caught at the statement level, reported once, and parsing resumes at the next line).

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { Message } from '../diagnostics/messages.js';
import { Messages } from '../diagnostics/messages.js';
import type { Span } from '../core/source.js';
import { isKeyword, isOp, KEYWORDS, type Token } from './tokens.js';

export class SyntaxAbort extends Error {
  constructor(readonly span: Span, readonly diagnostic: Message) {
    super(diagnostic.text);
  }
}

/** Nesting beyond this is reported instead of overflowing the JavaScript stack. */
export const MAX_DEPTH = 150;

export class Cursor {
  private i = 0;
  depth = 0;

  constructor(private readonly tokens: readonly Token[], readonly diags: DiagnosticBag) {}

  get peek(): Token {
    return this.tokens[this.i]!;
  }

  peekAt(k: number): Token {
    return this.tokens[Math.min(this.i + k, this.tokens.length - 1)]!;
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

  /** The token following `t` (which must be one of this cursor's tokens). */
  tokenAfter(t: Token): Token | undefined {
    const k = this.tokens.indexOf(t);
    return k < 0 ? undefined : this.tokens[k + 1];
  }

  /** The last consumed token. */
  get previous(): Token {
    return this.tokens[Math.max(0, this.i - 1)]!;
  }

  advance(): Token {
    const t = this.tokens[this.i]!;
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

  /** Abandons the statement with Python's message for the token at hand. */
  fail(message?: Message, at?: Span): never {
    const t = this.peek;
    const msg = message ?? (t.kind === 'EOF' ? Messages.syntaxError('unexpected EOF while parsing')
      : t.kind === 'Indent' ? Messages.unexpectedIndent() : Messages.syntaxError('invalid syntax'));
    throw new SyntaxAbort(at ?? this.visibleSpan(t), msg);
  }

  /** A token's span widened to one character so a caret shows, except at the very end of the file. */
  visibleSpan(t: Token): Span {
    const eof = this.tokens[this.tokens.length - 1]!.span.start;
    if (t.span.end > t.span.start || t.span.start >= eof) return t.span;
    return { start: t.span.start, end: t.span.start + 1 };
  }

  enter(span: Span): void {
    if (++this.depth > MAX_DEPTH) throw new SyntaxAbort(span, Messages.tooDeep());
  }

  leave(): void {
    this.depth--;
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
