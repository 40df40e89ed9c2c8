// Compiling a script's text with V8's code cache, which Node 20 offers no ES module: what compiling and running
// the code compiled last time, read back instead of parsing the text again. Used for the one-file bundles and the
// package's runtime (bundle-body.ts) and for the OTLP transports (otel/transport-packages-cached.ts).
//
// The user's own cache is kept in their cache directory (cache-dir.ts), one file per script file and Node, and
// written when a process that compiled without it ends, so that it holds every function the run compiled. Before
// there is one, a cache of compiling the text alone may stand in: shipped beside the file by the build
// (FILE.v8-cache), or put in the user's cache when a bundle is made. A cache that is missing, for another Node or
// other V8 flags (V8 refuses it), or for another copy or text of the file, only means compiling as before; one that
// cannot be written is left unwritten; one that someone else could have written is not read (V8 runs what a code
// cache holds). PXLC_DISABLE_CODE_CACHE=1 compiles without any.

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheDir } from './cache-dir.js';

/** Where a file's cache is, and what it must match: the file as it was when the cache was written. */
interface CacheFile {
  readonly path: string;
  /** What the names of this file's caches have in common, for any text or Node: `-PATHHASH-`. */
  readonly sameFile: string;
  /** The file's size and modification time: a cache of another copy or an edited file is not used. */
  readonly stamp: string;
}

const MAGIC = 'pxlc-v8-code-cache\n';

/** Which cache V8 was given (the user's, of a run or of the bare compile; the one beside the file), and if it took it. */
export interface CodeCacheUse {
  readonly from: CacheKind | 'shipped' | 'none';
  readonly rejected: boolean;
}

/**
 * `text` (which hashes to `hash`) compiled as the script `file` with the best cache there is; when it was not the
 * user's own cache of a run, one is written when the process ends.
 */
export function compileWithCodeCache(
  file: string,
  text: string,
  hash: string,
): { script: Script; codeCache: CodeCacheUse } {
  const cache = cacheFileFor(file, hash);
  const own = cache ? readCache(cache) : undefined;
  // Without one of its own yet, the cache of the bare compile made with the file (shipCodeCache), if any.
  const cachedData = own?.data ?? (cache ? readShipped(file, hash) : undefined);
  const script = new Script(text, { filename: file, ...(cachedData ? { cachedData } : {}) });
  // Written when the process ends, so that it holds every function the run compiled (a service that never ends
  // never needed it).
  if (cache && !(own?.kind === 'run' && !script.cachedDataRejected))
    process.once('exit', () => writeCache(cache, 'run', script.createCachedData()));
  const from = own ? own.kind : cachedData ? 'shipped' : 'none';
  return { script, codeCache: { from, rejected: script.cachedDataRejected === true } };
}

/**
 * What a cache holds: everything a run compiled (written when it ended), or only what compiling the code does
 * before running it (made with the module, so that its first run does not parse it all: replaced by a run's).
 */
export type CacheKind = 'run' | 'compiled';

/** V8's cache of compiling `text` alone, as the script `file`. */
function compiledCache(file: string, text: string): Buffer {
  return new Script(text, { filename: file }).createCachedData();
}

/**
 * Writes beside `file` (dist/runtime/index.js, transports.cjs) the cache `data` (by default, of compiling its
 * `text` alone): its first run on this Node, before it has a cache of its own, starts from it.
 */
export function shipCodeCache(file: string, text: string, hash: string, data = compiledCache(file, text)): void {
  writeFileSync(`${file}.v8-cache`, Buffer.concat([Buffer.from(`${MAGIC}${hash}\ncompiled\n`), data]));
}

/** Puts in the user's cache the cache of compiling `file`'s `text` alone, as its first run would find it. */
export function primeCodeCache(file: string, text: string, hash: string): void {
  const cache = cacheFileFor(file, hash);
  if (cache) writeCache(cache, 'compiled', compiledCache(file, text));
}

function cacheFileFor(file: string, hash: string): CacheFile | undefined {
  if (process.env['PXLC_DISABLE_CODE_CACHE'] === '1') return undefined;
  try {
    const s = statSync(file);
    // Copies of a bundle in two places keep a cache each, instead of writing one cache in turns.
    const sameFile = `-${fnv1a(file)}-`;
    return {
      path: join(cacheDir(), 'code', `${hash}${sameFile}${process.version}-${process.arch}.v8`),
      sameFile,
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
 * The user's cache, when only they could have written it: V8 runs what a code cache holds, so a cache file or
 * directory that another user owns or may write (PXLC_CACHE_DIR set to a shared directory) is not read.
 */
function readCache(cache: CacheFile): { data: Buffer; kind: CacheKind } | undefined {
  const headers = (['run', 'compiled'] as const).map((kind) => `${MAGIC}${cache.stamp}${kind}\n`);
  const read = readHeaded(cache.path, headers, false);
  return read && { data: read.data, kind: read.header === 0 ? 'run' : 'compiled' };
}

/** The cache shipped beside the module, for its text (`hash`), when only its owner or root may write it. */
function readShipped(file: string, hash: string): Buffer | undefined {
  return readHeaded(`${file}.v8-cache`, [`${MAGIC}${hash}\ncompiled\n`], true)?.data;
}

/** The data after whichever of `headers` the file at `path` starts with, when no one else could have written it. */
function readHeaded(
  path: string,
  headers: readonly string[],
  rootToo: boolean,
): { data: Buffer; header: number } | undefined {
  let data: Buffer;
  try {
    if (!ownedAlone(dirname(path), rootToo) || !ownedAlone(path, rootToo)) return undefined;
    data = readFileSync(path);
  } catch {
    return undefined;
  }
  const header = headers.findIndex((h) => data.toString('latin1', 0, h.length) === h);
  return header < 0 ? undefined : { data: data.subarray(headers[header]!.length), header };
}

/** Owned by this user (or by root, where `rootToo`: an installed package) and written by no one else. */
function ownedAlone(path: string, rootToo = false): boolean {
  const s = statSync(path);
  // Windows has no owner ids or mode bits here (every writable file reads 0o666): its access lists keep a user's
  // profile, where the cache directory is, to that user.
  if (process.getuid === undefined) return true;
  const owner = s.uid === process.getuid() || (rootToo && s.uid === 0);
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
    // The caches of this file's earlier texts (a bundle compiled again, pxlc updated) or of another Node are never
    // read again: one file's caches do not pile up.
    const dir = dirname(cache.path);
    for (const name of readdirSync(dir))
      if (name.includes(cache.sameFile) && name.endsWith('.v8') && join(dir, name) !== cache.path)
        rmSync(join(dir, name), { force: true });
  } catch {
    // A cache directory that cannot be written (read-only, full, not a directory) costs only the cache.
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written.
    }
  }
}
