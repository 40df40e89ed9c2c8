// Export rates of compiled scripts to pxlc's OTLP collector over gRPC: gauge points, Summary points and spans per
// second, each script run on an in-memory table (two warm-up runs, then the median of three). The collector runs in
// a process of its own (collector-process.ts), as a user's does, and counts what arrived: every run must deliver
// every row, by the exporter's account and by the collector's. The encode-only rate is of building the same
// requests from the same table without sending them: the limit the transport adds to.

import { compile } from '../../src/index.js';
import type { CollectorProcess } from './collector-process.js';
import { makeTable, type Table } from '../../src/runtime/table.js';
import type { RunResult } from '../../src/runtime/run.js';
import { compiledModule } from '../compiled-module.js';
import { otlpBatches, signalsOf } from '../../src/runtime/otel/rows-to-otlp.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';

const SCHEMA = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'value', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
  { name: 'count', dataType: 'INT64', semanticType: 'ST_NONE' },
  { name: 'end_time', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
] as const;

const HEADER = `#px:set max_output_rows_per_table=10000000
import px
df = px.DataFrame(table='bench_export')
`;

const SCRIPTS = {
  gauge: `${HEADER}px.export(df, px.otel.Data(resource={'service.name': df.service},
  data=[px.otel.metric.Gauge(name='bench.value', value=df.value, attributes={'req_path': df.req_path})]))
`,
  summary: `${HEADER}px.export(df, px.otel.Data(resource={'service.name': df.service},
  data=[px.otel.metric.Summary(name='bench.latency', count=df.count, sum=df.value,
    quantile_values={0.5: df.value, 0.99: df.value}, attributes={'req_path': df.req_path})]))
`,
  span: `${HEADER}px.export(df, px.otel.Data(resource={'service.name': df.service},
  data=[px.otel.trace.Span(name=df.req_path, start_time=df.time_, end_time=df.end_time)]))
`,
} as const;

export type ExportKind = keyof typeof SCRIPTS;

function exportTable(n: number): Table {
  return makeTable(
    SCHEMA,
    [
      BigInt64Array.from({ length: n }, (_, i) => 1_767_225_600_000_000_000n + BigInt(i)),
      Array.from({ length: n }, (_, i) => `ns/svc-${i % 10}`),
      Array.from({ length: n }, (_, i) => `/path/${i % 50}`),
      Float64Array.from({ length: n }, (_, i) => i * 0.5),
      BigInt64Array.from({ length: n }, (_, i) => BigInt((i % 100) + 1)),
      BigInt64Array.from({ length: n }, (_, i) => 1_767_225_600_000_100_000n + BigInt(i)),
    ],
    n,
  );
}

export interface ExportRate {
  /** Points (or spans) per second delivered to the collector. */
  readonly delivered: number;
  /** Points (or spans) per second of encoding the requests alone. */
  readonly encoded: number;
}

/** Points (or spans) per second for `kind`, exporting `n` rows per run (medians of three warm runs), with the encode-only rate. */
export async function exportRate(kind: ExportKind, n: number, collector: CollectorProcess): Promise<ExportRate> {
  const r = compile({ path: `export_${kind}.pxl`, text: SCRIPTS[kind], schemas: { bench_export: SCHEMA } });
  if (!r.js) throw new Error(`export_${kind}.pxl: ${r.diagnostics.map((d) => d.message).join('; ')}`);
  const run = await compiledModule<(o: Record<string, unknown>) => Promise<RunResult>>(r.js, 'run');
  const table = exportTable(n);
  const rates: number[] = [];
  // Two warm-up runs: the first export of a process also compiles the encoder, gRPC and the collector's walk.
  for (let k = 0; k < 5; k++) {
    await collector.take();
    const s = performance.now();
    const result = await run({
      tables: { bench_export: table },
      endpoint: `127.0.0.1:${collector.port}`,
      insecure: true,
    });
    const ms = performance.now() - s;
    const sent = result.exports.reduce((a, e) => a + e.metricPointsSent + e.spansSent, 0);
    if (!result.delivered || sent !== n) throw new Error(`export_${kind}: ${sent} of ${n} delivered`);
    const received = await collector.take();
    if (received !== n) throw new Error(`export_${kind}: the collector received ${received} of ${n}`);
    if (k > 1) rates.push(n / (ms / 1000));
  }
  let captured: { spec: OTelExportSpec; table: Table } | undefined;
  await run({
    tables: { bench_export: table },
    onExport: (spec: OTelExportSpec, t: Table) => {
      captured = { spec, table: t };
    },
  });
  const { spec, table: exported } = captured!;
  const encodeRates: number[] = [];
  for (let k = 0; k < 4; k++) {
    const s = performance.now();
    let items = 0;
    for (const signal of signalsOf(spec)) for (const b of otlpBatches(signal, spec, exported)) items += b.items;
    const ms = performance.now() - s;
    if (items !== n) throw new Error(`export_${kind}: ${items} of ${n} encoded`);
    if (k > 0) encodeRates.push(n / (ms / 1000));
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
  return { delivered: median(rates), encoded: median(encodeRates) };
}
