// Script mutations for fuzzing the compiler: deletions, duplications, insertions of PxL-significant text,
// swaps of lines, and random unicode — each applied to a real script.

import fc from 'fast-check';

const SNIPPETS = [
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  ':',
  ',',
  '.',
  '=',
  '==',
  "'",
  '"',
  '"""',
  '\\',
  '#',
  '\n',
  '\t',
  '    ',
  ' and ',
  ' or ',
  'not ',
  'df',
  'px',
  'px.',
  'df.',
  'lambda x: x',
  'if x:\n  ',
  'def f(a):\n  return a\n',
  'return',
  'import px\n',
  '1e999',
  '99999999999999999999',
  '0x1F',
  '-',
  '**',
  '//',
  '&',
  '|',
  '~',
  '@',
  '`',
  '${x}',
  '*/',
  '</script>',
  '\u2028',
  '\u2029',
  '\0',
  '😀',
  '\ud800',
  'px.DataFrame(',
  "df['",
  'df.ctx[',
  '.agg(',
  '.groupby(',
  '.merge(',
  'px.otel.Data(',
  'px.otel.metric.Gauge(',
  'px.otel.trace.Span(',
  'px.export(df, ',
  'px.display(df)',
];

export type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'swapLines'; a: number; b: number };

export function mutationArb(): fc.Arbitrary<Mutation> {
  const pos = fc.nat();
  return fc.oneof(
    fc.record({ kind: fc.constant('delete' as const), at: pos, length: fc.integer({ min: 1, max: 8 }) }),
    fc.record({ kind: fc.constant('duplicate' as const), at: pos, length: fc.integer({ min: 1, max: 12 }) }),
    fc.record({
      kind: fc.constant('insert' as const),
      at: pos,
      text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ unit: 'binary', maxLength: 6 })),
    }),
    fc.record({ kind: fc.constant('swapLines' as const), a: pos, b: pos }),
  );
}

export function applyMutation(text: string, m: Mutation): string {
  if (text.length === 0) return m.kind === 'insert' ? m.text : text;
  switch (m.kind) {
    case 'delete': {
      const at = m.at % text.length;
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'duplicate': {
      const at = m.at % text.length;
      return text.slice(0, at) + text.slice(at, at + m.length) + text.slice(at);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const a = m.a % lines.length;
      const b = m.b % lines.length;
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return lines.join('\n');
    }
  }
}
