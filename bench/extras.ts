// Measurements besides the query engines: compile time, start-up of a compiled script, --data ingest rates and
// OTLP export rates to the local collector.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { compile } from '../src/index.js';
import { startCollector } from '../src/collector/server.js';
import { exportTable } from '../src/runtime/otel/exporter.js';
import type { OTelExportSpec } from '../src/runtime/otel/spec.js';
import { demoCluster } from '../src/runtime/metadata/demo-cluster.js';
import { DemoSource } from '../src/runtime/sources/demo-source.js';
import { loadDirectory } from '../src/runtime/sources/dir-source.js';
import { csvField } from '../src/runtime/sources/csv.js';
import { formatUint128 } from '../src/runtime/metadata/upid.js';
import { makeTable } from '../src/runtime/table.js';
import type { Schema } from '../src/runtime/types.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

export interface Extras {
  readonly report: readonly string[];
  readonly exportPointsPerSecond: number;
}

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const s = performance.now();
  const v = await f();
  return [performance.now() - s, v];
}

export async function extraMeasurements(quick: boolean): Promise<Extras> {
  const report: string[] = [''];
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-extra-'));
  const collector = await startCollector({ host: '127.0.0.1', port: 0 });
  try {
    // Compile time of the tutorial, and start-up of the compiled module on demo data (one export, local collector).
    const text = await readFile(join(ROOT, 'examples', 'http_throughput.pxl'), 'utf8');
    const compileTimes: number[] = [];
    let js = '';
    for (let i = 0; i < 5; i++) {
      const [ms, r] = await time(async () => compile({ path: 'http_throughput.pxl', text }));
      compileTimes.push(ms);
      js = r.js!;
    }
    const out = join(dir, 'out.js');
    await writeFile(out, js);
    const startups: number[] = [];
    for (let i = 0; i < 3; i++) {
      const [ms] = await time(() => run(process.execPath, [out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure', '--rows', '2000']));
      startups.push(ms);
    }
    report.push(`compile examples/http_throughput.pxl: ${median(compileTimes).toFixed(1)} ms (median of 5, warm)`);
    report.push(`node out.js on demo data, exporting to the local collector: ${median(startups).toFixed(0)} ms wall (median of 3)`);

    // --data ingest: the same http_events rows as CSV and as NDJSON.
    const rows = quick ? 100_000 : 500_000;
    const demo = new DemoSource(demoCluster(1), { nowNs: 1_767_225_600_000_000_000n, rowsPerTable: rows });
    const sample = demo.rows('http_events');
    const cols = Object.keys(sample[0]!);
    const cell = (v: unknown) => (typeof v === 'bigint' && v > 1n << 64n ? formatUint128(v) : String(v));
    await writeFile(join(dir, 'http_events.csv'), [cols.join(','), ...sample.map((r) => cols.map((c) => csvField(cell(r[c]))).join(','))].join('\n'));
    const ndDir = await mkdtemp(join(tmpdir(), 'pxlc-bench-nd-'));
    await writeFile(join(ndDir, 'http_events.ndjson'), sample.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? cell(v) : v))).join('\n'));
    const schema: Schema = [
      { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' }, { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
      { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' }, { name: 'resp_status', dataType: 'INT64', semanticType: 'ST_NONE' },
      { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
    ];
    for (const [kind, d] of [['CSV', dir], ['NDJSON', ndDir]] as const) {
      const { source } = await loadDirectory(d);
      const [ms, t] = await time(() => source.read({ table: 'http_events', schema }));
      report.push(`--data ${kind} ingest: ${(t.length / (ms / 1000)).toFixed(0)} rows/s (${t.length} rows of http_events, 5 columns)`);
    }

    // Export: gauge points and spans per second to the local collector over gRPC.
    const n = quick ? 50_000 : 200_000;
    const table = makeTable([
      { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' }, { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
      { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' }, { name: 'value', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
      { name: 'end_time', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    ], [
      BigInt64Array.from({ length: n }, (_, i) => 1_767_225_600_000_000_000n + BigInt(i)), Array.from({ length: n }, (_, i) => `ns/svc-${i % 10}`),
      Array.from({ length: n }, (_, i) => `/path/${i % 50}`), Float64Array.from({ length: n }, (_, i) => i * 0.5),
      BigInt64Array.from({ length: n }, (_, i) => 1_767_225_600_000_100_000n + BigInt(i)),
    ], n);
    const column = (c: string, dataType: 'STRING' | 'TIME64NS' | 'FLOAT64') => ({ kind: 'column' as const, column: c, dataType, expand: false });
    const resource = [{ key: 'service.name', value: column('service', 'STRING') }];
    const gauge: OTelExportSpec = {
      endpoint: { url: `127.0.0.1:${collector.port}`, headers: [], insecure: true, timeoutSeconds: 30 }, resource,
      data: [{ kind: 'gauge', name: 'bench.value', description: '', unit: '', value: { column: 'value', dataType: 'FLOAT64' }, attributes: [{ key: 'req_path', value: column('req_path', 'STRING') }] }],
    } as unknown as OTelExportSpec;
    const [gms, greport] = await time(() => exportTable(gauge, table, { insecure: true }));
    const pointsPerSecond = greport.metricPointsSent / (gms / 1000);
    report.push(`export: ${pointsPerSecond.toFixed(0)} gauge points/s (${greport.metricPointsSent} points, ${greport.requests} requests)`);
    const spans: OTelExportSpec = {
      endpoint: gauge.endpoint, resource,
      data: [{ kind: 'span', name: { kind: 'column', column: 'req_path' }, startTime: 'time_', endTime: 'end_time', spanKind: 2, attributes: [] }],
    } as unknown as OTelExportSpec;
    const [sms, sreport] = await time(() => exportTable(spans, table, { insecure: true }));
    report.push(`export: ${(sreport.spansSent / (sms / 1000)).toFixed(0)} spans/s (${sreport.spansSent} spans, ${sreport.requests} requests)`);
    return { report, exportPointsPerSecond: pointsPerSecond };
  } finally {
    await collector.stop();
  }
}
