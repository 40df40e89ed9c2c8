// The pre-bundled runtime's stand-in for transport-packages.ts (scripts/build-runtime.mjs puts it in its place):
// the same packages, from dist/runtime/transports.cjs — one CommonJS file the build made of them — compiled with a
// V8 code cache (code-cache.ts): the user's own, else the one the build wrote beside it after initialising what
// gRPC delivery uses. Compiling grpc-js and the exporters is most of what loading them costs, and the cache lets V8
// skip it. A cache V8 cannot use (another Node version, other V8 flags) is rejected by V8 and the file is compiled
// as usual, and the user's own written when the run ends.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Script } from 'node:vm';
import { compileWithCodeCache, shipCodeCache, type CodeCacheUse } from '../code-cache.js';
import type { Grpc, GrpcExporterBase, HttpExporterBase } from './transport-packages.js';

/** What transports.cjs exports: getters, so each package is initialised when first asked for. */
interface Transports {
  readonly grpc: Grpc;
  readonly grpcBase: GrpcExporterBase;
  readonly httpBase: HttpExporterBase;
}

// From dist/src/runtime/otel/ (where this module's URL points inside the bundle too) to dist/runtime/.
const FILE = fileURLToPath(new URL('../../../runtime/transports.cjs', import.meta.url));

interface Loaded {
  readonly source: string;
  readonly script: Script;
  readonly codeCache: CodeCacheUse;
  readonly exports: Transports;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  // Node's own CommonJS wrapper, on the file's first line so that its line numbers stay those of the file.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(FILE, 'utf8')}\n})`;
  const { script, codeCache } = compileWithCodeCache(FILE, source, textKey(source));
  const module = { exports: {} as Transports };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init(module.exports, createRequire(FILE), module, FILE, dirname(FILE));
  loaded = { source, script, codeCache, exports: module.exports };
  return loaded;
}

/**
 * What pairs the text with its caches: its length. Hashing half a megabyte costs about 10 ms at start-up; the cache
 * beside it comes from the same build, and the user's is checked against the file's size and time as well.
 */
function textKey(source: string): string {
  return `transports-${source.length}`;
}

export function grpcPackages(): { readonly grpc: Grpc; readonly base: GrpcExporterBase } {
  const { exports } = load();
  return { grpc: exports.grpc, base: exports.grpcBase };
}

export function httpPackage(): HttpExporterBase {
  return load().exports.httpBase;
}

/** Which code cache the packages were compiled with, once they are loaded. */
export function transportsCodeCache(): CodeCacheUse | undefined {
  return loaded?.codeCache;
}

/**
 * For the build: initialises what gRPC delivery uses and writes V8's cache of all it compiled beside
 * transports.cjs, where a first exporting run on this Node starts from it.
 */
export function shipTransportsCodeCache(): void {
  grpcPackages();
  const { source, script } = load();
  shipCodeCache(FILE, source, textKey(source), script.createCachedData());
}
