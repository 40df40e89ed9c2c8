// A filter or inner merge whose only consumer is a group-by is fused into it (the group-by reads its input
// through the kept rows or the join's row pairs, with no copy): the same rows as the unfused plan, where the
// filtered or merged table is also displayed.

import test from 'ava';
import { compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { compiledModule } from '../../bench/compiled-module.js';
import { rows } from '../runtime/ops-fixture.js';

const body = (keep: string, groups: string) => `import px
df = px.DataFrame(table='http_events')
df = df[${keep}]
out = df.groupby(${groups}).agg(n=('latency', px.count), worst=('latency', px.max), q=('latency', px.quantiles),
  some=('req_path', px.any), mean=('latency', px.mean))
px.display(out, 'out')
`;

async function runScript(text: string, tables: Record<string, unknown>): Promise<RunResult> {
  const r = compile({ path: 'fused.pxl', text });
  if (!r.js) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  const run = await compiledModule<(o: Record<string, unknown>) => Promise<RunResult>>(r.js, 'run');
  return run({ tables, now: 1_767_225_600_000_000_000n });
}

const data = Array.from({ length: 500 }, (_, i) => ({
  time_: 1_767_225_500_000_000_000n + BigInt(i),
  req_path: `/p${(i * 7) % 5}`,
  resp_status: [200, 404, 500, 503][(i * 13) % 4]!,
  latency: BigInt(((i * 7919) % 1000) - 200),
}));

for (const [keep, groups] of [
  ['df.resp_status >= 500', "['req_path', 'resp_status']"],
  ['df.latency > 0', "'req_path'"],
  ['df.resp_status > 999', "'req_path'"],
  ['df.resp_status > 999', '[]'],
  ['df.resp_status < 999', "['resp_status']"],
] as const) {
  test(`filter ${keep} into groupby ${groups}: the same rows as without fusion`, async (t) => {
    const fusedText = body(keep, groups);
    t.regex(compile({ path: 'fused.pxl', text: fusedText }).js!, /rt\.keptRows/);
    const unfusedText = `${fusedText}px.display(df[['req_path']], 'filtered')\n`;
    t.notRegex(compile({ path: 'unfused.pxl', text: unfusedText }).js!, /rt\.keptRows/);
    const fused = await runScript(fusedText, { http_events: data });
    const unfused = await runScript(unfusedText, { http_events: data });
    t.deepEqual(rows(fused.tables[0]!.table), rows(unfused.tables[0]!.table));
  });
}

const merged = (how: string, groups: string) => `import px
http = px.DataFrame(table='http_events')
proc = px.DataFrame(table='process_stats')
proc = proc.groupby('upid').agg(rss=('rss_bytes', px.max))
df = http.merge(proc, how='${how}', left_on='upid', right_on='upid', suffixes=['', '_p'])
out = df.groupby(${groups}).agg(n=('latency', px.count), rss=('rss', px.mean), worst=('latency', px.max), some=('upid_p', px.any))
px.display(out, 'out')
`;

const upids = [1n << 70n, 2n << 70n, 3n << 70n, 4n << 70n];
const processes = Array.from({ length: 40 }, (_, i) => ({
  time_: 1_767_225_500_000_000_000n + BigInt(i),
  upid: upids[i % 3]!,
  rss_bytes: BigInt(1000 + i * 37),
}));
const requests = data.map((r, i) => ({ ...r, upid: upids[(i * 11) % 4]! }));

for (const [how, groups] of [
  ['inner', "'req_path'"],
  ['inner', "['upid', 'resp_status']"],
  ['inner', '[]'],
  ['left', "'req_path'"],
] as const) {
  test(`${how} merge into groupby ${groups}: the same rows as without fusion`, async (t) => {
    const fusedText = merged(how, groups);
    t.is(/rt\.aggregateJoin/.test(compile({ path: 'fused.pxl', text: fusedText }).js!), how === 'inner');
    const unfusedText = `${fusedText}px.display(df[['req_path']], 'merged')\n`;
    t.notRegex(compile({ path: 'unfused.pxl', text: unfusedText }).js!, /rt\.aggregateJoin/);
    const tables = { http_events: requests, process_stats: processes };
    const fused = await runScript(fusedText, tables);
    const unfused = await runScript(unfusedText, tables);
    t.deepEqual(rows(fused.tables[0]!.table), rows(unfused.tables[0]!.table));
    t.true(fused.tables[0]!.table.length > 0);
  });
}
