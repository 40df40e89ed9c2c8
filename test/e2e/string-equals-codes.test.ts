// A STRING column compared with a string constant runs on the column's dictionary codes when it carries them (the
// constant compared once per distinct value, each row a look-up of its code) and on the strings otherwise: the
// same rows either way, for values the dictionary lacks, empty strings, dictionaries with a value under two codes,
// and columns without codes.

import test from 'ava';
import fc from 'fast-check';
import { compile } from '../../src/index.js';
import { dictionaryColumn } from '../../src/runtime/ops/dictionary.js';
import { makeTable, type Table } from '../../src/runtime/table.js';
import { compileScript } from '../support/compiled.js';

const SCHEMA = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'req_method', dataType: 'STRING', semanticType: 'ST_NONE' },
] as const;

/** http_events rows of paths and methods; the paths carry the codes given (or none), the methods never do. */
function requests(
  paths: readonly string[],
  methods: readonly string[],
  codes?: { codes: number[]; values: string[] },
): Table {
  const n = paths.length;
  const path = codes ? dictionaryColumn(Int32Array.from(codes.codes), codes.values) : [...paths];
  return makeTable(SCHEMA as never, [BigInt64Array.from({ length: n }, (_, i) => BigInt(i)), path, [...methods]], n);
}

const selected = (keep: string) => `import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'req_method'])
df = df[${keep}]
px.display(df[['req_path', 'req_method']], 'out')
`;

const PATHS = ['/cart', '', '/items', '/cart', '', '/home'];
const METHODS = ['GET', 'POST', '', 'GET', 'GET', 'POST'];
// '/cart' under two codes (a dictionary's values need not be distinct); '/unused' is a value no row has.
const CODES = { codes: [0, 1, 2, 3, 1, 4], values: ['/cart', '', '/items', '/cart', '/home', '/unused'] };

const cases: readonly (readonly [string, readonly (readonly [string, string])[]])[] = [
  [
    "df.req_path == '/cart'",
    [
      ['/cart', 'GET'],
      ['/cart', 'GET'],
    ],
  ],
  [
    "'/cart' == df.req_path",
    [
      ['/cart', 'GET'],
      ['/cart', 'GET'],
    ],
  ],
  [
    "df.req_path != '/cart'",
    [
      ['', 'POST'],
      ['/items', ''],
      ['', 'GET'],
      ['/home', 'POST'],
    ],
  ],
  [
    "df.req_path == ''",
    [
      ['', 'POST'],
      ['', 'GET'],
    ],
  ],
  ["df.req_path == '/unused'", []],
  ["df.req_path == '/nowhere'", []],
  ["df.req_path != '/nowhere'", PATHS.map((p, i) => [p, METHODS[i]!] as const)],
  [
    "df.req_method == 'GET'",
    [
      ['/cart', 'GET'],
      ['/cart', 'GET'],
      ['', 'GET'],
    ],
  ],
  [
    "df.req_method != ''",
    [
      ['/cart', 'GET'],
      ['', 'POST'],
      ['/cart', 'GET'],
      ['', 'GET'],
      ['/home', 'POST'],
    ],
  ],
  [
    "df.req_path == '/cart' and df.req_method == 'GET'",
    [
      ['/cart', 'GET'],
      ['/cart', 'GET'],
    ],
  ],
];

for (const [keep, want] of cases) {
  test(`df[${keep}]: the same rows on codes and on strings`, async (t) => {
    const text = selected(keep);
    t.regex(compile({ path: 'eq.pxl', text }).js!, /rt\.codeHits\(t\.columns\[\d+\], '[^']*'\)/);
    const script = await compileScript(text, 'eq');
    for (const table of [requests(PATHS, METHODS, CODES), requests(PATHS, METHODS)]) {
      const out = (await script.run({ tables: { http_events: table } })).columns('out');
      t.deepEqual(
        (out['req_path'] as string[]).map((p, i) => [p, (out['req_method'] as string[])[i]]),
        want.map((r) => [...r]),
      );
    }
  });
}

test('computed columns of comparisons: the same on codes and on strings', async (t) => {
  const script = await compileScript(
    `import px
df = px.DataFrame(table='http_events', select=['time_', 'req_path', 'req_method'])
df.is_cart = df.req_path == '/cart'
df.not_empty = df.req_path != ''
px.display(df[['is_cart', 'not_empty']], 'out')
`,
    'eqmap',
  );
  for (const table of [requests(PATHS, METHODS, CODES), requests(PATHS, METHODS)]) {
    const out = (await script.run({ tables: { http_events: table } })).columns('out');
    t.deepEqual(out['is_cart'], [true, false, false, true, false, false]);
    t.deepEqual(out['not_empty'], [true, false, true, true, false, true]);
  }
});

test('any column, any dictionary, any constant: the rows kept on codes are those kept on strings', async (t) => {
  const scripts = new Map<string, Awaited<ReturnType<typeof compileScript>>>();
  const alphabet = ['', 'a', 'b', 'ab', '/x'];
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.nat(6), { maxLength: 40 }),
      fc.array(fc.constantFrom(...alphabet), { minLength: 7, maxLength: 7 }),
      fc.constantFrom(...alphabet, 'zz'),
      fc.boolean(),
      async (codes, values, constant, equal) => {
        const keep = `df.req_path ${equal ? '==' : '!='} '${constant}'`;
        let script = scripts.get(keep);
        if (!script) scripts.set(keep, (script = await compileScript(selected(keep), 'eqprop')));
        const paths = codes.map((c) => values[c]!);
        const methods = codes.map((_, i) => `m${i}`);
        const run = async (table: Table) =>
          (await script!.run({ tables: { http_events: table } })).columns('out')['req_method'];
        const onCodes = await run(requests(paths, methods, { codes, values }));
        t.deepEqual(onCodes, await run(requests(paths, methods)));
        t.deepEqual(
          onCodes,
          methods.filter((_, i) => (paths[i] === constant) === equal),
        );
      },
    ),
    { numRuns: 60 },
  );
});
