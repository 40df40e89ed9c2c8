// Checker behaviour stated as small examples: schemas, types and semantic types through the pipeline.

import test from 'ava';
import { check } from '../../src/index.js';
import { printSchema } from '../../src/core/plan/print.js';

function outputSchema(src: string, sink = 0): string {
  const r = check({ path: 't.pxl', text: `import px\n${src}` });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0 || !r.plan) throw new Error(errors.map((e) => e.message).join('; '));
  return printSchema(r.plan.nodes[r.plan.sinks[sink]!.input]!.schema);
}

function messages(src: string): string[] {
  return check({ path: 't.pxl', text: `import px\n${src}` }).diagnostics.map((d) => `${d.severity}: ${d.message}`);
}

test('division is always FLOAT64 and drops the semantic type unless divided by a duration', (t) => {
  t.is(
    outputSchema(`df = px.DataFrame('http_events', select=['latency', 'req_body_size'])
df.a = df.latency / 1000
df.b = df.req_body_size / df.latency
px.display(df)`),
    '[latency:INT64(ST_DURATION_NS), req_body_size:INT64(ST_BYTES), a:FLOAT64, b:FLOAT64(ST_THROUGHPUT_BYTES_PER_NS)]',
  );
});

test('group-by keeps group columns first, then aggregates in keyword order', (t) => {
  t.is(
    outputSchema(`df = px.DataFrame('http_events')
df = df.groupby(['req_path', 'req_method']).agg(q=('latency', px.quantiles), n=('latency', px.count), m=('latency', px.mean), s=('latency', px.sum))
px.display(df)`),
    '[req_path:STRING, req_method:STRING(ST_HTTP_REQ_METHOD), q:STRING(ST_DURATION_NS_QUANTILES), n:INT64, m:FLOAT64(ST_DURATION_NS), s:INT64]',
  );
});

test('merge renames clashing columns with the suffixes', (t) => {
  t.is(
    outputSchema(`a = px.DataFrame('http_events', select=['upid', 'latency'])
b = px.DataFrame('process_stats', select=['upid', 'cpu_utime_ns'])
px.display(a.merge(b, how='inner', left_on='upid', right_on='upid', suffixes=['', '_x']))`),
    '[upid:UINT128(ST_UPID), latency:INT64(ST_DURATION_NS), upid_x:UINT128(ST_UPID), cpu_utime_ns:INT64(ST_DURATION_NS)]',
  );
});

test("ctx['pod'] uses the local-address fallback when the relation has local_addr and time_", (t) => {
  const r = check({
    path: 't.pxl',
    text: "import px\ndf = px.DataFrame('http_events')\ndf.pod = df.ctx['pod']\npx.display(df)",
  });
  const map = r.plan!.nodes[1]!;
  t.is(map.kind, 'Map');
  const last = map.kind === 'Map' ? map.columns[map.columns.length - 1]! : undefined;
  t.is(last?.kind === 'expr' && last.expr.kind === 'Call' ? last.expr.fn : '', '_upid_to_podname_local_addr_fallback');
  t.is(map.schema[map.schema.length - 1]!.semanticType, 'ST_POD_NAME');
});

test('constant folding happens before type checks, so literal arithmetic is accepted where literals are required', (t) => {
  t.is(
    outputSchema(`df = px.DataFrame('http_events', select=['latency']).head(2 * 5)
df.x = 60 * 1000
px.display(df)`),
    '[latency:INT64(ST_DURATION_NS), x:INT64]',
  );
});

test('the checker reports every independent error, and an error in one column does not cascade into its users', (t) => {
  t.deepEqual(
    messages(`df = px.DataFrame('http_events')
df.a = df.latncy * 2
df.b = df.a + 1
df.c = df.resp_stats
px.display(df)`).filter((m) => m.startsWith('error')),
    [
      "error: Column 'latncy' not found in parent dataframe",
      "error: Column 'resp_stats' not found in parent dataframe",
    ],
  );
});

test('the keyword-comma quirk parses and is reported as a warning only', (t) => {
  const ms = messages(`df = px.DataFrame('http_events')
df = df.groupby('req_path').agg(a=('latency', px.count) b=('latency', px.max))
px.display(df)`);
  t.deepEqual(ms, ["warning: keyword argument 'b' is not preceded by a comma"]);
});

test('unit inference and service-name expansion are decided from semantic types at px.export', (t) => {
  const r = check({
    path: 't.pxl',
    text: `import px
df = px.DataFrame('http_events', start_time='-10s')
df.service = df.ctx['service']
df = df.groupby(['service', 'req_path']).agg(lat=('latency', px.mean), time_=('time_', px.max))
px.export(df, px.otel.Data(endpoint=px.otel.Endpoint(url='c:4317'),
  resource={'service.name': df.service, 'team': 'web', 'path': df.req_path},
  data=[px.otel.metric.Gauge(name='lat', value=df.lat)]))`,
  });
  const sink = r.plan!.sinks[0]!;
  t.is(sink.kind, 'Export');
  if (sink.kind !== 'Export') return;
  t.deepEqual(
    sink.spec.resource.map((a) => a.key),
    ['team', 'path', 'service.name'],
  );
  t.deepEqual(sink.spec.data[0], {
    kind: 'gauge',
    name: 'lat',
    description: '',
    unit: 'ns',
    value: { column: 'lat', dataType: 'FLOAT64' },
    attributes: [],
  });
});
