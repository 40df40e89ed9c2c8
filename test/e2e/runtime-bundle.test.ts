// The package's pre-bundled runtime (dist/runtime, built by scripts/build-runtime.mjs), which `pxlc/runtime`
// resolves to: a compiled module loads a few of its chunks instead of hundreds of files of dist/src and
// node_modules, and what the runtime imports on first use stays out of a run that does not use it — a display-only
// run loads neither the exporter nor the transports (gRPC and the OpenTelemetry exporters, in transports.cjs with
// V8's code cache). (The installed package: package-install.test.ts.)

import test from 'ava';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
  readonly outputs: Readonly<Record<string, { readonly inputs: Readonly<Record<string, unknown>> }>>;
}

/** esbuild's metafiles of the last build: the ES module chunks, and transports.cjs. */
async function metafiles(): Promise<{ readonly runtime: Metafile; readonly transports: Metafile }> {
  const text = await readFile(join(ROOT, 'dist', 'runtime-meta.json'), 'utf8').catch(() => {
    throw new Error(
      'dist/runtime-meta.json is missing: build the runtime with npm run build (or node scripts/build-runtime.mjs)',
    );
  });
  return JSON.parse(text) as { runtime: Metafile; transports: Metafile };
}

/** The chunks of dist/runtime holding a module whose path contains `part`, as file URLs. */
async function chunksWith(part: string): Promise<string[]> {
  const meta = (await metafiles()).runtime;
  return Object.entries(meta.outputs)
    .filter(([file, o]) => file.endsWith('.js') && Object.keys(o.inputs).some((i) => i.includes(part)))
    .map(([file]) => pathToFileURL(join(ROOT, file)).href);
}

/** Compiles `text` into a directory inside the checkout, where `pxlc/runtime` resolves as in a project, and runs it. */
async function runLogged(
  text: string,
  args: readonly string[],
): Promise<{ code: number; stdout: string; stderr: string; files: string[] }> {
  const dir = await mkdtemp(join(ROOT, 'dist', 'test-runtime-bundle-'));
  try {
    // With its source map inline, as `pxlc compile` writes it.
    const js = compile({ path: 'script.pxl', text, runtimeImport: 'pxlc/runtime', sourceMap: { mode: 'inline' } }).js!;
    await writeFile(join(dir, 'out.js'), js);
    const log = join(dir, 'loaded.txt');
    await writeFile(log, '');
    const r = await node(['--import', LOADED_FILES_IMPORT, join(dir, 'out.js'), ...args], {
      env: { PXLC_LOADED_FILES: log },
    });
    return { ...r, files: loadedFiles(await readFile(log, 'utf8')).filter((f) => !f.endsWith('/out.js')) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const under = (files: readonly string[], prefix: string) =>
  files.filter((f) => f.startsWith(pathToFileURL(join(ROOT, prefix)).href));

test('a display-only run loads a few chunks of the pre-bundled runtime and none of the sending ones', async (t) => {
  const r = await runLogged(DISPLAY, ['--rows', '500']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /paths[\s\S]*req_path[\s\S]*requests/);
  const modules = r.files.filter((f) => f.endsWith('.js'));
  t.deepEqual(
    modules.filter((f) => !f.startsWith(RUNTIME_DIR)),
    [],
    'every module comes from dist/runtime',
  );
  t.true(modules.length <= 30, `${modules.length} modules`);
  t.deepEqual(under(r.files, 'node_modules'), []);
  for (const part of [
    'runtime/otel/exporter.js',
    'runtime/otel/transport.js',
    'runtime/otel/transport-packages-cached.js',
    'node_modules/protobufjs/',
  ]) {
    const chunks = await chunksWith(part);
    t.true(chunks.length > 0, part);
    t.deepEqual(
      chunks.filter((c) => r.files.includes(c)),
      [],
      `${part} is not loaded`,
    );
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
      const modules = r.files.filter((f) => f.endsWith('.js'));
      t.deepEqual(
        modules.filter((f) => !f.startsWith(RUNTIME_DIR)),
        [],
        'every module comes from dist/runtime',
      );
      t.true(modules.length <= 45, `${modules.length} modules`);
      t.deepEqual(under(r.files, 'node_modules'), [], 'grpc-js and the exporters are inside the bundle');
      t.true((await chunksWith('runtime/otel/transport-packages-cached.js')).some((c) => r.files.includes(c)));
    } finally {
      await collector.stop();
    }
  });
}

test('transports.cjs holds the official OpenTelemetry transports, and V8 takes the code cache the build wrote', async (t) => {
  const inputs = Object.keys((await metafiles()).transports.inputs);
  for (const pkg of ['@grpc/grpc-js', '@opentelemetry/otlp-grpc-exporter-base', '@opentelemetry/otlp-exporter-base']) {
    t.true(
      inputs.some((i) => i.includes(`node_modules/${pkg}/`)),
      pkg,
    );
  }
  const check = `const m = await import(${JSON.stringify(pathToFileURL(join(ROOT, 'dist', 'src', 'runtime', 'otel', 'transport-packages-cached.js')).href)});
const { grpc, base } = m.grpcPackages();
console.log(typeof grpc.Metadata, typeof base.createOtlpGrpcExportDelegate, typeof m.httpPackage().createOtlpHttpExportDelegate, m.transportsCodeCacheRejected());`;
  const r = await node(['--input-type=module', '-e', check]);
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, 'function function function false\n');
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
