// Ingest as a user meets it: a compiled groupby over an http_events file (`node out.js --data DIR`), whole
// process, beside DuckDB running the same groupby on the same file (read_csv / read_json / read_parquet, all columns
// auto-detected) as a whole process. Runs alternate, medians of each; every run's groups are cross-checked.
// Then the peak RSS of a whole-file groupby (the large-input writer's file and script).

import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { compile } from '../../src/index.js';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { formatUint128 } from '../../src/runtime/metadata/upid.js';
import { DemoSource } from '../../src/runtime/sources/demo-source.js';
import { csvField } from '../../src/runtime/sources/csv.js';
import { largeInput } from '../../test/large-input/stream-run.js';

const run = promisify(execFile);
const DUCKDB = fileURLToPath(new URL('../duckdb-file-groupby.js', import.meta.url));
const NOW_NS = 1_767_225_600_000_000_000n;

const GROUPBY = `import px
df = px.DataFrame(table='http_events', start_time='-30d')
df = df.groupby(['req_path', 'resp_status']).agg(n=('latency', px.count), lat=('latency', px.mean))
px.display(df, 'groups')
`;

interface Group {
  readonly n: number;
  readonly lat: number;
}

export interface IngestRatio {
  readonly kind: 'csv' | 'ndjson' | 'parquet';
  readonly rows: number;
  readonly fileMb: number;
  readonly pxlcMs: number;
  readonly duckdbMs: number;
  /** DuckDB's time / pxlc's: above 1, pxlc is faster. */
  readonly ratio: number;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

function groups(stdout: string): Map<string, Group> {
  const out = new Map<string, Group>();
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    const o = JSON.parse(line) as { req_path: string; resp_status: number; n: number; lat: number };
    out.set(`${o.req_path} ${o.resp_status}`, { n: o.n, lat: o.lat });
  }
  return out;
}

function disagreement(a: Map<string, Group>, b: Map<string, Group>): string | undefined {
  if (a.size !== b.size) return `${a.size} groups against ${b.size}`;
  for (const [k, g] of a) {
    const h = b.get(k);
    if (!h) return `group ${k} missing`;
    if (h.n !== g.n || Math.abs(h.lat - g.lat) > 1e-9 * Math.abs(g.lat))
      return `group ${k}: ${g.n} rows, mean ${g.lat} against ${h.n}, ${h.lat}`;
  }
  return undefined;
}

/** Writes http_events of the demo generator as CSV and NDJSON (every column, as pxlc demo-data writes them). */
async function writeFiles(
  dir: string,
  rows: number,
): Promise<{ csv: string; ndjson: string; parquet: string; mb: { csv: number; ndjson: number; parquet: number } }> {
  const demo = new DemoSource(demoCluster(1), { nowNs: NOW_NS, rowsPerTable: rows });
  const sample = demo.rows('http_events');
  const cols = Object.keys(sample[0]!);
  const cell = (v: unknown) => (typeof v === 'bigint' && v > 1n << 64n ? formatUint128(v) : String(v));
  const csv = [cols.join(','), ...sample.map((r) => cols.map((c) => csvField(cell(r[c]))).join(','))].join('\n');
  // Integers as JSON numbers with every digit (as pxlc --output json writes them), UPIDs as text.
  const json = (v: unknown) =>
    typeof v === 'bigint' ? (v > 1n << 64n ? JSON.stringify(formatUint128(v)) : String(v)) : JSON.stringify(v);
  const keys = cols.map((c) => `${JSON.stringify(c)}:`);
  const ndjson = sample.map((r) => `{${cols.map((c, j) => keys[j] + json(r[c])).join(',')}}`).join('\n');
  const paths = {
    csv: join(dir, 'csv', 'http_events.csv'),
    ndjson: join(dir, 'ndjson', 'http_events.ndjson'),
    parquet: join(dir, 'parquet', 'http_events.parquet'),
  };
  await run('mkdir', ['-p', join(dir, 'csv'), join(dir, 'ndjson'), join(dir, 'parquet')]);
  await writeFile(paths.csv, csv);
  await writeFile(paths.ndjson, ndjson);
  // The Parquet file: the CSV's columns with the types DuckDB detects (times as BIGINT, upids as UUID).
  const duck = await import('@duckdb/node-api');
  const conn = await (await duck.DuckDBInstance.create(':memory:')).connect();
  await conn.run(`COPY (SELECT * FROM read_csv('${paths.csv}')) TO '${paths.parquet}' (FORMAT parquet)`);
  conn.closeSync();
  const parquetBytes = (await stat(paths.parquet)).size;
  return {
    ...paths,
    mb: {
      csv: Buffer.byteLength(csv) / 2 ** 20,
      ndjson: Buffer.byteLength(ndjson) / 2 ** 20,
      parquet: parquetBytes / 2 ** 20,
    },
  };
}

/** The compiled groupby and DuckDB on the same CSV, NDJSON and Parquet files of `rows` rows, `reps` alternating runs each. */
export async function ingestRatios(rows: number, reps: number): Promise<IngestRatio[]> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-ingest-'));
  try {
    const files = await writeFiles(dir, rows);
    const r = compile({ path: 'groupby.pxl', text: GROUPBY });
    if (!r.js) throw new Error(`groupby.pxl: ${r.diagnostics.map((d) => d.message).join('; ')}`);
    const module = join(dir, 'groupby.js');
    await writeFile(module, r.js);
    const out: IngestRatio[] = [];
    for (const kind of ['csv', 'ndjson', 'parquet'] as const) {
      const pxlc: number[] = [];
      const duck: number[] = [];
      for (let k = 0; k < reps; k++) {
        let s = performance.now();
        const ours = await run(
          process.execPath,
          [module, '--data', join(dir, kind), '--now', String(NOW_NS + 1_000_000_000n), '--output', 'json'],
          { maxBuffer: 1 << 26 },
        );
        pxlc.push(performance.now() - s);
        s = performance.now();
        const theirs = await run(process.execPath, [DUCKDB, files[kind], kind], { maxBuffer: 1 << 26 });
        duck.push(performance.now() - s);
        const why = disagreement(groups(ours.stdout), groups(theirs.stdout));
        if (why) throw new Error(`ingest ${kind} @${rows}: pxlc and DuckDB disagree: ${why}`);
      }
      out.push({
        kind,
        rows,
        fileMb: files.mb[kind],
        pxlcMs: median(pxlc),
        duckdbMs: median(duck),
        ratio: median(duck) / median(pxlc),
      });
    }
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Peak RSS of a whole-file groupby over `rows` rows of CSV (results checked exactly by the writer's sums). The
 * quick run measures 250k and 1M rows and extends the line through them to 5M.
 */
export async function wholeFileRss(quick: boolean): Promise<{ mb: number; how: string }> {
  const measure = async (rows: number) => {
    const report = await largeInput(rows, 'csv', { only: ['whole'] });
    const whole = report.runs[0]!;
    for (const [path, g] of report.expected.whole) {
      const got = whole.result.get(path);
      if (!got || got[0] !== g.count || got[1] !== g.latency)
        throw new Error(
          `whole-file groupby @${rows}: ${path} is ${got?.join(', ')}, expected ${g.count}, ${g.latency}`,
        );
    }
    return whole.peakRssMb;
  };
  if (!quick) return { mb: await measure(5_000_000), how: 'measured at 5M rows' };
  const small = await measure(250_000);
  const large = await measure(1_000_000);
  return {
    mb: large + ((large - small) / 750_000) * 4_000_000,
    how: `extrapolated from ${small.toFixed(0)} MB at 250k and ${large.toFixed(0)} MB at 1M rows`,
  };
}
