// The demo data is one continuous recording of the demo cluster: plugin windows read successive slices of it
// (counters never go back, gauges move in bounded steps except where a pod restarts), and every traced request
// appears as Pixie records it — on both sides when both ends are in the cluster, with matching addresses, and with
// payloads in the formats of Pixie's tracers.

import test from 'ava';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { DemoSource } from '../../src/runtime/sources/demo-source.js';
import { normalizeMysql, normalizePgsql } from '../../src/runtime/udf/sql-normalize.js';
import { compileScript } from '../support/compiled.js';

const NOW = 1_796_000_000_000_000_000n; // 2026-11-30T...
const S = 1_000_000_000n;
type Row = Record<string, unknown>;

function slice(table: string, from: bigint, to: bigint, now = to): Row[] {
  return new DemoSource(demoCluster(1), { nowNs: now }).rows(table, from, to);
}

test('successive plugin windows continue one recording: a window is the same rows whether read alone or in a longer read', (t) => {
  const whole = slice('http_events', NOW - 60n * S, NOW);
  const parts = [0n, 1n, 2n, 3n, 4n, 5n].flatMap((k) =>
    slice('http_events', NOW - 60n * S + k * 10n * S + (k === 0n ? 0n : 1n), NOW - 50n * S + k * 10n * S),
  );
  t.true(whole.length > 100);
  t.deepEqual(
    parts.map((r) => r['time_']),
    whole.map((r) => r['time_']),
  );
  t.deepEqual(
    parts.map((r) => r['req_path']),
    whole.map((r) => r['req_path']),
  );
});

test('counters grow monotonically per entity across plugin windows (conn_stats, process_stats, network_stats, jvm_stats)', async (t) => {
  const script = await compileScript(
    `import px
for table in ['conn_stats', 'process_stats', 'network_stats', 'jvm_stats']:
    px.display(px.DataFrame(table=table, start_time=px.plugin.start_time, end_time=px.plugin.end_time), table)
`.replace(
      "for table in ['conn_stats', 'process_stats', 'network_stats', 'jvm_stats']:\n    px.display(px.DataFrame(table=table, start_time=px.plugin.start_time, end_time=px.plugin.end_time), table)\n",
      ['conn_stats', 'process_stats', 'network_stats', 'jvm_stats']
        .map(
          (tb) =>
            `px.display(px.DataFrame(table='${tb}', start_time=px.plugin.start_time, end_time=px.plugin.end_time), '${tb}')`,
        )
        .join('\n') + '\n',
    ),
    'counters',
  );
  const COUNTERS: Record<string, { key: string[]; counters: string[] }> = {
    conn_stats: {
      key: ['upid', 'remote_addr', 'remote_port', 'trace_role'],
      counters: ['conn_open', 'conn_close', 'bytes_sent', 'bytes_recv'],
    },
    process_stats: {
      key: ['upid'],
      counters: [
        'major_faults',
        'minor_faults',
        'cpu_utime_ns',
        'cpu_ktime_ns',
        'rchar_bytes',
        'wchar_bytes',
        'read_bytes',
        'write_bytes',
      ],
    },
    network_stats: {
      key: ['pod_id'],
      counters: ['rx_bytes', 'rx_packets', 'rx_errors', 'rx_drops', 'tx_bytes', 'tx_packets', 'tx_errors', 'tx_drops'],
    },
    jvm_stats: { key: ['upid'], counters: ['young_gc_time', 'full_gc_time'] },
  };
  const last = new Map<string, bigint>();
  let checked = 0;
  let grew = 0;
  for (let w = 0; w < 6; w++) {
    const end = NOW + BigInt(w) * 10n * S;
    const r = await script.run({ now: end, window: { startNs: end - 10n * S + 1n, endNs: end } });
    for (const [table, spec] of Object.entries(COUNTERS)) {
      const cols = r.columns(table) as Record<string, unknown[]>;
      t.true(cols['time_']!.length > 0, `${table} has rows in window ${w}`);
      for (let i = 0; i < cols['time_']!.length; i++) {
        const key = `${table}|${spec.key.map((k) => String(cols[k]![i])).join('|')}`;
        for (const c of spec.counters) {
          const v = BigInt(cols[c]![i] as bigint);
          const before = last.get(`${key}|${c}`);
          if (before !== undefined) {
            checked++;
            if (v < before) t.fail(`${key} ${c} went from ${before} to ${v}`);
            if (v > before) grew++;
          }
          last.set(`${key}|${c}`, v);
        }
      }
    }
  }
  t.true(checked > 1000, `${checked} consecutive samples compared`);
  t.true(grew > checked / 3, 'counters move');
});

test('gauges move in bounded steps; the one large drop is a pod restarting (its process exits)', (t) => {
  // 30 minutes: three incident slots, one of which may be a restart.
  const rows = slice('process_stats', NOW - 1800n * S, NOW);
  const exits = slice('proc_exit_events', NOW - 1800n * S, NOW).filter((r) => r['exit_code'] !== 0);
  const byUpid = new Map<bigint, Row[]>();
  for (const r of rows) {
    const list = byUpid.get(r['upid'] as bigint) ?? [];
    list.push(r);
    byUpid.set(r['upid'] as bigint, list);
  }
  let steps = 0;
  for (const [upid, series] of byUpid) {
    for (let i = 1; i < series.length; i++) {
      const a = Number(series[i - 1]!['rss_bytes']);
      const b = Number(series[i]!['rss_bytes']);
      const restarted = exits.some(
        (e) =>
          e['upid'] === upid &&
          (e['time_'] as bigint) > (series[i - 1]!['time_'] as bigint) &&
          (e['time_'] as bigint) <= (series[i]!['time_'] as bigint),
      );
      if (!restarted) t.true(Math.abs(b - a) / a < 0.06, `rss of ${upid} stepped from ${a} to ${b}`);
      steps++;
    }
  }
  t.true(steps > 1000);
  for (const e of exits) t.deepEqual([e['exit_code'], e['signal']], [137, 9]);
});

const PROTOCOL_TABLES = [
  'http_events',
  'dns_events',
  'mysql_events',
  'pgsql_events',
  'redis_events',
  'cql_events',
  'kafka_events.beta',
  'amqp_events',
  'mongodb_events',
  'mux_events',
  'nats_events.beta',
  'tls_events',
  'http2_messages.beta',
];

for (const table of PROTOCOL_TABLES) {
  test(`${table}: both trace roles, the client's remote end is the server's local end`, (t) => {
    const rows = slice(table, NOW - 120n * S, NOW);
    const clients = rows.filter((r) => r['trace_role'] === 1);
    const servers = rows.filter((r) => r['trace_role'] === 2);
    t.true(clients.length > 0 && servers.length > 0, `${clients.length} client and ${servers.length} server rows`);
    if (table === 'http2_messages.beta') return;
    const serverEnds = new Set(
      servers.map((r) => `${r['local_addr']}:${r['local_port']}<-${r['remote_addr']}:${r['remote_port']}`),
    );
    // Requests to addresses outside the cluster are traced on the client side only.
    const inCluster = clients.filter((r) => String(r['remote_addr']).startsWith('10.16.'));
    const matched = inCluster.filter((r) =>
      serverEnds.has(`${r['remote_addr']}:${r['remote_port']}<-${r['local_addr']}:${r['local_port']}`),
    ).length;
    t.true(
      matched > 0 && matched / inCluster.length > 0.5,
      `${matched} of ${inCluster.length} client rows to pods have their server side`,
    );
  });
}

const json = (v: unknown) => JSON.parse(String(v)) as Record<string, unknown>;

test("payloads are in the formats of Pixie's tracers", (t) => {
  const rows = (table: string) => slice(table, NOW - 120n * S, NOW);
  for (const r of rows('http_events')) {
    t.is(typeof json(r['req_headers']), 'object');
    if (r['major_version'] === 2) t.is(json(r['resp_headers'])['content-type'], 'application/grpc');
  }
  const dns = rows('dns_events');
  for (const r of dns) {
    t.deepEqual(Object.keys(json(r['req_header'])), [
      'txid',
      'qr',
      'opcode',
      'aa',
      'tc',
      'rd',
      'ra',
      'ad',
      'cd',
      'rcode',
      'num_queries',
      'num_answers',
      'num_auth',
      'num_addl',
    ]);
    t.is(typeof (json(r['req_body'])['queries'] as { name: string }[])[0]!.name, 'string');
    t.true(Array.isArray(json(r['resp_body'])['answers']));
  }
  t.true(dns.some((r) => (json(r['resp_body'])['answers'] as unknown[]).length > 0));
  for (const r of rows('mysql_events')) {
    const n = json(normalizeMysql(String(r['req_body']), BigInt(r['req_cmd'] as number)));
    if (r['req_cmd'] === 3 || r['req_cmd'] === 23) t.is(n['error'], undefined, String(r['req_body']));
  }
  for (const r of rows('pgsql_events')) {
    const n = json(normalizePgsql(String(r['req']), String(r['req_cmd'])));
    if (r['req_cmd'] === 'Query' || r['req_cmd'] === 'Execute') t.is(n['error'], undefined, String(r['req']));
  }
  const kafka = rows('kafka_events.beta');
  const cmds = new Set(kafka.map((r) => r['req_cmd']));
  for (const c of [0, 1, 11, 14, 12]) t.true(cmds.has(c), `kafka api key ${c}`);
  for (const r of kafka.filter((x) => x['req_cmd'] === 0 || x['req_cmd'] === 1)) {
    const topic = (json(r['req_body'])['topics'] as { name: string; partitions: { index: number }[] }[])[0]!;
    t.true(topic.name.length > 0 && typeof topic.partitions[0]!.index === 'number');
  }
  for (const r of rows('redis_events')) t.is(typeof json(r['req_args']), 'object');
  for (const r of rows('mongodb_events')) t.is(typeof json(r['req_body'])[String(r['req_cmd'])], 'string');
  for (const r of rows('nats_events.beta')) t.is(typeof json(r['body']), 'object');
  for (const r of rows('tls_events'))
    t.true(
      String(
        json(r['req_body'])['extensions'] &&
          (json(r['req_body'])['extensions'] as Record<string, string>)['server_name'],
      ).includes('.'),
    );
  const amqp = rows('amqp_events');
  t.true(amqp.some((r) => r['req_method_id'] === 40) && amqp.some((r) => r['resp_method_id'] === 60));
  const conns = rows('conn_stats');
  t.true(conns.some((r) => r['trace_role'] === 1) && conns.some((r) => r['trace_role'] === 2));
  t.true(rows('stack_traces.beta').every((r) => String(r['stack_trace']).includes(';')));
});

test('Kafka: consumer groups rebalance (a JoinGroup, then a SyncGroup of the same generation and member); consumers fetch offsets the producer wrote', (t) => {
  const kafka = slice('kafka_events.beta', NOW - 300n * S, NOW).filter((r) => r['trace_role'] === 2);
  const joins = kafka
    .filter((r) => r['req_cmd'] === 11)
    .map((r) => ({
      group: json(r['req_body'])['group_id'],
      gen: json(r['resp'])['generation_id'],
      member: json(r['resp'])['member_id'],
      time: r['time_'] as bigint,
    }));
  const syncs = kafka
    .filter((r) => r['req_cmd'] === 14)
    .map((r) => ({
      group: json(r['req_body'])['group_id'],
      gen: json(r['req_body'])['generation_id'],
      member: json(r['req_body'])['member_id'],
      time: r['time_'] as bigint,
    }));
  t.deepEqual(
    [...new Set(joins.map((j) => j.group))].sort(),
    ['invoicing-group', 'shipping-events-group'],
    'both consumer groups rebalance within 5 minutes',
  );
  for (const j of joins) {
    const s = syncs.find((x) => x.group === j.group && x.gen === j.gen && x.member === j.member);
    if (!s) continue; // its SyncGroup falls after the slice
    t.true(s.time > j.time && s.time - j.time < 5n * S, 'the SyncGroup follows within seconds');
  }
  t.true(joins.some((j) => syncs.some((x) => x.group === j.group && x.gen === j.gen && x.member === j.member)));
  const partitionOffsets = (cmd: number, field: string) =>
    new Set(
      kafka
        .filter((r) => r['req_cmd'] === cmd)
        .flatMap((r) => {
          const body = cmd === 0 ? json(r['resp']) : json(r['req_body']);
          return (body['topics'] as { name: string; partitions: Record<string, number>[] }[]).flatMap((tp) =>
            tp.partitions.map((p) => `${tp.name}/${p['index']}@${p[field]}`),
          );
        }),
    );
  const produced = partitionOffsets(0, 'base_offset');
  const fetched = [...partitionOffsets(1, 'fetch_offset')];
  const read = fetched.filter((x) => produced.has(x));
  t.true(
    read.length > 10,
    `${read.length} of ${fetched.length} fetches read an offset produced to the same topic and partition`,
  );
});

test('the default namespace has MySQL and Redis traffic, and HTTP slow enough to sample slow requests from', async (t) => {
  const script = await compileScript(
    `import px
def per_table(start_time: str):
    m = px.DataFrame(table='mysql_events', start_time=start_time)
    m.ns = m.ctx['namespace']
    m = m[m.ns == 'default'].groupby('ns').agg(n=('latency', px.count))
    m.table = 'mysql_events'
    r = px.DataFrame(table='redis_events', start_time=start_time)
    r.ns = r.ctx['namespace']
    r = r[r.ns == 'default'].groupby('ns').agg(n=('latency', px.count))
    r.table = 'redis_events'
    h = px.DataFrame(table='http_events', start_time=start_time)
    h.ns = h.ctx['namespace']
    h = h[h.ns == 'default' and h.latency > 100 * 1000 * 1000].groupby('ns').agg(n=('latency', px.count))
    h.table = 'slow http_events'
    return m.append(r).append(h)
`,
    'default_ns',
  );
  const r = await script.run({ func: 'per_table', args: { start_time: '-5m' }, now: NOW });
  const cols = r.columns('per_table') as { table: string[]; n: bigint[] };
  t.deepEqual([...cols.table].sort(), ['mysql_events', 'redis_events', 'slow http_events']);
  for (const n of cols.n) t.true(n > 0n);
});
