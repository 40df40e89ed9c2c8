// Data that is wrong or ambiguous never turns into wrong data silently: each case is an error naming the file,
// line and column, or (times without an offset) a stated reading the user is told about.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import { parseTime } from '../../src/runtime/metadata/time-text.js';
import { jsonRows } from '../../src/runtime/output/json-rows.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { InMemorySource } from '../../src/runtime/sources/in-memory-source.js';
import { makeTable } from '../../src/runtime/table.js';
import type { Schema } from '../../src/core/types.js';
import { compileScript } from '../support/compiled.js';

const TIME: Schema = [{ name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' }];
const VALUE: Schema = [{ name: 'value', dataType: 'FLOAT64', semanticType: 'ST_NONE' }];

async function tempDir(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bad-data-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

async function readError(files: Record<string, string>, table: string, schema: Schema): Promise<string> {
  const dir = await tempDir(files);
  const { source } = await loadDirectory(dir);
  try {
    await source.read({ table, schema });
  } catch (e) {
    if (!(e instanceof PxlRuntimeError)) throw e;
    return e.message.replaceAll(dir, 'DIR');
  }
  throw new Error('the read succeeded');
}

test('an impossible date is an error, not rolled over into the next month', async (t) => {
  t.is(
    await readError({ 't.csv': 'time_\n2026-02-28T00:00:00Z\n2026-02-30T00:00:00Z\n' }, 't', TIME),
    `DIR/t.csv:3: column 'time_': "2026-02-30T00:00:00Z" is not a time: February 2026 has 28 days`,
  );
  t.is(
    await readError({ 't.jsonl': '{"time_":"2026-13-01T00:00:00Z"}\n' }, 't', TIME),
    `DIR/t.jsonl:1: column 'time_': "2026-13-01T00:00:00Z" is not a time: there is no month 13`,
  );
  t.is(
    await readError({ 't.csv': 'time_\n2026-01-01T24:00:00Z\n' }, 't', TIME),
    `DIR/t.csv:2: column 'time_': "2026-01-01T24:00:00Z" is not a time: 24:00:00 is not a time of day`,
  );
  t.is(
    await readError({ 't.csv': 'time_\n2026-01-01T00:00:00+24:00\n' }, 't', TIME),
    `DIR/t.csv:2: column 'time_': "2026-01-01T00:00:00+24:00" is not a time: +24:00 is not an offset from UTC`,
  );
});

test('leap days, offsets and fractions read exactly', (t) => {
  t.deepEqual(parseTime('2024-02-29T00:00:00Z'), { ns: 1_709_164_800_000_000_000n, offsetGiven: true });
  t.deepEqual(parseTime('2026-01-01T02:00:00.000000001+02:00'), { ns: 1_767_225_600_000_000_001n, offsetGiven: true });
  t.deepEqual(parseTime('0001-01-01T00:00:00Z'), { ns: -62_135_596_800_000_000_000n, offsetGiven: true });
  t.true('why' in parseTime('2023-02-29T00:00:00Z'));
});

test('a time without an offset is read as UTC and the run says so once, naming the first such value', async (t) => {
  const dir = await tempDir({
    'http_events.csv': 'time_,n\n2026-01-01 00:00:00,1\n2026-01-01T00:00:01,2\n2026-01-01T00:00:02Z,3\n',
  });
  const { source } = await loadDirectory(dir);
  const warnings: string[] = [];
  const table = await source.read({ table: 'http_events', schema: TIME, warn: (m) => warnings.push(m) });
  t.deepEqual(
    [...(table.columns[0] as BigInt64Array)],
    [1_767_225_600_000_000_000n, 1_767_225_601_000_000_000n, 1_767_225_602_000_000_000n],
  );
  t.deepEqual(warnings, [
    `${join(dir, 'http_events.csv')}:2: column 'time_': a time without Z or an offset from UTC is read as UTC, ` +
      `as Pixie's times are (this and any others in the file); add Z to say so`,
  ]);

  const script = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-1m')
px.display(df[['time_']], 'out')
`);
  const result = await script.run({ data: dir, now: 1_767_225_610_000_000_000n });
  t.deepEqual(result.warnings, warnings);
});

test('a CSV header naming a column twice is an error naming both positions', async (t) => {
  t.is(
    await readError({ 't.csv': 'time_,value,host,value\n1,2,h,3\n' }, 't', VALUE),
    `DIR/t.csv:1: the header names column 'value' twice (columns 2 and 4); rename or remove one`,
  );
});

test('FLOAT64 takes decimal text only: no hex, binary or octal, and no overflow to Infinity', async (t) => {
  for (const [text, why] of [
    ['0x10', '"0x10" is not a FLOAT64 (write a decimal number such as 12.5 or 1e-3)'],
    ['0b11', '"0b11" is not a FLOAT64 (write a decimal number such as 12.5 or 1e-3)'],
    ['0o7', '"0o7" is not a FLOAT64 (write a decimal number such as 12.5 or 1e-3)'],
    ['1_000', '"1_000" is not a FLOAT64 (write a decimal number such as 12.5 or 1e-3)'],
    ['', '"" is not a FLOAT64 (write a decimal number such as 12.5 or 1e-3)'],
    ['1e309', '"1e309" is beyond the range of a FLOAT64 (about ±1.8e308; write inf or -inf for an infinity)'],
    ['-1e309', '"-1e309" is beyond the range of a FLOAT64 (about ±1.8e308; write inf or -inf for an infinity)'],
  ]) {
    t.is(
      await readError({ 't.csv': `value,k\n1.5,a\n${text},b\n` }, 't', VALUE),
      `DIR/t.csv:3: column 'value': ${why}`,
      text,
    );
  }
  const dir = await tempDir({ 't.csv': 'value\n.5\n+2.\n1e-3\n-0\ninf\n-Infinity\nnan\n1.7976931348623157e308\n' });
  const values = [
    ...((await (await loadDirectory(dir)).source.read({ table: 't', schema: VALUE })).columns[0] as Float64Array),
  ];
  t.deepEqual(values, [0.5, 2, 0.001, -0, Infinity, -Infinity, Number.NaN, Number.MAX_VALUE]);
  t.true(Object.is(values[3], -0));
});

test('a column named __proto__ or constructor that a JSON row lacks is missing, not inherited', async (t) => {
  const proto: Schema = [{ name: '__proto__', dataType: 'STRING', semanticType: 'ST_NONE' }];
  const ctor: Schema = [{ name: 'constructor', dataType: 'STRING', semanticType: 'ST_NONE' }];
  const files = { 't.jsonl': '{"__proto__":"a","constructor":"b"}\n{"x":1}\n' };
  t.is(
    await readError(files, 't', proto),
    `DIR/t.jsonl:2: column '__proto__': is missing (PxL has no nulls; give a STRING value)`,
  );
  t.is(
    await readError(files, 't', ctor),
    `DIR/t.jsonl:2: column 'constructor': is missing (PxL has no nulls; give a STRING value)`,
  );
  // Present, they are ordinary columns.
  const dir = await tempDir({ 't.jsonl': '{"__proto__":"a","constructor":"b"}\n' });
  const table = await (await loadDirectory(dir)).source.read({ table: 't', schema: [...proto, ...ctor] });
  t.deepEqual(table.columns, [['a'], ['b']]);
  // Rows handed in by a service: the same.
  const memory = new InMemorySource({ t: [{ x: 1 }] });
  const e = await t.throwsAsync(memory.read({ table: 't', schema: ctor }));
  t.notRegex(e?.message ?? '', /native code/);
});

test('-0 keeps its sign in --output json', (t) => {
  const table = makeTable(VALUE, [Float64Array.of(-0, 0, -1.5)], 3);
  t.deepEqual(jsonRows('out', table), [
    '{"_tableName_":"out","value":-0}',
    '{"_tableName_":"out","value":0}',
    '{"_tableName_":"out","value":-1.5}',
  ]);
  t.true(Object.is(JSON.parse(jsonRows('out', table)[0]!).value, -0));
});

test('a 10 MB single CSV line is read in a small heap', async (t) => {
  // A long quoted field (with "" escapes and commas) and a long plain one: the reader holds the line's bytes
  // once, not a string per character.
  const long = 'ab,"c'.repeat(1_000_000);
  const plain = 'x'.repeat(5_000_000);
  const dir = await tempDir({ 'big.csv': `time_,body,other\n1,"${long.replaceAll('"', '""')}",${plain}\n` });
  const probe = `
    import { loadDirectory } from ${JSON.stringify(new URL('../../src/runtime/sources/dir-source.js', import.meta.url).href)};
    const { source } = await loadDirectory(${JSON.stringify(dir)});
    const t = await source.read({ table: 'big', schema: [{ name: 'body', dataType: 'STRING', semanticType: 'ST_NONE' }, { name: 'other', dataType: 'STRING', semanticType: 'ST_NONE' }] });
    process.stdout.write(JSON.stringify([t.length, t.columns[0][0].length, t.columns[0][0].slice(0, 12), t.columns[1][0].length, process.resourceUsage().maxRSS]));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, [
    '--max-old-space-size=96',
    '--input-type=module',
    '-e',
    probe,
  ]);
  const [rows, length, head, other, maxRssKb] = JSON.parse(stdout) as [number, number, string, number, number];
  t.deepEqual([rows, length, head, other], [1, long.length, 'ab,"cab,"cab', plain.length]);
  t.true(maxRssKb < 150 * 1024, `peak RSS ${Math.round(maxRssKb / 1024)} MB`);
});
