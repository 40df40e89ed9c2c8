// The start of a one-file bundle (`pxlc compile --bundle`, src/cli/bundle.ts). The bundle is a small ES module
// holding its code — the compiled script and the runtime — as the text of a CommonJS-style function, which this
// module compiles with V8's code cache. Node 20 caches no ES module's compilation, and parsing the half megabyte
// of code was most of a bundle's start-up; with the cache V8 reads what it compiled last time instead. (Keeping
// the text in comments after the module, read back from the file, measured the same.)
//
// The cache is kept in the user's cache directory (cache-dir.ts), one file per bundle and Node, and written when
// the first run ends, so that it holds every function that run compiled. A cache that is missing, for another Node or
// other V8 flags (V8 refuses it), or for another copy of the bundle file, only means compiling as before and writing
// it again; one that cannot be written is left unwritten. PXLC_DISABLE_CODE_CACHE=1 compiles without one.

import { createRequire } from 'node:module';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { cacheDir } from './cache-dir.js';

/** What the body's code calls the bundle module's `import.meta.url` and its import() (besides CommonJS's names). */
export const BODY_MODULE_URL = '__pxlcModuleUrl';
export const BODY_IMPORT = '__pxlcImport';
const BODY_PARAMETERS = ['exports', 'require', 'module', '__filename', '__dirname', BODY_MODULE_URL, BODY_IMPORT];

/**
 * The bundle's code as the function the body's text is (written so when bundling: wrapping it here would copy half
 * a megabyte again at every start).
 */
export function bodyFunction(code: string): string {
  return `(function (${BODY_PARAMETERS.join(', ')}) {${code}\n})`;
}

/** What the body exports: the compiled script's exports and `runIfMain`, or the runtime's. */
export type BodyExports = Readonly<Record<string, unknown>> & {
  /** A compiled script's: runs it as a program when `moduleUrl` is the module node was asked to run. */
  readonly runIfMain?: (moduleUrl: string) => Promise<void>;
};

/** Where a bundle's cache is, and what it must match: the bundle file as it was when the cache was written. */
interface CacheFile {
  readonly path: string;
  /** The bundle file's size and modification time: a cache of another copy or an edited file is not used. */
  readonly stamp: string;
}

const MAGIC = 'pxlc-v8-code-cache\n';

/**
 * Compiles and runs `body` (a `bodyFunction`, whose text hashes to `hash`, computed when bundling) for the bundle
 * module at `moduleUrl`; `importPackage` is that module's import().
 */
export function loadBody(
  moduleUrl: string,
  body: string,
  hash: string,
  importPackage: (name: string) => Promise<unknown>,
): LoadedBody {
  const file = fileURLToPath(moduleUrl);
  const cache = cacheFileFor(file, hash);
  const own = cache ? readCache(cache) : undefined;
  // Without one of its own yet, the cache of the bare compile made with the module (shipCodeCache), if any.
  const cachedData = own?.data ?? (cache ? readShipped(file, hash) : undefined);
  const script = new Script(body, {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as BodyExports };
  const run = script.runInThisContext() as (...args: unknown[]) => void;
  run(module.exports, createRequire(moduleUrl), module, file, dirname(file), moduleUrl, importPackage);
  // Written when the process ends, so that it holds every function the run compiled (a service that never ends
  // never needed it).
  if (cache && !(own?.kind === 'run' && !script.cachedDataRejected))
    process.once('exit', () => writeCache(cache, 'run', script.createCachedData()));
  const from = own ? own.kind : cachedData ? 'shipped' : 'none';
  return { exports: module.exports, codeCache: { from, rejected: script.cachedDataRejected === true } };
}

export interface LoadedBody {
  readonly exports: BodyExports;
  /** Which cache V8 was given (the user's, of a run or of the bare compile; the one beside the module), and if it took it. */
  readonly codeCache: { readonly from: CacheKind | 'shipped' | 'none'; readonly rejected: boolean };
}

/**
 * What a cache holds: everything a run compiled (written when it ended), or only what compiling the code does
 * before running it (made with the module, so that its first run does not parse it all: replaced by a run's).
 */
type CacheKind = 'run' | 'compiled';

/** V8's cache of compiling `body` alone, for the module `file`. */
function compiledCache(file: string, body: string): Buffer {
  return new Script(body, { filename: file }).createCachedData();
}

/**
 * Writes beside the module `file` (dist/runtime/index.js) the cache of compiling its `body`: its first run on
 * this Node, before it has a cache of its own, starts from it.
 */
export function shipCodeCache(file: string, body: string, hash: string): void {
  writeFileSync(
    `${file}.v8-cache`,
    Buffer.concat([Buffer.from(`${MAGIC}${hash}\ncompiled\n`), compiledCache(file, body)]),
  );
}

/** Puts in the user's cache the cache of compiling the bundle `file`'s `body`, as its first run would find it. */
export function primeCodeCache(file: string, body: string, hash: string): void {
  const cache = cacheFileFor(file, hash);
  if (cache) writeCache(cache, 'compiled', compiledCache(file, body));
}

function cacheFileFor(file: string, hash: string): CacheFile | undefined {
  if (process.env['PXLC_DISABLE_CODE_CACHE'] === '1') return undefined;
  try {
    const s = statSync(file);
    // Copies of a bundle in two places keep a cache each, instead of writing one cache in turns.
    return {
      path: join(cacheDir(), 'code', `${hash}-${fnv1a(file)}-${process.version}-${process.arch}.v8`),
      stamp: `${s.size} ${s.mtimeMs}\n`,
    };
  } catch {
    return undefined;
  }
}

/** A short name for a path (FNV-1a, 32 bits): node:crypto would cost more to load than the whole cache saves here. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The cache, when only this user could have written it: V8 runs what a code cache holds, so a cache file or
 * directory that another user owns or may write (PXLC_CACHE_DIR set to a shared directory) is not read.
 */
function readCache(cache: CacheFile): { data: Buffer; kind: CacheKind } | undefined {
  let data: Buffer;
  try {
    if (!ownedAlone(dirname(cache.path)) || !ownedAlone(cache.path)) return undefined;
    data = readFileSync(cache.path);
  } catch {
    return undefined;
  }
  for (const kind of ['run', 'compiled'] as const) {
    const header = `${MAGIC}${cache.stamp}${kind}\n`;
    if (data.toString('latin1', 0, header.length) === header) return { data: data.subarray(header.length), kind };
  }
  return undefined;
}

/** The cache shipped beside the module, for its text (`hash`), when only its owner or root may write it. */
function readShipped(file: string, hash: string): Buffer | undefined {
  const path = `${file}.v8-cache`;
  let data: Buffer;
  try {
    if (!ownedAlone(dirname(path), true) || !ownedAlone(path, true)) return undefined;
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  const header = `${MAGIC}${hash}\ncompiled\n`;
  return data.toString('latin1', 0, header.length) === header ? data.subarray(header.length) : undefined;
}

/** Owned by this user (or by root, where `rootToo`: an installed package) and written by no one else. */
function ownedAlone(path: string, rootToo = false): boolean {
  const s = statSync(path);
  const owner = process.getuid === undefined || s.uid === process.getuid() || (rootToo && s.uid === 0);
  return owner && (s.mode & 0o022) === 0;
}

/** Written whole or not at all (a temporary file renamed into place), so that a run never reads half a cache. */
function writeCache(cache: CacheFile, kind: CacheKind, data: Buffer): void {
  const temporary = `${cache.path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(cache.path), { recursive: true, mode: 0o700 });
    writeFileSync(temporary, Buffer.concat([Buffer.from(`${MAGIC}${cache.stamp}${kind}\n`, 'latin1'), data]), {
      mode: 0o600,
    });
    renameSync(temporary, cache.path);
  } catch {
    // A cache directory that cannot be written (read-only, full, not a directory) costs only the cache.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}
