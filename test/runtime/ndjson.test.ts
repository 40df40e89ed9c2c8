// NDJSON files read by the byte scanner: every line gets JSON.parse's verdict (the same values, the same
// errors), whatever its spacing, escapes or number forms; only the columns a script reads are converted, and a
// bad line anywhere fails the read with the file, line and column.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { NdjsonScanner } from '../../src/runtime/sources/ndjson.js';
import type { Schema } from '../../src/core/types.js';

const SCHEMA: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
  { name: 'cpu', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
];

async function read(text: string | Buffer, schema: Schema = SCHEMA) {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-ndjson-'));
  await writeFile(join(dir, 't.ndjson'), text);
  const { source } = await loadDirectory(dir);
  return { dir, read: () => source.read({ table: 't', schema }) };
}

async function columns(text: string, schema: Schema = SCHEMA): Promise<unknown[][]> {
  const t = await (await read(text, schema)).read();
  return t.columns.map((c) => Array.from(c as ArrayLike<unknown>));
}

async function error(text: string | Buffer, schema: Schema = SCHEMA): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-ndjson-'));
  await writeFile(join(dir, 't.ndjson'), text);
  try {
    await (await loadDirectory(dir)).source.read({ table: 't', schema });
  } catch (e) {
    if (!(e instanceof PxlRuntimeError)) throw e;
    return e.message.replaceAll(dir, 'DIR');
  }
  throw new Error('the read succeeded');
}

test('values as JSON.parse reads them: escapes, spacing, number forms, key order, CRLF, a byte order mark', async (t) => {
  const text =
    '\uFEFF{"time_":1,"req_path":"/a","latency":7,"cpu":0.5}\r\n' +
    '{ "cpu" : 1e3 , "latency" : -12 , "req_path" : "/caf\\u00e9 \\"q\\"" , "time_" : "1767225600000000001" }\n' +
    '\n' +
    '   \t\n' +
    '{"time_":9223372036854775807,"req_path":"/b","latency":12.0,"cpu":-0,"extra":{"nested":[1,{"x":"]"}]}}\n' +
    '{"re\\u0071_path":"/c","time_":2,"latency":1e2,"cpu":2,"latency":5}\n';
  t.deepEqual(await columns(text), [
    [1n, 1767225600000000001n, 9223372036854775807n, 2n],
    ['/a', '/café "q"', '/b', '/c'],
    [7n, -12n, 12n, 5n],
    [0.5, 1000, -0, 2],
  ]);
});

test('a STRING column takes numbers, booleans and nested JSON as their text, long integers with every digit', async (t) => {
  const schema: Schema = [{ name: 'v', dataType: 'STRING', semanticType: 'ST_NONE' }];
  const text = '{"v":12345678901234567890}\n{"v":1.50}\n{"v":true}\n{"v":{"a":[1, 2]}}\n{"v":"x"}\n{"v":"x"}\n';
  t.deepEqual(await columns(text, schema), [['12345678901234567890', '1.5', 'true', '{"a":[1,2]}', 'x', 'x']]);
});

test('a bad value names the file, line and column', async (t) => {
  const line = (latency: string) => `{"time_":1,"req_path":"/a","latency":${latency},"cpu":1}\n`;
  t.is(
    await error(line('7') + line('"fast"')),
    `DIR/t.ndjson:2: column 'latency': "fast" is not an INT64 (write a whole number such as 42)`,
  );
  t.is(
    await error(line('7') + line('1.5')),
    `DIR/t.ndjson:2: column 'latency': 1.5 is not an INT64 (write a whole number such as 42)`,
  );
  t.is(await error(line('null')), `DIR/t.ndjson:1: column 'latency': is null (PxL has no nulls; give a INT64 value)`);
  t.is(
    await error(line('7') + '{"time_":1,"req_path":"/a","cpu":1}\n'),
    `DIR/t.ndjson:2: column 'latency': is missing (PxL has no nulls; give a INT64 value)`,
  );
  t.is(
    await error(line('99999999999999999999')),
    `DIR/t.ndjson:1: column 'latency': 99999999999999999999 does not fit in a 64-bit integer`,
  );
  t.is(
    await error('{"time_":1,"req_path":"/a"}\n'),
    `DIR/t.ndjson has no columns 'latency', 'cpu', which the script reads from 't'`,
  );
});

test("bad JSON anywhere on a line, in a column the script reads or not, is JSON.parse's error for that line", async (t) => {
  const ok = '{"time_":1,"req_path":"/a","latency":7,"cpu":1}\n';
  const cases = [
    '{"time_":1,"req_path":"/a","latency":7,"cpu":1,}',
    '{"time_":1,"req_path":"/a","latency":7,"cpu":1,"x":[1,,2]}',
    '{"time_":1,"req_path":"/a","latency":7,"cpu":1,"x":"\\q"}',
    '{"time_":1,"req_path":"/a","latency":07,"cpu":1}',
    '{"time_":1,"req_path":"/a","latency":7,"cpu":1} x',
    '{"time_":1,"req_path":"/a\tb","latency":7,"cpu":1}',
    '{"time_":1,"req_path":"/a","latency":7,"cpu":tru}',
  ];
  for (const bad of cases) {
    let why = '';
    try {
      JSON.parse(bad);
    } catch (e) {
      why = (e as Error).message;
    }
    t.is(await error(ok + bad + '\n' + ok), `DIR/t.ndjson:2: not valid JSON (${why})`, bad);
  }
  t.is(await error(ok + '[1,2]\n'), 'DIR/t.ndjson:2: expected an object of column values');
});

test('bytes that are not UTF-8 name their line', async (t) => {
  const text = Buffer.concat([
    Buffer.from('{"time_":1,"req_path":"/a","latency":7,"cpu":1}\n{"time_":1,"req_path":"/caf'),
    Buffer.from([0xe9]),
    Buffer.from('","latency":7,"cpu":1}\n'),
  ]);
  t.is(await error(text), 'DIR/t.ndjson:2: the file is not valid UTF-8 (save it as UTF-8)');
});

test('the scanner finds the same values however the file is chunked', (t) => {
  const text = '{"a":"x","b":1}\n{"b":22,"a":"y\\n"}\r\n\n{"a":"z","b":333}';
  const whole: unknown[][] = [];
  const collect = (into: unknown[][]) =>
    new NdjsonScanner(
      ['a', 'b'],
      (r) => {
        into.push([r.line, r.value(0), r.value(1)]);
      },
      () => {
        throw new Error('not read');
      },
    );
  const s = collect(whole);
  s.push(Buffer.from(text));
  s.end();
  t.deepEqual(whole, [
    [1, 'x', 1],
    [2, 'y\n', 22],
    [4, 'z', 333],
  ]);
  const pieces: unknown[][] = [];
  const p = collect(pieces);
  for (const ch of Buffer.from(text)) p.push(Uint8Array.of(ch));
  p.end();
  t.deepEqual(pieces, whole);
});

test('px run -o json files: each table from its own rows, its columns those of its first row', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-ndjson-'));
  await writeFile(
    join(dir, 'capture.json.ndjson'),
    '{"_tableName_":"http_events","time_":1,"latency":7}\n' +
      '{"_tableName_":"conn_stats","time_":2,"bytes_sent":10}\n' +
      '{"time_":3, "_tableName_" : "conn_\\u0073tats", "bytes_sent":11}\n',
  );
  const { source } = await loadDirectory(dir);
  t.deepEqual([...source.tableNames!].sort(), ['conn_stats', 'http_events']);
  const conn = await source.read({
    table: 'conn_stats',
    schema: [SCHEMA[0]!, { name: 'bytes_sent', dataType: 'INT64', semanticType: 'ST_BYTES' }],
  });
  t.deepEqual(conn.columns, [BigInt64Array.of(2n, 3n), BigInt64Array.of(10n, 11n)]);
});
