// Scripts whose plan or rows blow up by structure: a DataFrame appended to itself again and again is a DAG whose
// tree doubles at every step. The compiled module computes each shared step once (its size grows with the
// statements, not with the tree, also with --engines), and at run time a merge or append past PXLC_MAX_ROWS
// stops with an error naming the .pxl line instead of running out of memory.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compile } from '../../src/index.js';
import { node, pxlc } from '../support/cli.js';

/** `df = df.append(df)` `n` times after one row of http_events. */
const selfAppends = (n: number) =>
  `import px\ndf = px.DataFrame(table='http_events')\ndf = df[['req_path', 'latency']].head(1)\n${'df = df.append(df)\n'.repeat(n)}px.display(df)\n`;

test('self-appends: the module grows by the same amount for every statement, with --engines too', (t) => {
  const size = (n: number, engines: boolean) => {
    const r = compile({ path: 'appends.pxl', text: selfAppends(n), engines });
    t.deepEqual(
      r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message),
      [],
    );
    return r.js!.length;
  };
  for (const engines of [false, true]) {
    const [s8, s16, s24] = [size(8, engines), size(16, engines), size(24, engines)];
    // Linear: eight more statements add about the same each time (the tree of 24 appends has 16 million leaves).
    const step1 = s16 - s8;
    const step2 = s24 - s16;
    t.true(step2 <= step1 * 1.5 + 2_000, `engines=${engines}: ${s8} → ${s16} → ${s24} bytes`);
    t.true(s24 < 400_000, `engines=${engines}: ${s24} bytes for 24 appends`);
  }
});

test('self-appends: the rows are those of the tree, each shared step computed once', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-appends-'));
  await writeFile(join(dir, 'appends.pxl'), selfAppends(10));
  const c = await pxlc(['compile', 'appends.pxl', '-o', 'appends.js'], { cwd: dir });
  t.is(c.code, 0, c.stderr);
  const r = await node(['appends.js', '--output', 'json', '--rows', '50'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  // One JSON object per row: the first row of http_events, 2^10 times.
  const rows = r.stdout.trim().split('\n');
  t.is(rows.length, 1024);
  t.is(new Set(rows).size, 1);
  t.like(JSON.parse(rows[0]!), { _tableName_: 'output' });
});

const SELF_MERGES = `import px
df = px.DataFrame(table='http_events')
df = df[['req_path', 'latency']]
df.k = 1
df = df.merge(df, how='inner', left_on='k', right_on='k', suffixes=['', '_2'])[['req_path', 'latency', 'k']]
df = df.merge(df, how='inner', left_on='k', right_on='k', suffixes=['', '_2'])[['req_path', 'latency', 'k']]
df = df.merge(df, how='inner', left_on='k', right_on='k', suffixes=['', '_2'])[['req_path', 'latency', 'k']]
px.display(df)
`;

test('a self-merge explosion stops at the merge that passes PXLC_MAX_ROWS, naming its line', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-merges-'));
  await writeFile(join(dir, 'merges.pxl'), SELF_MERGES);
  const c = await pxlc(['compile', 'merges.pxl', '-o', 'merges.js'], { cwd: dir });
  t.is(c.code, 0, c.stderr);
  // The demo's http_events has at least 100 rows: the first merge squares that, past 5 000.
  const r = await node(['merges.js', '--rows', '100'], { cwd: dir, env: { PXLC_MAX_ROWS: '5000' } });
  t.is(r.code, 1, r.stderr);
  const m =
    /^merges\.pxl:5:6: error: merge would produce ([\d,]+) rows \(([\d,]+) left rows matched with ([\d,]+) right rows\), more than the limit of 5,000\n/.exec(
      r.stderr,
    );
  t.truthy(m, r.stderr);
  const [produced, left, right] = m!.slice(1).map((x) => Number(x.replaceAll(',', '')));
  t.is(produced, left! * right!);
  t.regex(r.stderr, /\n5 \| df = df\.merge\(df, /);
  t.notRegex(r.stderr, /internal error|Invalid typed array|    at /);
  // The default limit (50 million rows) stops it too.
  const d = await node(['merges.js', '--rows', '100'], { cwd: dir });
  t.is(d.code, 1);
  t.regex(
    d.stderr,
    /^merges\.pxl:[67]:6: error: merge would produce [\d,]+ rows .*more than the limit of 50,000,000\n/,
  );
  const bad = await node(['merges.js', '--rows', '100'], { cwd: dir, env: { PXLC_MAX_ROWS: 'lots' } });
  t.regex(bad.stderr, /PXLC_MAX_ROWS must be a positive whole number of rows, not 'lots'/);
});
