// Semantic types through arithmetic and aggregates, as Pixie's type-resolution tests and its functions' inference
// rules give them: + and - keep bytes, durations and throughputs only when both sides have the type; a count over a
// duration is a rate; sum keeps bytes and percent but not durations; mean, min, max and abs keep all four; any keeps
// whatever it reads; quantiles of durations are duration quantiles, of untyped values quantiles, of anything else
// untyped text.

import test from 'ava';
import { check } from '../../src/index.js';
import { printSchema } from '../../src/core/plan/print.js';
import type { Schema } from '../../src/core/types.js';

const SEMANTIC_TABLE: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'cpu', dataType: 'FLOAT64', semanticType: 'ST_PERCENT' },
  { name: 'bytes', dataType: 'INT64', semanticType: 'ST_BYTES' },
  { name: 'lat', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
  { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
];

function outputSchema(body: string): string {
  const r = check({
    path: 't.pxl',
    text: `import px\ndf = px.DataFrame('semantic_table')\n${body}\npx.display(df)`,
    schemas: { semantic_table: SEMANTIC_TABLE },
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !r.plan) throw new Error(errors.map((e) => e.message).join('; '));
  return printSchema(r.plan.nodes[r.plan.sinks[0]!.input]!.schema);
}

test('a map: percent + percent loses the type, bytes + bytes keeps it, bytes + 1 and duration * 2 lose it', (t) => {
  t.is(
    outputSchema(`df = df[['cpu', 'bytes', 'lat']]
df.cpu_sum = df.cpu + df.cpu
df.bytes_sum = df.bytes + df.bytes
df.bytes_plus_one = df.bytes + 1
df.lat_diff = df.lat - df.lat
df.lat_twice = df.lat * 2
df.bytes_abs = px.abs(df.bytes)
df.cpu_abs = px.abs(df.cpu)
df.one = 1
df.rate = df.one / df.lat
df.throughput = df.bytes / df.lat`),
    '[cpu:FLOAT64(ST_PERCENT), bytes:INT64(ST_BYTES), lat:INT64(ST_DURATION_NS), cpu_sum:FLOAT64, bytes_sum:INT64(ST_BYTES), ' +
      'bytes_plus_one:INT64, lat_diff:INT64(ST_DURATION_NS), lat_twice:INT64, bytes_abs:INT64(ST_BYTES), cpu_abs:FLOAT64(ST_PERCENT), ' +
      'one:INT64, rate:FLOAT64(ST_THROUGHPUT_PER_NS), throughput:FLOAT64(ST_THROUGHPUT_BYTES_PER_NS)]',
  );
});

test('aggregates: the mean of a sum of bytes stays bytes, the mean of a sum of percents does not; sum drops durations', (t) => {
  t.is(
    outputSchema(`df.cpu_sum = df.cpu + df.cpu
df.bytes_sum = df.bytes + df.bytes
df = df.groupby('upid').agg(cpu_sum_mean=('cpu_sum', px.mean), bytes_sum_mean=('bytes_sum', px.mean), cpu_mean=('cpu', px.mean),
    lat_sum=('lat', px.sum), cpu_total=('cpu', px.sum), bytes_total=('bytes', px.sum), lat_min=('lat', px.min), cpu_max=('cpu', px.max),
    lat_any=('lat', px.any), lat_q=('lat', px.quantiles), bytes_q=('bytes', px.quantiles), plain_q=('cpu_sum', px.quantiles), n=('lat', px.count))`),
    '[upid:UINT128(ST_UPID), cpu_sum_mean:FLOAT64, bytes_sum_mean:FLOAT64(ST_BYTES), cpu_mean:FLOAT64(ST_PERCENT), lat_sum:INT64, ' +
      'cpu_total:FLOAT64(ST_PERCENT), bytes_total:INT64(ST_BYTES), lat_min:INT64(ST_DURATION_NS), cpu_max:FLOAT64(ST_PERCENT), ' +
      'lat_any:INT64(ST_DURATION_NS), lat_q:STRING(ST_DURATION_NS_QUANTILES), bytes_q:STRING, plain_q:STRING(ST_QUANTILES), n:INT64]',
  );
});
