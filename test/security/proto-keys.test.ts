// `__proto__`, `constructor` and `prototype` as every key and name of every input — a vis.json, a schema file, a
// test file, data file headers and table names, metadata.json, `--func`/`--arg`, run() options and the script's own
// names: each is data like any other name (or a clear error), nothing is executed, and no prototype changes.

import test, { type ExecutionContext } from 'ava';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { knownArgValuesFromVisSpec } from '../../src/checker/vis-spec.js';
import { parseSchemaFile } from '../../src/checker/schema-file.js';
import { startCollector } from '../../src/collector/server.js';
import { compile, renderText } from '../../src/index.js';
import { parseArgFlags } from '../../src/runtime/script-args.js';
import { validateClusterSpec } from '../../src/runtime/sources/validate-metadata.js';
import { ClusterMetadata } from '../../src/runtime/metadata/cluster.js';
import type { RunResult } from '../../src/runtime/run.js';
import { loadTestFile } from '../../src/script-test/spec.js';
import { runTestFile } from '../../src/script-test/run-file.js';

const run = promisify(execFile);
const KEYS = ['__proto__', 'constructor', 'prototype'] as const;
const PXLC = new URL('../../../bin/pxlc.js', import.meta.url).pathname;

const builtins = () =>
  [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) =>
    Object.getOwnPropertyNames(p).sort().join(','),
  );
const before = builtins();
function unpolluted(t: ExecutionContext): void {
  t.deepEqual(builtins(), before);
  t.is(({} as Record<string, unknown>)['bigint'], undefined);
}

/** A function-based script in which K names the function, its parameter, a table, columns, a display and attributes. */
function script(k: string): string {
  return `import px
def ${k}(${k}: str):
    df = px.DataFrame(table='${k}', start_time='-5m')
    df['${k}_arg'] = ${k}
    df = df.groupby(['${k}', '${k}_arg']).agg(n=('time_', px.count), time_=('time_', px.max))
    px.export(df, px.otel.Data(resource={'service.name': df['${k}'], '${k}': df['${k}_arg']},
        data=[px.otel.metric.Gauge(name='m.${k}', value=df.n, attributes={'${k}': df['${k}']})]))
    return df
`;
}

function schemaText(k: string): string {
  return JSON.stringify({
    tables: {
      [k]: { columns: [{ name: 'time_', type: 'TIME64NS' }, ...KEYS.map((name) => ({ name, type: 'STRING' }))] },
    },
  });
}

function visSpec(k: string): string {
  return JSON.stringify({
    variables: [
      { name: k, validValues: [k] },
      { name: 'evil', validValues: ["x'); globalThis.pwned = 1; ('"] },
    ],
    widgets: [
      {
        func: {
          name: k,
          args: [
            { name: k, variable: k },
            { name: 'bigint', variable: 'evil' },
            { name: 'regex', variable: 'evil' },
          ],
        },
      },
    ],
    globalFuncs: [
      {
        func: {
          name: '__proto__',
          args: [
            { name: 'bigint', variable: 'evil' },
            { name: 'regex', variable: 'evil' },
          ],
        },
      },
    ],
  });
}

for (const k of KEYS) {
  test(`${k}: vis.json, schema file, script names and run() options stay data`, async (t) => {
    const known = knownArgValuesFromVisSpec(JSON.parse(visSpec(k)), 'vis.json');
    unpolluted(t);
    t.deepEqual(known.get(k)?.get(k), [k]);
    const schema = parseSchemaFile('schema.json', schemaText(k));
    t.deepEqual(schema.diagnostics, []);
    t.true(Object.hasOwn(schema.schemas, k));
    const r = compile({
      path: `${k}.pxl`,
      text: script(k),
      schemas: schema.schemas,
      options: { knownArgValues: known },
    });
    unpolluted(t);
    t.deepEqual(r.diagnostics.map(renderText), []);
    t.notRegex(r.js!, /pwned/);
    const file = join(await mkdtemp(join(tmpdir(), 'pxlc-proto-')), 'm.js');
    await writeFile(file, r.js!);
    const mod = (await import(pathToFileURL(file).href)) as { run: (o: Record<string, unknown>) => Promise<RunResult> };
    const collector = await startCollector({ port: 0 });
    try {
      const now = 1_800_000_000_000_000_000n;
      const rows = [0n, 1n].map((i) =>
        Object.fromEntries([['time_', now - 1_000_000_000n + i], ...KEYS.map((c) => [c, `${c}-value`])]),
      );
      const result = await mod.run({
        func: k,
        args: { [k]: 'given' },
        tables: { [k]: rows },
        now,
        endpoint: `127.0.0.1:${collector.port}`,
        insecure: true,
      });
      unpolluted(t);
      t.true(Object.hasOwn(result.columns(k), k));
      t.deepEqual(result.columns(k)[k], [`${k}-value`]);
      t.deepEqual(result.columns(k)[`${k}_arg`], ['given']);
      t.deepEqual(result.columns(k)['n'], [2n]);
      const rm = collector.metrics[0]!.resourceMetrics![0]!;
      t.deepEqual(
        rm.resource!.attributes!.map((a) => [a.key, a.value?.stringValue]),
        [
          ['service.name', `${k}-value`],
          [k, 'given'],
        ],
      );
      const metric = rm.scopeMetrics![0]!.metrics![0]!;
      t.is(metric.name, `m.${k}`);
      t.deepEqual(
        metric.gauge!.dataPoints![0]!.attributes!.map((a) => [a.key, a.value?.stringValue]),
        [[k, `${k}-value`]],
      );
      // A function or argument the script does not have is a clear error, not Object's own members.
      await t.throwsAsync(mod.run({ func: 'toString', tables: {} }), {
        message: /Function to execute, 'toString', not found./,
      });
      await t.throwsAsync(mod.run({ func: k, args: {}, tables: { [k]: rows } }), {
        message: new RegExp(`needs the argument '${k}'`),
      });
      await t.throwsAsync(mod.run({ func: k, args: { [k]: 'x', hasOwnProperty: 'y' }, tables: { [k]: rows } }), {
        message: /has no argument 'hasOwnProperty'/,
      });
    } finally {
      await collector.stop();
    }
    unpolluted(t);
  });

  test(`${k}: the command line — vis.json beside the script, --schema, --data headers and file names, metadata.json, --func and --arg`, async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'pxlc-proto-cli-'));
    await writeFile(join(dir, `${k}.pxl`), script(k));
    await writeFile(join(dir, 'vis.json'), visSpec(k));
    await writeFile(join(dir, 'schema.json'), schemaText(k));
    // The hostile spec calls functions and arguments the script lacks: located errors, no module.
    const refused = await run(process.execPath, [
      PXLC,
      'compile',
      join(dir, `${k}.pxl`),
      '--schema',
      join(dir, 'schema.json'),
      '-o',
      join(dir, 'out.js'),
    ]).catch((e: { stderr: string; code: number }) => e);
    t.regex((refused as { stderr: string }).stderr, /vis\.json:1:\d+: error( PXL\d+)?: /);
    t.notRegex((refused as { stderr: string }).stderr, /internal error/);
    await writeFile(
      join(dir, 'vis.json'),
      JSON.stringify({
        variables: [{ name: k, validValues: [k] }],
        widgets: [{ name: k, func: { name: k, args: [{ name: k, variable: k }] } }],
      }),
    );
    await run(process.execPath, [
      PXLC,
      'compile',
      join(dir, `${k}.pxl`),
      '--schema',
      join(dir, 'schema.json'),
      '-o',
      join(dir, 'out.js'),
    ]);
    t.notRegex(await readFile(join(dir, 'out.js'), 'utf8'), /pwned/);
    const data = join(dir, 'data');
    await mkdir(data);
    await writeFile(
      join(data, `${k}.csv`),
      `time_,${KEYS.join(',')}\n2026-01-01T00:00:00Z,${KEYS.map((c) => `${c}-csv`).join(',')}\n`,
    );
    await writeFile(
      join(data, 'metadata.json'),
      JSON.stringify({ pods: [{ id: k, namespace: k, name: k, node: k, ip: '10.0.0.1', labels: { [k]: k } }] }),
    );
    const collector = await startCollector({ port: 0 });
    const out = await run(process.execPath, [
      join(dir, 'out.js'),
      '--data',
      data,
      '--now',
      'latest',
      '--window',
      '1h',
      '--func',
      k,
      '--arg',
      `${k}=cli`,
      '--output',
      'json',
      '--endpoint',
      `127.0.0.1:${collector.port}`,
      '--insecure',
    ])
      .catch((e: { stdout: string; stderr: string }) => e)
      .finally(() => collector.stop());
    const rows = out.stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    t.deepEqual(
      rows.map((r) => [r[k], r[`${k}_arg`], r['n']]),
      [[`${k}-csv`, 'cli', 1]],
      out.stderr,
    );
    const bad = await run(process.execPath, [
      join(dir, 'out.js'),
      '--data',
      data,
      '--now',
      'latest',
      '--func',
      k,
      '--arg',
      `${k}=a`,
      '--arg',
      'valueOf=b',
    ]).catch((e: { stderr: string; code: number }) => e);
    t.regex((bad as { stderr: string }).stderr, /has no argument 'valueOf'/);
    t.notRegex((bad as { stderr: string }).stderr, /internal error|at .*\.js:\d+/);
  });

  test(`${k}: --arg flags, metadata.json and a pxlc test file keyed by it`, async (t) => {
    const flags = parseArgFlags([`${k}=1`]);
    t.deepEqual(Object.keys(flags), [k]);
    t.is(Object.getPrototypeOf(flags), null);
    t.false(Object.hasOwn(parseArgFlags([]), k));
    t.throws(() => validateClusterSpec({ [k]: [] }, 'metadata.json'), {
      message: new RegExp(`metadata.json: ${k}: unknown key`),
    });
    t.throws(
      () =>
        validateClusterSpec(
          { pods: [{ id: 'p', namespace: 'n', name: 'p', node: 'x', ip: '1.1.1.1', [k]: 'x' }] },
          'metadata.json',
        ),
      { message: new RegExp(`pods\\[0\\]\\.${k}: unknown field`) },
    );
    const spec = validateClusterSpec(
      JSON.parse(
        `{"pods": [{"id": "p", "namespace": "n", "name": "p", "node": "x", "ip": "1.1.1.1", "labels": {"${k}": "${k}"}}]}`,
      ),
      'metadata.json',
    );
    t.is(
      new ClusterMetadata(spec).lookup('pod_id_to_pod_labels', ['p']),
      JSON.stringify(JSON.parse(`{"${k}": "${k}"}`)),
    );
    unpolluted(t);

    const dir = await mkdtemp(join(tmpdir(), 'pxlc-proto-test-'));
    await writeFile(
      join(dir, 's.pxl'),
      `import px
def ${k}(${k}: str):
    df = px.DataFrame(table='http_events', start_time='-5m')
    df['${k}'] = ${k}
    return df.groupby('${k}').agg(n=('latency', px.count))
`,
    );
    await writeFile(
      join(dir, 's.test.yaml'),
      `cases:
  - name: ${k}
    now: "2026-01-01T00:01:00Z"
    func: ${k}
    args: { ${k}: given }
    tables:
      http_events:
        - { time_: "2026-01-01T00:00:50Z", latency: 1, ${k}: x, ${KEYS.map((c) => `${c}: "${c}"`).join(', ')} }
    metadata: { pods: [{ id: p, namespace: n, name: p, node: x, ip: 1.1.1.1, labels: { ${k}: ${k} } }] }
    expect:
      displays:
        ${k}:
          rows:
            - { ${k}: given, n: 1 }
`.replace(`latency: 1, ${k}: x, `, 'latency: 1, '),
    );
    const results = await runTestFile(await loadTestFile(join(dir, 's.test.yaml')));
    t.deepEqual(
      results.map((r) => r.problems),
      [[]],
    );
    unpolluted(t);
  });
}

for (const k of [...KEYS, 'toString', 'hasOwnProperty']) {
  test(`${k} as a name inside a script: px, ctx, columns, tables, modules and dict keys find nothing inherited`, (t) => {
    const text = `import px
import pxviews
df = px.DataFrame(table='http_events', start_time='-5m')
df.a = df.ctx['${k}']
df.b = px.${k}
df.c = df.${k}
d = px.otel.metric.${k}
e = pxviews.${k}
f = {'${k}': 1}
h = px.DataFrame(table='${k}')
i = df.groupby('${k}')
df.l = px.plugin.${k}
px.display(df, '${k}')
`;
    const r = compile({ path: 'h.pxl', text });
    unpolluted(t);
    t.deepEqual(
      r.diagnostics.map((d) => {
        const p = d.file.position(d.span.start);
        return `${p.line}:${p.col}: ${d.message}`;
      }),
      [
        `4:8: '${k}' unavailable metadata key.`,
        `5:11: 'px' object has no attribute '${k}'`,
        `6:11: Column '${k}' not found in parent dataframe`,
        `7:20: 'px.otel.metric' object has no attribute '${k}'`,
        `8:13: 'pxviews' object has no attribute '${k}'`,
        `10:24: Table '${k}' not found.`,
        `11:16: Column '${k}' not found in parent dataframe`,
        `12:18: 'px.plugin' object has no attribute '${k}'`,
      ],
    );
  });
}
