// The package's pre-bundled runtime (dist/runtime, built by scripts/build-runtime.mjs), which `pxlc/runtime`
// resolves to: a compiled module loads one module, index.js, instead of hundreds of files of dist/src and
// node_modules, and a display-only run does not load the transports (gRPC and the OpenTelemetry exporters, in
// transports.cjs with V8's code cache). (The installed package: package-install.test.ts; the code cache that
// index.js keeps: bundle-code-cache.test.ts.)

import test from 'ava';
import * as arrow from 'apache-arrow';
import { tmpdir } from 'node:os';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/index.js';
import { startCollector } from '../../src/collector/server.js';
import { node } from '../support/cli.js';
import { ROOT } from '../support/golden.js';
import { LOADED_FILES_IMPORT, loadedFiles } from '../support/loaded-files.js';

const DISPLAY = `import px
df = px.DataFrame(table='http_events', start_time='-30s')
df = df.groupby(['req_path']).agg(requests=('latency', px.count))
px.display(df, 'paths')
`;

const RUNTIME_DIR = pathToFileURL(join(ROOT, 'dist', 'runtime')).href + '/';

interface Metafile {
  readonly inputs: Readonly<Record<string, unknown>>;
}

/** esbuild's metafiles of the last build: the runtime in index.js, and transports.cjs. */
async function metafiles(): Promise<{ readonly runtime: Metafile; readonly transports: Metafile }> {
  const text = await readFile(join(ROOT, 'dist', 'runtime-meta.json'), 'utf8').catch(() => {
    throw new Error(
      'dist/runtime-meta.json is missing: build the runtime with npm run build (or node scripts/build-runtime.mjs)',
    );
  });
  return JSON.parse(text) as { runtime: Metafile; transports: Metafile };
}

const INDEX = `${RUNTIME_DIR}index.js`;

/** The code files among what a run loaded. */
const code = (files: readonly string[]) => files.filter((f) => /\.[cm]?js$/.test(f));

/** Compiles `text` into a directory inside the checkout, where `pxlc/runtime` resolves as in a project, and runs it. */
/**
 * Compiles `text` into a directory inside the checkout, where `pxlc/runtime` resolves as in a project, and runs it:
 * the files it loaded, and the scripts whose code ran (a CPU profile's: transports.cjs is compiled from its text,
 * not loaded as a module).
 */
async function runLogged(
  text: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string; files: string[]; ran: Set<string> }> {
  const dir = await mkdtemp(join(ROOT, 'dist', 'test-runtime-bundle-'));
  try {
    // With its source map inline, as `pxlc compile` writes it.
    const js = compile({ path: 'script.pxl', text, runtimeImport: 'pxlc/runtime', sourceMap: { mode: 'inline' } }).js!;
    await writeFile(join(dir, 'out.js'), js);
    const log = join(dir, 'loaded.txt');
    await writeFile(log, '');
    const profiles = join(dir, 'profile');
    const r = await node(
      ['--import', LOADED_FILES_IMPORT, '--cpu-prof', '--cpu-prof-dir', profiles, join(dir, 'out.js'), ...args],
      { env: { PXLC_LOADED_FILES: log } },
    );
    const ran = new Set<string>();
    for (const p of await readdir(profiles)) {
      const profile = JSON.parse(await readFile(join(profiles, p), 'utf8')) as {
        nodes: { callFrame: { url: string } }[];
      };
      for (const n of profile.nodes) ran.add(n.callFrame.url);
    }
    return { ...r, ran, files: loadedFiles(await readFile(log, 'utf8')).filter((f) => !f.endsWith('/out.js')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const TRANSPORTS = `${RUNTIME_DIR}transports.cjs`;

test('a display-only run loads the runtime as one module, and not the transports', async (t) => {
  const r = await runLogged(DISPLAY, ['--rows', '500']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /paths[\s\S]*req_path[\s\S]*requests/);
  // Besides the package's data files (data/*.json), read as JSON.
  t.deepEqual(code(r.files), [INDEX]);
  t.false(r.ran.has(TRANSPORTS));
  // What index.js holds: the runtime, the exporter and protobufjs, initialised only when a run exports.
  const inputs = Object.keys((await metafiles()).runtime.inputs);
  for (const part of ['runtime/otel/exporter.js', 'runtime/otel/transport.js', 'node_modules/protobufjs/']) {
    t.true(
      inputs.some((i) => i.includes(part)),
      part,
    );
  }
});

test("index.js holds the build's stand-ins: optional packages through its own import(), transports from transports.cjs", async (t) => {
  const inputs = Object.keys((await metafiles()).runtime.inputs);
  for (const module of ['runtime/import-package.js', 'runtime/otel/transport-packages.js']) {
    t.true(
      inputs.some((i) => i.startsWith('pxlc-stand-ins:') && i.endsWith(module)),
      `${module} is a stand-in`,
    );
    t.false(
      inputs.some((i) => !i.startsWith('pxlc-stand-ins:') && i.endsWith(module)),
      `${module} itself is not in index.js`,
    );
  }
  // The stand-in's own text, not the file's: the body calls the import() index.js gives it.
  t.true((await readFile(join(ROOT, 'dist', 'runtime', 'index.js'), 'utf8')).includes('__pxlcImport('));
});

test('Apache Arrow and the Parquet codecs are files of their own, required when a run reads such a file', async (t) => {
  const data = await mkdtemp(join(tmpdir(), 'pxlc-runtime-arrow-'));
  try {
    const now = 1_767_225_600_000_000_000n;
    const table = new arrow.Table({
      time_: arrow.vectorFromArray([now, now + 1n, now + 2n], new arrow.Int64()),
      req_path: arrow.vectorFromArray(['/a', '/b', '/a'], new arrow.Utf8()),
      latency: arrow.vectorFromArray([5n, 7n, 9n], new arrow.Int64()),
    });
    await writeFile(join(data, 'http_events.arrow'), arrow.tableToIPC(table, 'file'));
    const r = await runLogged(DISPLAY, ['--data', data, '--now', 'latest']);
    t.is(r.code, 0, r.stderr);
    t.is(
      r.stdout,
      'paths (2 rows)\nreq_path  requests\n--------  --------\n/a               2\n/b               1\n\n',
    );
    t.deepEqual(code(r.files), [INDEX, `${RUNTIME_DIR}apache-arrow.cjs`]);
  } finally {
    await rm(data, { recursive: true, force: true });
  }
});

for (const protocol of ['grpc', 'http/protobuf'] as const) {
  test(`an exporting run (${protocol}) loads the transports from the bundle and delivers to a real collector`, async (t) => {
    const collector = await startCollector({ host: '127.0.0.1', port: 0, httpPort: 0 });
    try {
      const text = await readFile(join(ROOT, 'examples', 'http_throughput.pxl'), 'utf8');
      const endpoint = protocol === 'grpc' ? `127.0.0.1:${collector.port}` : `http://127.0.0.1:${collector.httpPort!}`;
      const r = await runLogged(text, ['--endpoint', endpoint, '--protocol', protocol, '--insecure', '--rows', '2000']);
      t.is(r.code, 0, r.stderr);
      t.regex(r.stderr, /exported \d+ metric points/);
      t.true(collector.metrics.length > 0);
      t.true(collector.requests.every((q) => q.transport === (protocol === 'grpc' ? 'grpc' : 'http')));
      // grpc-js and the exporters came from transports.cjs, which is compiled from its text (with its code cache),
      // not loaded as a module: nothing of node_modules was.
      t.deepEqual(code(r.files), [INDEX]);
      t.true(r.ran.has(TRANSPORTS));
    } finally {
      await collector.stop();
    }
  });
}

test('transports.cjs holds the official OpenTelemetry transports; V8 takes the code cache the build wrote, then the one the first run wrote', async (t) => {
  const inputs = Object.keys((await metafiles()).transports.inputs);
  for (const pkg of ['@grpc/grpc-js', '@opentelemetry/otlp-grpc-exporter-base', '@opentelemetry/otlp-exporter-base']) {
    t.true(
      inputs.some((i) => i.includes(`node_modules/${pkg}/`)),
      pkg,
    );
  }
  const check = `const m = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'runtime', 'otel', 'transport-packages-cached.js')).href)});
const { grpc, base } = m.grpcPackages();
console.log(typeof grpc.Metadata, typeof base.createOtlpGrpcExportDelegate, typeof m.httpPackage().createOtlpHttpExportDelegate, JSON.stringify(m.transportsCodeCache()));`;
  const cache = await mkdtemp(join(tmpdir(), 'pxlc-transports-cache-'));
  const first = await node(['--input-type=module', '-e', check], { env: { PXLC_CACHE_DIR: cache } });
  t.is(first.code, 0, first.stderr);
  t.is(first.stdout, 'function function function {"from":"shipped","rejected":false}\n');
  const second = await node(['--input-type=module', '-e', check], { env: { PXLC_CACHE_DIR: cache } });
  t.is(second.stdout, 'function function function {"from":"run","rejected":false}\n');
  await rm(cache, { recursive: true, force: true });
});

// by_key's groupby column is an argument: the function is compiled when it runs, by the compiler in dist/src.
const BY_KEY = `import px

def by_key(window: str, key: str):
    df = px.DataFrame(table='http_events', start_time='-5m')
    df.span = px.parse_duration(window)
    return df.groupby(key).agg(n=('latency', px.count))
`;

test("a function compiled when it runs runs on the pre-bundled runtime, and its compile errors are the script's errors", async (t) => {
  const ok = await runLogged(BY_KEY, [
    '--func',
    'by_key',
    '--arg',
    'window=-5m',
    '--arg',
    'key=req_path',
    '--rows',
    '500',
  ]);
  t.is(ok.code, 0, ok.stderr);
  t.regex(ok.stdout, /^by_key \(\d+ rows\)\nreq_path +n\n/);
  // The compiler is loaded from dist/src; the module it compiles imports the caller's runtime, not dist/src's.
  t.true(ok.files.some((f) => f.endsWith('/dist/src/compile-entry.js')));
  t.deepEqual(
    ok.files.filter((f) => /\/dist\/src\/runtime\/(index|operators|module-cli)\.js$/.test(f)),
    [],
  );
  const bad = await runLogged(BY_KEY, [
    '--func',
    'by_key',
    '--arg',
    'window=soon',
    '--arg',
    'key=req_path',
    '--rows',
    '500',
  ]);
  t.is(bad.code, 1);
  t.is(bad.stderr.split('\n')[0], 'script: error: by_key does not compile with window=soon, key=req_path:');
  t.regex(bad.stderr, /script\.pxl:5:33: error PXL5001: Time string is in wrong format\./);
  t.false(bad.stderr.includes('internal error'), bad.stderr);
});

test("a run-time error on the pre-bundled runtime still names the script's line and column", async (t) => {
  const located = await runLogged(
    `import px

def durations(window: str):
    df = px.DataFrame(table='http_events', start_time='-5m')
    df = df.head(3)
    df.span = px.parse_duration(window)
    px.display(df[['req_path', 'span']])
`,
    ['--func', 'durations', '--arg', 'window=soon'],
  );
  t.is(located.code, 1);
  t.is(
    located.stderr,
    `script.pxl:6:15: error: 'soon' is not a duration like '-5m' (units ms, s, m, h, d)
  |
6 |     df.span = px.parse_duration(window)
  |               ^
`,
  );
});
