// Tokens of PxL source, Python's lexical structure: names (keywords are names the parser recognises),
// numbers, strings, operators, and the layout tokens NEWLINE / INDENT / DEDENT.

import type { Span } from '../core/source.js';

export type TokenKind =
  'Name' | 'Int' | 'Float' | 'Imaginary' | 'String' | 'Op' | 'Newline' | 'Indent' | 'Dedent' | 'EOF';

export interface Token {
  readonly kind: TokenKind;
  /** Source text of the token ('' for layout tokens). */
  readonly text: string;
  readonly span: Span;
  /** String tokens: the decoded value (escapes applied unless raw). */
  readonly value?: string;
  /** Int tokens written in a form Pixie misreads (hex, octal, leading zeros, `L` suffix). */
  readonly nonDecimal?: boolean;
}

export const KEYWORDS: ReadonlySet<string> = new Set([
  'False',
  'None',
  'True',
  'and',
  'as',
  'assert',
  'async',
  'await',
  'break',
  'class',
  'continue',
  'def',
  'del',
  'elif',
  'else',
  'except',
  'finally',
  'for',
  'from',
  'global',
  'if',
  'import',
  'in',
  'is',
  'lambda',
  'nonlocal',
  'not',
  'or',
  'pass',
  'raise',
  'return',
  'try',
  'while',
  'with',
  'yield',
]);

/** Longest first, so that the scanner can take the first match. */
export const OPERATORS: readonly string[] = [
  '**=',
  '//=',
  '>>=',
  '<<=',
  '...',
  '->',
  ':=',
  '**',
  '//',
  '<<',
  '>>',
  '<=',
  '>=',
  '==',
  '!=',
  '<>',
  '+=',
  '-=',
  '*=',
  '/=',
  '%=',
  '&=',
  '|=',
  '^=',
  '@=',
  '+',
  '-',
  '*',
  '/',
  '%',
  '@',
  '&',
  '|',
  '^',
  '~',
  '<',
  '>',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ',',
  ':',
  '.',
  ';',
  '=',
  '`',
];

export function isOp(t: Token, text: string): boolean {
  return t.kind === 'Op' && t.text === text;
}

export function isKeyword(t: Token, word: string): boolean {
  return t.kind === 'Name' && t.text === word;
}
