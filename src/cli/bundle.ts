// `pxlc compile FILE.pxl --bundle -o out.mjs`: the compiled module and the runtime it imports in one ES module,
// built by esbuild, that runs with `node out.mjs` in a directory with no node_modules. gRPC, protobufjs and the
// OTLP definitions go inside when the script exports (the definitions are a generated module, nothing is read from
// disk); a script that exports nothing leaves them out. The packages a
// run loads only when asked (`--engine`'s DuckDB and ClickHouse clients, danfo.js for `dataFrame()`) stay out:
// the runtime imports them at the point of use and names the package to install when one is missing.

import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';
import { RUNTIME_URL } from '../index.js';
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

/** `js` imports the runtime as `pxlc/runtime` (RUNTIME_PACKAGE); the bundle is written to `outFile`. */
export async function bundleModule(
  js: string,
  sourcePath: string,
  outFile: string,
  options: BundleOptions,
): Promise<BundleResult> {
  const result = await build({
    stdin: {
      contents: js,
      resolveDir: dirname(resolve(outFile)),
      sourcefile: sourcePath.replace(/\.pxl$/, '.js'),
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: outFile,
    minify: true,
    keepNames: true,
    legalComments: 'none',
    logLevel: 'silent',
    metafile: true,
    external: [...LEFT_OUT_OF_BUNDLES],
    // The CommonJS packages inside (grpc-js, protobufjs) call require() for Node's built-in modules.
    banner: {
      js: "import { createRequire as __pxlcCreateRequire } from 'node:module'; const require = __pxlcCreateRequire(import.meta.url);",
    },
    plugins: [
      runtimeByName(),
      inlineDataFiles(),
      withoutHtmlReport(),
      packagesAsText(),
      ...(options.exports ? [] : [withoutSending()]),
    ],
  });
  const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
  return { bytes };
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

/** The modules only sending reaches, and what each is asked for (see `withoutSending`). */
const SENDING_ONLY: Readonly<Record<string, readonly string[]>> = {
  'runtime/otel/transport.js': ['openChannel'],
  'runtime/otel/proto.js': ['requestType', 'responseType'],
};

/**
 * A script without px.export never sends: the modules only sending reaches are replaced by ones that say so if
 * anything ever calls them (a bug in pxlc), so the bundle does not carry gRPC, the OpenTelemetry exporters and
 * protobufjs behind them.
 */
function withoutSending(): Plugin {
  return {
    name: 'pxlc-without-sending',
    setup(b) {
      b.onResolve({ filter: /(transport|proto)\.js$/ }, (args) => {
        const file = resolve(args.resolveDir, args.path);
        const key = Object.keys(SENDING_ONLY).find((k) => file === resolve(PXLC_SRC, k));
        return key !== undefined ? { path: key, namespace: 'pxlc-not-sending' } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: 'pxlc-not-sending' }, (args) => ({
        contents: (SENDING_ONLY[args.path] ?? [])
          .map(
            (name) =>
              `export function ${name}() { throw new Error('internal: ${args.path} is not in this bundle, made for a script that exports nothing'); }`,
          )
          .join('\n'),
        loader: 'js',
      }));
    },
  };
}

/**
 * `--output html` inlines the report page's browser bundle (1.4 MB of chart libraries), which pxlc reads from its
 * own dist/web/: a one-file bundle leaves it out, and asking for it is a usage error that says where it works.
 */
function withoutHtmlReport(): Plugin {
  return {
    name: 'pxlc-without-html-report',
    setup(b) {
      b.onResolve({ filter: /report\.js$/ }, (args) =>
        resolve(args.resolveDir, args.path) === resolve(PXLC_SRC, 'runtime/view/report.js')
          ? { path: 'report', namespace: 'pxlc-no-report' }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'pxlc-no-report' }, () => ({
        contents: `import { PxlRuntimeError } from ${JSON.stringify(resolve(PXLC_SRC, 'core/errors.js'))};
export async function htmlReport() {
  throw new PxlRuntimeError('--output html is not in a module compiled with --bundle (the report page would add 1.4 MB to every bundle)', [
    'write the report with pxlc installed: pxlc run SCRIPT.pxl --output html, or a module compiled without --bundle',
  ]);
}`,
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
 * of a 100 ms start-up — so the bundle carries each as the text of a CommonJS module, compiled by V8 only when a run
 * imports it. The text is made here, from the installed package, never from anything a user supplies.
 */
export const PACKAGES_AS_TEXT: readonly string[] = ['apache-arrow', 'hyparquet-compressors'];

/** The module standing for each such package, made once per process: every bundle of a run carries the same text. */
const packageTexts = new Map<string, Promise<string>>();

function packagesAsText(): Plugin {
  const names = new RegExp(`^(${PACKAGES_AS_TEXT.map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|')})$`);
  return {
    name: 'pxlc-packages-as-text',
    setup(b) {
      b.onResolve({ filter: names }, (args) =>
        args.kind === 'dynamic-import'
          ? { path: args.path, namespace: 'pxlc-package-text', pluginData: args.resolveDir }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace: 'pxlc-package-text' }, async (args) => {
        const resolveDir = args.pluginData as string;
        let contents = packageTexts.get(args.path);
        if (!contents) packageTexts.set(args.path, (contents = packageAsText(args.path, resolveDir)));
        return { contents: await contents, loader: 'js', resolveDir };
      });
    },
  };
}

/** A module exporting `name`'s named exports from its CommonJS bundle, kept as text until first imported. */
async function packageAsText(name: string, resolveDir: string): Promise<string> {
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
  const code = inner.outputFiles[0]!.text;
  // The names the package exports, as its module namespace has them (the runtime only reads named exports).
  const exported = Object.keys((await import(name)) as object).filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));
  const wrapped = `(function (module, exports, require) {${code}\n})`;
  return [
    // The bundle's own require (its banner): a static import of node:vm would load it at every start.
    "const { runInThisContext } = require('node:vm');",
    'const m = { exports: {} };',
    `runInThisContext(${JSON.stringify(wrapped)}, { filename: ${JSON.stringify(`${name} (in this bundle)`)} })(m, m.exports, require);`,
    `export const { ${exported.join(', ')} } = m.exports;`,
  ].join('\n');
}
