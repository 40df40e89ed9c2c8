// The pre-bundled runtime's stand-in for transport-packages.ts (scripts/build-runtime.mjs puts it in its place):
// the same packages, from dist/runtime/transports.cjs — one CommonJS file the build made of them — compiled with
// the V8 code cache the build wrote beside it. Compiling grpc-js and the exporters is most of what loading them
// costs, and the cache lets V8 skip it. A cache V8 cannot use (another Node version, other V8 flags) is rejected by
// V8 and the file is compiled as usual.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { Grpc, GrpcExporterBase, HttpExporterBase } from './transport-packages.js';

/** What transports.cjs exports: getters, so each package is initialised when first asked for. */
interface Transports {
  readonly grpc: Grpc;
  readonly grpcBase: GrpcExporterBase;
  readonly httpBase: HttpExporterBase;
}

// From dist/src/runtime/otel/ (where this module's URL points inside the bundle too) to dist/runtime/.
const FILE = fileURLToPath(new URL('../../../runtime/transports.cjs', import.meta.url));
export const TRANSPORTS_CODE_CACHE = `${FILE}.cache`;

let loaded: { readonly script: Script; readonly exports: Transports } | undefined;

function load(): { readonly script: Script; readonly exports: Transports } {
  if (loaded) return loaded;
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(TRANSPORTS_CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  // Node's own CommonJS wrapper, on the file's first line so that its line numbers stay those of the file.
  const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(FILE, 'utf8')}\n})`;
  const script = new Script(source, { filename: FILE, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Transports };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init(module.exports, createRequire(FILE), module, FILE, dirname(FILE));
  loaded = { script, exports: module.exports };
  return loaded;
}

export function grpcPackages(): { readonly grpc: Grpc; readonly base: GrpcExporterBase } {
  const { exports } = load();
  return { grpc: exports.grpc, base: exports.grpcBase };
}

export function httpPackage(): HttpExporterBase {
  return load().exports.httpBase;
}

/** Whether V8 refused the code cache (undefined: there was none), once the packages are loaded. */
export function transportsCodeCacheRejected(): boolean | undefined {
  return loaded?.script.cachedDataRejected;
}

/** For the build: initialises what gRPC delivery uses and returns V8's code cache of all it compiled. */
export function transportsCodeCache(): Buffer {
  grpcPackages();
  return load().script.createCachedData();
}
