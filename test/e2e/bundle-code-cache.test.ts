// A one-file bundle compiles its code with V8's code cache, kept in the user's cache directory
// (src/runtime/bundle-body.ts): the first run writes it, later runs use it, and a cache that is missing, damaged,
// for another copy of the file or impossible to write only costs the time of compiling as before.

import test from 'ava';
import { chmod, mkdir, mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node, pxlc } from '../support/cli.js';

const SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-30s')
df = df.groupby(['req_path']).agg(requests=('latency', px.count))
px.display(df, 'paths')
`;

/** http_events as NDJSON (times exact, beyond 2^53). */
const ROWS = `{"time_":1767225600000000000,"req_path":"/a","latency":5}
{"time_":1767225600000000001,"req_path":"/b","latency":7}
{"time_":1767225600000000002,"req_path":"/a","latency":9}
`;

const PATHS = `paths (2 rows)
req_path  requests
--------  --------
/a               2
/b               1

`;

/** A directory with the bundle paths.mjs, its data (data/http_events.ndjson) and a cache directory to be. */
async function bundled(): Promise<{ dir: string; bundle: string; cache: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bundle-cache-'));
  await writeFile(join(dir, 'paths.pxl'), SCRIPT);
  // Compiled without priming the cache (see the last test).
  const r = await pxlc(['compile', 'paths.pxl', '--bundle', '-o', 'paths.mjs'], {
    cwd: dir,
    env: { PXLC_DISABLE_CODE_CACHE: '1' },
  });
  if (r.code !== 0) throw new Error(r.stderr);
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'data', 'http_events.ndjson'), ROWS);
  return { dir, bundle: join(dir, 'paths.mjs'), cache: join(dir, 'cache') };
}

/** `node paths.mjs` on the data beside it, with `env`. */
function runBundle(dir: string, env: Record<string, string>) {
  return node(['paths.mjs', '--data', 'data', '--now', 'latest'], { cwd: dir, env });
}

async function cacheFiles(cache: string): Promise<string[]> {
  try {
    return await readdir(join(cache, 'code'));
  } catch {
    return [];
  }
}

test('the first run writes the code cache, readable only by its owner; the next run uses it as it is', async (t) => {
  const { dir, cache } = await bundled();
  const first = await runBundle(dir, { PXLC_CACHE_DIR: cache });
  t.is(first.code, 0, first.stderr);
  t.is(first.stdout, PATHS);
  const files = await cacheFiles(cache);
  t.is(files.length, 1);
  t.regex(
    files[0]!,
    new RegExp(`^[0-9a-f]{24}-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}\\.v8$`),
  );
  const file = join(cache, 'code', files[0]!);
  t.is((await stat(join(cache, 'code'))).mode & 0o777, 0o700);
  t.is((await stat(file)).mode & 0o777, 0o600);
  const written = await readFile(file);
  const second = await runBundle(dir, { PXLC_CACHE_DIR: cache });
  t.is(second.code, 0, second.stderr);
  t.is(second.stdout, PATHS);
  // V8 took it: a cache it refused would have been written again, with other bytes.
  t.deepEqual(await readFile(file), written);
});

test('a cache written for the file as it was before it changed is not used, and is written again', async (t) => {
  const { dir, bundle, cache } = await bundled();
  t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).code, 0);
  const [name] = await cacheFiles(cache);
  const before = await readFile(join(cache, 'code', name!), 'latin1');
  const later = new Date(Date.now() + 60_000);
  await utimes(bundle, later, later);
  const r = await runBundle(dir, { PXLC_CACHE_DIR: cache });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, PATHS);
  const after = await readFile(join(cache, 'code', name!), 'latin1');
  t.not(after.split('\n')[1], before.split('\n')[1]);
  t.is(after.split('\n')[1], `${(await stat(bundle)).size} ${(await stat(bundle)).mtimeMs}`);
});

test('a damaged or cut-off cache is refused by V8: the run prints the same and writes a good one', async (t) => {
  const { dir, cache } = await bundled();
  t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).code, 0);
  const [name] = await cacheFiles(cache);
  const file = join(cache, 'code', name!);
  const good = await readFile(file);
  const headerEnd = good.indexOf('\n', good.indexOf('\n') + 1) + 1;
  const damaged = Buffer.from(good);
  for (let i = headerEnd; i < damaged.length; i += 7) damaged[i] = (damaged[i]! * 31 + 17) & 0xff;
  for (const bad of [damaged, good.subarray(0, headerEnd + Math.floor((good.length - headerEnd) / 2))]) {
    await writeFile(file, bad);
    const r = await runBundle(dir, { PXLC_CACHE_DIR: cache });
    t.is(r.code, 0, r.stderr);
    t.is(r.stdout, PATHS);
    t.is(r.stderr, '');
    const rewritten = await readFile(file);
    t.notDeepEqual(rewritten, bad);
    // and V8 takes the new one.
    t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).code, 0);
    t.deepEqual(await readFile(file), rewritten);
  }
});

test('a cache file or directory that others may write is not read: the run compiles and writes its own', async (t) => {
  const { dir, cache } = await bundled();
  t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).code, 0);
  const [name] = await cacheFiles(cache);
  const file = join(cache, 'code', name!);
  const good = await readFile(file);
  // A cache V8 would take, but writable by anyone: it is replaced by one only its owner may write.
  await chmod(file, 0o666);
  let r = await runBundle(dir, { PXLC_CACHE_DIR: cache });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, PATHS);
  t.is((await stat(file)).mode & 0o777, 0o600);
  // The same in a directory anyone may write: not read, so written again at every run.
  await chmod(join(cache, 'code'), 0o777);
  await writeFile(file, good);
  const before = (await stat(file)).mtimeMs;
  await new Promise((resolve) => setTimeout(resolve, 20));
  r = await runBundle(dir, { PXLC_CACHE_DIR: cache });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, PATHS);
  t.true((await stat(file)).mtimeMs > before);
});

test('a cache directory that cannot be made costs only the cache; PXLC_DISABLE_CODE_CACHE=1 writes none', async (t) => {
  const { dir, cache } = await bundled();
  const aFile = join(dir, 'paths.pxl');
  const unwritable = await runBundle(dir, { PXLC_CACHE_DIR: join(aFile, 'cache') });
  t.is(unwritable.code, 0, unwritable.stderr);
  t.is(unwritable.stdout, PATHS);
  t.is(unwritable.stderr, '');
  const disabled = await runBundle(dir, { PXLC_CACHE_DIR: cache, PXLC_DISABLE_CODE_CACHE: '1' });
  t.is(disabled.code, 0, disabled.stderr);
  t.is(disabled.stdout, PATHS);
  t.deepEqual(await cacheFiles(cache), []);
});

test("imported by a service, the bundle exports the compiled module's names and run() works, cached or not", async (t) => {
  const { dir, cache } = await bundled();
  await writeFile(
    join(dir, 'service.mjs'),
    `import * as m from './paths.mjs';
const result = await m.run({ data: 'data', now: 'latest' });
const paths = Object.entries(result.columns('paths')).map(([name, values]) => [name, values.map(String)]);
console.log(JSON.stringify({ names: Object.keys(m).sort(), script: m.script.name, paths: Object.fromEntries(paths) }));
`,
  );
  const expected = {
    names: ['execute', 'run', 'script'],
    script: 'paths',
    paths: { req_path: ['/a', '/b'], requests: ['2', '1'] },
  };
  for (const run of ['first', 'cached']) {
    const r = await node(['service.mjs'], { cwd: dir, env: { PXLC_CACHE_DIR: cache } });
    t.is(r.code, 0, `${run}: ${r.stderr}`);
    t.deepEqual(JSON.parse(r.stdout), expected, run);
  }
  t.is((await cacheFiles(cache)).length, 1);
});

test('pxlc compile --bundle primes the cache with the compiled code; the first run replaces it with all it ran', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bundle-primed-'));
  const cache = join(dir, 'cache');
  await writeFile(join(dir, 'paths.pxl'), SCRIPT);
  const compiled = await pxlc(['compile', 'paths.pxl', '--bundle', '-o', 'paths.mjs'], {
    cwd: dir,
    env: { PXLC_CACHE_DIR: cache },
  });
  t.is(compiled.code, 0, compiled.stderr);
  const [name] = await cacheFiles(cache);
  const file = join(cache, 'code', name!);
  const kind = async () => (await readFile(file, 'latin1')).split('\n')[2];
  t.is(await kind(), 'compiled');
  await mkdir(join(dir, 'data'));
  await writeFile(join(dir, 'data', 'http_events.ndjson'), ROWS);
  const first = await runBundle(dir, { PXLC_CACHE_DIR: cache });
  t.is(first.code, 0, first.stderr);
  t.is(first.stdout, PATHS);
  t.is(await kind(), 'run');
  const ran = await readFile(file);
  t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).stdout, PATHS);
  t.deepEqual(await readFile(file), ran);
});

test("compiled again, a bundle's new cache replaces the old one's: one file's caches do not pile up", async (t) => {
  const { dir, cache } = await bundled();
  t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).code, 0);
  const [before] = await cacheFiles(cache);
  // Another script in the same file: another text, so another cache.
  await writeFile(join(dir, 'paths.pxl'), SCRIPT.replace('px.count)', "px.count), n=('latency', px.count)"));
  const again = await pxlc(['compile', 'paths.pxl', '--bundle', '-o', 'paths.mjs'], {
    cwd: dir,
    env: { PXLC_DISABLE_CODE_CACHE: '1' },
  });
  t.is(again.code, 0, again.stderr);
  t.is((await runBundle(dir, { PXLC_CACHE_DIR: cache })).code, 0);
  const after = await cacheFiles(cache);
  t.is(after.length, 1);
  t.not(after[0], before);
});
