// A one-file bundle (`pxlc compile --bundle`) carries Apache Arrow and the Parquet codecs other than Snappy as text,
// compiled only when a run reads such a file: they still work from a directory with no node_modules, and a run that
// never reads one does not parse them.

import test from 'ava';
import { DuckDBInstance } from '@duckdb/node-api';
import * as arrow from 'apache-arrow';
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { node, pxlc } from '../support/cli.js';

const SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-30s')
df = df.groupby(['req_path']).agg(requests=('latency', px.count))
px.display(df, 'paths')
`;

const NOW = 1_767_225_600_000_000_000n;

const PATHS = `paths (2 rows)
req_path  requests
--------  --------
/a               2
/b               1

`;

/** An empty directory (no node_modules anywhere above it that holds pxlc's packages) with the bundle in it. */
async function bundled(): Promise<{ dir: string; bundle: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bundle-text-'));
  await writeFile(join(dir, 'paths.pxl'), SCRIPT);
  const r = await pxlc(['compile', 'paths.pxl', '--bundle', '-o', 'paths.mjs'], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  return { dir, bundle: join(dir, 'paths.mjs') };
}

const bundle = bundled();

/** http_events.arrow with three rows, in a new directory under `dir`. */
async function arrowData(dir: string, name: string): Promise<string> {
  const data = join(dir, name);
  await mkdir(data);
  const table = new arrow.Table({
    time_: arrow.vectorFromArray([NOW, NOW + 1n, NOW + 2n], new arrow.Int64()),
    req_path: arrow.vectorFromArray(['/a', '/b', '/a'], new arrow.Utf8()),
    latency: arrow.vectorFromArray([5n, 7n, 9n], new arrow.Int64()),
  });
  await writeFile(join(data, 'http_events.arrow'), arrow.tableToIPC(table, 'file'));
  return data;
}

/** The script URLs of the functions a CPU profile of `node ARGS` saw run. */
async function profiledUrls(dir: string, name: string, args: string[]): Promise<string[]> {
  const out = join(dir, name);
  const r = await node(['--cpu-prof', '--cpu-prof-dir', out, ...args], { cwd: dir });
  if (r.code !== 0) throw new Error(r.stderr);
  const [profile] = await readdir(out);
  const parsed = JSON.parse(await readFile(join(out, profile!), 'utf8')) as { nodes: { callFrame: { url: string } }[] };
  return parsed.nodes.map((n) => n.callFrame.url);
}

test('the bundle holds Arrow and the Parquet codecs as text, and reads an Arrow IPC file with them', async (t) => {
  const { dir, bundle: file } = await bundle;
  const text = await readFile(file, 'utf8');
  t.true(text.includes('apache-arrow (in this bundle)'));
  t.true(text.includes('hyparquet-compressors (in this bundle)'));
  const data = await arrowData(dir, 'arrow');
  const r = await node([file, '--data', data, '--now', 'latest'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, PATHS);
});

test('the bundle reads a Zstandard-compressed Parquet file (a codec it carries as text)', async (t) => {
  const { dir, bundle: file } = await bundle;
  const data = join(dir, 'parquet');
  await mkdir(data);
  const db = await (await DuckDBInstance.create(':memory:')).connect();
  await db.run(
    `COPY (SELECT * FROM (VALUES (${NOW}::BIGINT, '/a', 5::BIGINT), (${NOW + 1n}::BIGINT, '/b', 7::BIGINT), (${NOW + 2n}::BIGINT, '/a', 9::BIGINT)) v(time_, req_path, latency))` +
      ` TO '${join(data, 'http_events.parquet')}' (FORMAT parquet, COMPRESSION zstd)`,
  );
  db.closeSync();
  const r = await node([file, '--data', data, '--now', 'latest'], { cwd: dir });
  t.is(r.code, 0, r.stderr);
  t.is(r.stdout, PATHS);
});

test('a run on the demo data does not compile the packages carried as text; one reading an Arrow file does', async (t) => {
  const { dir, bundle: file } = await bundle;
  // V8 names the code compiled from the text by the filename the bundle gives it.
  const demo = await profiledUrls(dir, 'profile-demo', [file]);
  t.true(demo.some((u) => u.endsWith('paths.mjs')));
  t.false(demo.some((u) => u.includes('(in this bundle)')));
  const data = await arrowData(dir, 'arrow-profiled');
  const read = await profiledUrls(dir, 'profile-arrow', [file, '--data', data, '--now', 'latest']);
  t.true(read.includes('apache-arrow (in this bundle)'));
});
