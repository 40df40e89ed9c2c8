// What a syntax error inside brackets really is. Inside brackets line breaks are not line ends, so a bracket that is
// never closed joins the rest of the file into one logical line and the parser fails lines later, at an innocent
// token. Like CPython 3.12 the statement level then reports "'(' was never closed" at the bracket — and, unlike
// CPython, goes on: the rest of the file is tokenized again as if the line had ended at the break where the statement
// most likely ended, and the statement is parsed again, so every later statement is still parsed and checked.

import type { Message } from '../diagnostics/messages.js';
import { Messages } from '../diagnostics/messages.js';
import type { Span } from '../core/source.js';
import type { Cursor, SyntaxAbort } from './cursor.js';
import type { Token } from './tokens.js';

export type Diagnosis =
  | { readonly kind: 'tokenizeAgain'; readonly breakAt: number }
  | { readonly kind: 'report'; readonly span: Span; readonly message: Message };

const OPEN: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
const CLOSE = new Set([')', ']', '}']);

/** `err` abandoned the statement whose first token is at `startIndex`; the cursor is at the token where it failed. */
export function diagnose(c: Cursor, startIndex: number, err: SyntaxAbort): Diagnosis {
  // The line breaks inside brackets still in the token stream, ascending (they are few: only since the statement's start matter).
  const breaks = [...c.softBreaks.keys()].filter((b) => b >= c.tokenAt(startIndex).span.start).sort((a, b) => a - b);
  const report: Diagnosis = { kind: 'report', span: err.span, message: err.diagnostic };
  // The token the error is about: usually the one at hand; a positional argument after keywords is behind it.
  let at = c.index;
  while (at > startIndex && c.tokenAt(at).span.start > err.span.start) at--;
  const here = c.tokenAt(at);
  if (here.span.start !== err.span.start) return report;
  const open = openBrackets(c, startIndex, at);
  const innermost = open[open.length - 1];
  const file = c.diags.file;
  if (innermost && (here.kind === 'Newline' || here.kind === 'EOF')) {
    // The end of the input inside brackets: a statement further down may have been swallowed whole.
    const at = firstDedentedBreak(c, breaks, innermost.span.end, here.span.start, c.tokenAt(startIndex));
    if (at !== undefined) return { kind: 'tokenizeAgain', breakAt: at };
    return { kind: 'report', span: innermost.span, message: Messages.unclosedBracket(innermost.text) };
  }
  if (
    innermost &&
    file.position(innermost.span.start).line < file.position(here.span.start).line &&
    !closedOnLine(c, at)
  ) {
    const at =
      firstDedentedBreak(c, breaks, innermost.span.end, here.span.start, c.tokenAt(startIndex)) ??
      lastBreakBefore(breaks, innermost.span.end, here.span.start);
    if (at !== undefined) return { kind: 'tokenizeAgain', breakAt: at };
  }
  if (err.generic && here.kind === 'Op' && CLOSE.has(here.text)) {
    if (!innermost) return { kind: 'report', span: here.span, message: Messages.unmatchedBracket(here.text) };
    if (OPEN[innermost.text] !== here.text)
      return { kind: 'report', span: here.span, message: c.mismatched(here, innermost) };
  }
  return report;
}

/** The brackets opened and not yet closed between the statement's start and the cursor, outermost first. */
function openBrackets(c: Cursor, startIndex: number, at: number): Token[] {
  const stack: Token[] = [];
  for (let i = startIndex; i < at; i++) {
    const t = c.tokenAt(i);
    if (t.kind !== 'Op') continue;
    if (t.text in OPEN) stack.push(t);
    else if (CLOSE.has(t.text)) stack.pop();
  }
  return stack;
}

/** Whether the tokens from index `at` to the end of its line close one more bracket than they open. */
function closedOnLine(c: Cursor, at: number): boolean {
  const file = c.diags.file;
  const line = file.position(c.tokenAt(at).span.start).line;
  let depth = 0;
  for (let i = at; ; i++) {
    const t = c.tokenAt(i);
    if (t.kind === 'EOF' || file.position(t.span.start).line !== line) return false;
    if (t.kind !== 'Op') continue;
    if (t.text in OPEN) depth++;
    else if (CLOSE.has(t.text) && --depth < 0) return true;
  }
  return false;
}

/**
 * The first break in (from, to) after which the next line is indented no deeper than the statement and does not
 * start with a closing bracket: where a statement most likely ended. Well-formatted continuation lines are indented
 * deeper than their statement.
 */
function firstDedentedBreak(
  c: Cursor,
  breaks: readonly number[],
  from: number,
  to: number,
  first: Token,
): number | undefined {
  const text = c.diags.file.text;
  const column = first.span.start - c.diags.file.lineStarts[c.diags.file.position(first.span.start).line - 1]!;
  for (const b of breaks) {
    if (b <= from) continue;
    if (b >= to) return undefined;
    let i = b + 1;
    while (text[i] === ' ' || text[i] === '\t') i++;
    const ch = text[i];
    if (ch === undefined || ch === '\n' || ch === '\r' || ch === '#' || CLOSE.has(ch)) continue;
    if (i - (b + 1) <= column) return b;
  }
  return undefined;
}

function lastBreakBefore(breaks: readonly number[], from: number, to: number): number | undefined {
  let found: number | undefined;
  for (const b of breaks) {
    if (b >= to) break;
    if (b > from) found = b;
  }
  return found;
}
