// A script reads only the columns it uses: data (a service's rows, a --data file) needs only those columns.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';

const script = `import px
df = px.DataFrame(table='http_events', start_time='-1m')
df = df[df.resp_status >= 500]
df = df.groupby('req_path').agg(errors=('latency', px.count), worst=('latency', px.max))
px.display(df, 'errors')
`;

async function load(): Promise<{ run: (o: Record<string, unknown>) => Promise<RunResult> }> {
  const r = compile({ path: 'errors.pxl', text: script });
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-prune-')), 'errors.js');
  await writeFile(file, r.js!);
  return import(pathToFileURL(file).href);
}

test('rows with only the four columns the script uses are enough', async (t) => {
  const { run } = await load();
  const now = 1_767_225_600_000_000_000n;
  const rows = [
    { time_: now - 1_000n, req_path: '/a', resp_status: 500, latency: 7n },
    { time_: now - 2_000n, req_path: '/a', resp_status: 503, latency: 9n },
    { time_: now - 3_000n, req_path: '/b', resp_status: 200, latency: 1n },
  ];
  const result = await run({ tables: { http_events: rows }, now });
  const out = result.tables[0]!.table;
  t.deepEqual(
    out.schema.map((c) => c.name),
    ['req_path', 'errors', 'worst'],
  );
  t.deepEqual(
    [out.columns[0], [...(out.columns[1] as BigInt64Array)], [...(out.columns[2] as BigInt64Array)]],
    [['/a'], [2n], [9n]],
  );
});

test('a column the script uses but the data lacks is still an error naming it', async (t) => {
  const { run } = await load();
  await t.throwsAsync(run({ tables: { http_events: [{ time_: 1n, req_path: '/a', latency: 1n }] } }), {
    message: /has no column 'resp_status'/,
  });
});
