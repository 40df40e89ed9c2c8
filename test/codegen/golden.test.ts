// Generated JavaScript as text: reviewed golden files, and every output parses as an ES module.

import test from 'ava';
import { parse as parseJs } from 'acorn';
import { compile } from '../../src/index.js';
import { fixturePath, golden, listFixtures, readFixture } from '../support/golden.js';

for (const name of listFixtures('codegen')) {
  test(`codegen/${name}`, (t) => {
    const r = compile({ path: name, text: readFixture('codegen', name), runtimeImport: 'pxlc/runtime' });
    t.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      [],
    );
    t.truthy(r.js);
    t.notThrows(() => parseJs(r.js!, { ecmaVersion: 'latest', sourceType: 'module' }));
    const [expected, actual] = golden(
      fixturePath('codegen', name.replace(/\.pxl$/, '.js')),
      r.js!.replace(/pxlc \S+ from/, 'pxlc VERSION from'),
    );
    t.is(actual, expected);
  });
}
