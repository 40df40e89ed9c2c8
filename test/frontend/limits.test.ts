// Pathological input: deep nesting gets a located error instead of a stack overflow; very long scripts compile.

import test from 'ava';
import { compile } from '../../src/index.js';

test('10 000 nested parentheses: one located "nested too deeply" error', (t) => {
  const text = `import px\nx = ${'('.repeat(10_000)}1${')'.repeat(10_000)}\n`;
  const r = compile({ path: 'deep.pxl', text });
  t.is(r.js, undefined);
  t.deepEqual(
    r.diagnostics.map((d) => [d.file.position(d.span.start).line, d.message]),
    [[2, 'SyntaxError: expression nested too deeply']],
  );
});

test('deeply nested unary minus and long operator chains do not overflow', (t) => {
  for (const expr of [
    '-'.repeat(5_000) + '1',
    Array.from({ length: 5_000 }, () => '1').join(' + '),
    'not '.repeat(5_000) + 'True',
  ]) {
    const r = compile({
      path: 'deep.pxl',
      text: `import px\nx = ${expr}\npx.display(px.DataFrame(table='http_events'))\n`,
    });
    t.true(
      r.js !== undefined || r.diagnostics.every((d) => d.message.includes('nested too deeply')),
      r.diagnostics.map((d) => d.message).join('; '),
    );
  }
});

test('a 20 000-line script compiles', (t) => {
  const lines = ['import px', "df = px.DataFrame(table='http_events', start_time='-5m')"];
  for (let i = 0; i < 20_000; i++) lines.push(`df.c${i % 50} = df.latency + ${i}`);
  lines.push("px.display(df[['c0', 'c49']])");
  const r = compile({ path: 'long.pxl', text: lines.join('\n') });
  t.deepEqual(
    r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
    [],
  );
  t.truthy(r.js);
});
