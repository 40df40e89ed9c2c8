// The SQL-engine scale run: a two-shard ClickHouse cluster (two clickhouse-server processes on this machine) holding
// 50M generated http_events rows, and the compiled merge and Summary export scripts run on it with --engine,
// exporting to the in-process collector; beside it the same compiled modules on the JS runtime at the JS bench's
// largest size, and ClickHouse at that size too, whose rows must equal the JS runtime's. Rows are generated inside
// ClickHouse (INSERT ... SELECT FROM numbers) by the same formulas the JS side uses.
// `node dist/bench/clickhouse-scale.js [--rows 50000000] [--js-rows 5000000]`, or `npm run bench -- --clickhouse`.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { compile } from '../src/index.js';
import { startCollector } from '../src/collector/server.js';
import { openEngine, parseEngineUrl } from '../src/runtime/engines/engine.js';
import type { RunOptions, RunResult } from '../src/runtime/run.js';
import { makeTable, type Table } from '../src/runtime/table.js';
import { clickhouseMissing, startClickHouseCluster } from '../test/sql/support/clickhouse-cluster.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SPAN_NS = 300_000_000_000n;
const NOW = 1_780_000_000_000_000_000n;
const PATHS = ['/api/cart', '/api/checkout', '/', '/api/products', '/healthz', '/api/login', '/static/app.js'];
const METHODS = ['GET', 'POST'];
const STATUSES = [200, 200, 200, 201, 404, 500, 503];
const SCRIPTS = [
  ['merge', join(ROOT, 'test', 'sql', 'scripts', 'errors_merge.pxl')],
  ['summary', join(ROOT, 'test', 'sql', 'scripts', 'latency_summary.pxl')],
] as const;

type Module = { run(options: RunOptions): Promise<RunResult> };

/** Row i of the generated table, as both sides compute it. */
const step = (n: number) => SPAN_NS / BigInt(n);

function jsTable(n: number): Table {
  const time = new BigInt64Array(n);
  const latency = new BigInt64Array(n);
  const status = new BigInt64Array(n);
  const path: string[] = new Array(n);
  const method: string[] = new Array(n);
  const s = step(n);
  const base = NOW - SPAN_NS;
  for (let i = 0; i < n; i++) {
    time[i] = base + BigInt(i) * s;
    path[i] = PATHS[i % 7]!;
    method[i] = METHODS[i % 2]!;
    status[i] = BigInt(STATUSES[(i * 7919) % 7]!);
    latency[i] = BigInt(1_000_000 + ((i * 104729) % 200_000_000));
  }
  const col = (name: string, dataType: 'INT64' | 'TIME64NS' | 'STRING') => ({
    name,
    dataType,
    semanticType: 'ST_NONE' as const,
  });
  return makeTable(
    [
      col('time_', 'TIME64NS'),
      col('req_path', 'STRING'),
      col('req_method', 'STRING'),
      col('resp_status', 'INT64'),
      col('latency', 'INT64'),
    ],
    [time, path, method, status, latency],
    n,
  );
}

function generateSql(n: number, shard: number, shards: number): string {
  const list = (xs: readonly (string | number)[]) =>
    `[${xs.map((x) => (typeof x === 'string' ? `'${x}'` : String(x))).join(', ')}]`;
  const i = `(number * ${shards} + ${shard})`;
  return `INSERT INTO http_events_local (time_, req_path, req_method, resp_status, latency)
SELECT
  toInt64(${NOW - SPAN_NS}) + toInt64(${i}) * toInt64(${step(n)}),
  arrayElement(${list(PATHS)}, ${i} % 7 + 1),
  arrayElement(${list(METHODS)}, ${i} % 2 + 1),
  toInt64(arrayElement(${list(STATUSES)}, (${i} * 7919) % 7 + 1)),
  toInt64(1000000 + (${i} * 104729) % 200000000)
FROM numbers(${Math.ceil(n / shards)})
WHERE ${i} < ${n}`;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

function sortedRows(r: RunResult): string[] {
  return r.tables
    .flatMap(({ name, table }) =>
      Array.from(
        { length: table.length },
        (_, i) =>
          `${name} ${table.schema.map((c, j) => String((table.columns[j] as ArrayLike<unknown>)[i])).join('|')}`,
      ),
    )
    .sort();
}

export async function clickhouseScale(options: { rows: number; jsRows: number; reps: number }): Promise<string[]> {
  const missing = clickhouseMissing();
  if (missing) return [`clickhouse: skipped: ${missing}`];
  const report: string[] = [];
  const work = await mkdtemp(join(tmpdir(), 'pxlc-bench-ch-'));
  const modules = new Map<string, Module>();
  for (const [name, path] of SCRIPTS) {
    const r = compile({ path, text: await readFile(path, 'utf8'), engines: true });
    const out = join(work, `${name}.js`);
    await writeFile(out, r.js!);
    modules.set(name, (await import(pathToFileURL(out).href)) as Module);
  }
  const collector = await startCollector({ port: 0 });
  const cluster = await startClickHouseCluster(2);
  const timeRun = async (name: string, where: Partial<RunOptions>) => {
    const ms: number[] = [];
    let last: RunResult | undefined;
    for (let k = 0; k < options.reps; k++) {
      const s = performance.now();
      last = await modules
        .get(name)!
        .run({ ...where, now: NOW, endpoint: `127.0.0.1:${collector.port}`, insecure: true });
      ms.push(performance.now() - s);
      if (!last.delivered) throw new Error(`${name}: not every point was delivered`);
    }
    return { ms: median(ms), result: last! };
  };
  const fill = async (n: number) => {
    const s = performance.now();
    await Promise.all(
      cluster.shardUrls.map(async (url, k) => {
        const e = await openEngine(parseEngineUrl(url));
        try {
          await e.exec('TRUNCATE TABLE http_events_local');
          await e.exec(generateSql(n, k, cluster.shardUrls.length));
        } finally {
          await e.close();
        }
      }),
    );
    return performance.now() - s;
  };
  try {
    const table = jsTable(options.jsRows);
    const genSmall = await fill(options.jsRows);
    for (const [name] of SCRIPTS) {
      const js = await timeRun(name, { tables: { http_events: table } });
      const ch = await timeRun(name, { engine: cluster.url });
      const same = JSON.stringify(sortedRows(js.result)) === JSON.stringify(sortedRows(ch.result));
      report.push(
        `clickhouse: ${name} @${options.jsRows} rows: JS runtime ${js.ms.toFixed(0)} ms, ClickHouse 2 shards ${ch.ms.toFixed(0)} ms` +
          ` (rows ${same ? 'identical' : 'DIFFER'}; generated in ${genSmall.toFixed(0)} ms)`,
      );
      if (!same) throw new Error(`${name}: ClickHouse rows differ from the JS runtime's`);
    }
    const genBig = await fill(options.rows);
    for (const [name] of SCRIPTS) {
      const ch = await timeRun(name, { engine: cluster.url });
      report.push(
        `clickhouse: ${name} @${options.rows} rows: ClickHouse 2 shards ${ch.ms.toFixed(0)} ms (median of ${options.reps};` +
          ` ${(options.rows / ch.ms / 1000).toFixed(1)}M rows/s; rows generated in ${(genBig / 1000).toFixed(1)} s)`,
      );
    }
  } finally {
    await cluster.stop();
    await collector.stop();
  }
  return report;
}

function flag(name: string, fallback: number): number {
  const k = process.argv.indexOf(name);
  return k >= 0 ? Number(process.argv[k + 1]) : fallback;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const lines = await clickhouseScale({
    rows: flag('--rows', 50_000_000),
    jsRows: flag('--js-rows', 5_000_000),
    reps: flag('--reps', 3),
  });
  for (const l of lines) process.stdout.write(`${l}\n`);
}
