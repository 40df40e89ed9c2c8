// A script compiled with the vis.json beside it runs the way `px run` runs it: every global function and every
// widget's function is called with its arguments bound from the variables, and each table is shown under the name
// of its widget (or global output), in the spec's order.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import type { RunResult, ScriptInfo } from '../../src/runtime/run.js';
import { ROOT } from '../support/golden.js';

const exec = promisify(execFile);
const SHOP = join(ROOT, 'test', 'fixtures', 'vis', 'shop', 'shop.pxl');
const NOW = '2026-03-01T00:00:00Z';

let compiled: Promise<string> | undefined;
function shopModule(): Promise<string> {
  compiled ??= (async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'pxlc-vis-')), 'shop.js');
    await exec('node', [join(ROOT, 'bin', 'pxlc.js'), 'compile', SHOP, '-o', out]);
    return out;
  })();
  return compiled;
}

async function node(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    return { code: 0, ...(await exec('node', args, { cwd: tmpdir() })) };
  } catch (e) {
    return e as { code: number; stdout: string; stderr: string };
  }
}

const jsonLines = (out: string) =>
  out
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

test("every widget and global function runs with the defaults; tables come under the widgets' names in spec order", async (t) => {
  const out = await shopModule();
  const r = await node([out, '--now', NOW, '--arg', 'namespace=sock-shop', '--output', 'json']);
  t.is(r.code, 0, r.stderr);
  const rows = jsonLines(r.stdout);
  const names = [...new Set(rows.map((x) => x['_tableName_']))];
  // "Pods" and "Pod memory" both show the global output pod_list: it is computed and shown once.
  t.deepEqual(names, ['Requests by key', 'pod_list', 'Slow requests']);
  const slow = rows.filter((x) => x['_tableName_'] === 'Slow requests');
  t.is(slow.length, 3, 'limit (PX_INT64) defaults to 3');
  for (const x of slow) {
    t.deepEqual(Object.keys(x), ['_tableName_', 'service', 'req_path', 'resp_status', 'latency_ms', 'errors_only']);
    t.regex(String(x['service']), /frontend/);
    t.true((x['latency_ms'] as number) >= 0.5, 'min_latency_ms (PX_FLOAT64) filters');
    t.is(x['errors_only'], false, 'errors_only (PX_BOOLEAN) arrives as a boolean');
  }
  const pods = rows.filter((x) => x['_tableName_'] === 'pod_list');
  t.true(pods.length > 0);
  for (const p of pods) t.regex(String(p['pod']), /^sock-shop\//);
  // by=service (its default, one of its validValues) decides the groupby column: compiled when it runs.
  t.deepEqual(Object.keys(rows[0]!), ['_tableName_', 'service', 'requests']);
});

test("variables after --, in Pixie's -- --name value and --name=value forms, and with --arg", async (t) => {
  const out = await shopModule();
  const r = await node([
    out,
    '--now',
    NOW,
    '--output',
    'json',
    '--arg',
    'limit=1',
    '--',
    '--namespace',
    'online-boutique',
    '--by=pod',
    '-node',
    'q9zt',
    '--errors_only',
    'true',
  ]);
  t.is(r.code, 0, r.stderr);
  const rows = jsonLines(r.stdout);
  t.deepEqual(Object.keys(rows[0]!), ['_tableName_', 'pod', 'requests']);
  t.is(rows.filter((x) => x['_tableName_'] === 'Slow requests').length, 1);
  t.true(rows.filter((x) => x['_tableName_'] === 'Slow requests').every((x) => x['errors_only'] === true));
  const pods = rows.filter((x) => x['_tableName_'] === 'pod_list');
  t.true(pods.length > 0);
  for (const p of pods) {
    t.regex(String(p['pod']), /^online-boutique\//);
    t.regex(String(p['node']), /q9zt$/);
  }
});

test('a missing required variable is a usage error listing every variable with its type and description', async (t) => {
  const out = await shopModule();
  const r = await node([out, '--now', NOW]);
  t.is(r.code, 2);
  t.is(r.stdout, '');
  t.is(
    r.stderr,
    `shop: missing required variable 'namespace' (PX_NAMESPACE)
variables (set with --arg NAME=VALUE or after --, as -- --NAME VALUE):
  --start_time PX_STRING (default: -5m)  The relative start time of the window
  --service PX_SERVICE (default: frontend)  Service name (a part is enough)
  --limit PX_INT64 (default: 3)  Rows to show
  --min_latency_ms PX_FLOAT64 (default: 0.5)  Slowest first
  --errors_only PX_BOOLEAN (default: false)  Only errors
  --namespace PX_NAMESPACE (required)  The namespace to list pods of
  --node PX_NODE (default: '')  A node (a part is enough)
  --by PX_STRING (default: service)  Group requests by [one of: service, pod, namespace]
`,
  );
});

test('values are checked against their types and valid values before anything runs, all at once', async (t) => {
  const out = await shopModule();
  const r = await node([
    out,
    '--now',
    NOW,
    '--',
    '--namespace',
    'x',
    '--by',
    'node',
    '--limit',
    '1.5',
    '--errors_only',
    'maybe',
    '--min_latency_ms',
    'fast',
    '--colour',
    'red',
  ]);
  t.is(r.code, 2);
  t.is(
    r.stderr.split('\n')[0],
    "shop: unknown variable 'colour'; limit=1.5 is not an integer (PX_INT64); min_latency_ms=fast is not a number (PX_FLOAT64); " +
      "errors_only=maybe is not true or false (PX_BOOLEAN); 'node' is not a valid value of by: choose one of service, pod, namespace",
  );
  const dangling = await node([out, '--', '--namespace']);
  t.is(dangling.code, 2);
  t.regex(dangling.stderr, /script flag --namespace needs a value/);
});

test('--func still runs one function; --help lists the variables', async (t) => {
  const out = await shopModule();
  const r = await node([
    out,
    '--now',
    NOW,
    '--func',
    'summary',
    '--arg',
    'start_time=-5m',
    '--arg',
    'by=namespace',
    '--output',
    'json',
  ]);
  t.is(r.code, 0, r.stderr);
  const rows = jsonLines(r.stdout);
  t.deepEqual([...new Set(rows.map((x) => x['_tableName_']))], ['summary']);
  t.deepEqual(rows.map((x) => x['namespace']).sort(), ['default', 'online-boutique', 'sock-shop']);
  const help = await node([out, '--help']);
  t.is(help.code, 0);
  t.regex(help.stdout, /variables of shop's vis spec[^\n]*\n {2}--start_time PX_STRING \(default: -5m\)/);
});

test('a service calls run() with the variables as args, and the module carries the typed vis model', async (t) => {
  const out = await shopModule();
  const mod = (await import(pathToFileURL(out).href)) as {
    run: (o: Record<string, unknown>) => Promise<RunResult>;
    script: ScriptInfo;
  };
  const r = await mod.run({ now: new Date(NOW), args: { namespace: 'sock-shop', limit: 2 } });
  t.deepEqual(
    r.tables.map((x) => [x.name, x.table.length > 0]),
    [
      ['Requests by key', true],
      ['pod_list', true],
      ['Slow requests', true],
    ],
  );
  t.is(r.columns('Slow requests')['service']!.length, 2);
  const vis = mod.script.vis!;
  t.deepEqual(
    vis.widgets.map((w) => [w.name, w.source.kind, w.displaySpec?.kind]),
    [
      ['Requests by key', 'func', 'BarChart'],
      ['Pods', 'global', 'Table'],
      ['Slow requests', 'func', 'Table'],
      ['Pod memory', 'global', 'TimeseriesChart'],
    ],
  );
  t.deepEqual(vis.widgets[3]!.displaySpec, {
    kind: 'TimeseriesChart',
    timeseries: [{ value: 'rss', mode: 'MODE_LINE', series: 'pod' }],
  });
  t.deepEqual(vis.widgets[0]!.position, { x: 0, y: 0, w: 6, h: 3 });
  await t.throwsAsync(mod.run({ now: new Date(NOW) }), {
    message: "missing required variable 'namespace' (PX_NAMESPACE)",
  });
});

test('pxlc run DIR compiles once (cached) and runs like px run; pxlc run FILE too', async (t) => {
  const cache = await mkdtemp(join(tmpdir(), 'pxlc-cache-'));
  const pxlc = async (args: string[]) => {
    try {
      return {
        code: 0,
        ...(await exec('node', [join(ROOT, 'bin', 'pxlc.js'), ...args], {
          env: { ...process.env, PXLC_CACHE_DIR: cache },
        })),
      };
    } catch (e) {
      return e as { code: number; stdout: string; stderr: string };
    }
  };
  const dir = join(ROOT, 'test', 'fixtures', 'vis', 'shop');
  const first = await pxlc([
    'run',
    dir,
    '--now',
    NOW,
    '--output',
    'json',
    '--',
    '--namespace',
    'sock-shop',
    '--limit',
    '2',
  ]);
  t.is(first.code, 0, first.stderr);
  t.deepEqual(
    [...new Set(jsonLines(first.stdout).map((x) => x['_tableName_']))],
    ['Requests by key', 'pod_list', 'Slow requests'],
  );
  // The compiled modules (beside code/, the runtime's V8 code cache).
  const modules = async () => (await readdir(cache)).filter((f) => f.endsWith('.js'));
  const cached = await modules();
  t.is(cached.length, 1);
  const again = await pxlc([
    'run',
    SHOP,
    '--now',
    NOW,
    '--output',
    'json',
    '--',
    '--namespace',
    'sock-shop',
    '--limit',
    '2',
  ]);
  t.is(again.stdout, first.stdout);
  const short = await pxlc(['run', SHOP, '--now', NOW, '-o', 'json', '--', '--namespace', 'sock-shop', '--limit', '2']);
  t.is(short.stdout, first.stdout, '-o json as in px run -o json');
  t.deepEqual(await modules(), cached, 'the second run reuses the compiled module');
  const missing = await pxlc(['run', dir, '--now', NOW]);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /missing required variable 'namespace'/);
  const notScript = await pxlc(['run', join(ROOT, 'test', 'fixtures')]);
  t.is(notScript.code, 1);
  t.regex(notScript.stderr, /no \.pxl script in this directory/);
  const help = await pxlc(['run', dir, '--help']);
  t.is(
    help.stdout.split('\n')[0],
    `usage: pxlc run ${dir} [options] [-- --VARIABLE VALUE ...]`,
    'help names the command the user typed, not the cached module',
  );
});

test('pxlc compile DIR -o OUTDIR compiles every script of a tree of bundles in one command', async (t) => {
  const out = await mkdtemp(join(tmpdir(), 'pxlc-tree-'));
  const r = await exec('node', [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(ROOT, 'test', 'fixtures', 'vis'),
    '-o',
    out,
  ]);
  t.regex(r.stderr, /compiled 2 of 2 scripts into /);
  // Outside a project that installed pxlc, the modules import this pxlc's runtime by its path, and the compiler says so once.
  t.is(r.stderr.match(/pxlc: note: pxlc\/runtime does not resolve from /g)?.length, 1, r.stderr);
  t.regex(
    await readFile(join(out, 'shop', 'shop.js'), 'utf8'),
    /^import \* as rt from 'file:\/\/\/.*\/runtime\/index\.js';$/m,
  );
  const mod = (await import(pathToFileURL(join(out, 'shop', 'shop.js')).href)) as { script: ScriptInfo };
  t.is(mod.script.vis?.variables.length, 8);
  const agent = (await import(pathToFileURL(join(out, 'agent', 'agent.js')).href)) as { script: ScriptInfo };
  t.deepEqual(
    agent.script.vis?.widgets.map((w) => w.name),
    ['Tracepoints', 'Running', 'Functions'],
  );
  // Inside a package where pxlc/runtime resolves (here pxlc's own, which may import itself by name): by name.
  const inside = await mkdtemp(join(ROOT, 'dist', 'pxlc-tree-'));
  t.teardown(() => rm(inside, { recursive: true, force: true }));
  const named = await exec('node', [
    join(ROOT, 'bin', 'pxlc.js'),
    'compile',
    join(ROOT, 'test', 'fixtures', 'vis'),
    '-o',
    inside,
  ]);
  t.notRegex(named.stderr, /note:/);
  t.regex(await readFile(join(inside, 'shop', 'shop.js'), 'utf8'), /^import \* as rt from 'pxlc\/runtime';$/m);
});
