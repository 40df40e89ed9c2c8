// arquero 7.2: columnar JavaScript tables with a verb API. Times as numbers (no BigInt support), upids as text.

import { upidTexts, type BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';
import type { Engine } from './engine.js';

interface AqTable {
  groupby(...cols: string[]): AqTable;
  rollup(spec: Record<string, unknown>): AqTable;
  filter(expr: unknown): AqTable;
  join(other: AqTable, on: string): AqTable;
  objects(): Record<string, unknown>[];
}

export async function arqueroEngine(): Promise<Engine> {
  const aq = (await import('arquero')) as unknown as {
    table(cols: Record<string, ArrayLike<unknown>>): AqTable;
    op: Record<string, (...a: unknown[]) => unknown>;
  };
  const { op } = aq;
  let dt: AqTable;
  let proc: AqTable;
  return {
    name: 'arquero',
    queries: ['tutorial', 'latency', 'merge'],
    async ingest(c: BenchColumns) {
      dt = aq.table({
        time_: Float64Array.from(c.time, (t) => Number(t % 1_000_000_000_000n)),
        upid: upidTexts(c.upid),
        pod: c.pod,
        service: c.service,
        req_path: c.path,
        resp_status: Float64Array.from(c.status, Number),
        latency: Float64Array.from(c.latency, Number),
      });
      proc = aq.table({ upid: upidTexts(c.process.upid), rss_bytes: Float64Array.from(c.process.rss, Number) });
    },
    async run(query) {
      if (query === 'tutorial') {
        return dt
          .groupby('pod', 'service', 'req_path')
          .rollup({ n: op['count']!(), t: op['max']!('time_') })
          .objects()
          .map(
            (r) =>
              [
                `${r['pod']}|${r['service']}|${r['req_path']}`,
                Number(r['n']),
                Number(r['t']),
                Number(r['n']) / 10,
              ] as const,
          );
      }
      if (query === 'merge') {
        const rss = proc.groupby('upid').rollup({ rss: op['max']!('rss_bytes') });
        return dt
          .join(rss, 'upid')
          .groupby('service')
          .rollup({ n: op['count']!(), rss: op['mean']!('rss') })
          .objects()
          .map((r) => [String(r['service']), Number(r['n']), Number(r['rss'])] as ResultRow);
      }
      return dt
        .filter('d => d.resp_status < 400')
        .groupby('service')
        .rollup({
          mean: 'd => op.mean(d.latency)',
          p50: 'd => op.quantile(d.latency, 0.5)',
          p99: 'd => op.quantile(d.latency, 0.99)',
        })
        .objects()
        .map((r) => [String(r['service']), Number(r['mean']), Number(r['p50']), Number(r['p99'])] as ResultRow);
    },
  };
}
