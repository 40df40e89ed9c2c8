// `--schema FILE.json` (custom tables, in the format of Pixie's tables.json): a good file gives schemas the checker
// uses like Pixie's own tables; every problem in a bad file is reported at its line and column.

import test from 'ava';
import { readFileSync } from 'node:fs';
import { check } from '../../src/index.js';
import { parseSchemaFile } from '../../src/checker/schema-file.js';
import { renderText } from '../../src/diagnostics/render.js';
import { fixturePath, golden } from '../support/golden.js';

const read = (name: string) => readFileSync(fixturePath('schema', name), 'utf8');

test('a custom table checks like a Pixie table: types, semantic types, did-you-mean', (t) => {
  const { schemas, diagnostics } = parseSchemaFile('payments.json', read('ok_custom_tables.json'));
  t.deepEqual(diagnostics, []);
  t.deepEqual(
    schemas['payments']!.map((c) => `${c.name}:${c.dataType}:${c.semanticType}`),
    [
      'time_:TIME64NS:ST_NONE',
      'upid:UINT128:ST_UPID',
      'amount:FLOAT64:ST_NONE',
      'currency:STRING:ST_NONE',
      'latency:INT64:ST_DURATION_NS',
    ],
  );
  const text = `import px
df = px.DataFrame(table='payments', start_time='-5m')
df.service = df.ctx['service']
df = df.groupby('service').agg(total=('amount', px.sum), p=('latency', px.quantiles))
px.display(df)
bad = px.DataFrame(table='payment')
`;
  const r = check({ path: 's.pxl', text, schemas });
  t.deepEqual(
    r.diagnostics.map((d) => `${d.file.position(d.span.start).line}: ${d.message} ${d.hints[0]}`),
    ["6: Table 'payment' not found. did you mean 'payments'?"],
  );
  t.truthy(check({ path: 's.pxl', text: text.split('\n').slice(0, 5).join('\n'), schemas }).plan);
});

for (const name of ['err_many.json', 'err_trailing_comma.json', 'err_no_tables.json']) {
  test(`schema/${name}`, (t) => {
    const { diagnostics } = parseSchemaFile(name, read(name));
    t.true(diagnostics.length > 0);
    const [expected, actual] = golden(
      fixturePath('schema', name.replace(/\.json$/, '.errors.txt')),
      `${diagnostics.map(renderText).join('\n\n')}\n`,
    );
    t.is(actual, expected);
  });
}
