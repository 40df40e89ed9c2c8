// Python's tokenizer rules for PxL: indentation becomes INDENT/DEDENT, newlines inside brackets and after a
// backslash are not line ends, blank and comment-only lines are skipped. Lexical errors are reported and
// scanning goes on, so the parser still sees the rest of the file.

import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import { Messages } from '../diagnostics/messages.js';
import type { SourceFile } from '../core/source.js';
import { OPERATORS, type Token, type TokenKind } from './tokens.js';

const TAB_SIZE = 8;

export interface Indent {
  readonly width: number;
  readonly tabWidth: number;
}

/**
 * The tokens of a file, made as the parser asks for them. When a bracket turns out never to have been closed, the
 * parser has the rest of the file tokenized again from a line break inside it (`restartAfter`), as if the line had
 * ended there; tokenizing on demand keeps that cheap however many such brackets there are.
 */
export class TokenStream {
  private readonly tokens: Token[] = [];
  /** Line breaks inside brackets (not tokens), by offset, with the indentation stack in effect there. */
  readonly softBreaks = new Map<number, readonly Indent[]>();
  private tokenizer: Tokenizer;

  constructor(
    private readonly file: SourceFile,
    private readonly diags: DiagnosticBag,
  ) {
    this.tokenizer = new Tokenizer(file.text, diags, this.tokens, this.softBreaks, 0, [{ width: 0, tabWidth: 0 }]);
  }

  /** The token at index `i` (the EOF token past the end). */
  at(i: number): Token {
    while (i >= this.tokens.length && !this.tokenizer.done) this.tokenizer.step();
    return this.tokens[Math.min(i, this.tokens.length - 1)]!;
  }

  /** The first index whose token starts at or after `offset` (among the tokens made so far). */
  indexAtOffset(offset: number): number {
    let lo = 0;
    let hi = this.tokens.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.tokens[mid]!.span.start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the tokens after the soft line break at `offset`, which becomes a NEWLINE, and tokenizes on from there. */
  restartAfter(offset: number): void {
    const indents = this.softBreaks.get(offset)!;
    this.tokens.length = this.indexAtOffset(offset);
    this.tokens.push({ kind: 'Newline', text: this.file.text[offset]!, span: { start: offset, end: offset + 1 } });
    for (const k of [...this.softBreaks.keys()]) if (k >= offset) this.softBreaks.delete(k);
    this.tokenizer = new Tokenizer(this.file.text, this.diags, this.tokens, this.softBreaks, offset + 1, indents);
  }
}

/** All the tokens of a file at once. */
export function tokenize(file: SourceFile, diags: DiagnosticBag): Token[] {
  const stream = new TokenStream(file, diags);
  const out: Token[] = [];
  for (let i = 0; ; i++) {
    const t = stream.at(i);
    out.push(t);
    if (t.kind === 'EOF') return out;
  }
}

class Tokenizer {
  private depth = 0;
  private readonly indents: Indent[];
  private atLineStart = true;
  done = false;
  /** The indentation stack when the outermost open bracket was opened (it cannot change inside brackets). */
  private bracketIndents: readonly Indent[] = [];

  constructor(
    private readonly text: string,
    private readonly diags: DiagnosticBag,
    private readonly tokens: Token[],
    private readonly softBreaks: Map<number, readonly Indent[]>,
    private pos: number,
    indents: readonly Indent[],
  ) {
    this.indents = [...indents];
  }

  /** Makes at least one more token (the last is EOF). */
  step(): void {
    const before = this.tokens.length;
    while (this.pos < this.text.length && this.tokens.length === before) {
      if (this.atLineStart && this.depth === 0) {
        this.atLineStart = false;
        if (this.indentation()) continue;
      }
      this.next();
    }
    if (this.tokens.length > before) return;
    const end = this.text.length;
    const last = this.tokens[this.tokens.length - 1];
    if (last && last.kind !== 'Newline' && last.kind !== 'Dedent' && last.kind !== 'Indent')
      this.push('Newline', end, end);
    while (this.indents.length > 1) {
      this.indents.pop();
      this.push('Dedent', end, end);
    }
    this.push('EOF', end, end);
    this.done = true;
  }

  private push(kind: TokenKind, start: number, end: number, extra: Partial<Token> = {}): void {
    this.tokens.push({ kind, text: this.text.slice(start, end), span: { start, end }, ...extra });
  }

  /** Measures a line's indentation; returns true when the line is blank or a comment (skipped whole). */
  private indentation(): boolean {
    let width = 0;
    let tabWidth = 0;
    let i = this.pos;
    for (; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === ' ') {
        width++;
        tabWidth++;
      } else if (ch === '\t') {
        width = (Math.floor(width / TAB_SIZE) + 1) * TAB_SIZE;
        tabWidth = Math.floor(tabWidth / 1) + 1;
      } else if (ch === '\f') {
        width = 0;
        tabWidth = 0;
      } else break;
    }
    const ch = this.text[i];
    if (ch === undefined || ch === '\n' || ch === '\r' || ch === '#') {
      // Blank or comment-only: no layout tokens at all.
      while (i < this.text.length && this.text[i] !== '\n') i++;
      this.pos = i + 1;
      this.atLineStart = true;
      return true;
    }
    const start = this.pos;
    this.pos = i;
    const top = this.indents[this.indents.length - 1]!;
    if (width > top.width) {
      if (tabWidth <= top.tabWidth) this.diags.error({ start, end: i }, Messages.inconsistentTabs());
      this.indents.push({ width, tabWidth });
      this.push('Indent', start, i);
    } else if (width < top.width) {
      while (this.indents.length > 1 && width < this.indents[this.indents.length - 1]!.width) {
        this.indents.pop();
        this.push('Dedent', i, i);
      }
      const now = this.indents[this.indents.length - 1]!;
      if (width !== now.width) {
        this.diags.error({ start: i, end: i + 1 }, Messages.unindentMismatch());
        // Recover by treating the line as indented to the nearest outer level.
      } else if (tabWidth !== now.tabWidth) {
        this.diags.error({ start, end: i }, Messages.inconsistentTabs());
      }
    } else if (tabWidth !== top.tabWidth) {
      this.diags.error({ start, end: i }, Messages.inconsistentTabs());
    }
    return false;
  }

  private next(): void {
    const text = this.text;
    const start = this.pos;
    const ch = text[start]!;
    if (ch === ' ' || ch === '\t' || ch === '\f') {
      this.pos++;
      return;
    }
    if (ch === '#') {
      while (this.pos < text.length && text[this.pos] !== '\n') this.pos++;
      return;
    }
    if (ch === '\r' && text[start + 1] === '\n') {
      this.pos++;
      return;
    }
    if (ch === '\n' || ch === '\r') {
      this.pos++;
      if (this.depth === 0) {
        this.push('Newline', start, start + 1);
        this.atLineStart = true;
      } else {
        this.softBreaks.set(start, this.bracketIndents);
      }
      return;
    }
    if (ch === '\\') {
      const after = text[start + 1] === '\r' && text[start + 2] === '\n' ? start + 3 : start + 2;
      if (text[start + 1] === '\n' || text[start + 1] === '\r') {
        this.pos = after;
        return;
      }
      this.diags.error(
        { start, end: start + 1 },
        Messages.syntaxError('unexpected character after line continuation character'),
      );
      this.pos++;
      return;
    }
    if (isNameStart(ch)) {
      let i = start + 1;
      while (i < text.length && isNameChar(text[i]!)) i++;
      const word = text.slice(start, i);
      if (/^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/.test(word) && (text[i] === '"' || text[i] === "'")) {
        if (/[fF]/.test(word)) this.diags.error({ start, end: i + 1 }, Messages.python3Only('f-strings'));
        this.string(start, i, /[rR]/.test(word));
        return;
      }
      this.pos = i;
      this.push('Name', start, i);
      return;
    }
    if (isDigit(ch) || (ch === '.' && isDigit(text[start + 1] ?? ''))) {
      this.number(start);
      return;
    }
    if (ch === '"' || ch === "'") {
      this.string(start, start, false);
      return;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, start));
    if (op) {
      if (op === '(' || op === '[' || op === '{') {
        if (this.depth++ === 0) this.bracketIndents = [...this.indents];
      } else if ((op === ')' || op === ']' || op === '}') && this.depth > 0) this.depth--;
      this.pos = start + op.length;
      this.push('Op', start, this.pos);
      return;
    }
    const cp = text.codePointAt(start)!;
    const len = cp > 0xffff ? 2 : 1;
    this.diags.error(
      { start, end: start + len },
      Messages.syntaxError(
        `invalid character '${String.fromCodePoint(cp)}' (U+${cp.toString(16).toUpperCase().padStart(4, '0')})`,
      ),
    );
    this.pos = start + len;
  }

  private number(start: number): void {
    const text = this.text;
    const rest = text.slice(start);
    const radix = /^0[xX][0-9a-fA-F_]+|^0[oO][0-7_]+|^0[bB][01_]+/.exec(rest);
    if (radix) {
      let end = start + radix[0].length;
      if (text[end] === 'l' || text[end] === 'L') end++;
      this.pos = end;
      this.push('Int', start, end, { nonDecimal: true });
      return;
    }
    const m = /^(?:\d[\d_]*)?(?:\.\d[\d_]*|\.)?(?:[eE][+-]?\d[\d_]*)?/.exec(rest)!;
    let end = start + m[0].length;
    const body = m[0];
    if (text[end] === 'j' || text[end] === 'J') {
      this.pos = end + 1;
      this.push('Imaginary', start, end + 1);
      return;
    }
    const isFloat = /[.eE]/.test(body);
    if (isFloat) {
      this.pos = end;
      this.push('Float', start, end);
      return;
    }
    let nonDecimal = /^0\d/.test(body.replaceAll('_', '')) && /[1-9]/.test(body);
    if (text[end] === 'l' || text[end] === 'L') {
      end++;
      nonDecimal = true;
    }
    this.pos = end;
    this.push('Int', start, end, nonDecimal ? { nonDecimal: true } : {});
  }

  /** A string literal starting at `quoteAt` (after its prefix, which starts at `start`). */
  private string(start: number, quoteAt: number, raw: boolean): void {
    const text = this.text;
    const q = text[quoteAt]!;
    const triple = text.startsWith(q.repeat(3), quoteAt);
    const delim = triple ? q.repeat(3) : q;
    let i = quoteAt + delim.length;
    let value = '';
    for (;;) {
      if (i >= text.length || (!triple && (text[i] === '\n' || text[i] === '\r'))) {
        // CPython 3.12's report: at the string's first character, naming the line where the scan gave up (for a
        // triple-quoted string, the line of the file's last character).
        const detectedAt = this.diags.file.position(Math.max(0, Math.min(i, text.length - 1))).line;
        this.diags.error({ start, end: start + 1 }, Messages.unterminatedString(triple, detectedAt));
        this.pos = i;
        this.push('String', start, i, { value });
        return;
      }
      if (text.startsWith(delim, i)) break;
      const ch = text[i]!;
      if (ch === '\\') {
        const next = text[i + 1];
        if (next === undefined) {
          i++;
          continue;
        }
        if (raw) {
          value += ch + next;
          i += 2;
          continue;
        }
        const [decoded, used] = decodeEscape(text, i);
        value += decoded;
        i += used;
        continue;
      }
      value += ch;
      i++;
    }
    this.pos = i + delim.length;
    this.push('String', start, this.pos, { value });
  }
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Decodes the escape at text[i] (a backslash); returns the value and how many characters it used. */
function decodeEscape(text: string, i: number): [string, number] {
  const next = text[i + 1]!;
  if (next === '\r' && text[i + 2] === '\n') return ['', 3];
  if (next in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[next]!, 2];
  const octal = /^[0-7]{1,3}/.exec(text.slice(i + 1, i + 4));
  if (octal) return [String.fromCharCode(parseInt(octal[0], 8)), 1 + octal[0].length];
  const hex =
    next === 'x'
      ? /^[0-9a-fA-F]{2}/.exec(text.slice(i + 2, i + 4))
      : next === 'u'
        ? /^[0-9a-fA-F]{4}/.exec(text.slice(i + 2, i + 6))
        : next === 'U'
          ? /^[0-9a-fA-F]{8}/.exec(text.slice(i + 2, i + 10))
          : null;
  if (hex) {
    const cp = parseInt(hex[0], 16);
    return [cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd', 2 + hex[0].length];
  }
  // Unknown escapes keep their backslash, as in Python.
  return [`\\${next}`, 2];
}

function isNameStart(ch: string): boolean {
  return /[A-Za-z_]/.test(ch) || (ch.charCodeAt(0) > 127 && /\p{L}/u.test(ch));
}

function isNameChar(ch: string): boolean {
  return /[A-Za-z0-9_]/.test(ch) || (ch.charCodeAt(0) > 127 && /[\p{L}\p{N}]/u.test(ch));
}

function isDigit(ch: string): boolean {
  return ch >= '0' && ch <= '9';
}
