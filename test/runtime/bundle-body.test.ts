// Which V8 code cache a body is compiled with (src/runtime/bundle-body.ts): the user's own, written when a run
// ends; else, on a first run, the cache of the bare compile made with the module (shipped beside the package's
// runtime, or put in the user's cache by `pxlc compile --bundle`); never one that someone else could have written.

import test from 'ava';
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bodyFunction, loadBody } from '../../src/runtime/bundle-body.js';
import { primeCodeCache, shipCodeCache } from '../../src/runtime/code-cache.js';

const noImport = () => Promise.reject(new Error('no import here'));

/** A module file with a small body, a cache directory of its own for this test's process. */
async function moduleWithBody(code: string): Promise<{ file: string; url: string; body: string; hash: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-body-'));
  const file = join(dir, 'module.mjs');
  await writeFile(file, '// the bundle module; its body is given to loadBody\n');
  return { file, url: pathToFileURL(file).href, body: bodyFunction(code), hash: `h${dir.slice(-6)}` };
}

test.before(async () => {
  process.env['PXLC_CACHE_DIR'] = await mkdtemp(join(tmpdir(), 'pxlc-body-cache-'));
});

test('with no cache the body compiles from its text; its exports are the module.exports it sets', async (t) => {
  const m = await moduleWithBody('module.exports = { answer: () => 6 * 7, url: __pxlcModuleUrl };');
  const loaded = loadBody(m.url, m.body, m.hash, noImport);
  t.deepEqual(loaded.codeCache, { from: 'none', rejected: false });
  t.is((loaded.exports['answer'] as () => number)(), 42);
  t.is(loaded.exports['url'], m.url);
});

test('the cache shipped beside the module is used on a first run, for its own text only', async (t) => {
  const m = await moduleWithBody('module.exports = { f() { return [1, 2, 3].map((x) => x * 2); } };');
  shipCodeCache(m.file, m.body, m.hash);
  const first = loadBody(m.url, m.body, m.hash, noImport);
  t.deepEqual(first.codeCache, { from: 'shipped', rejected: false });
  t.deepEqual((first.exports['f'] as () => number[])(), [2, 4, 6]);
  // For another text (another build of the module), it is not used.
  t.deepEqual(loadBody(m.url, bodyFunction('module.exports = 1;'), 'other', noImport).codeCache, {
    from: 'none',
    rejected: false,
  });
  // Nor when others may write it.
  await chmod(`${m.file}.v8-cache`, 0o666);
  t.deepEqual(loadBody(m.url, m.body, m.hash, noImport).codeCache, { from: 'none', rejected: false });
  const header = (await readFile(`${m.file}.v8-cache`, 'latin1')).split('\n').slice(0, 3);
  t.deepEqual(header, ['pxlc-v8-code-cache', m.hash, 'compiled']);
});

test("a bundle's primed cache is the user's, of the bare compile, checked against the file as it is", async (t) => {
  const m = await moduleWithBody('module.exports = { g: (s) => s.toUpperCase() };');
  primeCodeCache(m.file, m.body, m.hash);
  const primed = loadBody(m.url, m.body, m.hash, noImport);
  t.deepEqual(primed.codeCache, { from: 'compiled', rejected: false });
  t.is((primed.exports['g'] as (s: string) => string)('pxl'), 'PXL');
  // A changed file: the cache is not for it.
  await writeFile(m.file, '// edited\n');
  t.deepEqual(loadBody(m.url, m.body, m.hash, noImport).codeCache, { from: 'none', rejected: false });
});
