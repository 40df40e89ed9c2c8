// Pre-bundles the runtime that compiled modules import as `pxlc/runtime` (package.json "exports") into
// dist/runtime/: a few ES modules instead of the ~90 files of dist/src/runtime and the ~180 CommonJS files of
// @grpc/grpc-js and OpenTelemetry's exporters, which Node resolves, reads and compiles one by one at every start.
// Code splitting keeps what the runtime imports on first use (the exporter, JSON and HTML output, file readers,
// SQL engines, Apache Arrow) in chunks loaded only then: a display-only run never reads the sending code.
//
// The OTLP transports' packages (grpc-js, OpenTelemetry's gRPC and HTTP exporter bases) go into one CommonJS file,
// dist/runtime/transports.cjs, with the V8 code cache of what gRPC delivery compiles beside it: compiling them is
// most of an exporting start-up (src/runtime/otel/transport-packages-cached.ts loads them).
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
/** esbuild's metafile of the last build: which chunk holds which modules (the tests check the lazy parts). */
const META = join(root, 'dist', 'runtime-meta.json');

/** Modules of dist/src replaced in the bundle, by what replaces them. */
const STAND_INS = new Map([['runtime/otel/transport-packages.js', 'runtime/otel/transport-packages-cached.js']]);

/** Modules whose `import.meta.url` must be the chunk's: the runtime naming its own entry (runtime/self-url.ts). */
const CHUNK_URL = new Set(['runtime/self-url.js']);

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

/** pxlc's own modules keep their own URLs for `import.meta.url`; the stand-ins take their modules' places. */
function ownFiles() {
  return {
    name: 'pxlc-own-files',
    setup(build) {
      build.onResolve({ filter: /^\./ }, (args) => {
        const rel = relative(SRC, resolve(args.resolveDir, args.path)).split(sep).join('/');
        const standIn = STAND_INS.get(rel);
        return standIn ? { path: join(SRC, standIn) } : undefined;
      });
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(SRC + sep) || CHUNK_URL.has(relative(SRC, args.path).split(sep).join('/')))
          return undefined;
        const text = await readFile(args.path, 'utf8');
        // Every chunk sits directly in dist/runtime/, so this is the file's URL in dist/src from any of them.
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

async function buildRuntime(esbuild) {
  const { OPTIONAL_PACKAGES } = await import(pathToFileURL(join(SRC, 'runtime', 'optional-package.js')).href);
  return esbuild.build({
    ...COMMON,
    entryPoints: { index: join(SRC, 'runtime', 'index.js') },
    splitting: true,
    format: 'esm',
    outdir: OUT,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    external: [...OPTIONAL_PACKAGES],
    // For --enable-source-maps: stack frames name pxlc's TypeScript files and lines (the maps only, not the sources).
    sourcemap: 'linked',
    sourcesContent: false,
    // The CommonJS packages inside (apache-arrow's dependencies, protobufjs) require Node's built-in modules.
    banner: {
      js: "import { createRequire as __pxlcCreateRequire } from 'node:module'; const require = __pxlcCreateRequire(import.meta.url);",
    },
    plugins: [ownFiles()],
  });
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
  const { transportsCodeCache, TRANSPORTS_CODE_CACHE } = await import(
    pathToFileURL(join(SRC, 'runtime', 'otel', 'transport-packages-cached.js')).href
  );
  await writeFile(TRANSPORTS_CODE_CACHE, transportsCodeCache());
  return result;
}

if (process.argv.includes('--force') || !upToDate()) {
  const builtAt = Date.now();
  const esbuild = await import('esbuild');
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const runtime = await buildRuntime(esbuild);
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
