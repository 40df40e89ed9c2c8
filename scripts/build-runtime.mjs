// Pre-bundles the runtime that compiled modules import as `pxlc/runtime` (package.json "exports") into
// dist/runtime/: a few ES modules instead of the ~90 files of dist/src/runtime and the ~180 CommonJS files of
// @grpc/grpc-js and OpenTelemetry's exporters, which Node resolves, reads and compiles one by one at every start.
// Code splitting keeps what the runtime imports on first use (the exporter and its gRPC/HTTP transports, JSON and
// HTML output, file readers, SQL engines, Apache Arrow) in chunks loaded only then: a display-only run never
// reads the gRPC chunk.
//
// Run after `tsc -b` (npm run build, prepare, demo); it bundles the JavaScript tsc wrote, and does nothing when
// none of the files it read last time changed. Tests import dist/src directly and never need it.
//
// What bundling must not change:
// - pxlc's files read files of the package relative to themselves (package.json, data/, dist/web/): each file's
//   `import.meta.url` becomes its own URL in dist/src, so they read the same files as before.
// - Packages pxlc loads with `require` on first use (the OpenTelemetry transports and grpc-js) are bundled, still
//   loaded on first use; relative `require`s (data/*.json) still read the package's files.
// - The optional packages (@duckdb/node-api, @clickhouse/client, danfojs) stay outside, imported from the
//   directory the module runs in, so that a run that needs one and lacks it still names the package to add.

import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(root, 'dist', 'src');
const OUT = join(root, 'dist', 'runtime');
const ENTRY = join(SRC, 'runtime', 'index.js');
const STAMP = join(root, 'dist', '.runtime-inputs.json');
/** esbuild's metafile of the last build: which chunk holds which modules (the tests check the lazy parts). */
const META = join(root, 'dist', 'runtime-meta.json');


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
  return [...stamp.inputs, 'scripts/build-runtime.mjs', 'package.json'].every((f) => mtime(f) <= stamp.builtAt);
}

/** pxlc's own modules: their own URLs for `import.meta.url`, and packages they `require` bundled. */
function ownFiles() {
  return {
    name: 'pxlc-own-files',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(SRC + sep)) return undefined;
        let text = await readFile(args.path, 'utf8');
        // Every chunk sits directly in dist/runtime/, so this is the file's URL in dist/src from any of them.
        const own = `new URL(${JSON.stringify(relative(OUT, args.path).split(sep).join('/'))}, import.meta.url).href`;
        text = text.replaceAll('import.meta.url', own);
        // A local `require` (made with createRequire) reads the package's files by relative path; the packages it
        // loads go through the free `require`, which esbuild bundles where it stands (on first use still).
        text = text
          .replace(/\bconst require = /g, 'const __pxlcOwnRequire = ')
          .replace(/\brequire\((['"])\./g, '__pxlcOwnRequire($1.');
        return { contents: text, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

async function buildRuntime() {
  const { OPTIONAL_PACKAGES } = await import(pathToFileURL(join(SRC, 'runtime', 'optional-package.js')).href);
  await rm(OUT, { recursive: true, force: true });
  await mkdir(OUT, { recursive: true });
  const esbuild = await import('esbuild');
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: { index: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    outdir: OUT,
    entryNames: '[name]',
    chunkNames: '[name]-[hash]',
    // The OpenTelemetry packages' ES module builds: esbuild drops what pxlc does not use (most of
    // @opentelemetry/semantic-conventions, reached through @opentelemetry/core), which it cannot in CommonJS.
    mainFields: ['module', 'main'],
    external: [...OPTIONAL_PACKAGES],
    minify: true,
    keepNames: true,
    // For --enable-source-maps: stack frames name pxlc's TypeScript files and lines (the maps only, not the sources).
    sourcemap: 'linked',
    sourcesContent: false,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // The CommonJS packages inside (grpc-js, protobufjs) require Node's built-in modules.
    banner: {
      js: "import { createRequire as __pxlcCreateRequire } from 'node:module'; const require = __pxlcCreateRequire(import.meta.url);",
    },
    plugins: [ownFiles()],
  });
  const inputs = Object.keys(result.metafile.inputs).map((f) => relative(root, resolve(root, f)));
  return { inputs, meta: result.metafile };
}

if (process.argv.includes('--force') || !upToDate()) {
  const builtAt = Date.now();
  const { inputs, meta } = await buildRuntime();
  await writeFile(META, JSON.stringify(meta));
  await writeFile(STAMP, JSON.stringify({ builtAt, inputs: inputs.sort() }));
}
