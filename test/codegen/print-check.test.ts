// The module text is checked against the tree it was printed from: a node the printer would turn into something
// else — here through an inherited `bigint` field, as a polluted Object.prototype once did — stops the compile.

import test from 'ava';
import { compile } from '../../src/index.js';
import { GeneratedCodeMismatch, printProgram } from '../../src/codegen/print.js';
import type * as es from 'estree';

const SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-5m')
px.display(df[['req_path']])
`;

test('a polluted Object.prototype cannot reach the printed module: the compile stops', (t) => {
  const proto = Object.prototype as Record<string, unknown>;
  let error: unknown;
  proto['bigint'] = ["x'; globalThis.pwned = 1; //"];
  try {
    compile({ path: 's.pxl', text: SCRIPT });
  } catch (e) {
    error = e;
  } finally {
    delete proto['bigint'];
  }
  t.true(error instanceof GeneratedCodeMismatch);
  t.regex((error as Error).message, /^internal: the printed module does not parse back/);
  t.is((globalThis as { pwned?: number }).pwned, undefined);
  t.truthy(compile({ path: 's.pxl', text: SCRIPT }).js);
});

test('a node printed as other code than it is (a string literal with a regex field) is refused', (t) => {
  const lit = {
    type: 'Literal',
    value: 'text',
    regex: { pattern: 'globalThis.pwned', flags: '' },
  } as unknown as es.Literal;
  const program: es.Program = {
    type: 'Program',
    sourceType: 'module',
    body: [{ type: 'ExpressionStatement', expression: lit }],
  };
  t.throws(() => printProgram(program, 'header'), {
    instanceOf: GeneratedCodeMismatch,
    message: /differs from its syntax tree at node 2 \(Literal string "text" vs Literal object \/globalThis.pwned\/\)/,
  });
});

test('the header comment keeps one line whatever the file name holds', (t) => {
  const program: es.Program = { type: 'Program', sourceType: 'module', body: [] };
  t.is(
    printProgram(program, 'from evil\n globalThis.pwned = 1; //.pxl'),
    '// from evil_ globalThis.pwned _ 1_ //.pxl\n\n',
  );
});
