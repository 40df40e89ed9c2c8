// Bundles the browser side with esbuild (type-checking is `tsc -p web`, part of npm run build):
//   dist/web/         the page `pxlc view` serves, and the page of `node out.js --output html` reports
//   dist/playground/  the playground, a static folder any web server can host (npm run playground:build)
// The playground carries the compiler and the runtime. Their Node-only modules (reading data directories, SQL
// engines, sending over gRPC, .proto files from node_modules) are replaced by the browser stand-ins in
// web/browser/; platform: 'browser' makes any other Node built-in left on those paths a build error.

import * as esbuild from 'esbuild';
import { mkdir, readFile, readdir, writeFile, copyFile } from 'node:fs/promises';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const common = {
  metafile: true,
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
};
const flameCss = () => readFile(join(root, 'node_modules', 'd3-flame-graph', 'dist', 'd3-flamegraph.css'), 'utf8');

// Every file a build read, so that the next `npm run build` can skip bundling when none of them changed: the test
// command builds first, and bundling the playground (compiler and runtime for the browser) is most of a no-op build.
const STAMP = join(root, 'dist', '.web-inputs.json');
const inputs = new Set([
  join(root, 'scripts', 'build-web.mjs'),
  join(root, 'package.json'),
  join(root, 'dist', 'src', 'runtime', 'otel', 'proto.js'),
]);
async function bundle(options) {
  const result = await esbuild.build(options);
  for (const file of Object.keys(result.metafile.inputs)) if (!file.includes(':')) inputs.add(resolve(root, file));
  return result;
}
function upToDate() {
  if (!existsSync(STAMP)) return false;
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  const mtime = (f) => {
    try {
      return statSync(f).mtimeMs;
    } catch {
      return Infinity;
    }
  };
  const outputs = [
    'web/view.js',
    'web/report.js',
    'playground/playground.js',
    'playground/runtime.js',
    'playground/compile-entry.js',
  ];
  if (outputs.some((o) => !existsSync(join(root, 'dist', o)))) return false;
  // Files read by path (examples, styles, the page) are not in esbuild's metafile: walk their folders too.
  const walked = ['examples', 'web'].flatMap((d) =>
    readdirSync(join(root, d), { recursive: true }).map((f) => join(d, String(f))),
  );
  return [...stamp.inputs, ...walked, 'examples', 'web'].every((f) => mtime(join(root, f)) <= stamp.builtAt);
}

async function buildView() {
  const out = join(root, 'dist', 'web');
  await mkdir(out, { recursive: true });
  await bundle({ ...common, entryPoints: [join(root, 'web', 'view', 'main.ts')], outfile: join(out, 'view.js') });
  await bundle({ ...common, entryPoints: [join(root, 'web', 'view', 'report.ts')], outfile: join(out, 'report.js') });
  await writeFile(
    join(out, 'view.css'),
    [await readFile(join(root, 'web', 'view', 'view.css'), 'utf8'), await flameCss()].join('\n'),
  );
}

/** Modules of src/ whose browser stand-in is in web/browser/ (paths without extension, from the repository root). */
const STAND_INS = {
  'src/runtime/sources/dir-source': 'web/browser/dir-source.ts',
  'src/runtime/engines/engine-run': 'web/browser/engine-run.ts',
  'src/runtime/otel/exporter': 'web/browser/exporter.ts',
  'src/runtime/otel/config': 'web/browser/config.ts',
  'src/runtime/otel/proto': 'web/browser/proto.ts',
  'src/core/data-files': 'web/browser/data-files.ts',
  'src/runtime/host': 'web/browser/host.ts',
};

async function otlpDescriptor() {
  const { requestType } = await import(pathToFileURL(join(root, 'dist', 'src', 'runtime', 'otel', 'proto.js')).href);
  return requestType('metrics').root.toJSON();
}

async function examples() {
  const dir = join(root, 'examples');
  const scripts = (await readdir(dir)).filter((f) => f.endsWith('.pxl')).sort();
  const list = [{ name: 'tutorial: http_throughput', pxl: await readFile(join(dir, 'http_throughput.pxl'), 'utf8') }];
  for (const f of scripts)
    if (f !== 'http_throughput.pxl')
      list.push({ name: f.replace(/\.pxl$/, ''), pxl: await readFile(join(dir, f), 'utf8') });
  const views = join(dir, 'views');
  for (const v of existsSync(views) ? (await readdir(views)).sort() : []) {
    const pxl = (await readdir(join(views, v))).find((f) => f.endsWith('.pxl'));
    if (!pxl) continue;
    const vis = join(views, v, 'vis.json');
    list.push({
      name: `view: ${v}`,
      pxl: await readFile(join(views, v, pxl), 'utf8'),
      ...(existsSync(vis) ? { vis: await readFile(vis, 'utf8') } : {}),
    });
  }
  return list;
}

function browserPlugin(virtual) {
  return {
    name: 'pxlc-browser',
    setup(build) {
      build.onResolve({ filter: /^virtual:/ }, (args) => ({ path: args.path, namespace: 'virtual' }));
      build.onLoad({ filter: /.*/, namespace: 'virtual' }, (args) => ({
        contents: JSON.stringify(virtual[args.path]),
        loader: 'json',
      }));
      build.onResolve({ filter: /^\./ }, (args) => {
        const rel = relative(root, resolve(args.resolveDir, args.path))
          .replace(/\.(js|ts)$/, '')
          .split('\\')
          .join('/');
        const to = STAND_INS[rel];
        return to ? { path: join(root, to) } : undefined;
      });
    },
  };
}

async function buildPlayground() {
  const out = join(root, 'dist', 'playground');
  await mkdir(out, { recursive: true });
  const { version } = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
  const plugin = browserPlugin({
    'virtual:otlp-descriptor': await otlpDescriptor(),
    'virtual:examples': await examples(),
  });
  // danfo.js (result.dataFrame) is loaded on first use; a page never asks for it, so it stays out of the bundle.
  const options = {
    ...common,
    plugins: [plugin],
    external: ['danfojs'],
    define: { PXLC_VERSION: JSON.stringify(version) },
    loader: { '.pxl': 'text' },
  };
  await bundle({
    ...options,
    entryPoints: [join(root, 'web', 'playground', 'main.ts')],
    outfile: join(out, 'playground.js'),
  });
  await bundle({
    ...options,
    entryPoints: [join(root, 'web', 'playground', 'runtime.ts')],
    outfile: join(out, 'runtime.js'),
  });
  await bundle({
    ...options,
    entryPoints: [join(root, 'web', 'playground', 'compile-entry.ts')],
    outfile: join(out, 'compile-entry.js'),
  });
  const css = [
    await readFile(join(root, 'web', 'view', 'view.css'), 'utf8'),
    await readFile(join(root, 'web', 'playground', 'playground.css'), 'utf8'),
    await flameCss(),
  ];
  await writeFile(join(out, 'playground.css'), css.join('\n'));
  await copyFile(join(root, 'web', 'playground', 'index.html'), join(out, 'index.html'));
}

if (process.argv.includes('--force') || !upToDate()) {
  const builtAt = Date.now();
  await buildView();
  await buildPlayground();
  await writeFile(STAMP, JSON.stringify({ builtAt, inputs: [...inputs].map((f) => relative(root, f)).sort() }));
}
