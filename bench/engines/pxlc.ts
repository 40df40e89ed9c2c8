// The engine under test: each query compiled by pxlc to a module, run on the shared columns as pxlc Tables
// (the zero-copy path a service takes when it passes its own typed columns). Every query is timed up to its
// result rows, as in every other engine: for the Summary export, the rows handed to px.export (captured with
// run()'s onExport). The export itself — OTLP encoding, gRPC delivery to an in-process collector, which decodes
// the points — is timed apart (`deliver`) and its points are cross-checked too; its rate is what
// export_pts_per_s measures on its own, with a collector in another process.

import { compile } from '../../src/index.js';
import { startCollector, type ReceivedCollector } from '../../src/collector/server.js';
import type { RunResult } from '../../src/runtime/run.js';
import type { Table } from '../../src/runtime/table.js';
import { BENCH_NOW_NS, BENCH_SCHEMAS, BENCH_TABLE, PROCESS_TABLE, benchTable, processTable } from '../data.js';
import { QUERIES, type ResultRow } from '../queries.js';
import type { Engine } from './engine.js';
import { compiledModule } from '../compiled-module.js';
import { encodeDictionary } from '../../src/runtime/ops/dictionary.js';

type RunFn = (options: Record<string, unknown>) => Promise<RunResult>;

export async function compileQuery(name: string): Promise<RunFn> {
  const q = QUERIES.find((x) => x.name === name)!;
  const result = compile({ path: `${name}.pxl`, text: q.pxl, schemas: BENCH_SCHEMAS });
  if (!result.js)
    throw new Error(`bench query ${name} does not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return compiledModule<RunFn>(result.js, 'run');
}

export function pxlcEngine(): Engine {
  let tables: Record<string, Table>;
  let collector: ReceivedCollector | undefined;
  const compiled = new Map<string, RunFn>();
  return {
    name: 'pxlc',
    queries: QUERIES.map((q) => q.name),
    async ingest(c) {
      // STRING and UINT128 columns dictionary-encoded once here, as a source that reads them would hand them over.
      const encoded = (t: Table): Table => ({
        ...t,
        columns: t.columns.map((col) => (Array.isArray(col) ? encodeDictionary(col) : col)),
      });
      tables = { [BENCH_TABLE]: encoded(benchTable(c)), [PROCESS_TABLE]: encoded(processTable(c)) };
      for (const q of QUERIES) if (!compiled.has(q.name)) compiled.set(q.name, await compileQuery(q.name));
      collector ??= await startCollector({ host: '127.0.0.1', port: 0 });
    },
    delivers: ['summary'],
    async run(query) {
      const exported: Table[] = [];
      const result = await compiled.get(query)!({
        tables,
        now: BENCH_NOW_NS,
        onExport: (_spec: unknown, t: Table) => exported.push(t),
      });
      return rows(query, query === 'summary' ? exported[0]! : result.tables[0]!.table);
    },
    async deliver(query) {
      collector!.clear();
      const result = await compiled.get(query)!({
        tables,
        now: BENCH_NOW_NS,
        endpoint: `127.0.0.1:${collector!.port}`,
        insecure: true,
      });
      if (!result.delivered)
        throw new Error(`${query} export not delivered: ${result.exports.flatMap((e) => e.errors).join('; ')}`);
      return summaryRows(collector!);
    },
    async close() {
      await collector?.stop();
    },
  };
}

function rows(query: string, t: Table): ResultRow[] {
  const col = (name: string) => t.columns[t.schema.findIndex((c) => c.name === name)]! as ArrayLike<unknown>;
  const out: ResultRow[] = [];
  if (query === 'tutorial') {
    const [pod, service, path, count, time, rps] = [
      'pod',
      'service',
      'req_path',
      'throughput',
      'time_',
      'requests_per_s',
    ].map(col);
    for (let i = 0; i < t.length; i++) {
      out.push([
        `${pod![i]}|${service![i]}|${path![i]}`,
        Number(count![i]),
        Number((time![i] as bigint) % 1_000_000_000_000n),
        rps![i] as number,
      ]);
    }
  } else if (query === 'latency') {
    const [service, mean, p50, p99] = ['service', 'mean_latency', 'p50', 'p99'].map(col);
    for (let i = 0; i < t.length; i++)
      out.push([String(service![i]), mean![i] as number, p50![i] as number, p99![i] as number]);
  } else if (query === 'summary') {
    const [service, path, count, sum, p50, p99, time] = [
      'service',
      'req_path',
      'latency_count',
      'latency_sum',
      'p50',
      'p99',
      'time_',
    ].map(col);
    for (let i = 0; i < t.length; i++) {
      out.push([
        `${service![i]}|${path![i]}`,
        Number(count![i]),
        sum![i] as number,
        p50![i] as number,
        p99![i] as number,
        Number((time![i] as bigint) % 1_000_000_000_000n),
      ]);
    }
  } else {
    const [service, requests, rss] = ['service', 'requests', 'mean_rss'].map(col);
    for (let i = 0; i < t.length; i++) out.push([String(service![i]), Number(requests![i]), rss![i] as number]);
  }
  return out;
}

/** The Summary points the collector received, as rows: service|path, count, sum, p50, p99, time. */
function summaryRows(collector: ReceivedCollector): ResultRow[] {
  const out: ResultRow[] = [];
  for (const request of collector.metrics) {
    for (const rm of request.resourceMetrics) {
      const service = rm.resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue;
      for (const sm of rm.scopeMetrics) {
        for (const m of sm.metrics) {
          for (const p of m.summary?.dataPoints ?? []) {
            const path = p.attributes.find((a) => a.key === 'http.target')?.value.stringValue;
            const q = (x: number) => p.quantileValues.find((v) => v.quantile === x)?.value ?? NaN;
            out.push([
              `${service}|${path}`,
              Number(p.count),
              p.sum,
              q(0.5),
              q(0.99),
              Number(BigInt(p.timeUnixNano) % 1_000_000_000_000n),
            ]);
          }
        }
      }
    }
  }
  return out;
}
