// Function-based scripts (SPEC §13.2): each annotated top-level function is an entry point, checked when the
// script is compiled and run with --func NAME --arg key=value, or run({ func, args }) in a service.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { check, compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';
import { ROOT } from '../support/golden.js';

const run = promisify(execFile);

async function compiled(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-func-'));
  const out = join(dir, 'out.js');
  await run('node', [join(ROOT, 'bin', 'pxlc.js'), 'compile', join(ROOT, 'examples', 'slow_requests.pxl'), '-o', out]);
  return out;
}

async function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', args, { cwd: tmpdir() });
    return { code: 0, ...r };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

test('--func runs one function with typed arguments; head(n) takes an int argument', async (t) => {
  const out = await compiled();
  const r = await node([
    out,
    '--func',
    'slow_requests',
    '--arg',
    'start_time=-5m',
    '--arg',
    'service=frontend',
    '--arg',
    'max_rows=4',
    '--output',
    'json',
  ]);
  t.is(r.code, 0, r.stderr);
  const rows = r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  t.is(rows.length, 4);
  for (const row of rows) {
    t.is(row['_tableName_'], 'slow_requests');
    t.true(String(row['service']).includes('frontend'));
    t.deepEqual(Object.keys(row), [
      '_tableName_',
      'time_',
      'service',
      'req_method',
      'req_path',
      'resp_status',
      'latency_ms',
    ]);
  }
});

test('arguments are checked before anything runs, with the function signature as help', async (t) => {
  const out = await compiled();
  const missing = await node([out, '--func', 'slow_requests', '--arg', 'start_time=-5m']);
  t.is(missing.code, 1);
  t.regex(missing.stderr, /slow_requests needs the argument 'service'/);
  const badInt = await node([
    out,
    '--func',
    'slow_requests',
    '--arg',
    'start_time=-5m',
    '--arg',
    'service=x',
    '--arg',
    'max_rows=ten',
  ]);
  t.regex(badInt.stderr, /Failed to parse arg with value 'ten' as int64\./);
  t.regex(badInt.stderr, /the argument max_rows of slow_requests is annotated int/);
  const none = await node([out]);
  t.is(none.code, 1);
  t.regex(
    none.stderr,
    /function-based script: choose a function.*\n.*slow_requests\(start_time: str, service: str, max_rows: int\), error_rate\(start_time: str\)/,
  );
  const badTime = await node([out, '--func', 'error_rate', '--arg', 'start_time=yesterday']);
  t.regex(badTime.stderr, /argument start_time: 'yesterday' is neither a relative time/);
});

test('a service calls run({ func, args }) and gets the function result', async (t) => {
  const out = await compiled();
  const mod = (await import(pathToFileURL(out).href)) as { run: (o: Record<string, unknown>) => Promise<RunResult> };
  const r = await mod.run({ func: 'error_rate', args: { start_time: '-5m' }, demoRows: 2000 });
  const table = r.tables[0]!;
  t.is(table.name, 'error_rate');
  t.deepEqual(
    table.table.schema.map((c) => c.name),
    ['service', 'errors', 'requests', 'error_rate'],
  );
  t.true(table.table.length > 5);
});

test('the body of a function is checked even when nothing calls it', (t) => {
  const text = `import px
def f(start_time: str):
    df = px.DataFrame(table='http_events', start_time=start_time)
    df.x = df.latncy * 2
    return df
`;
  const r = check({ path: 'f.pxl', text });
  t.deepEqual(
    r.diagnostics.map((d) => [d.file.position(d.span.start).line, d.message]),
    [[4, "Column 'latncy' not found in parent dataframe"]],
  );
  t.is(compile({ path: 'f.pxl', text: text.replace('latncy', 'latency') }).diagnostics.length, 0);
});

test("as in Pixie, a function's returned DataFrames are its outputs (name[i] for several); any other return value is Pixie's error when it runs", async (t) => {
  const text = `import px
def f(start_time: str):
    return "abcd"
def g(start_time: str):
    df = px.DataFrame(table='http_events', start_time=start_time)
    return df[['time_', 'latency']].head(2), df[['req_path']].head(1)
`;
  const r = compile({ path: 'f.pxl', text });
  t.deepEqual(r.diagnostics, []);
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-func-'));
  const out = join(dir, 'f.js');
  await writeFile(out, r.js!);
  const bad = await node([out, '--func', 'f', '--arg', 'start_time=-5m']);
  t.is(bad.code, 1);
  t.regex(bad.stderr, /error: f\.pxl:2:5: Function 'f' returns 'String' but should return a DataFrame\./);
  const mod = (await import(pathToFileURL(out).href)) as { run: (o: Record<string, unknown>) => Promise<RunResult> };
  const good = await mod.run({ func: 'g', args: { start_time: '-5m' }, demoRows: 2000 });
  t.deepEqual(
    good.tables.map((x) => [x.name, x.table.length]),
    [
      ['g[0]', 2],
      ['g[1]', 1],
    ],
  );
});

const T0 = 1_767_225_600_000_000_000n;

/** `f(cols: list)` selecting `cols` from http_events, compiled and imported. */
async function listColumnsModule(): Promise<{ run(o: Record<string, unknown>): Promise<RunResult> }> {
  const r = compile({
    path: 'cols.pxl',
    text: `import px
def f(cols: list):
    return px.DataFrame('http_events', select=cols, start_time='-2m')
`,
  });
  const file = join(await mkdtemp(join(tmpdir(), 'pxlc-list-')), 'cols.js');
  await writeFile(file, r.js!);
  return (await import(pathToFileURL(file).href)) as { run(o: Record<string, unknown>): Promise<RunResult> };
}

test("a 'list' argument is parsed as a PxL list, as Pixie parses it; text that is not a list is refused in Pixie's words", async (t) => {
  const mod = await listColumnsModule();
  const tables = { http_events: [{ time_: T0 - 1_000_000_000n, upid: 1n, resp_status: 200 }] };
  const ok = await mod.run({ func: 'f', args: { cols: "['resp_status', 'upid', 'time_']" }, tables, now: T0 });
  t.deepEqual(Object.keys(ok.columns('f')), ['resp_status', 'upid', 'time_']);
  // The opening bracket is missing, then a string that is not a list.
  await t.throwsAsync(mod.run({ func: 'f', args: { cols: "'resp_status', 'upid', 'time_']" }, tables, now: T0 }), {
    message: /Failed to parse arg ''resp_status', 'upid', 'time_']' as 'list'/,
  });
  await t.throwsAsync(mod.run({ func: 'f', args: { cols: "'resp_status'" }, tables, now: T0 }), {
    message: /Expected 'list' got 'expr' for expr ''resp_status''/,
  });
  // Called from the script itself, the annotation takes a list and refuses a string.
  t.deepEqual(
    check({
      path: 'c.pxl',
      text: `import px
def f(cols: list):
    return px.DataFrame('http_events', select=cols, start_time='-2m')
px.display(f(['req_path']), 'ok')
px.display(f('req_path'), 'bad')
`,
    })
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => d.message),
    ["Expected 'list', received 'string'"],
  );
});

test("a 'list' argument is one literal list and nothing else: statements after it, deep nesting and '__proto__' are refused by name", async (t) => {
  const mod = await listColumnsModule();
  const tables = { http_events: [{ time_: T0 - 1_000_000_000n, upid: 1n, req_path: '/a' }] };
  const refused = async (cols: string, message: RegExp) =>
    t.throwsAsync(mod.run({ func: 'f', args: { cols }, tables, now: T0 }), { message });
  await refused("['req_path']\nimport os", /Failed to parse arg '\['req_path'\]\nimport os' as 'list'/);
  await refused("['req_path']; x = 1", /Failed to parse arg '\['req_path'\]; x = 1' as 'list'/);
  await refused(`${'['.repeat(5000)}${']'.repeat(5000)}`, /Failed to parse arg '\[{5000}\]{5000}' as 'list'/);
  await refused("['__proto__']", /cannot find column __proto__/);
  await refused("['constructor', 'req_path']", /cannot find column constructor/);
  await refused("['req_path', \"'\"]", /cannot find column '/);
});
