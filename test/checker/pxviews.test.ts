// pxviews (pxlc's PxL implementation of Pixie's view library): every view has Pixie's parameters and output
// columns, checks clean when called as scripts call it, and runs on the demo data.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { check, compile } from '../../src/index.js';
import type { RunResult } from '../../src/runtime/run.js';

const COMMON = ['time_', 'pod_id', 'pod', 'service', 'namespace', 'node'];

/** Each view, the arguments after (start_time, end_time), and the columns Pixie's view returns, in order. */
const VIEWS: readonly [string, string, readonly string[]][] = [
  [
    'inbound_http_summary',
    '',
    [
      ...COMMON,
      'requestor_ip',
      'requestor_pod',
      'requestor_service',
      'latency_quantiles',
      'latency_sum',
      'num_requests',
      'num_errors',
      'req_bytes',
      'resp_bytes',
    ],
  ],
  [
    'http_graph',
    '',
    [
      'time_',
      'responder_pod',
      'requestor_pod',
      'responder_namespace',
      'requestor_namespace',
      'responder_node',
      'requestor_node',
      'responder_ip',
      'requestor_ip',
      'responder_service',
      'requestor_service',
      'latency_p50',
      'latency_p90',
      'latency_p99',
      'latency_quantiles',
      'latency_sum',
      'num_requests',
      'num_errors',
      'req_bytes',
      'resp_bytes',
    ],
  ],
  [
    'container_process_timeseries',
    ', px.seconds(10)',
    [
      'time_',
      'pod_id',
      'container',
      'pod',
      'service',
      'namespace',
      'node',
      'cpu_usage',
      'actual_disk_read_throughput',
      'actual_disk_write_throughput',
      'total_disk_read_throughput',
      'total_disk_write_throughput',
      'rss',
      'vsize',
    ],
  ],
  [
    'container_process_summary',
    '',
    [
      'time_',
      'pod_id',
      'container',
      'pod',
      'service',
      'namespace',
      'node',
      'cpu_usage',
      'actual_disk_read_throughput',
      'actual_disk_write_throughput',
      'total_disk_read_throughput',
      'total_disk_write_throughput',
      'rss',
      'vsize',
    ],
  ],
  [
    'pod_resource_stats',
    '',
    [
      'time_',
      'pod_id',
      'pod',
      'service',
      'node',
      'namespace',
      'container_count',
      'pod_start_time',
      'pod_status',
      'cpu_usage',
      'rss',
      'vsize',
      'actual_disk_read_throughput',
      'actual_disk_write_throughput',
      'total_disk_read_throughput',
      'total_disk_write_throughput',
    ],
  ],
  [
    'pod_network_timeseries',
    ', px.seconds(10)',
    [
      ...COMMON,
      'rx_bytes_per_ns',
      'tx_bytes_per_ns',
      'rx_drops_per_ns',
      'tx_drops_per_ns',
      'rx_errors_per_ns',
      'tx_errors_per_ns',
    ],
  ],
  [
    'pod_network_summary',
    '',
    [
      ...COMMON,
      'rx_bytes_per_ns',
      'tx_bytes_per_ns',
      'rx_drops_per_ns',
      'tx_drops_per_ns',
      'rx_errors_per_ns',
      'tx_errors_per_ns',
    ],
  ],
  ['inbound_http_throughput_timeseries', ', px.seconds(10)', [...COMMON, 'container', 'num_requests', 'num_errors']],
  [
    'inbound_http_latency_timeseries',
    ', px.seconds(10)',
    [...COMMON, 'latency_quantiles', 'num_requests', 'num_errors', 'latency_sum', 'req_bytes', 'resp_bytes'],
  ],
  [
    'stacktraces',
    '',
    [
      'namespace',
      'node',
      'service',
      'pod',
      'container',
      'cmdline',
      'stack_trace',
      'time_',
      'stack_trace_id',
      'count',
      'node_num_cpus',
    ],
  ],
  [
    'connection_throughput_stats',
    '',
    [
      'time_',
      'remote_addr',
      'node',
      'pod_id',
      'pod',
      'namespace',
      'service',
      'inbound_conn_throughput',
      'outbound_conn_throughput',
    ],
  ],
  [
    'processes',
    '',
    [
      'time_',
      'service',
      'namespace',
      'node',
      'upid',
      'pod_id',
      'pod',
      'container_name',
      'container_id',
      'cmdline',
      'pid',
      'container_status',
    ],
  ],
];

const script = VIEWS.map(([view, extra]) => `px.display(pxviews.${view}('-5m', px.now()${extra}), '${view}')`).join(
  '\n',
);
const TEXT = `import px\nimport pxviews\n${script}\n`;

test("every view checks clean and has the output columns of Pixie's view", (t) => {
  const r = check({ path: 'views.pxl', text: TEXT });
  t.deepEqual(
    r.diagnostics.map((d) => d.message),
    [],
  );
  const plan = r.plan!;
  for (const [view, , columns] of VIEWS) {
    const sink = plan.sinks.find((s) => s.kind === 'Display' && s.name === view)!;
    t.deepEqual(
      plan.nodes[sink.input]!.schema.map((c) => c.name),
      [...columns],
      view,
    );
  }
});

test('times computed from script arguments reach the views (px.now() + px.parse_duration(arg))', (t) => {
  const text = `import px
import pxviews
def pods(start_time: str):
    return pxviews.pod_resource_stats(px.now() + px.parse_duration(start_time), px.now())
`;
  const r = check({ path: 'f.pxl', text });
  t.deepEqual(
    r.diagnostics.map((d) => d.message),
    [],
  );
  const source = r.plan!.nodes.find((n) => n.kind === 'Source')!;
  t.true(source.kind === 'Source' && source.startTime?.kind === 'Call');
});

test('the views run on the demo data', async (t) => {
  const out = compile({ path: 'views.pxl', text: TEXT });
  t.deepEqual(
    out.diagnostics.map((d) => d.message),
    [],
  );
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-views-'));
  const file = join(dir, 'views.js');
  await writeFile(file, out.js!);
  const mod = (await import(pathToFileURL(file).href)) as { run: (o: Record<string, unknown>) => Promise<RunResult> };
  const r = await mod.run({ demoRows: 3000 });
  const rows = Object.fromEntries(r.tables.map((x) => [x.name, x.table.length]));
  // The demo cluster has pods with processes, network counters and served HTTP requests.
  for (const view of [
    'pod_resource_stats',
    'container_process_summary',
    'pod_network_summary',
    'inbound_http_summary',
    'processes',
  ]) {
    t.true((rows[view] ?? 0) > 0, `${view}: ${rows[view]}`);
  }
});
