// The commands a user types: pxlc schema, pxlc load, pxlc compile --target sql, and node out.js --engine with
// --explain, against a real DuckDB file and a real collector; and the errors they get when something is off.

import test from 'ava';
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startCollector } from '../../src/collector/server.js';
import { ROOT } from '../support/golden.js';

const run = promisify(execFile);
const PXLC = join(ROOT, 'bin', 'pxlc.js');
const MERGE = join(ROOT, 'test', 'sql', 'scripts', 'errors_merge.pxl');

async function sh(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await run('node', args, { env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '' } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const noStack = (s: string) => !/\n\s+at /.test(s);

test('pxlc schema prints time-sorted MergeTree tables, and Distributed tables over a cluster', async (t) => {
  const r = await sh([PXLC, 'schema', '--dialect', 'clickhouse', '--cluster', 'logs']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /CREATE TABLE IF NOT EXISTS `http_events_local` \(\n {2}`time_` Int64,\n {2}`upid` String,/);
  t.regex(r.stdout, /PARTITION BY intDiv\(`time_`, 86400000000000\)\nORDER BY `time_`/);
  t.regex(
    r.stdout,
    /CREATE TABLE IF NOT EXISTS `http_events` AS `http_events_local`\nENGINE = Distributed\(`logs`, `default`, `http_events_local`, rand\(\)\)/,
  );
  const duck = await sh([PXLC, 'schema', '--dialect', 'duckdb']);
  t.regex(duck.stdout, /CREATE TABLE IF NOT EXISTS "http_events" \(\n {2}"time_" BIGINT,\n {2}"upid" UHUGEINT,/);
  const bad = await sh([PXLC, 'schema', '--dialect', 'postgres']);
  t.is(bad.code, 2);
  t.regex(bad.stderr, /--dialect must be duckdb or clickhouse/);
});

test('load the demo data into DuckDB, explain the split, run the merge script there and export', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-sql-cli-'));
  const db = `duckdb:${join(dir, 'px.duckdb')}`;
  const load = await sh([PXLC, 'load', '--engine', db, '--demo', '--rows', '600']);
  t.is(load.code, 0, load.stderr);
  // The demo recording's traffic decides the exact count (about what --rows asks for).
  t.regex(load.stdout, /http_events: [1-9]\d+ demo rows/);
  const out = join(dir, 'merge.js');
  t.is((await sh([PXLC, 'compile', MERGE, '-o', out, '--engines'])).code, 0);

  const explain = await sh([out, '--engine', db, '--explain', '--now', '2026-01-01T00:00:00Z']);
  t.is(explain.code, 0, explain.stderr);
  t.regex(explain.stdout, /^engine: 2 queries/);
  t.regex(explain.stdout, /javascript: nothing but the outputs/);
  // The clock is filled in: 2026-01-01T00:00:00Z minus five minutes, as a BIGINT.
  t.regex(explain.stdout, /WHERE "time_" >= \(CAST\(1767225600000000000 AS BIGINT\) - 300000000000\)/);
  t.regex(explain.stdout, /LEFT JOIN \(/);

  const collector = await startCollector({ port: 0 });
  try {
    const r = await sh([
      out,
      '--engine',
      db,
      '--now',
      'latest',
      '--endpoint',
      `127.0.0.1:${collector.port}`,
      '--insecure',
      '--output',
      'json',
    ]);
    t.is(r.code, 0, r.stderr);
    const rows = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    t.true(rows.some((x) => x['_tableName_'] === 'errors'));
    t.true(rows.some((x) => x['_tableName_'] === 'server_errors'));
    t.regex(r.stderr, /exported \d+ metric points to 127\.0\.0\.1:\d+/);
    t.true(collector.metrics.length > 0);
  } finally {
    await collector.stop();
  }
});

test('pxlc compile --target sql prints the engine part, with the split as comments', async (t) => {
  const r = await sh([
    PXLC,
    'compile',
    join(ROOT, 'examples', 'http_throughput.pxl'),
    '--target',
    'sql',
    '--dialect',
    'clickhouse',
  ]);
  t.is(r.code, 0, r.stderr);
  t.regex(
    r.stdout,
    /-- {3}step #1 Map \(line 10: df.service = df.ctx\['service'\]\) — _upid_to_podname_local_addr_fallback/,
  );
  t.regex(r.stdout, /FROM `http_events`\n {2}WHERE `time_` >= \(\{\{now\}\} - 10000000000\)/);
  const missing = await sh([PXLC, 'compile', join(ROOT, 'examples', 'http_throughput.pxl'), '--target', 'sql']);
  t.is(missing.code, 2);
  t.regex(missing.stderr, /--target sql needs --dialect duckdb\|clickhouse/);
});

test('bad data stops pxlc load at its file, line and column; missing tables and bad URLs are one clear error', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-sql-cli-'));
  const data = join(dir, 'data');
  await run('mkdir', [data]);
  await writeFile(join(data, 'http_events.csv'), 'time_,latency,req_path\n1,5,/a\n2,fast,/b\n');
  const db = `duckdb:${join(dir, 'px.duckdb')}`;
  const load = await sh([PXLC, 'load', '--engine', db, '--data', data]);
  t.is(load.code, 1, load.stderr);
  t.regex(load.stderr, /http_events\.csv:3.*column 'latency'/);
  t.true(noStack(load.stderr));

  const out = join(dir, 'merge.js');
  await sh([PXLC, 'compile', MERGE, '-o', out, '--engines']);
  const empty = `duckdb:${join(dir, 'empty.duckdb')}`;
  const r = await sh([out, '--engine', empty]);
  t.is(r.code, 1, r.stderr);
  t.regex(
    r.stderr,
    /has no table 'http_events', which the script reads\n {2}help: create and fill it with: pxlc load --engine duckdb:/,
  );
  t.true(noStack(r.stderr));

  const url = await sh([out, '--engine', 'clickhouse://user:s3cret@127.0.0.1:1/db']);
  t.is(url.code, 1, url.stderr);
  t.regex(url.stderr, /clickhouse:\/\/127\.0\.0\.1:1\/db: /);
  t.false(url.stderr.includes('s3cret'), 'the password never appears');
  t.true(noStack(url.stderr));
  const scheme = await sh([out, '--engine', 'postgres://x']);
  t.regex(scheme.stderr, /expected duckdb:FILE or clickhouse:\/\/HOST:PORT\/DB/);
});
