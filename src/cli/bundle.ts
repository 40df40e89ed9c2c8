// `pxlc compile FILE.pxl --bundle -o out.mjs`: the compiled module and the runtime it imports in one ES module,
// built by esbuild, that runs with `node out.mjs` in a directory with no node_modules. gRPC, protobufjs and the
// OTLP definitions go inside when the script exports (the definitions are a generated module, nothing is read from
// disk); a script that exports nothing leaves them out. The packages a
// run loads only when asked (`--engine`'s DuckDB and ClickHouse clients, danfo.js for `dataFrame()`) stay out:
// the runtime imports them at the point of use and names the package to install when one is missing.
//
// The bundle is two layers (src/runtime/bundle-body.ts): a small ES module, and the code itself as the text of a
// CommonJS-style function that the module compiles with V8's code cache, kept in the user's cache directory.
// Parsing half a megabyte of code at every start was most of a bundle's start-up; Node 20 caches no ES module.

import { createHash } from 'node:crypto';
import { brotliCompressSync, constants as zlib } from 'node:zlib';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'acorn';
import { build, type Metafile, type Plugin, type PluginBuild } from 'esbuild';
import { RUNTIME_URL } from '../index.js';
import { BODY_IMPORT, BODY_MODULE_URL, bodyFunction } from '../runtime/bundle-body.js';
import { primeCodeCache } from '../runtime/code-cache.js';
import { OPTIONAL_PACKAGES } from '../runtime/optional-package.js';
import { RUNTIME_PACKAGE } from './runtime-specifier.js';

/** Loaded only when a run asks for them (see src/runtime/optional-package.ts). */
export const LEFT_OUT_OF_BUNDLES = OPTIONAL_PACKAGES;

const RUNTIME_FILE = fileURLToPath(RUNTIME_URL);
/** pxlc's own dist/src: the files whose data reads the bundle inlines. */
const PXLC_SRC = dirname(dirname(RUNTIME_FILE));

export interface BundleResult {
  readonly bytes: number;
}

export interface BundleOptions {
  /**
   * The script has a px.export. Without one, the bundle leaves out what only sending needs (the OTLP transports
   * with gRPC and the OpenTelemetry exporters, protobufjs and the OTLP definitions): half its size, and a start-up
   * that does not parse them.
   */
  readonly exports: boolean;
}

/**
 * `js` is a module compiled with `runtimeImport: 'pxlc/runtime'` (RUNTIME_PACKAGE) and `programEntry: 'exported'`;
 * the bundle is written to `outFile`.
 */
export async function bundleModule(
  js: string,
  sourcePath: string,
  outFile: string,
  options: BundleOptions,
): Promise<BundleResult> {
  const names = exportedNames(js);
  if (!names.includes('runIfMain'))
    throw new Error("internal: a bundled module is compiled with programEntry 'exported'");
  const body = await buildBody(
    { contents: js, resolveDir: dirname(resolve(outFile)), sourcefile: sourcePath.replace(/\.pxl$/, '.js') },
    [
      runtimeByName(),
      inlineDataFiles(),
      standIns('pxlc-stand-ins', {
        ...NO_HTML_REPORT,
        ...IMPORT_THROUGH_BUNDLE_MODULE,
        ...(options.exports ? {} : NOT_SENDING),
      }),
      packagesAsText(),
    ],
  );
  const bytes = await writeBodyModule(outFile, body, {
    names: names.filter((n) => n !== 'runIfMain'),
    program: true,
    sourcefile: sourcePath.replace(/\.pxl$/, '.mjs'),
  });
  // Its first run here need not parse it all: the user's cache gets what compiling it does (the run replaces it).
  primeCodeCache(outFile, body.text, body.hash);
  return { bytes };
}

/** A body: the text of the function bundle-body.ts compiles, and the hash its code cache is kept under. */
export interface Body {
  readonly text: string;
  readonly hash: string;
  readonly metafile: Metafile;
}

/**
 * The module `entry` (with everything it imports, `plugins` deciding what stands in for what) as a body: CommonJS,
 * with no import.meta and no import() of its own (bundle-body.ts gives it its module's).
 */
export async function buildBody(
  entry: { readonly contents: string; readonly resolveDir: string; readonly sourcefile: string },
  plugins: Plugin[],
): Promise<Body> {
  const inner = await build({
    stdin: { ...entry, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    write: false,
    outfile: 'body.cjs',
    metafile: true,
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
    external: [...LEFT_OUT_OF_BUNDLES],
    define: { 'import.meta.url': BODY_MODULE_URL },
    // A vm.Script has no import(): the packages inside that import Node's modules with it require them instead.
    supported: { 'dynamic-import': false },
    // The OpenTelemetry packages' ES module builds: esbuild drops what pxlc does not use (most of
    // @opentelemetry/semantic-conventions, reached through @opentelemetry/core), which it cannot in CommonJS.
    mainFields: ['module', 'main'],
    plugins,
  });
  const text = bodyFunction(inner.outputFiles[0]!.text);
  return { text, hash: createHash('sha256').update(text).digest('hex').slice(0, 24), metafile: inner.metafile };
}

/**
 * The ES module holding `body` and exporting its `names`, written to `outFile`; a `program` runs the compiled
 * script when it is node's entry. Its size in bytes.
 */
export async function writeBodyModule(
  outFile: string,
  body: Body,
  options: { readonly names: readonly string[]; readonly program: boolean; readonly sourcefile: string },
): Promise<number> {
  const result = await build({
    stdin: {
      contents: [
        `import { loadBody } from ${JSON.stringify(resolve(PXLC_SRC, 'runtime/bundle-body.js'))};`,
        "import body from 'pxlc:bundle-body';",
        `const exported = loadBody(import.meta.url, body, ${JSON.stringify(body.hash)}, (name) => import(name)).exports;`,
        `export const { ${options.names.join(', ')} } = exported;`,
        ...(options.program ? ['await exported.runIfMain(import.meta.url);'] : []),
      ].join('\n'),
      resolveDir: PXLC_SRC,
      sourcefile: options.sourcefile,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: outFile,
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    plugins: [
      {
        name: 'pxlc-bundle-body',
        setup(b) {
          b.onResolve({ filter: /^pxlc:bundle-body$/ }, () => ({ path: 'body', namespace: 'pxlc-bundle-body' }));
          b.onLoad({ filter: /.*/, namespace: 'pxlc-bundle-body' }, () => ({
            contents: `export default ${JSON.stringify(body.text)};`,
            loader: 'js',
          }));
        },
      },
    ],
  });
  return Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
}

/** The names `js` exports (a compiled module: `script`, `execute`, `run`, …). */
function exportedNames(js: string): string[] {
  const program = Parser.parse(js, { ecmaVersion: 'latest', sourceType: 'module' });
  const names: string[] = [];
  for (const node of program.body) {
    if (node.type !== 'ExportNamedDeclaration') continue;
    const d = node.declaration;
    if (d?.type === 'FunctionDeclaration' || d?.type === 'ClassDeclaration') names.push(d.id.name);
    if (d?.type === 'VariableDeclaration')
      for (const v of d.declarations) if (v.id.type === 'Identifier') names.push(v.id.name);
    for (const s of node.specifiers) if (s.exported.type === 'Identifier') names.push(s.exported.name);
  }
  return names;
}

/** `pxlc/runtime` is this pxlc's runtime, whatever is installed beside the output. */
function runtimeByName(): Plugin {
  return {
    name: 'pxlc-runtime',
    setup(b) {
      b.onResolve({ filter: /^pxlc\/runtime$/ }, (args) =>
        args.path === RUNTIME_PACKAGE ? { path: RUNTIME_FILE } : undefined,
      );
    },
  };
}

/**
 * A script without px.export never sends: the modules only sending reaches are replaced by ones that say so if
 * anything ever calls them (a bug in pxlc), so the bundle does not carry gRPC, the OpenTelemetry exporters and
 * protobufjs behind them.
 */
const NOT_SENDING: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries({
    'runtime/otel/transport.js': ['openChannel'],
    'runtime/otel/proto.js': ['requestType', 'responseType'],
  }).map(([path, names]) => [
    path,
    names
      .map(
        (name) =>
          `export function ${name}() { throw new Error('internal: ${path} is not in this bundle, made for a script that exports nothing'); }`,
      )
      .join('\n'),
  ]),
);

/**
 * `--output html` inlines the report page's browser bundle (1.4 MB of chart libraries), which pxlc reads from its
 * own dist/web/: a one-file bundle leaves it out, and asking for it is a usage error that says where it works.
 */
const NO_HTML_REPORT: Readonly<Record<string, string>> = {
  'runtime/view/report.js': `import { PxlRuntimeError } from './core/errors.js';
export async function htmlReport() {
  throw new PxlRuntimeError('--output html is not in a module compiled with --bundle (the report page would add 1.4 MB to every bundle)', [
    'write the report with pxlc installed: pxlc run SCRIPT.pxl --output html, or a module compiled without --bundle',
  ]);
}`,
};

/** The optional packages are imported by the bundle's ES module, whose import() the body is given (bundle-body.ts). */
export const IMPORT_THROUGH_BUNDLE_MODULE: Readonly<Record<string, string>> = {
  'runtime/import-package.js': `export function importPackage(name) { return ${BODY_IMPORT}(name); }`,
};

/** Modules of pxlc's dist/src (by path from there) replaced by the given text, whose imports are from dist/src. */
export function standIns(name: string, modules: Readonly<Record<string, string>>): Plugin {
  const files = new Map(Object.entries(modules).map(([path, contents]) => [resolve(PXLC_SRC, path), contents]));
  return {
    name,
    setup(b) {
      b.onResolve({ filter: /\.js$/ }, (args) => {
        const file = resolve(args.resolveDir, args.path);
        return files.has(file) ? { path: file, namespace: name } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: name }, (args) => ({
        contents: files.get(args.path)!,
        loader: 'js',
        resolveDir: PXLC_SRC,
      }));
    },
  };
}

/**
 * pxlc's modules read their data files (Pixie's table schemas) with `createRequire(import.meta.url)('../data/x.json')`,
 * which esbuild leaves alone and which would look beside the bundle at run time: they become JSON imports.
 */
function inlineDataFiles(): Plugin {
  // createRequire(import.meta.url)('../data/x.json'), or require('../data/x.json') with require made that way.
  const read = /(?:createRequire\(import\.meta\.url\)|\brequire)\((['"])(\.{1,2}\/[^'"]+\.json)\1\)/g;
  return {
    name: 'pxlc-data-files',
    setup(b) {
      b.onLoad({ filter: /\.js$/ }, async (args) => {
        if (!args.path.startsWith(PXLC_SRC)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!text.includes('createRequire(import.meta.url)')) return undefined;
        const imports: string[] = [];
        // A local `require` made with createRequire (packages loaded on first use) becomes the free `require`,
        // which esbuild sees and bundles, still loaded on first use.
        const contents = text.replace(/\bconst require = [^;\n]+;/g, '').replace(read, (_m, _q, path: string) => {
          const name = `__pxlcData${imports.length}`;
          imports.push(`import ${name} from ${JSON.stringify(path)};`);
          return name;
        });
        return { contents: `${imports.join('\n')}\n${contents}`, loader: 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * Packages that only some runs load, on first use: Apache Arrow (Arrow IPC files in --data) and the Parquet codecs
 * other than Snappy. In a one-file bundle Node would parse them at every start — half a display bundle, about 25 ms
 * of a 100 ms start-up — so the bundle carries each as the text of a CommonJS module, compressed, which the run that
 * imports it decompresses and V8 compiles. The text is made here, from the installed package, never from anything a user supplies.
 */
export const PACKAGES_AS_TEXT: readonly string[] = ['apache-arrow', 'hyparquet-compressors'];

/** The module standing for each such package, made once per process: every bundle of a run carries the same text. */
const packageTexts = new Map<string, Promise<string>>();

export function packagesAsText(): Plugin {
  return {
    name: 'pxlc-packages-as-text',
    setup(b) {
      onPackageImport(b, 'pxlc-package-text');
      b.onLoad({ filter: /.*/, namespace: 'pxlc-package-text' }, async (args) => {
        const resolveDir = args.pluginData as string;
        let contents = packageTexts.get(args.path);
        if (!contents) packageTexts.set(args.path, (contents = packageAsText(args.path, resolveDir)));
        return { contents: await contents, loader: 'js', resolveDir };
      });
    },
  };
}

/**
 * The same packages for the package's runtime (dist/runtime), which need not be one file: each is a CommonJS file
 * of its own in `outDir` (NAME.cjs), required from there when a run first imports it.
 */
export function packagesAsFiles(outDir: string): Plugin {
  return {
    name: 'pxlc-packages-as-files',
    setup(b) {
      onPackageImport(b, 'pxlc-package-file');
      // The stand-in's require of the file is left for Node, at run time.
      b.onResolve({ filter: /\.cjs$/, namespace: 'pxlc-package-file' }, (args) => ({
        path: args.path,
        external: true,
      }));
      b.onLoad({ filter: /.*/, namespace: 'pxlc-package-file' }, async (args) => {
        const file = `${args.path.replace(/\//g, '+')}.cjs`;
        await writeFile(join(outDir, file), await packageCommonJs(args.path, args.pluginData as string));
        return { contents: `module.exports = require(${JSON.stringify(`./${file}`)});`, loader: 'js' };
      });
    },
  };
}

/** import() of one of PACKAGES_AS_TEXT goes to `namespace`, with the directory it is resolved from. */
function onPackageImport(b: PluginBuild, namespace: string): void {
  const names = new RegExp(`^(${PACKAGES_AS_TEXT.map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`);
  b.onResolve({ filter: names }, (args) =>
    args.kind === 'dynamic-import' ? { path: args.path, namespace, pluginData: args.resolveDir } : undefined,
  );
}

/** `name` bundled into one CommonJS module, from the installed package. */
async function packageCommonJs(name: string, resolveDir: string): Promise<string> {
  const inner = await build({
    stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir, loader: 'js' },
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
    write: false,
  });
  return inner.outputFiles[0]!.text;
}

/** A module exporting `name`'s named exports from its CommonJS bundle, kept as text until first imported. */
async function packageAsText(name: string, resolveDir: string): Promise<string> {
  const code = await packageCommonJs(name, resolveDir);
  // The names the package exports, as its module namespace has them (the runtime only reads named exports).
  const exported = Object.keys((await import(name)) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const wrapped = `(function (module, exports, require) {${code}\n})`;
  // Brotli-compressed, in base64: every start reads the bundle's text, and this is 200 kB less of it (Apache Arrow's
  // 240 kB are 63 kB so); the run that imports the package decompresses it in about a millisecond.
  const compressed = brotliCompressSync(wrapped, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11 } }).toString('base64');
  return [
    // The body's require: node:zlib and node:vm are loaded only by the run that imports the package.
    "const { runInThisContext } = require('node:vm');",
    "const { brotliDecompressSync } = require('node:zlib');",
    'const m = { exports: {} };',
    `const text = brotliDecompressSync(Buffer.from(${JSON.stringify(compressed)}, 'base64')).toString();`,
    `runInThisContext(text, { filename: ${JSON.stringify(`${name} (in this bundle)`)} })(m, m.exports, require);`,
    `export const { ${exported.join(', ')} } = m.exports;`,
  ].join('\n');
}
