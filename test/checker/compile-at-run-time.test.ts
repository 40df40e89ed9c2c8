// Entry points whose bodies need an argument's value to compile (a column or table name): checked per value when
// the values are known (a vis spec's validValues), otherwise a warning; compiled when they run, with the value.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, compile, renderText } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { knownArgValuesFromVisSpec } from '../../src/checker/vis-spec.js';

const SCRIPT = `import px

def requests_by(start_time: str, entity: str):
    df = px.DataFrame(table='http_events', start_time=start_time)
    df.service = df.ctx['service']
    df.pod = df.ctx['pod']
    return df.groupby(entity).agg(requests=('latency', px.count))

def rows_of(table: str):
    return px.DataFrame(table, start_time='-5m').agg(n=('time_', px.count))
`;

const VIS = {
  variables: [
    { name: 'start_time', type: 'PX_STRING' },
    { name: 'entity', type: 'PX_STRING', validValues: ['service', 'pod'] },
  ],
  widgets: [
    {
      name: 'w',
      func: {
        name: 'requests_by',
        args: [
          { name: 'start_time', variable: 'start_time' },
          { name: 'entity', variable: 'entity' },
        ],
      },
    },
  ],
};

const lines = (r: ReturnType<typeof check>) =>
  r.diagnostics.map((d) => `${d.severity} ${d.file.position(d.span.start).line}: ${d.message}`);

test('without known values, pxlc check says the body is compiled when it runs (a warning, exit 0)', (t) => {
  const r = check({ path: 's.pxl', text: SCRIPT });
  t.deepEqual(lines(r), [
    "warning 7: script argument 'entity' is needed here to compile requests_by: requests_by is checked and compiled when it runs, with the value given",
    "warning 10: script argument 'table' is needed here to compile rows_of: rows_of is checked and compiled when it runs, with the value given",
  ]);
  t.deepEqual(
    r.plan!.entries.map((e) => [e.name, e.compileAtRunTime]),
    [
      ['requests_by', ['entity']],
      ['rows_of', ['table']],
    ],
  );
});

test('with the values a vis spec allows, the body is checked once per value', (t) => {
  const knownArgValues = knownArgValuesFromVisSpec(VIS, 'vis.json');
  t.deepEqual(knownArgValues, new Map([['requests_by', new Map([['entity', ['service', 'pod']]])]]));
  const ok = check({ path: 's.pxl', text: SCRIPT, options: { knownArgValues } });
  t.deepEqual(
    lines(ok).filter((l) => l.includes('requests_by')),
    [],
  );
  const bad = check({
    path: 's.pxl',
    text: SCRIPT,
    options: { knownArgValues: new Map([['requests_by', new Map([['entity', ['service', 'node']]])]]) },
  });
  t.deepEqual(bad.diagnostics.filter((d) => d.severity === 'error').map(renderText), [
    `s.pxl:7:23: error PXL4003: Column 'node' not found in parent dataframe
  |
7 |     return df.groupby(entity).agg(requests=('latency', px.count))
  |                       ^^^^^^
  help: available columns: time_, upid, remote_addr, remote_port, local_addr, local_port, trace_role, encrypted, major_version, minor_version, content_type, req_headers, req_method, req_path, req_body, req_body_size, resp_headers, resp_status, resp_message, resp_body, resp_body_size, latency, px_info_, service, pod
  help: when requests_by runs with entity="node" (a value its vis.json allows)`,
  ]);
});

test('a malformed vis spec is an error naming the file and the entry', (t) => {
  t.throws(() => knownArgValuesFromVisSpec({ variables: [{ name: 'x', validValues: 'a' }] }, 'vis.json'), {
    message: 'vis.json: variables[0] (x): "validValues" must be a list of strings',
  });
  t.throws(() => knownArgValuesFromVisSpec([], 'vis.json'), { message: 'vis.json: a vis spec is a JSON object' });
});

test('the module compiles such an entry point when it runs, with the values given', async (t) => {
  const out = compile({ path: 's.pxl', text: SCRIPT });
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-late-'));
  const file = join(dir, 's.js');
  await writeFile(file, out.js!);
  const mod = (await import(pathToFileURL(file).href)) as { run: (o: Record<string, unknown>) => Promise<RunResult> };
  const byService = await mod.run({
    func: 'requests_by',
    args: { start_time: '-5m', entity: 'service' },
    demoRows: 500,
  });
  t.deepEqual(
    byService.tables[0]!.table.schema.map((c) => c.name),
    ['service', 'requests'],
  );
  const byPod = await mod.run({ func: 'requests_by', args: { start_time: '-5m', entity: 'pod' }, demoRows: 500 });
  t.deepEqual(
    byPod.tables[0]!.table.schema.map((c) => c.name),
    ['pod', 'requests'],
  );
  t.true(byPod.tables[0]!.table.length > byService.tables[0]!.table.length);
  const counted = await mod.run({ func: 'rows_of', args: { table: 'conn_stats' }, demoRows: 500 });
  t.true(counted.tables[0]!.table.length === 1);
  // A value the body cannot compile with is a located error when it runs.
  const err = await t.throwsAsync(mod.run({ func: 'rows_of', args: { table: 'http_event' } }));
  t.regex(
    err!.message,
    /^rows_of does not compile with table=http_event:\ns\.pxl:10:25: error PXL4001: Table 'http_event' not found\./,
  );
  t.regex(err!.message, /did you mean 'http_events'\?/);
});
