// pxlc as a user gets it from npm: pack the project, install the tarball into an empty project, compile the
// tutorial script with the installed `pxlc`, run it against a local collector (on the package's pre-bundled
// runtime), bundle it and run the bundle in a directory with no node_modules, and type-check a TypeScript service
// against the generated declarations.

import test from 'ava';
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { DuckDBInstance } from '@duckdb/node-api';
import { startCollector } from '../../src/collector/server.js';
import { ROOT } from '../support/golden.js';
import { LOADED_FILES_IMPORT, loadedFiles } from '../support/loaded-files.js';

const exec = promisify(execFile);

async function sh(
  cmd: string,
  args: readonly string[],
  cwd: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(cmd, args, {
      cwd,
      maxBuffer: 32 * 1024 * 1024,
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', npm_config_loglevel: 'warn' },
    });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return {
      code: typeof err.code === 'number' ? err.code : 1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? String(e),
    };
  }
}

async function duBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) total += await duBytes(p);
    else if (entry.isFile()) total += (await stat(p)).size;
  }
  return total;
}

const CONSUMER_TSCONFIG = JSON.stringify({
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    types: [],
  },
});

/** A service using the compiled tutorial module; `table` and `column` let a case misspell one name. */
function consumer(module: string, table = 'http_events', column = 'req_path'): string {
  return `import { run } from '${module}';
const result = await run({
  tables: { ${table}: [{ time_: 1_700_000_000_000_000_000n, upid: '1:10:1', local_addr: '10.0.0.1', ${column}: '/cart', latency: 5_000_000 }] },
  now: 1_700_000_001_000_000_000n,
  endpoint: '127.0.0.1:4317',
  insecure: true,
});
const delivered: boolean = result.delivered;
const sent: number = result.exports.reduce((n, r) => n + r.metricPointsSent, 0);
console.log(delivered, sent);
`;
}

test('the packed tarball installs, compiles, runs, bundles into one file that runs anywhere, and types a service', async (t) => {
  t.timeout(12 * 60_000);
  const work = await mkdtemp(join(tmpdir(), 'pxlc-pack-'));
  const collector = await startCollector({ host: '127.0.0.1', port: 0 });
  try {
    // dist/ is built (npm test builds first); pack only collects it.
    const packed = await sh('npm', ['pack', '--ignore-scripts', '--pack-destination', work, '--silent'], ROOT);
    t.is(packed.code, 0, packed.stderr);
    const tarball = join(work, packed.stdout.trim().split('\n').pop()!);

    const project = join(work, 'service');
    await mkdir(project);
    await writeFile(
      join(project, 'package.json'),
      JSON.stringify({ name: 'service', version: '1.0.0', type: 'module', private: true }),
    );
    const install = await sh('npm', ['install', tarball, '--no-audit', '--no-fund', '--prefer-offline'], project);
    t.is(install.code, 0, install.stderr);
    t.false(/ERESOLVE|peer dep/i.test(install.stderr), install.stderr);
    const mb = (await duBytes(join(project, 'node_modules'))) / 1e6;
    t.log(`node_modules after installing the tarball: ${mb.toFixed(1)} MB`);
    t.true(mb <= 120, `${mb.toFixed(1)} MB`);

    // The installed pxlc compiles the tutorial; the module imports the runtime by package name.
    const pxlc = join(project, 'node_modules', '.bin', 'pxlc');
    const compiled = await sh(
      pxlc,
      ['compile', join(ROOT, 'examples', 'http_throughput.pxl'), '-o', 'out.js'],
      project,
    );
    t.is(compiled.code, 0, compiled.stderr);
    t.is(compiled.stderr, '');
    const endpoint = ['--endpoint', `127.0.0.1:${collector.port}`, '--insecure'];
    const ran = await sh('node', [join(project, 'out.js'), ...endpoint], tmpdir());
    t.is(ran.code, 0, ran.stderr);
    t.regex(ran.stderr, /exported \d+ metric points/);
    t.true(collector.metrics.length > 0);
    // pxlc/runtime is the package's pre-bundled runtime: one module, not the files of dist/src, gRPC and the
    // OpenTelemetry exporter one by one.
    const log = join(work, 'loaded.txt');
    await writeFile(log, '');
    const logged = await exec('node', ['--import', LOADED_FILES_IMPORT, join(project, 'out.js'), ...endpoint], {
      cwd: tmpdir(),
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', PXLC_LOADED_FILES: log },
    });
    t.regex(logged.stderr, /exported \d+ metric points/);
    const modules = loadedFiles(await readFile(log, 'utf8')).filter((f) => f.endsWith('.js') && !f.endsWith('/out.js'));
    const packagedRuntime = pathToFileURL(join(project, 'node_modules', 'pxlc', 'dist', 'runtime')).href + '/';
    t.deepEqual(modules, [`${packagedRuntime}index.js`]);
    const first = collector.metrics.length;
    // Parquet files are read by hyparquet, a dependency the install brings: the installed module reads one.
    const parquetDir = join(work, 'parquet');
    await mkdir(parquetDir);
    const conn = await (await DuckDBInstance.create(':memory:')).connect();
    await conn.run(
      `COPY (SELECT 1767225600000000000::BIGINT AS time_, '1:2:3' AS upid, '10.0.0.1' AS local_addr, '/a' AS req_path, 1::BIGINT AS latency) TO '${join(parquetDir, 'http_events.parquet')}' (FORMAT parquet)`,
    );
    conn.closeSync();
    const parquet = await sh(
      'node',
      [join(project, 'out.js'), '--data', parquetDir, '--now', 'latest', ...endpoint],
      tmpdir(),
    );
    t.is(parquet.code, 0, parquet.stderr);
    t.regex(parquet.stderr, /exported 1 metric points/);
    // The HTML report's page ships in the package (dist/web): a module of an installed pxlc writes it.
    const report = await sh(
      'node',
      [join(project, 'out.js'), '--output', 'html', '--data', parquetDir, '--now', 'latest'],
      tmpdir(),
    );
    t.is(report.code, 0, report.stderr);
    t.regex(report.stdout, /^<!doctype html>/i);

    // One file, no node_modules anywhere above it.
    const bundled = await sh(
      pxlc,
      ['compile', join(ROOT, 'examples', 'http_throughput.pxl'), '--bundle', '--engines', '-o', 'dist/out.mjs'],
      project,
    );
    t.is(bundled.code, 0, bundled.stderr);
    const empty = await mkdtemp(join(tmpdir(), 'pxlc-empty-'));
    await copyFile(join(project, 'dist', 'out.mjs'), join(empty, 'out.mjs'));
    t.deepEqual(await readdir(empty), ['out.mjs']);
    t.true((await stat(join(empty, 'out.mjs'))).size <= 2_000_000);
    const fromBundle = await sh('node', ['out.mjs', ...endpoint], empty);
    t.is(fromBundle.code, 0, fromBundle.stderr);
    t.true(collector.metrics.length > first);
    // Display too: a function-based script's table, printed from the bundle.
    const viewBundle = await sh(
      pxlc,
      ['compile', join(ROOT, 'examples', 'slow_requests.pxl'), '--bundle', '-o', join(empty, 'slow.mjs')],
      project,
    );
    t.is(viewBundle.code, 0, viewBundle.stderr);
    const display = await sh(
      'node',
      [
        'slow.mjs',
        '--func',
        'slow_requests',
        '--arg',
        'start_time=-5m',
        '--arg',
        'service=frontend',
        '--arg',
        'max_rows=3',
      ],
      empty,
    );
    t.is(display.code, 0, display.stderr);
    t.regex(display.stdout, /slow_requests[\s\S]*latency_ms/);
    const html = await sh(
      'node',
      [
        'slow.mjs',
        '--func',
        'slow_requests',
        '--arg',
        'start_time=-5m',
        '--arg',
        'service=frontend',
        '--arg',
        'max_rows=3',
        '--output',
        'html',
      ],
      empty,
    );
    t.is(html.code, 1);
    t.regex(
      html.stderr,
      /error: --output html is not in a module compiled with --bundle[\s\S]*pxlc run SCRIPT\.pxl --output html/,
    );
    const engine = await sh('node', ['out.mjs', '--engine', `duckdb:${join(empty, 'x.duckdb')}`], empty);
    t.is(engine.code, 1);
    t.regex(
      engine.stderr,
      /needs the package @duckdb\/node-api, which is not installed here: add it with npm install @duckdb\/node-api/,
    );
    await rm(empty, { recursive: true, force: true });

    // A TypeScript service type-checks against out.d.ts (and the bundle's out.d.mts) with the installed tsc.
    const tsc = join(project, 'node_modules', 'typescript', 'bin', 'tsc');
    await writeFile(join(project, 'tsconfig.json'), CONSUMER_TSCONFIG);
    const cases = [
      { name: 'correct', source: consumer('./out.js'), ok: true },
      { name: 'correct-bundle', source: consumer('./dist/out.mjs'), ok: true },
      { name: 'misspelt-table', source: consumer('./out.js', 'http_event'), ok: false, word: 'http_event' },
      {
        name: 'misspelt-column',
        source: consumer('./dist/out.mjs', 'http_events', 'req_pth'),
        ok: false,
        word: 'req_pth',
      },
    ];
    for (const c of cases) {
      await writeFile(join(project, 'service.ts'), c.source);
      const r = await sh('node', [tsc, '-p', '.'], project);
      if (c.ok) t.is(r.code, 0, `${c.name}: ${r.stdout}`);
      else {
        t.not(r.code, 0, c.name);
        t.regex(
          r.stdout,
          new RegExp(`service\\.ts\\(\\d+,\\d+\\): error TS\\d+: [\\s\\S]*'${c.word}'`),
          `${c.name}: ${r.stdout}`,
        );
      }
    }
  } finally {
    await collector.stop();
    await rm(work, { recursive: true, force: true });
  }
});
