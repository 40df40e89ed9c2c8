// Pre-bundles the runtime that compiled modules import as `pxlc/runtime` (package.json "exports") into
// dist/runtime/: one ES module, index.js, instead of the ~90 files of dist/src/runtime, and one CommonJS file,
// transports.cjs, instead of the ~180 files of @grpc/grpc-js and OpenTelemetry's exporters, which Node would resolve,
// read and compile one by one at every start.
//
// index.js holds the runtime as the text of a function that it compiles with V8's code cache, written to the
// user's cache directory by the first run (src/runtime/bundle-body.ts, as `pxlc compile --bundle` makes bundles).
// What the runtime imports on first use (the exporter, JSON and HTML output, file readers, SQL engines) is
// initialised only when used; Apache Arrow and the Parquet codecs are files of their own (apache-arrow.cjs,
// hyparquet-compressors.cjs), required when a run reads such a file.
//
// The OTLP transports' packages (grpc-js, OpenTelemetry's gRPC and HTTP exporter bases) go into transports.cjs,
// with the V8 code cache of what gRPC delivery compiles beside it: compiling them is most of an exporting start-up
// (src/runtime/otel/transport-packages-cached.ts loads them).
//
// Run after `tsc -b` (npm run build, prepare, demo); it bundles the JavaScript tsc wrote, and does nothing when
// none of the files it read last time changed. Tests import dist/src directly and never need it.
//
// What bundling must not change:
// - pxlc's files read files of the package relative to themselves (package.json, data/, dist/web/): each file's
//   `import.meta.url` becomes its own URL in dist/src, so they read the same files as before. The one exception
//   names the runtime itself (runtime/self-url.ts): a module compiled while running imports this runtime, not
//   dist/src's.
// - The optional packages (@duckdb/node-api, @clickhouse/client, danfojs) stay outside, imported from the
//   directory the module runs in, so that a run that needs one and lacks it still names the package to add.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(root, 'dist', 'src');
const OUT = join(root, 'dist', 'runtime');
const STAMP = join(root, 'dist', '.runtime-inputs.json');
/** esbuild's metafiles of the last build: what index.js and transports.cjs hold (the tests check them). */
const META = join(root, 'dist', 'runtime-meta.json');

/** Modules whose `import.meta.url` must be index.js's: the runtime naming its own entry (runtime/self-url.ts). */
const ENTRY_URL = new Set(['runtime/self-url.js']);

/** transports.cjs: getters, so that each package is initialised when first asked for. */
const TRANSPORTS = `
Object.defineProperty(exports, 'grpc', { enumerable: true, get: () => require('@grpc/grpc-js') });
Object.defineProperty(exports, 'grpcBase', { enumerable: true, get: () => require('@opentelemetry/otlp-grpc-exporter-base') });
Object.defineProperty(exports, 'httpBase', { enumerable: true, get: () => require('@opentelemetry/otlp-exporter-base/node-http') });
`;

function upToDate() {
  if (!existsSync(STAMP) || !existsSync(join(OUT, 'index.js'))) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  const mtime = (f) => {
    try {
      return statSync(join(root, f)).mtimeMs;
    } catch {
      return Infinity;
    }
  };
  // The code cache is for the V8 of the Node that built it.
  if (stamp.node !== process.version) return false;
  return [...stamp.inputs, 'scripts/build-runtime.mjs', 'package.json'].every((f) => mtime(f) <= stamp.builtAt);
}

/** pxlc's own modules keep their own URLs for `import.meta.url`. */
function ownFiles() {
  return {
    name: 'pxlc-own-files',
    setup(build) {
      // Files only: a stand-in (namespace pxlc-stand-ins) keeps its own text.
      build.onLoad({ filter: /\.js$/, namespace: 'file' }, async (args) => {
        if (!args.path.startsWith(SRC + sep) || ENTRY_URL.has(relative(SRC, args.path).split(sep).join('/')))
          return undefined;
        const text = await readFile(args.path, 'utf8');
        // index.js sits in dist/runtime/, so this is the file's URL in dist/src from there.
        const own = `new URL(${JSON.stringify(relative(OUT, args.path).split(sep).join('/'))}, import.meta.url).href`;
        return { contents: text.replaceAll('import.meta.url', own), loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

const COMMON = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node20',
  // The OpenTelemetry packages' ES module builds: esbuild drops what pxlc does not use (most of
  // @opentelemetry/semantic-conventions, reached through @opentelemetry/core), which it cannot in CommonJS.
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  metafile: true,
};

/**
 * The runtime as one module: dist/runtime/index.js holds the whole runtime as the text of a CommonJS-style function,
 * compiled with V8's code cache (src/runtime/bundle-body.ts, as `pxlc compile --bundle` makes bundles). What the
 * runtime imports on first use is initialised only then; Apache Arrow and the Parquet codecs are files beside it.
 */
async function buildRuntime() {
  const bundle = await import(pathToFileURL(join(SRC, 'cli', 'bundle.js')).href);
  const entry = join(SRC, 'runtime', 'index.js');
  const names = Object.keys(await import(pathToFileURL(entry).href)).sort();
  const body = await bundle.buildBody(
    { contents: `export * from ${JSON.stringify(entry)};`, resolveDir: SRC, sourcefile: 'pxlc-runtime.js' },
    [
      ownFiles(),
      bundle.standIns('pxlc-stand-ins', {
        ...bundle.IMPORT_THROUGH_BUNDLE_MODULE,
        // The transports from transports.cjs, compiled with its code cache, not from node_modules.
        'runtime/otel/transport-packages.js': "export * from './runtime/otel/transport-packages-cached.js';",
      }),
      bundle.packagesAsFiles(OUT),
    ],
  );
  await bundle.writeBodyModule(join(OUT, 'index.js'), body, { names, program: false, sourcefile: 'index.js' });
  // index.js.v8-cache: V8's cache of compiling the body, for a first run on this Node (the user's own cache, written
  // when a run ends, takes over from it).
  const { shipCodeCache } = await import(pathToFileURL(join(SRC, 'runtime', 'code-cache.js')).href);
  shipCodeCache(join(OUT, 'index.js'), body.text, body.hash);
  return body;
}

async function buildTransports(esbuild) {
  const result = await esbuild.build({
    ...COMMON,
    stdin: { contents: TRANSPORTS, resolveDir: root, sourcefile: 'transports.cjs', loader: 'js' },
    format: 'cjs',
    // The HTTP exporter imports Node's http, https and zlib with import(), which a vm.Script cannot run: require.
    supported: { 'dynamic-import': false },
    outfile: join(OUT, 'transports.cjs'),
  });
  const { shipTransportsCodeCache } = await import(
    pathToFileURL(join(SRC, 'runtime', 'otel', 'transport-packages-cached.js')).href
  );
  shipTransportsCodeCache();
  return result;
}

// The build's own loading of transports.cjs neither reads nor writes the user's code cache.
process.env.PXLC_DISABLE_CODE_CACHE = '1';

if (process.argv.includes('--force') || !upToDate()) {
  const builtAt = Date.now();
  const esbuild = await import('esbuild');
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const runtime = await buildRuntime();
  const transports = await buildTransports(esbuild);
  const inputs = [runtime, transports]
    .flatMap((r) => Object.keys(r.metafile.inputs))
    .filter((f) => existsSync(resolve(root, f)));
  await writeFile(META, JSON.stringify({ runtime: runtime.metafile, transports: transports.metafile }));
  await writeFile(
    STAMP,
    JSON.stringify({
      builtAt,
      node: process.version,
      inputs: [...new Set(inputs)].map((f) => relative(root, resolve(root, f))).sort(),
    }),
  );
}
