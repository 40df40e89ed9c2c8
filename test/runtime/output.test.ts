// What px.display prints: readable tables, or one JSON object per row like `px run -o json`.

import test from 'ava';
import { tableLines, type TableTextOptions } from '../../src/runtime/output/format-table.js';
import { jsonRows } from '../../src/runtime/output/json-rows.js';
import { makeTable } from '../../src/runtime/table.js';

/** The table as the terminal shows it: its lines, each ended by a newline. */
const formatTable = (name: string, t: Parameters<typeof tableLines>[1], options?: TableTextOptions) =>
  `${tableLines(name, t, options).join('\n')}\n`;

const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'req_method', dataType: 'STRING', semanticType: 'ST_HTTP_REQ_METHOD' },
    { name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'ratio', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'ok', dataType: 'BOOLEAN', semanticType: 'ST_NONE' },
    { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
  ],
  [
    BigInt64Array.of(1_700_000_000_123_456_789n, 1_700_000_001_000_000_000n),
    ['GET', 'POST'],
    BigInt64Array.of(9_007_199_254_740_993n, -4n),
    Float64Array.of(0.25, 1 / 3),
    Uint8Array.of(1, 0),
    [(1n << 96n) | 5n, 0n],
  ],
  2,
);

test('JSON rows put _tableName_ first and keep 64-bit integers exact', (t) => {
  t.deepEqual(jsonRows('output', table), [
    '{"_tableName_":"output","time_":"2023-11-14T22:13:20.123456789Z","req_method":"GET","n":9007199254740993,"ratio":0.25,"ok":true,"upid":"00000001-0000-0000-0000-000000000005"}',
    '{"_tableName_":"output","time_":"2023-11-14T22:13:21.000000000Z","req_method":"POST","n":-4,"ratio":0.3333333333333333,"ok":false,"upid":"00000000-0000-0000-0000-000000000000"}',
  ]);
});

test('text tables align columns, numbers to the right, floats to six significant digits as px run shows them', (t) => {
  t.is(
    formatTable('output', table),
    [
      'output (2 rows)',
      'time_                           req_method                 n     ratio  ok     upid',
      '------------------------------  ----------  ----------------  --------  -----  ------------------------------------',
      '2023-11-14T22:13:20.123456789Z  GET         9007199254740993      0.25  true   00000001-0000-0000-0000-000000000005',
      '2023-11-14T22:13:21.000000000Z  POST                      -4  0.333333  false  00000000-0000-0000-0000-000000000000',
      '',
    ].join('\n'),
  );
});

test('raw text tables keep what is stored: ten significant digits of a float', (t) => {
  t.is(
    formatTable('output', table, { raw: true }).split('\n')[4],
    '2023-11-14T22:13:21.000000000Z  POST                      -4  0.3333333333  false  00000000-0000-0000-0000-000000000000',
  );
});

test('text tables show control characters of the data as escapes: a value cannot clear the screen or retitle the window', (t) => {
  const hostile = makeTable(
    [
      { name: 'req\u001b[2Jpath', dataType: 'STRING', semanticType: 'ST_NONE' },
      { name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' },
    ],
    [
      ['\u001b]0;owned\u0007/login', 'ok\rfake\bline\ttab\u0000', 'right\u202eto-left\u009b'],
      BigInt64Array.of(1n, 2n, 3n),
    ],
    3,
  );
  t.is(
    formatTable('out\u001b[31m', hostile),
    [
      'out\\x1b[31m (3 rows)',
      'req\\x1b[2Jpath          n',
      '----------------------  -',
      '\\x1b]0;owned\\x07/login  1',
      'ok\\rfake\\bline\\ttab\\0   2',
      'right\\u202eto-left\\x9b  3',
      '',
    ].join('\n'),
  );
});

test('a long table is laid out without one call per cell: 200 000 rows, the widest value sets the width', (t) => {
  const rows = 200_000;
  const long = makeTable(
    [{ name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' }],
    [BigInt64Array.from({ length: rows }, (_, i) => BigInt(i))],
    rows,
  );
  const lines = tableLines('long', long);
  t.is(lines.length, rows + 3);
  t.deepEqual(lines.slice(0, 4), ['long (200000 rows)', '     n', '------', '     0']);
  t.is(lines.at(-1), '199999');
});
