// Measurements besides the query engines: compile time of a script corpus, start-up of a compiled script,
// --data ingest rates, and OTLP export rates to the local collector.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { DemoSource } from '../../src/runtime/sources/demo-source.js';
import { loadDirectory } from '../../src/runtime/sources/dir-source.js';
import { csvField } from '../../src/runtime/sources/csv.js';
import { formatUint128 } from '../../src/runtime/metadata/upid.js';
import type { Schema } from '../../src/core/types.js';
import { timeCompileCorpus } from './compile-corpus.js';
import { exportRate } from './export-rate.js';
import { startCollectorProcess } from './collector-process.js';
import { startupMeasurements } from './startup.js';
import { ingestRatios, wholeFileRss } from './ingest.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface Extras {
  readonly report: readonly string[];
  /** Gauge points per second, warm (the summary line's export_pts_per_s). */
  readonly exportPointsPerSecond: number;
  readonly spansPerSecond: number;
  /** Start-up of the compiled tutorial exporting to the local collector, over bare node (medians). */
  readonly startupMsOverNode: number;
  /** DuckDB whole-process time / pxlc's for the file groupby, at the largest size measured. */
  readonly ingestRatio: { readonly csv: number; readonly ndjson: number; readonly parquet: number };
  readonly rss5mMb: number;
  readonly rss5mHow: string;
}

export interface ExtrasOptions {
  readonly quick: boolean;
  /** A directory of Pixie's scripts (e.g. /tmp/pixie-src/src/pxl_scripts) to add to the compile corpus. */
  readonly pixieScripts?: string;
}

export interface IngestMeasurements {
  readonly report: readonly string[];
  readonly ingestRatio: Extras['ingestRatio'];
  readonly rss5mMb: number;
  readonly rss5mHow: string;
}

/** The compiled groupby over an http_events file against DuckDB on the same file (whole processes), and memory. */
export async function ingestMeasurements(quick: boolean): Promise<IngestMeasurements> {
  const report: string[] = [];
  let ingestRatio = { csv: Number.NaN, ndjson: Number.NaN, parquet: Number.NaN };
  for (const rows of quick ? [100_000] : [100_000, 1_000_000]) {
    const ratios = await ingestRatios(rows, quick ? 3 : 5);
    for (const r of ratios) {
      report.push(
        `ingest ${r.kind.padEnd(7)} ${r.rows} rows (${r.fileMb.toFixed(0)} MB, http_events, every column): groupby as a whole process ` +
          `pxlc ${r.pxlcMs.toFixed(0)} ms, DuckDB read_${r.kind === 'ndjson' ? 'json' : r.kind} ${r.duckdbMs.toFixed(0)} ms, ratio ${r.ratio.toFixed(2)} (medians, runs alternated; groups cross-checked)`,
      );
    }
    const of = (kind: string) => ratios.find((r) => r.kind === kind)!.ratio;
    ingestRatio = { csv: of('csv'), ndjson: of('ndjson'), parquet: of('parquet') };
  }
  const rss = await wholeFileRss(quick);
  report.push(
    `whole-file groupby peak RSS at 5M rows of CSV: ${rss.mb.toFixed(0)} MB (${rss.how}; sums checked exactly)`,
  );
  return { report, ingestRatio, rss5mMb: rss.mb, rss5mHow: rss.how };
}

export interface ExportMeasurements {
  readonly report: readonly string[];
  readonly gaugePointsPerSecond: number;
  readonly summaryPointsPerSecond: number;
  readonly spansPerSecond: number;
}

/** Export rates of gauge points, Summary points and spans to a local collector, and of encoding alone. */
export async function exportMeasurements(quick: boolean): Promise<ExportMeasurements> {
  const collector = await startCollectorProcess();
  try {
    const n = quick ? 50_000 : 200_000;
    // A pass over the three first: the encoder, gRPC and the collector keep getting faster for the first ten or so
    // exports of a process, and the rates are of a warm exporter, as a long-running one is.
    for (const kind of ['gauge', 'summary', 'span'] as const) await exportRate(kind, n, collector);
    const gauge = await exportRate('gauge', n, collector);
    const summary = await exportRate('summary', n, collector);
    const spans = await exportRate('span', n, collector);
    const report = [
      `export (compiled scripts, ${n} rows, warm: after a pass over all three and two runs, median of 3): ${gauge.delivered.toFixed(0)} gauge points/s, ${summary.delivered.toFixed(0)} Summary points/s, ` +
        `${spans.delivered.toFixed(0)} spans/s to pxlc's collector in another process over gRPC, every row counted there; encoding only: ${gauge.encoded.toFixed(0)} gauge points/s, ` +
        `${summary.encoded.toFixed(0)} Summary points/s, ${spans.encoded.toFixed(0)} spans/s`,
    ];
    return {
      report,
      gaugePointsPerSecond: gauge.delivered,
      summaryPointsPerSecond: summary.delivered,
      spansPerSecond: spans.delivered,
    };
  } finally {
    await collector.stop();
  }
}

export async function extraMeasurements(options: ExtrasOptions): Promise<Extras> {
  const report: string[] = [''];
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-extra-'));
  const ours = await timeCompileCorpus([join(ROOT, 'examples'), join(ROOT, 'test', 'fixtures', 'check', 'ok')]);
  report.push(
    `compile: ${ours.scripts} scripts of examples/ and test/fixtures/check/ok in ${ours.totalMs.toFixed(0)} ms ` +
      `(median ${ours.medianMs.toFixed(1)} ms, slowest ${ours.slowest.ms.toFixed(1)} ms ${ours.slowest.file}; warm)`,
  );
  if (options.pixieScripts) {
    const pixie = await timeCompileCorpus([options.pixieScripts]);
    report.push(
      `compile: ${pixie.scripts} scripts of ${options.pixieScripts} in ${pixie.totalMs.toFixed(0)} ms (median ${pixie.medianMs.toFixed(1)} ms, ` +
        `slowest ${pixie.slowest.ms.toFixed(1)} ms ${pixie.slowest.file}; ${pixie.withErrors} with diagnostics; warm)`,
    );
  }

  const startup = await startupMeasurements(ROOT, options.quick ? 3 : 5, options.quick ? 3 : 7);
  report.push(...startup.report);
  const startupMsOverNode = startup.exportMsOverNode;

  // --data ingest: the same http_events rows as CSV and as NDJSON.
  const rows = options.quick ? 100_000 : 500_000;
  const demo = new DemoSource(demoCluster(1), { nowNs: 1_767_225_600_000_000_000n, rowsPerTable: rows });
  const sample = demo.rows('http_events');
  const cols = Object.keys(sample[0]!);
  const cell = (v: unknown) => (typeof v === 'bigint' && v > 1n << 64n ? formatUint128(v) : String(v));
  await writeFile(
    join(dir, 'http_events.csv'),
    [cols.join(','), ...sample.map((r) => cols.map((c) => csvField(cell(r[c]))).join(','))].join('\n'),
  );
  const ndDir = await mkdtemp(join(tmpdir(), 'pxlc-bench-nd-'));
  await writeFile(
    join(ndDir, 'http_events.ndjson'),
    sample.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? cell(v) : v))).join('\n'),
  );
  const schema: Schema = [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
    { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'resp_status', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
  ];
  for (const [kind, d] of [
    ['CSV', dir],
    ['NDJSON', ndDir],
  ] as const) {
    const s = performance.now();
    const { source } = await loadDirectory(d);
    const t = await source.read({ table: 'http_events', schema });
    const ms = performance.now() - s;
    report.push(
      `--data ${kind} ingest: ${(t.length / (ms / 1000)).toFixed(0)} rows/s (${t.length} rows of http_events, 5 of its columns)`,
    );
  }

  const exports = await exportMeasurements(options.quick);
  report.push(...exports.report);

  const ingest = await ingestMeasurements(options.quick);
  report.push(...ingest.report);
  const { ingestRatio, rss5mMb, rss5mHow } = ingest;
  return {
    report,
    exportPointsPerSecond: exports.gaugePointsPerSecond,
    spansPerSecond: exports.spansPerSecond,
    startupMsOverNode,
    ingestRatio,
    rss5mMb,
    rss5mHow,
  };
}
