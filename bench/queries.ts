// The benchmark queries, as PxL (what pxlc compiles) and as the result every engine must agree on.

export interface BenchQuery {
  readonly name: string;
  readonly description: string;
  readonly pxl: string;
  /** Its results hold quantiles, which engines interpolate in two ways (engine.ts, Interpolation). */
  readonly quantiles?: true;
}

export const QUERIES: readonly BenchQuery[] = [
  {
    name: 'tutorial',
    description: 'groupby pod, service, req_path -> count, max time_ (the OTel tutorial)',
    pxl: `import px
df = px.DataFrame(table='bench_http')
df = df.groupby(['pod', 'service', 'req_path']).agg(
  throughput=('latency', px.count),
  time_=('time_', px.max),
)
df.requests_per_s = df.throughput / 10
px.display(df, 'out')
`,
  },
  {
    name: 'latency',
    description: 'filter errors out, groupby service -> mean latency, p50 and p99',
    quantiles: true,
    pxl: `import px
df = px.DataFrame(table='bench_http')
df = df[df.resp_status < 400]
df = df.groupby('service').agg(
  mean_latency=('latency', px.mean),
  q=('latency', px.quantiles),
)
df.p50 = px.pluck_float64(df.q, 'p50')
df.p99 = px.pluck_float64(df.q, 'p99')
df = df.drop('q')
px.display(df, 'out')
`,
  },
  {
    name: 'merge',
    description:
      'process_stats groupby upid -> max rss, merged into http_events on upid, groupby service -> count, mean rss',
    pxl: `import px
proc = px.DataFrame(table='bench_process')
proc = proc.groupby('upid').agg(rss=('rss_bytes', px.max))
df = px.DataFrame(table='bench_http')
df = df.merge(proc, how='inner', left_on='upid', right_on='upid', suffixes=['', '_p'])
df = df.groupby('service').agg(
  requests=('latency', px.count),
  mean_rss=('rss', px.mean),
)
px.display(df, 'out')
`,
  },
  {
    name: 'summary',
    description:
      'groupby service, req_path -> count, sum, p50/p99 of latency in ms, max time_, the rows handed to px.export as OTel Summary points',
    quantiles: true,
    pxl: `import px
df = px.DataFrame(table='bench_http')
df.latency_ms = df.latency / (1000 * 1000)
df = df.groupby(['service', 'req_path']).agg(
  latency_count=('latency_ms', px.count),
  latency_sum=('latency_ms', px.sum),
  q=('latency_ms', px.quantiles),
  time_=('time_', px.max),
)
df.p50 = px.pluck_float64(df.q, 'p50')
df.p99 = px.pluck_float64(df.q, 'p99')
px.export(df, px.otel.Data(
  resource={'service.name': df.service},
  data=[px.otel.metric.Summary(
    name='http.server.latency', unit='ms',
    count=df.latency_count, sum=df.latency_sum,
    quantile_values={0.5: df.p50, 0.99: df.p99},
    attributes={'http.target': df.req_path},
  )],
))
`,
  },
];

/** One result row, engine-independent: group key then numbers. */
export type ResultRow = readonly [string, ...number[]];

/**
 * Whether two engines computed the same thing: same keys, numbers equal up to summation order (relative 1e-9).
 * Quantiles are compared with the reference computed under the engine's own interpolation rule.
 */
export function disagreement(reference: readonly ResultRow[], rows: readonly ResultRow[]): string | undefined {
  const byKey = (rs: readonly ResultRow[]) => new Map(rs.map((r) => [r[0], r.slice(1) as number[]] as const));
  const a = byKey(reference);
  const b = byKey(rows);
  if (a.size !== b.size) return `${b.size} groups instead of ${a.size}`;
  for (const [k, xs] of a) {
    const ys = b.get(k);
    if (!ys) return `group '${k}' missing`;
    if (ys.length !== xs.length) return `group '${k}': ${ys.length} values instead of ${xs.length}`;
    for (let j = 0; j < xs.length; j++) {
      const x = xs[j]!;
      const y = ys[j]!;
      if (!(Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y), 1e-9)))
        return `group '${k}' value ${j}: ${y} instead of ${x}`;
    }
  }
  return undefined;
}
