// danfo.js 1.1.2, the user-facing DataFrame library: the same queries with its groupby API. danfo has no
// BigInt columns, so times are milliseconds and latencies numbers; it has no grouped quantile, so p50/p99 are
// computed per group from its grouped columns, as a danfo user would.

import { upidTexts, type BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';
import { quantileOfSorted, type Engine } from './engine.js';

interface DanfoFrame {
  groupby(cols: string[]): {
    agg(spec: Record<string, string | string[]>): DanfoFrame;
    getGroup(key: string[]): DanfoFrame;
  };
  query(mask: unknown): DanfoFrame;
  column(name: string): { lt(v: number): unknown; values: unknown[] };
  values: unknown[][];
  columns: string[];
}

export async function danfoEngine(): Promise<Engine> {
  const dfd = (await import('danfojs')) as unknown as {
    DataFrame: new (data: Record<string, unknown[]>) => DanfoFrame;
    merge(o: { left: DanfoFrame; right: DanfoFrame; on: string[]; how: string }): DanfoFrame;
  };
  let df: DanfoFrame;
  let proc: DanfoFrame;
  return {
    name: 'danfo',
    queries: ['tutorial', 'latency', 'merge'],
    async ingest(c: BenchColumns) {
      df = new dfd.DataFrame({
        time_: Array.from(c.time, (t) => Number(t % 1_000_000_000_000n)),
        upid: upidTexts(c.upid),
        pod: c.pod,
        service: c.service,
        req_path: c.path,
        resp_status: Array.from(c.status, Number),
        latency: Array.from(c.latency, Number),
      });
      proc = new dfd.DataFrame({ upid: upidTexts(c.process.upid), rss_bytes: Array.from(c.process.rss, Number) });
    },
    async run(query) {
      if (query === 'merge') {
        const rss = proc.groupby(['upid']).agg({ rss_bytes: 'max' });
        const joined = dfd.merge({ left: df, right: rss, on: ['upid'], how: 'inner' });
        const g = joined.groupby(['service']).agg({ latency: 'count', rss_bytes_max: 'mean' });
        const at = (n: string) => g.columns.indexOf(n);
        return g.values.map(
          (r) =>
            [
              String(r[at('service')]),
              Number(r[at('latency_count')]),
              Number(r[at('rss_bytes_max_mean')]),
            ] as ResultRow,
        );
      }
      if (query === 'tutorial') {
        const g = df.groupby(['pod', 'service', 'req_path']).agg({ latency: 'count', time_: 'max' });
        const at = (n: string) => g.columns.indexOf(n);
        return g.values.map((r) => {
          const count = Number(r[at('latency_count')]);
          return [
            `${r[at('pod')]}|${r[at('service')]}|${r[at('req_path')]}`,
            count,
            Number(r[at('time__max')]),
            count / 10,
          ] as const;
        });
      }
      const ok = df.query(df.column('resp_status').lt(400));
      const grouped = ok.groupby(['service']);
      const means = grouped.agg({ latency: 'mean' });
      return means.values.map((r) => {
        const service = String(r[means.columns.indexOf('service')]);
        const sorted = Float64Array.from(grouped.getGroup([service]).column('latency').values as number[]).sort();
        return [
          service,
          Number(r[means.columns.indexOf('latency_mean')]),
          quantileOfSorted(sorted, 0.5),
          quantileOfSorted(sorted, 0.99),
        ] as const;
      });
    },
  };
}
