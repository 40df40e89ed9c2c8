// Differential tests: the same compiled module on the JS runtime, on DuckDB and on a two-shard ClickHouse cluster,
// over the same rows (the demo data written as a --data directory, then loaded with pxlc load's code). Displayed
// rows and the OTLP a real in-process collector decodes must be the same (up to row order, which is the engine's).

import test from 'ava';
import { mkdtemp, writeFile, readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { compile } from '../../src/index.js';
import { startCollector } from '../../src/collector/server.js';
import { openEngine, parseEngineUrl } from '../../src/runtime/engines/engine.js';
import { loadDirectoryInto } from '../../src/runtime/engines/load.js';
import { writeDemoData } from '../../src/runtime/sources/write-demo.js';
import type { RunOptions, RunResult } from '../../src/runtime/run.js';
import { pixieSchema } from '../../src/cli/sql-commands.js';
import { schemaStatements } from '../../src/sql/schema.js';
import { ROOT } from '../support/golden.js';
import { clickhouseMissing, startClickHouseCluster, type ClickHouseCluster } from './support/clickhouse-cluster.js';
import { pointsOf, rowsOf } from './support/compare.js';

const NOW = 1_780_000_000_123_456_789n;
const SLOW = join(ROOT, 'examples', 'slow_requests.pxl');
/** [name, script, how to run it]: every example, and scripts for what the examples do not cover. */
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.pxl') && f !== 'slow_requests.pxl' && f !== 'http_throughput.pxl')
  .sort();
const SCRIPTS: readonly (readonly [string, string, Partial<RunOptions>])[] = [
  ['tutorial', join(ROOT, 'examples', 'http_throughput.pxl'), {}],
  ...EXAMPLES.map((f) => [`examples/${f}`, join(ROOT, 'examples', f), {}] as const),
  ['summary export', join(ROOT, 'test', 'sql', 'scripts', 'latency_summary.pxl'), {}],
  ['merge', join(ROOT, 'test', 'sql', 'scripts', 'errors_merge.pxl'), {}],
  [
    'slow_requests head',
    SLOW,
    { func: 'slow_requests', args: { start_time: '-5m', service: 'frontend', max_rows: 10n } },
  ],
  ['error_rate', SLOW, { func: 'error_rate', args: { start_time: '-1m' } }],
  ['union, select, concat, bin, having, head', join(ROOT, 'test', 'sql', 'scripts', 'union_mix.pxl'), {}],
  ['hostile text in literals and names', join(ROOT, 'test', 'sql', 'scripts', 'hostile_text.pxl'), {}],
];

type Module = { run(options: RunOptions): Promise<RunResult> };

const chMissing = clickhouseMissing();
if (chMissing) console.log(`ClickHouse tests skipped: ${chMissing}`);

let dataDir: string;
let duckUrl: string;
let cluster: ClickHouseCluster | undefined;
const modules = new Map<string, Module>();

test.before(async () => {
  const work = await mkdtemp(join(tmpdir(), 'pxlc-sql-'));
  dataDir = join(work, 'data');
  await writeDemoData(dataDir, { nowNs: NOW, rows: 3000, seed: 3 });
  for (const [name, path] of SCRIPTS) {
    if (modules.has(path)) continue;
    const r = compile({ path, text: await readFile(path, 'utf8'), engines: true });
    if (!r.js) throw new Error(`${name} did not compile: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    const out = join(work, `${name.replace(/\W+/g, '_')}.js`);
    await writeFile(out, r.js);
    modules.set(path, (await import(pathToFileURL(out).href)) as Module);
  }
  duckUrl = `duckdb:${join(work, 'pixie.duckdb')}`;
  await load(duckUrl, true);
  if (!chMissing) {
    cluster = await startClickHouseCluster(2);
    await load(cluster.url, false);
  }
});

test.after.always(async () => {
  await cluster?.stop();
});

async function load(url: string, create: boolean): Promise<void> {
  const engine = await openEngine(parseEngineUrl(url));
  try {
    if (create) for (const s of schemaStatements({ dialect: engine.dialect }).shard) await engine.exec(s);
    await loadDirectoryInto(engine, dataDir, pixieSchema, () => {});
  } finally {
    await engine.close();
  }
}

async function runOn(
  script: string,
  where: { data: string } | { engine: string },
): Promise<{ rows: Record<string, string[]>; points: string[] }> {
  const [, path, how] = SCRIPTS.find(([name]) => name === script)!;
  const collector = await startCollector({ port: 0 });
  try {
    const result = await modules
      .get(path)!
      .run({ ...how, ...where, now: NOW, endpoint: `127.0.0.1:${collector.port}`, insecure: true });
    if (!result.delivered) throw new Error(`${script}: not every point was delivered`);
    return { rows: rowsOf(result), points: pointsOf(collector) };
  } finally {
    await collector.stop();
  }
}

for (const [name] of SCRIPTS) {
  test(`${name}: DuckDB gives the JS runtime's rows and OTLP points`, async (t) => {
    const js = await runOn(name, { data: dataDir });
    const duck = await runOn(name, { engine: duckUrl });
    t.true(js.points.length > 0 || Object.values(js.rows).some((r) => r.length > 0), 'the script outputs something');
    t.deepEqual(duck.rows, js.rows);
    t.deepEqual(duck.points, js.points);
  });

  (chMissing ? test.skip : test)(
    `${name}: two-shard ClickHouse gives the JS runtime's rows and OTLP points`,
    async (t) => {
      const js = await runOn(name, { data: dataDir });
      const ch = await runOn(name, { engine: cluster!.url });
      t.deepEqual(ch.rows, js.rows);
      t.deepEqual(ch.points, js.points);
    },
  );
}

(chMissing ? test.skip : test)(
  'the Distributed table really fans out: both shards hold part of the rows',
  async (t) => {
    const counts: bigint[] = [];
    for (const url of cluster!.shardUrls) {
      const e = await openEngine(parseEngineUrl(url));
      try {
        const r = await e.query('SELECT count() FROM http_events_local', [{ name: 'n', dataType: 'INT64' }]);
        counts.push((r.columns[0] as BigInt64Array)[0]!);
      } finally {
        await e.close();
      }
    }
    // Every row written to the demo data's http_events (one per line after the header) is on one of the shards.
    const written = (await readFile(join(dataDir, 'http_events.csv'), 'utf8')).trimEnd().split('\n').length - 1;
    t.is(
      counts.reduce((a, b) => a + b, 0n),
      BigInt(written),
    );
    t.true(
      counts.every((n) => n > 500n),
      counts.join(', '),
    );
  },
);
