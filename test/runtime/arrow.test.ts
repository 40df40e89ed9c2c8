// Arrow IPC files in --data (.arrow, .arrows, .feather), written here by apache-arrow: read batch by batch with
// the same checks and messages as the other formats, rows named by their number in the file.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as arrow from 'apache-arrow';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import type { Schema } from '../../src/core/types.js';
import { columnArrays, compileScript } from '../support/compiled.js';

const NOW = 1_767_225_600_000_000_000n;
const UPID = (1n << 96n) | (200n << 64n) | 300n;

function column<T extends arrow.DataType>(type: T, values: unknown[]): arrow.Vector<T> {
  return arrow.vectorFromArray(values, type) as arrow.Vector<T>;
}

/** A 64-bit column from its values as stored (apache-arrow's builders take times as milliseconds). */
function int64Data<T extends arrow.TimestampNanosecond | arrow.DurationNanosecond>(
  type: T,
  values: bigint[],
): arrow.Data<T> {
  return arrow.makeData({
    type,
    length: values.length,
    data: BigInt64Array.from(values),
  } as never) as unknown as arrow.Data<T>;
}

/** UINT128s as Arrow writes a 16-byte fixed binary: big-endian. */
function upidBytes(x: bigint): Uint8Array {
  const out = new Uint8Array(16);
  for (let k = 15; k >= 0; k--, x >>= 8n) out[k] = Number(x & 0xffn);
  return out;
}

async function dataDir(files: Record<string, Uint8Array | string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-arrow-'));
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir, name), bytes);
  return dir;
}

/** http_events in two record batches: nanosecond times, UPIDs as 16-byte binaries, dictionary-encoded paths. */
function httpEvents(): arrow.Table {
  // One dictionary for both batches (the file format has no replacement dictionaries): the rows hold its keys.
  const paths = new arrow.Dictionary(new arrow.Utf8(), new arrow.Int32());
  const dictionary = arrow.vectorFromArray(['/a', '/b'], new arrow.Utf8());
  const keys = (path: string[]) =>
    arrow.makeData({
      type: paths,
      length: path.length,
      data: Int32Array.from(path, (p) => (p === '/a' ? 0 : 1)),
      dictionary,
    });
  const batch = (times: bigint[], path: string[], status: number[], latency: bigint[]) =>
    new arrow.RecordBatch({
      time_: int64Data(new arrow.TimestampNanosecond(), times),
      upid: column(
        new arrow.FixedSizeBinary(16),
        times.map(() => upidBytes(UPID)),
      ).data[0]!,
      req_path: keys(path),
      resp_status: column(new arrow.Int32(), status).data[0]!,
      latency: int64Data(new arrow.DurationNanosecond(), latency),
      extra: column(
        new arrow.List(new arrow.Field('x', new arrow.Int32())),
        times.map(() => [1, 2]),
      ).data[0]!,
    });
  return new arrow.Table([
    batch([NOW - 9_000_000_000n, NOW - 2_000_000_000n], ['/a', '/b'], [200, 500], [1500n, 2500n]),
    batch([NOW - 1n], ['/a'], [200], [3500n]),
  ]);
}

test('an Arrow IPC file is a table: a compiled groupby over it, --now latest from its time_', async (t) => {
  const script = await compileScript(`import px
df = px.DataFrame(table='http_events', start_time='-5s')
df = df.groupby('req_path').agg(n=('latency', px.count), latency=('latency', px.sum))
px.display(df, 'out')
`);
  for (const name of ['http_events.arrow', 'http_events.feather', 'http_events.arrows']) {
    const dir = await dataDir({ [name]: arrow.tableToIPC(httpEvents(), name.endsWith('.arrows') ? 'stream' : 'file') });
    const result = await script.run({ data: dir, now: 'latest' });
    t.deepEqual(
      columnArrays(result, 'out'),
      [
        ['/b', '/a'],
        [1n, 1n],
        [2500n, 3500n],
      ],
      name,
    );
  }
});

test('Arrow types meet PxL types: timestamps of any unit as nanoseconds, UPIDs as text or 16 bytes, only the columns read', async (t) => {
  const table = new arrow.Table({
    time_: column(new arrow.TimestampMillisecond(), [1_767_225_600_001n]),
    t2: column(new arrow.DateDay(), [new Date('2026-01-02T00:00:00Z')]),
    upid: column(new arrow.Utf8(), ['1:200:300']),
    n: column(new arrow.Uint8(), [7]),
    s: column(new arrow.Int64(), [12n]),
    b: column(new arrow.Bool(), [true]),
    f: column(new arrow.Float32(), [1.25]),
    extra: column(new arrow.Struct([new arrow.Field('x', new arrow.Int32())]), [{ x: 1 }]),
  });
  const dir = await dataDir({ 'a.arrow': arrow.tableToIPC(table, 'file') });
  const schema: Schema = [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 't2', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
    { name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 's', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'b', dataType: 'BOOLEAN', semanticType: 'ST_NONE' },
    { name: 'f', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  ];
  const a = await (await loadDirectory(dir)).source.read({ table: 'a', schema });
  t.deepEqual(
    a.columns.map((c) => Array.from(c as ArrayLike<unknown>)),
    [[NOW + 1_000_000n], [NOW + 86_400_000_000_000n], [UPID], [7n], ['12'], [1], [1.25]],
  );
});

test('a null, a value that does not fit, a column of the wrong type and a file that is not Arrow: errors naming file, row and column', async (t) => {
  const dir = await dataDir({
    'nulls.arrow': arrow.tableToIPC(
      new arrow.Table({ time_: column(new arrow.Int64(), [1n, 2n]), s: column(new arrow.Utf8(), ['x', null]) }),
      'file',
    ),
    'big.arrows': arrow.tableToIPC(new arrow.Table({ n: column(new arrow.Uint64(), [1n, 1n << 63n]) }), 'stream'),
    'nested.arrow': arrow.tableToIPC(
      new arrow.Table({ s: column(new arrow.List(new arrow.Field('x', new arrow.Int32())), [[1]]) }),
      'file',
    ),
    'text.arrow': 'time_,s\n1,x\n',
  });
  const { source } = await loadDirectory(dir);
  const time = { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' } as const;
  const s = { name: 's', dataType: 'STRING', semanticType: 'ST_NONE' } as const;
  await t.throwsAsync(source.read({ table: 'nulls', schema: [time, s] }), {
    message: `${join(dir, 'nulls.arrow')}: row 2: column 's': is null (PxL has no nulls; give a STRING value)`,
  });
  await t.throwsAsync(
    source.read({ table: 'big', schema: [{ name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' }] }),
    { message: `${join(dir, 'big.arrows')}: row 2: column 'n': 9223372036854775808 does not fit in a 64-bit integer` },
  );
  await t.throwsAsync(source.read({ table: 'nested', schema: [s] }), {
    message: `${join(dir, 'nested.arrow')}: column 's' is of Arrow type List<Int32>, which cannot be read as STRING`,
  });
  await t.throwsAsync(
    source.read({ table: 'nulls', schema: [{ name: 'latency', dataType: 'INT64', semanticType: 'ST_NONE' }] }),
    { message: /nulls\.arrow has no column 'latency', which the script reads from 'nulls'/ },
  );
  await t.throwsAsync(source.read({ table: 'text', schema: [time] }), {
    message: /text\.arrow: not a readable Arrow IPC file \(.*\); write it with Arrow's IPC/,
  });
});

test('whole columns where the types allow, the same values and errors as row by row: text, integers, floats, coarse times', async (t) => {
  const seconds = (values: bigint[]) =>
    arrow.makeData({ type: new arrow.TimestampSecond(), length: values.length, data: BigInt64Array.from(values) });
  const batch = (s: string[], n: number[], f: number[], g: number[], time: bigint[]) =>
    new arrow.RecordBatch({
      s: column(new arrow.Utf8(), s).data[0]!,
      n: column(new arrow.Int32(), n).data[0]!,
      f: column(new arrow.Float64(), f).data[0]!,
      g: column(new arrow.Float32(), g).data[0]!,
      time_: seconds(time),
    });
  const ok = new arrow.Table([
    batch(['x', 'y', 'x'], [1, -2, 3], [0.5, 1.5, 2.5], [0.25, 0.5, 0.75], [1n, 2n, 3n]),
    batch(['y', 'z'], [4, 5], [3.5, 4.5], [1, 2], [4n, 5n]),
  ]);
  const late = new arrow.Table([
    batch(['x'], [1], [1], [1], [1n]),
    batch(['x', 'x'], [1, 1], [1, 1], [1, 1], [1n, 1n << 62n]),
  ]);
  const dir = await dataDir({ 'ok.arrow': arrow.tableToIPC(ok, 'file'), 'late.arrow': arrow.tableToIPC(late, 'file') });
  const { source } = await loadDirectory(dir);
  const schema: Schema = [
    { name: 's', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'n', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'f', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'g', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  ];
  const read = await source.read({ table: 'ok', schema });
  t.deepEqual(
    read.columns.map((c) => Array.from(c as ArrayLike<unknown>)),
    [
      ['x', 'y', 'x', 'y', 'z'],
      [1n, -2n, 3n, 4n, 5n],
      [0.5, 1.5, 2.5, 3.5, 4.5],
      [0.25, 0.5, 0.75, 1, 2],
      [1n, 2n, 3n, 4n, 5n].map((x) => x * 1_000_000_000n),
    ],
  );
  // Row 3 of the file, the second batch's second row: seconds past the int64 range of nanoseconds.
  await t.throwsAsync(source.read({ table: 'late', schema }), {
    message: `${join(dir, 'late.arrow')}: row 3: column 'time_': ${(1n << 62n) * 1_000_000_000n} does not fit in a 64-bit integer`,
  });
});
