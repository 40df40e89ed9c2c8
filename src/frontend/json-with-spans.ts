// A JSON reader that keeps where every value is, so that problems in a user's schema file are reported at the
// line and column of the offending value, with the same carets as script errors. Strict JSON (RFC 8259).

import type { Span } from '../core/source.js';

export type JsonNode =
  | {
      readonly kind: 'object';
      readonly span: Span;
      readonly entries: readonly { key: string; keySpan: Span; value: JsonNode }[];
    }
  | { readonly kind: 'array'; readonly span: Span; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly span: Span; readonly value: string }
  | { readonly kind: 'number'; readonly span: Span; readonly value: number }
  | { readonly kind: 'boolean'; readonly span: Span; readonly value: boolean }
  | { readonly kind: 'null'; readonly span: Span };

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly span: Span,
  ) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const MAX_DEPTH = 200;

export function parseJsonWithSpans(text: string): JsonNode {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i]!)) i++;
  };
  const fail = (what: string, at = i): never => {
    throw new JsonSyntaxError(
      at >= text.length
        ? `unexpected end of file, expected ${what}`
        : `expected ${what}, found ${JSON.stringify(text[at])}`,
      { start: at, end: at + 1 },
    );
  };
  const str = (): { value: string; span: Span } => {
    const start = i;
    let end = i + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) throw new JsonSyntaxError('unterminated string', { start, end: start + 1 });
    i = end + 1;
    try {
      return { value: JSON.parse(text.slice(start, i)) as string, span: { start, end: i } };
    } catch {
      throw new JsonSyntaxError('invalid string (a bad escape or a control character)', { start, end: i });
    }
  };
  const value = (depth: number): JsonNode => {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError('nested too deeply', { start: i, end: i + 1 });
    ws();
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const entries: { key: string; keySpan: Span; value: JsonNode }[] = [];
      ws();
      if (text[i] === '}') {
        i++;
        return { kind: 'object', span: { start, end: i }, entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a "key"');
        const k = str();
        ws();
        if (text[i] !== ':') fail("':'");
        i++;
        entries.push({ key: k.value, keySpan: k.span, value: value(depth + 1) });
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { kind: 'object', span: { start, end: i }, entries };
        }
        fail("',' or '}'");
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      ws();
      if (text[i] === ']') {
        i++;
        return { kind: 'array', span: { start, end: i }, items };
      }
      for (;;) {
        items.push(value(depth + 1));
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { kind: 'array', span: { start, end: i }, items };
        }
        fail("',' or ']'");
      }
    }
    if (c === '"') return { kind: 'string', ...str() };
    for (const [word, node] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        const span = { start, end: i };
        return node === null ? { kind: 'null', span } : { kind: 'boolean', span, value: node };
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return { kind: 'number', span: { start, end: i }, value: Number(m[0]) };
    }
    return fail('a value');
  };
  const root = value(0);
  ws();
  if (i < text.length) fail('the end of the file');
  return root;
}
