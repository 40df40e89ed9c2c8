// A view whose function reads what only a cluster has (live state of Pixie's agents, such as the deployed
// tracepoints) says why it is empty, in one line under the widget's name, instead of showing an empty table; the
// reason is decided by what the function read when it ran, and `--output json` carries it as a field. Table
// functions pxlc can answer itself (its function registry) show rows.

import test from 'ava';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from '../support/golden.js';
import { compileScript } from '../support/compiled.js';
import { describeUnavailable } from '../../src/runtime/contracts.js';

const exec = promisify(execFile);
const BUNDLE = join(ROOT, 'test', 'fixtures', 'vis', 'agent');
const pxlc = (...args: string[]) =>
  exec('node', [join(ROOT, 'bin', 'pxlc.js'), 'run', BUNDLE, ...args], {
    cwd: tmpdir(),
    env: { ...process.env, PXLC_CACHE_DIR: join(tmpdir(), 'pxlc-cluster-only-cache') },
  });

const REASON =
  "not available outside a cluster: px.GetTracepointStatus() reads the tracepoints deployed on Pixie's agents";

test("pxlc run: an agent-state view says why in one line under its widget's name; the registry view shows rows", async (t) => {
  const { stdout } = await pxlc('--now', '2026-03-01T00:00:00Z');
  const lines = stdout.split('\n');
  t.is(lines[0], `Tracepoints: ${REASON}`);
  // A function that joins agent state with demo rows is empty for the same reason.
  t.is(lines[1], `Running: ${REASON}`);
  t.is(lines[2], 'Functions (1 row)');
  t.regex(stdout, /pluck {2}STRING {7}\{"args":\["STRING","STRING"\]\}/);
});

test('--output json: the reason is a field of one object per unavailable table', async (t) => {
  const { stdout } = await pxlc('--now', '2026-03-01T00:00:00Z', '--output', 'json');
  const rows = stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  t.deepEqual(rows[0], { _tableName_: 'Tracepoints', _unavailable_: { kind: 'cluster-state', reason: REASON } });
  t.deepEqual(rows[1], { _tableName_: 'Running', _unavailable_: { kind: 'cluster-state', reason: REASON } });
  t.deepEqual(rows[2], {
    _tableName_: 'Functions',
    name: 'pluck',
    return_type: 'STRING',
    args: '{"args":["STRING","STRING"]}',
  });
});

test('run(): the typed reason is on the result table; a table with rows has none, nor does one empty for other reasons', async (t) => {
  const script = await compileScript(
    `import px
def agents():
    return px.GetTracepointStatus()
def nothing(start_time: str):
    df = px.DataFrame(table='http_events', start_time=start_time)
    return df[df.resp_status == 999]
def aggregates():
    return px.GetUDAList()
def udtfs():
    return px.GetUDTFList()
`,
    'cluster_only',
  );
  const agents = await script.run({ func: 'agents' });
  t.deepEqual(agents.tables[0]!.unavailable, {
    kind: 'cluster-state',
    udtf: 'GetTracepointStatus',
    what: "the tracepoints deployed on Pixie's agents",
  });
  const nothing = await script.run({ func: 'nothing', args: { start_time: '-5m' } });
  t.is(nothing.tables[0]!.table.length, 0);
  t.is(nothing.tables[0]!.unavailable, undefined);
  const aggs = await script.run({ func: 'aggregates' });
  t.is(aggs.tables[0]!.unavailable, undefined);
  const names = aggs.columns('aggregates')['name'] as string[];
  for (const n of ['count', 'mean', 'quantiles', 'sum']) t.true(names.includes(n), n);
  // GetUDTFList hides internal (_-prefixed) functions, as Pixie's does, and lists its init args and relation as JSON.
  const udtfs = (await script.run({ func: 'udtfs' })).columns('udtfs') as Record<string, string[]>;
  t.false(udtfs['name']!.some((n) => n.startsWith('_')));
  const k = udtfs['name']!.indexOf('GetTables');
  t.is(udtfs['executor']![k], 'UDTF_ONE_KELVIN');
  t.deepEqual(JSON.parse(udtfs['output_relation']![k]!), {
    relation: [
      { name: 'table_name', type: 'STRING', ptype: 'GENERAL', desc: '' },
      { name: 'table_desc', type: 'STRING', ptype: 'GENERAL', desc: '' },
    ],
  });
});

test("Pixie's agent-internal table functions compile with their schemas and, outside a cluster, are empty and say why", async (t) => {
  // The shape of Pixie's px/collect_agent_heaps: the agents' heap growth stacks joined to their hostnames.
  const script = await compileScript(
    `import px
def collect_pprofs(asid: int):
    df = px.GetAgentStatus()
    df = df[['asid', 'hostname']]
    heap_stats = px._HeapGrowthStacks(asid)
    df = df.merge(heap_stats, how='inner', left_on='asid', right_on='asid')
    df.asid = df.asid_x
    return df[['asid', 'hostname', 'heap']]
def smaps():
    return px._DebugAgentProcSMaps()
`,
    'agent_heaps',
  );
  const heaps = await script.run({ func: 'collect_pprofs', args: { asid: -1 } });
  t.deepEqual(
    heaps.tables[0]!.table.schema.map((c) => `${c.name}:${c.dataType}`),
    ['asid:INT64', 'hostname:STRING', 'heap:STRING'],
  );
  t.is(heaps.tables[0]!.table.length, 0);
  t.deepEqual(heaps.tables[0]!.unavailable, {
    kind: 'cluster-state',
    udtf: '_HeapGrowthStacks',
    what: "the heap growth stacks of Pixie's own agents",
  });
  const smaps = await script.run({ func: 'smaps' });
  t.deepEqual(
    smaps.tables[0]!.table.schema.slice(0, 5).map((c) => `${c.name}:${c.dataType}:${c.semanticType}`),
    [
      'asid:INT64:ST_ASID',
      'address:STRING:ST_NONE',
      'offset:STRING:ST_NONE',
      'pathname:STRING:ST_NONE',
      'size_bytes:INT64:ST_BYTES',
    ],
  );
  t.is(smaps.tables[0]!.unavailable?.kind, 'cluster-state');
});

test('in one run, each empty table gives the reason of its own inputs only', async (t) => {
  const script = await compileScript(
    `import px
px.display(px._DebugStackTrace(), 'stacks')
px.display(px._HeapStats(), 'heap')
df = px.DataFrame(table='http_events', start_time='-5m')
px.display(df[df.resp_status == 999], 'none')
`,
    'two_reasons',
  );
  const r = await script.run({});
  t.deepEqual(
    r.tables.map((x) => [x.name, x.unavailable?.kind === 'cluster-state' ? x.unavailable.udtf : x.unavailable]),
    [
      ['stacks', '_DebugStackTrace'],
      ['heap', '_HeapStats'],
      ['none', undefined],
    ],
  );
});

test("a bpftrace tracepoint's table is checked against its printf fields; outside a cluster it is empty and says why", async (t) => {
  const script = await compileScript(
    `import px
import pxtrace
program = """
kprobe:oom_kill_process
{
  printf(\\"time_:%llu killed_pid:%d killed_comm:%s pages:%d\\", nsecs, $oc->chosen->pid, $oc->chosen->comm, $oc->totalpages);
}
"""
def oom_kills():
    pxtrace.UpsertTracepoint('oom_kill_tracer', 'oom_kill_table', program, pxtrace.kprobe(), '10m')
    df = px.DataFrame(table='oom_kill_table')
    return df[df.pages > 100]
`,
    'oom',
  );
  const r = await script.run({ func: 'oom_kills' });
  const table = r.tables[0]!;
  t.deepEqual(
    table.table.schema.map((c) => `${c.name}:${c.dataType}`),
    ['time_:TIME64NS', 'killed_pid:INT64', 'killed_comm:STRING', 'pages:INT64'],
  );
  t.is(table.table.length, 0);
  t.deepEqual(table.unavailable, { kind: 'tracepoint', table: 'oom_kill_table', tracepoint: 'oom_kill_tracer' });
  t.is(
    describeUnavailable(table.unavailable!),
    "not available outside a cluster: table 'oom_kill_table' is filled by the pxtrace tracepoint 'oom_kill_tracer', which only Pixie's agents can deploy",
  );
});
