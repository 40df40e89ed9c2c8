// Generated declarations (out.d.ts): reviewed golden files, and a TypeScript service checked against them with
// `strict`: correct use compiles; a misspelt function, argument, table, display or column name does not.

import test from 'ava';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { compile } from '../../src/index.js';
import { generateDeclarations } from '../../src/codegen/dts.js';
import { COMMON_DECLARATIONS } from '../../src/codegen/dts-common.js';
import { emitTypeScript } from '../../src/codegen/emit-ts.js';
import { fixturePath, golden, ROOT } from '../support/golden.js';
import { TYPECHECK_TIMEOUT_MS, typeCheck } from '../support/typecheck.js';

async function declarations(example: string): Promise<string> {
  return (await compiled(example)).dts;
}

async function compiled(example: string): Promise<{ js: string; dts: string }> {
  const path = `examples/${example}.pxl`;
  const r = compile({ path, text: await readFile(join(ROOT, path), 'utf8'), runtimeImport: 'pxlc/runtime' });
  if (!r.plan || !r.js) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
  return { js: r.js, dts: generateDeclarations(r.plan, { sourcePath: path, version: 'VERSION' }) };
}

/**
 * tsc --strict over the module's types (`out.d.ts`, or with `ts: true` the module itself as `out.ts`, importing
 * pxlc/runtime from this checkout, with Node's types) and each service file, in one program; the errors of each
 * service as `line: message`. An error anywhere else fails the test.
 */
async function typeErrors(
  module: string,
  services: readonly string[],
  options: { nodeTypes?: boolean; ts?: boolean } = {},
): Promise<string[][]> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-dts-'));
  await writeFile(join(dir, options.ts ? 'out.ts' : 'out.d.ts'), module);
  await writeFile(join(dir, 'package.json'), '{"type":"module"}');
  const files = services.map((_, i) => join(dir, `service${i}.ts`));
  await Promise.all(services.map((text, i) => writeFile(files[i]!, text)));
  const nodeTypes = options.nodeTypes || options.ts;
  const diagnostics = typeCheck(options.ts ? [join(dir, 'out.ts'), ...files] : files, {
    ...(nodeTypes ? { types: ['node'], typeRoots: [join(ROOT, 'node_modules', '@types')] } : { types: [] }),
    ...(options.ts ? { paths: { 'pxlc/runtime': [join(ROOT, 'dist', 'src', 'runtime', 'index.d.ts')] } } : {}),
  });
  const errors = files.map(() => [] as string[]);
  for (const d of diagnostics) {
    const i = d.file ? files.indexOf(d.file.fileName) : -1;
    const line = d.file ? d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1 : 0;
    const text = `${line}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    if (i < 0) throw new Error(`an error outside the services: ${d.file?.fileName ?? ''}:${text}`);
    errors[i]!.push(text);
  }
  return errors;
}

for (const example of ['http_throughput', 'slow_requests', 'http_metrics']) {
  test(`declarations of examples/${example}.pxl`, async (t) => {
    t.timeout(TYPECHECK_TIMEOUT_MS);
    const dts = await declarations(example);
    // The golden file holds the part generated from the script; the declarations every module shares follow it.
    t.true(dts.endsWith(COMMON_DECLARATIONS));
    const [expected, actual] = golden(
      fixturePath('codegen', `${example}.d.ts`),
      dts.slice(0, -COMMON_DECLARATIONS.length),
    );
    t.is(actual, expected);
    t.deepEqual(
      await typeErrors(dts, [
        `import { run, script } from './out.js';\nconst name: string = script.name;\nvoid name;\nvoid run;\n`,
      ]),
      [[]],
    );
  });
}

const SLOW = `import { run } from './out.js';
const result = await run({ func: 'slow_requests', args: { start_time: '-5m', service: 'frontend', max_rows: 10 },
  tables: { http_events: [{ time_: new Date(), upid: '1:10:1', req_method: 'GET', req_path: '/cart', resp_status: 200, latency: 5n }] } });
const paths: string[] = result.columns('slow_requests').req_path;
const latency: number[] = result.columns('slow_requests').latency_ms;
const times: bigint[] = result.columns('slow_requests').time_;
console.log(paths, latency, times);
`;

const MISTAKES: readonly [string, string, string, RegExp][] = [
  [
    'misspelt display name',
    `columns('slow_requests')`,
    `columns('slow_request')`,
    /'"slow_request"' is not assignable to parameter of type '"slow_requests"'/,
  ],
  ['misspelt column', `.latency_ms;`, `.latncy_ms;`, /Property 'latncy_ms' does not exist/],
  [
    'a column of the wrong type',
    `const latency: number[]`,
    `const latency: bigint[]`,
    /Type 'number\[\]' is not assignable to type 'bigint\[\]'/,
  ],
  ['misspelt table', `tables: { http_events:`, `tables: { http_event:`, /'http_event' does not exist/],
  ['misspelt input column', `req_path: '/cart'`, `req_pth: '/cart'`, /'req_pth' does not exist/],
  ['misspelt function', `func: 'slow_requests'`, `func: 'slow_reqs'`, /"slow_reqs"/],
  ['a missing argument', `, max_rows: 10 }`, ` }`, /max_rows/],
  [
    'an argument of the wrong type',
    `max_rows: 10`,
    `max_rows: 'ten'`,
    /Type 'string' is not assignable to type 'number \| bigint'/,
  ],
];

test('a service using a function-based script compiles with --strict; each mistake in it is a type error', async (t) => {
  t.timeout(TYPECHECK_TIMEOUT_MS);
  for (const [, from] of MISTAKES) t.true(SLOW.includes(from), from);
  const [correct, ...wrong] = await typeErrors(await declarations('slow_requests'), [
    SLOW,
    ...MISTAKES.map(([, from, to]) => SLOW.replace(from, to)),
  ]);
  t.deepEqual(correct, []);
  MISTAKES.forEach(([what, , , message], i) => {
    t.true(wrong[i]!.length > 0, what);
    t.regex(wrong[i]!.join('\n'), message, what);
  });
});

test('the declarations every module shares match the types of the runtime (run options, export reports, results)', async (t) => {
  t.timeout(TYPECHECK_TIMEOUT_MS);
  const runtime = JSON.stringify(join(ROOT, 'dist', 'src', 'runtime', 'index.js'));
  const check = `import type { RunOptions, RunResult } from ${runtime};
import type { ExportReport, RunOptionsBase, RunResult as Generated } from './out.js';
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const options: Same<keyof RunOptionsBase<unknown>, Exclude<keyof RunOptions, 'func' | 'args'>> = true;
export const reports: Same<ExportReport, RunResult['exports'][number]> = true;
export const results: Same<keyof Generated<{}>, keyof RunResult> = true;
`;
  t.deepEqual(await typeErrors(await declarations('http_throughput'), [check], { nodeTypes: true }), [[]]);
});

test('--emit ts: the module as TypeScript compiles with --strict, and its own types catch a misspelt column', async (t) => {
  t.timeout(TYPECHECK_TIMEOUT_MS);
  const { js, dts } = await compiled('slow_requests');
  const out = emitTypeScript(js, dts);
  t.regex(out, /^\/\/ Generated by pxlc VERSION from slow_requests\.pxl/);
  const wrong = SLOW.replace('.latency_ms;', '.latncy_ms;');
  const [correct, misspelt] = await typeErrors(out, [SLOW, wrong], { ts: true });
  t.deepEqual(correct, []);
  t.regex(misspelt!.join('\n'), /Property 'latncy_ms' does not exist/);
});
