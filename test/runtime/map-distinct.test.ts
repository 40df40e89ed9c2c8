// A function of one STRING/UINT128 column runs once per distinct value the rows use when the column carries
// dictionary codes, gives the same column as calling it on every row, and hands its codes on to the result.

import test from 'ava';
import fc from 'fast-check';
import { dictionaryColumn, dictionaryOf } from '../../src/runtime/ops/dictionary.js';
import { mapDistinct } from '../../src/runtime/ops/map-distinct.js';
import { makeTable } from '../../src/runtime/table.js';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { compileScript } from '../support/compiled.js';

test('ctx lookups of a UPID column: once per process, the same values as row by row, codes carried on', (t) => {
  const upids = [10n, 20n, 10n, 30n, 10n, 20n];
  const codes = Int32Array.from([0, 1, 0, 2, 0, 1]);
  const column = dictionaryColumn(codes, [10n, 20n, 30n, 40n]); // 40n: a value no row uses
  const asked: bigint[] = [];
  const service = (u: bigint) => {
    asked.push(u);
    return `svc-${u}`;
  };
  const out = mapDistinct(column, service, new Array<string>(upids.length).fill('')) as string[];
  t.deepEqual(
    out,
    upids.map((u) => `svc-${u}`),
  );
  t.deepEqual(asked, [10n, 20n, 30n], 'each used value once, in first-seen order; never the unused 40n');
  t.is(dictionaryOf(out)?.codes, codes, 'the result shares the input codes, so a group-by on it runs on codes');
  t.deepEqual(dictionaryOf(out)?.values, ['svc-10', 'svc-20', 'svc-30', '']);
});

test('numbers and booleans: the same column with or without codes', (t) => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('a', 'bb', '', 'cccc'), { maxLength: 50 }), (values) => {
      const distinct = [...new Set(values)];
      const coded = dictionaryColumn(Int32Array.from(values.map((v) => distinct.indexOf(v))), distinct);
      const length = (s: string) => BigInt(s.length);
      t.deepEqual(mapDistinct(coded, length, new BigInt64Array(values.length)), BigInt64Array.from(values.map(length)));
      t.deepEqual(
        mapDistinct(values, length, new BigInt64Array(values.length)),
        BigInt64Array.from(values.map(length)),
      );
      const empty = (s: string) => s === '';
      t.deepEqual(
        mapDistinct(coded, empty, new Uint8Array(values.length)),
        Uint8Array.from(values.map((v) => (empty(v) ? 1 : 0))),
      );
    }),
  );
});

test('a compiled script gives the same services, pids and lengths on dictionary-encoded and on plain columns', async (t) => {
  // The demo cluster's processes, so that ctx['service'] finds services.
  const upids = await compileScript(
    `import px
px.display(px.DataFrame(table='http_events', select=['upid']).groupby('upid').agg(), 'u')
`,
    'upids',
  );
  const known = (await upids.run({ demoRows: 2000 })).columns('u')['upid'] as bigint[];
  const n = 5000;
  const upid = Array.from({ length: n }, (_, i) => known[(i * 7) % known.length]!);
  const path = Array.from({ length: n }, (_, i) => ['/', '/cart', '/api/items', ''][i % 4]!);
  const schema = [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
    { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
  ] as const;
  const table = (coded: boolean) => {
    const encode = <T extends string | bigint>(col: T[]) => {
      if (!coded) return [...col];
      const values = [...new Set(col)];
      return dictionaryColumn(Int32Array.from(col.map((v) => values.indexOf(v))), values);
    };
    return makeTable(
      schema as never,
      [
        BigInt64Array.from({ length: n }, (_, i) => BigInt(i)),
        encode(upid),
        encode(path),
        BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 97)),
      ],
      n,
    );
  };
  const script = await compileScript(
    `import px
df = px.DataFrame(table='http_events', select=['time_', 'upid', 'req_path', 'latency'])
df.service = df.ctx['service']
df.pid = px.upid_to_pid(df.upid)
df.path_len = px.length(df.req_path)
df = df.groupby(['service', 'pid']).agg(n=('latency', px.count), paths=('path_len', px.sum))
px.display(df, 'by_service')
`,
    'by_service',
  );
  const run = async (coded: boolean) =>
    (await script.run({ tables: { http_events: table(coded) }, metadata: demoCluster(1), now: BigInt(n) })).columns(
      'by_service',
    );
  const coded = await run(true);
  t.true(
    (coded['service'] as string[]).filter((s) => s.includes('/')).length > 3,
    (coded['service'] as string[]).join(', '),
  );
  t.deepEqual(coded, await run(false));
});
