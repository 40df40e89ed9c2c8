// The JSON Schema of pxlc test files (editors/vscode/schemas/pxlc-test.schema.json): VS Code associates it with
// *.test.yaml / *.test.json (the extension's yamlValidation and jsonValidation), other editors through
// yaml-language-server. Every test file of the project must validate, and the mistakes an editor should flag —
// a misspelt key, a missing expectation, a value of the wrong type — must not.

import test from 'ava';
import { Ajv, type ErrorObject } from 'ajv';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import YAML from 'yaml';
import { ROOT } from '../support/golden.js';

const SCHEMA_PATH = join(ROOT, 'editors', 'vscode', 'schemas', 'pxlc-test.schema.json');
const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(
  JSON.parse(await readFile(SCHEMA_PATH, 'utf8')) as object,
);

function problems(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map(
    (e: ErrorObject) =>
      `${e.instancePath || '/'} ${e.message ?? ''}${e.keyword === 'additionalProperties' ? ` '${String(e.params['additionalProperty'])}'` : ''}`,
  );
}

async function testFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.'))
      out.push(...(await testFiles(path)));
    else if (/\.test\.(ya?ml|json)$/.test(entry.name)) out.push(path);
  }
  return out;
}

test('the VS Code extension associates the schema with *.test.yaml, *.test.yml and *.test.json', async (t) => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'editors', 'vscode', 'package.json'), 'utf8')) as {
    contributes: {
      yamlValidation: { fileMatch: string[]; url: string }[];
      jsonValidation: { fileMatch: string; url: string }[];
    };
    extensionDependencies: string[];
  };
  t.deepEqual(pkg.contributes.yamlValidation, [
    { fileMatch: ['*.test.yaml', '*.test.yml'], url: './schemas/pxlc-test.schema.json' },
  ]);
  t.deepEqual(pkg.contributes.jsonValidation, [{ fileMatch: '*.test.json', url: './schemas/pxlc-test.schema.json' }]);
  // yamlValidation is read by the YAML extension.
  t.deepEqual(pkg.extensionDependencies, ['redhat.vscode-yaml']);
});

test("every test file of the project's examples validates", async (t) => {
  const files = await testFiles(join(ROOT, 'examples'));
  t.true(files.length >= 10);
  for (const file of files) {
    const text = await readFile(file, 'utf8');
    t.deepEqual(problems(file.endsWith('.json') ? JSON.parse(text) : YAML.parse(text)), [], file);
  }
});

test('the mistakes an editor should underline do not validate', (t) => {
  const expect = { displays: { t: { count: 1 } } };
  t.deepEqual(problems({ cases: [{ name: 'a', expect }] }), []);
  t.deepEqual(problems({ case: [] }), [
    "/ must have required property 'cases'",
    "/ must NOT have additional properties 'case'",
  ]);
  t.deepEqual(problems({ cases: [{ name: 'a', expcet: expect }] }), [
    "/cases/0 must have required property 'expect'",
    "/cases/0 must NOT have additional properties 'expcet'",
  ]);
  t.deepEqual(problems({ cases: [{ name: 'a', nwo: '2026-01-01T00:00:00Z', expect }] }), [
    "/cases/0 must NOT have additional properties 'nwo'",
  ]);
  t.deepEqual(problems({ cases: [{ name: 'a', expect: { displays: { t: { rows: {} } } } }] }), [
    '/cases/0/expect/displays/t/rows must be array',
  ]);
  t.deepEqual(problems({ cases: [{ name: 'a', expect: { metrics: { count: -1 } } }] }), [
    '/cases/0/expect/metrics/count must be >= 0',
  ]);
  t.deepEqual(problems({ cases: [{ name: 'a', metadata: { pods: [{ id: 'p', name: 'x' }] }, expect }] }).slice(0, 1), [
    "/cases/0/metadata/pods/0 must have required property 'namespace'",
  ]);
  t.deepEqual(
    problems({ cases: [{ name: 'a', tables: { http_events: { path: 'x.csv' } }, expect }] }).length > 0,
    true,
  );
});
