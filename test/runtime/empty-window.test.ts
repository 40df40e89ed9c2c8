// A time window that selects no rows of a table that has rows says so, with the data's time range: the usual
// cause is replaying a recording without --now.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compileScript } from '../support/compiled.js';

const script = `import px
df = px.DataFrame(table='http_events', start_time='-10s')
df = df.groupby('req_path').agg(n=('latency', px.count))
px.display(df, 'paths')
`;

const T0 = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z
const rows = [
  { time_: T0, req_path: '/a', latency: 1 },
  { time_: T0 + 2_500_000_000n, req_path: '/b', latency: 2 },
];
const HINT =
  "the time window selected no rows of 'http_events'; its data spans 2026-01-01T00:00:00.000Z .. 2026-01-01T00:00:02.500Z (replay recorded data with --now latest, or run({ now: 'latest' }) in a service)";

test('in a service: the warning names the table and its time range, and the result is empty', async (t) => {
  const { run } = await compileScript(script, 'paths');
  const r = await run({ tables: { http_events: rows }, now: T0 + 3_600_000_000_000n });
  t.deepEqual(r.warnings, [HINT]);
  t.is(r.tables[0]!.table.length, 0);
  const replay = await run({ tables: { http_events: rows }, now: 'latest' });
  t.deepEqual(replay.warnings, []);
  t.deepEqual(replay.tables[0]!.table.columns[0], ['/a', '/b']);
});

test('from --data: the warning is printed on stderr; an empty table gets no such warning', async (t) => {
  const out = (await compileScript(script, 'paths')).file;
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-empty-data-'));
  await writeFile(
    join(dir, 'http_events.csv'),
    `time_,req_path,latency\n${rows.map((r) => `${r.time_},${r.req_path},${r.latency}`).join('\n')}\n`,
  );
  const r = await promisify(execFile)(process.execPath, [out, '--data', dir, '--now', '2026-01-01T01:00:00Z']);
  t.true(r.stderr.includes(`warning: ${HINT}`), r.stderr);
  t.regex(r.stdout, /paths \(0 rows\)/);

  const empty = await mkdtemp(join(tmpdir(), 'pxlc-empty-data-'));
  await writeFile(join(empty, 'http_events.csv'), 'time_,req_path,latency\n');
  const e = await promisify(execFile)(process.execPath, [out, '--data', empty, '--now', '2026-01-01T01:00:00Z']);
  t.false(e.stderr.includes('selected no rows'), e.stderr);
});
