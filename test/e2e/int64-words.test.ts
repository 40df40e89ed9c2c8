// Generated code reads INT64 columns as pairs of 32-bit words where it compares them with a constant or needs
// their double: the rows a filter keeps are those BigInt comparison keeps, and the doubles are Number(bigint),
// at the edges — the int64 limits, around 2^31, 2^32 and 2^53, negative values whose low word is large.

import test from 'ava';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { makeTable } from '../../src/runtime/table.js';
import type { Schema } from '../../src/core/types.js';
import { compiledModule } from '../../bench/compiled-module.js';

const SCHEMA: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'x', dataType: 'INT64', semanticType: 'ST_NONE' },
];
const NOW = 1_767_225_600_000_000_000n;
const MAX = (1n << 63n) - 1n;
const P32 = 1n << 32n;
const VALUES = [
  -MAX - 1n,
  -MAX,
  -P32 - 1n,
  -P32,
  -P32 + 1n,
  -(1n << 31n) - 1n,
  -1n,
  0n,
  1n,
  399n,
  400n,
  401n,
  (1n << 31n) - 1n,
  1n << 31n,
  P32 - 1n,
  P32,
  P32 + 1n,
  P32 + 400n,
  (1n << 53n) + 1n,
  MAX - 1n,
  MAX,
];
const CONSTANTS = [0n, -1n, 400n, P32 - 1n, P32, -P32, P32 + 400n, (1n << 53n) + 1n, MAX, -MAX];
const OPS: readonly [string, (a: bigint, b: bigint) => boolean][] = [
  ['<', (a, b) => a < b],
  ['<=', (a, b) => a <= b],
  ['>', (a, b) => a > b],
  ['>=', (a, b) => a >= b],
  ['==', (a, b) => a === b],
  ['!=', (a, b) => a !== b],
];

async function run(text: string): Promise<RunResult> {
  const r = compile({ path: 'words.pxl', text, schemas: { numbers: SCHEMA } });
  if (!r.js) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const main = await compiledModule<(o: Record<string, unknown>) => Promise<RunResult>>(r.js, 'run');
  const table = makeTable(
    SCHEMA,
    [BigInt64Array.from(VALUES, (_, i) => NOW - BigInt(i + 1)), BigInt64Array.from(VALUES)],
    VALUES.length,
  );
  return main({ tables: { numbers: table }, now: NOW });
}

test('filters comparing an int64 column with a constant keep the rows BigInt comparison keeps, constant on either side', async (t) => {
  const cases = CONSTANTS.flatMap((c) => OPS.map(([op, holds]) => ({ c, op, holds })));
  const text = [
    'import px',
    "df = px.DataFrame(table='numbers')",
    ...cases.flatMap(({ c, op }, k) => [
      `px.display(df[df.x ${op} ${c}], 'a${k}')`,
      `px.display(df[${c} ${op} df.x], 'b${k}')`,
    ]),
  ].join('\n');
  const r = await run(`${text}\n`);
  t.regex(compile({ path: 'words.pxl', text, schemas: { numbers: SCHEMA } }).js!, /int64WordsLE/);
  cases.forEach(({ c, op, holds }, k) => {
    t.deepEqual(
      r.columns(`a${k}`)['x'],
      VALUES.filter((v) => holds(v, c)),
      `x ${op} ${c}`,
    );
    t.deepEqual(
      r.columns(`b${k}`)['x'],
      VALUES.filter((v) => holds(c, v)),
      `${c} ${op} x`,
    );
  });
});

test('an int64 column used as a double is Number(bigint) of each value, rounded once', async (t) => {
  const r = await run(`import px
df = px.DataFrame(table='numbers')
df.half = df.x / 2
df.f = df.x * 1.0
px.display(df[['x', 'half', 'f']], 'out')
`);
  t.deepEqual(
    r.columns('out')['half'],
    VALUES.map((v) => Number(v) / 2),
  );
  t.deepEqual(
    r.columns('out')['f'],
    VALUES.map((v) => Number(v)),
  );
});
