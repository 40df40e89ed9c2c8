// A filter whose only consumer is a group-by is fused into it (the group-by reads the input through the kept
// rows, with no filtered copy): same rows as the unfused plan, where the filtered table is also displayed.

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
  time_: 1_767_225_500_000_000_000n + BigInt(i), req_path: `/p${(i * 7) % 5}`, resp_status: [200, 404, 500, 503][(i * 13) % 4]!,
  latency: BigInt(((i * 7919) % 1000) - 200),
}));

for (const [keep, groups] of [['df.resp_status >= 500', "['req_path', 'resp_status']"], ['df.latency > 0', "'req_path'"],
  ['df.resp_status > 999', "'req_path'"], ['df.resp_status > 999', '[]'], ['df.resp_status < 999', "['resp_status']"]] as const) {
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
