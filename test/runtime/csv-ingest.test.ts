// The CSV reader converts fields straight from the file's bytes; these are the values at the edges of each fast
// path, read back exactly as the general conversion reads them.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Random } from '../../src/runtime/random.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { CsvParser, csvField, parseCsv } from '../../src/runtime/sources/csv.js';
import type { Schema } from '../../src/core/types.js';

async function read(text: string, schema: Schema): Promise<unknown[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-csv-'));
  await writeFile(join(dir, 't.csv'), text);
  const { source } = await loadDirectory(dir);
  try {
    const table = await source.read({ table: 't', schema });
    return table.columns.map((c) => Array.from(c as ArrayLike<unknown>) as unknown);
  } catch (e) {
    return [(e as Error).message.replaceAll(dir, 'DIR')];
  }
}

const INT: Schema = [{ name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' }];

test('64-bit integers at the edges read exactly from their digits', async (t) => {
  t.deepEqual(
    await read(
      'n\n0\n-0\n7\n-7\n000000000000000000042\n4294967296\n-4294967296\n9007199254740993\n1767225600123456789\n' +
        '-1767225600123456789\n9223372036854775807\n-9223372036854775808\n"12"\n 13 \n',
      INT,
    ),
    [
      [
        0n,
        0n,
        7n,
        -7n,
        42n,
        4294967296n,
        -4294967296n,
        9007199254740993n,
        1767225600123456789n,
        -1767225600123456789n,
        9223372036854775807n,
        -9223372036854775808n,
        12n,
        13n,
      ],
    ],
  );
  t.deepEqual(await read('n\n9223372036854775808\n', INT), [
    `DIR/t.csv:2: column 'n': 9223372036854775808 does not fit in a 64-bit integer`,
  ]);
  t.deepEqual(await read('n\n-9223372036854775809\n', INT), [
    `DIR/t.csv:2: column 'n': -9223372036854775809 does not fit in a 64-bit integer`,
  ]);
  t.deepEqual(await read('n\n12a\n', INT), [
    `DIR/t.csv:2: column 'n': "12a" is not an INT64 (write a whole number such as 42)`,
  ]);
  t.deepEqual(await read('n\n-\n', INT), [
    `DIR/t.csv:2: column 'n': "-" is not an INT64 (write a whole number such as 42)`,
  ]);
});

test('random integers read back as written', async (t) => {
  const rnd = new Random(7);
  const values = Array.from({ length: 2000 }, () => {
    const digits = rnd.int(1, 19);
    let v = BigInt(rnd.int(1, 9));
    for (let k = 1; k < digits; k++) v = v * 10n + BigInt(rnd.int(0, 9));
    if (v > (1n << 63n) - 1n) v = (1n << 63n) - 1n;
    return rnd.next() < 0.5 ? -v : v;
  });
  t.deepEqual(await read(`n\n${values.join('\n')}\n`, INT), [values]);
});

test('repeated strings and UPIDs are converted once and shared; quoted, empty and non-ASCII values too', async (t) => {
  const schema: Schema = [
    { name: 's', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'u', dataType: 'UINT128', semanticType: 'ST_UPID' },
  ];
  const [s, u] = (await read(
    's,u\n/a,1:2:3\n"/a",1:2:3\n,1:2:3\n"x,""y""",00000001-0000-0002-0000-000000000003\nçé ☃,1:2:3\n/a,2:2:2\n',
    schema,
  )) as [string[], bigint[]];
  t.deepEqual(s, ['/a', '/a', '', 'x,"y"', 'çé ☃', '/a']);
  const one = (1n << 96n) | (2n << 64n) | 3n;
  t.deepEqual(u, [one, one, one, one, one, (2n << 96n) | (2n << 64n) | 2n]);
  t.deepEqual(await read('s,u\n/a,nope\n', schema), [
    `DIR/t.csv:2: column 'u': "nope" is not a UINT128 (write it as asid:pid:start_ns, UUID-style hex, 0x… or decimal)`,
  ]);
});

test('more distinct strings than the dictionary holds still read exactly', async (t) => {
  const values = Array.from({ length: 70_000 }, (_, i) => `v${i % 69_000}`);
  const [s] = (await read(`s\n${values.join('\n')}\n`, [
    { name: 's', dataType: 'STRING', semanticType: 'ST_NONE' },
  ])) as [string[]];
  t.deepEqual(s, values);
});

test('the scanner gives the same records for any chunking, line ending and quoting', (t) => {
  const rnd = new Random(11);
  const pieces = ['a', 'bc', '', '"', ',', '\n', '\r\n', 'é', '☃', ' '];
  for (let round = 0; round < 200; round++) {
    const rows = Array.from({ length: rnd.int(1, 6) }, () =>
      Array.from({ length: 3 }, () =>
        Array.from({ length: rnd.int(0, 4) }, () => pieces[rnd.int(0, pieces.length - 1)]).join(''),
      ),
    );
    const eol = ['\n', '\r\n', '\r'][rnd.int(0, 2)]!;
    // Rows whose fields are all empty would be blank lines; give them a value.
    const text =
      rows
        .map((r) =>
          (r.every((f) => f === '') ? ['x', ...r.slice(1)] : r)
            .map((f) => (f === '' ? f : `"${f.replaceAll('"', '""')}"`))
            .join(','),
        )
        .join(eol) + (rnd.next() < 0.5 ? eol : '');
    const expected = rows.map((r) => (r.every((f) => f === '') ? ['x', ...r.slice(1)] : r));
    const whole = parseCsv(text);
    t.deepEqual(
      whole.map((r) => r.fields),
      expected,
      JSON.stringify(text),
    );
    const bytes = Buffer.from(text);
    const parser = new CsvParser();
    const got = [];
    for (let p = 0; p < bytes.length;) {
      const n = rnd.int(1, 5);
      got.push(...parser.push(bytes.subarray(p, p + n)));
      p += n;
    }
    got.push(...parser.end());
    t.deepEqual(got, whole, JSON.stringify(text));
  }
  t.is(csvField('a"b'), '"a""b"');
});

test('syntax errors name the line', async (t) => {
  const schema: Schema = [{ name: 's', dataType: 'STRING', semanticType: 'ST_NONE' }];
  t.deepEqual(await read('s,x\n"a\nb",1\n"open,2\n', schema), ['DIR/t.csv:4: a quoted field is never closed']);
  t.deepEqual(await read('s,x\n"a"b,1\n', schema), [
    'DIR/t.csv:2: unexpected text after a closing quote (quotes inside a quoted field are written "")',
  ]);
  t.deepEqual(await read('s,x\na,1\nb\n', schema), ['DIR/t.csv:3: 1 fields, but the header has 2']);
  t.deepEqual(await read('', schema), ['DIR/t.csv: the file is empty; the first line must name the columns']);
});

test('columns sized from the first megabyte hold every row whether the rest of the file has fewer or more rows per byte', async (t) => {
  const schema: Schema = [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'x', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  ];
  // Short rows then long ones (the estimate is too high), and long rows then short ones (too low: more room is made).
  const short = (i: number) => `${i},${i}.5\n`;
  const long = (i: number) => `${i},${i}.5${'0'.repeat(40)}\n`;
  for (const [first, rest] of [
    [short, long],
    [long, short],
  ] as const) {
    let text = 'time_,x\n';
    const times: bigint[] = [];
    for (let i = 0; i < 160_000; i++) {
      text += (i < 80_000 ? first : rest)(i);
      if (i >= 1000) times.push(BigInt(i));
    }
    const dir = await mkdtemp(join(tmpdir(), 'pxlc-csv-'));
    await writeFile(join(dir, 't.csv'), text);
    const table = await (await loadDirectory(dir)).source.read({ table: 't', schema, startNs: 1000n });
    t.is(table.length, times.length);
    const [time, x] = table.columns as [BigInt64Array, Float64Array];
    t.deepEqual(
      times.filter((v, i) => time[i] !== v || x[i] !== Number(v) + 0.5),
      [],
    );
  }
});
