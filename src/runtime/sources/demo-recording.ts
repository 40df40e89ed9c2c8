// The demo cluster as one continuous, seeded recording. Every row is a pure function of absolute time and the seed:
// requests are drawn per second and link from a generator seeded by (seed, link, second), counters are integrals
// of the load since the process started, gauges are smooth functions of time. So any window — the last 5 minutes
// of `node out.js`, or successive plugin windows — is a slice of the same recording: counters never go back, gauges
// move in small steps, and a request appears once, on both sides when both ends are in the cluster.

import type { ClusterSpec } from '../metadata/spec.js';
import { upidParts } from '../metadata/upid.js';
import { Random } from '../random.js';
import { PROTOCOL_CODE, PROTOCOL_TABLES, request, scheduledRequests } from './demo-protocols.js';
import {
  INCIDENT_SLOT_S,
  clusterLinks,
  clusterProcesses,
  incidentAt,
  loadFactor,
  loadIntegral,
  mix,
  type Incident,
  type Link,
  type Proc,
} from './demo-traffic.js';

export type Row = Record<string, unknown>;

const NS = 1_000_000_000n;
/** Counters and gauges are sampled every this many seconds per entity (Pixie's collectors report periodically). */
const SAMPLE_S = 5;
/** Stack traces are aggregated over this many seconds per process. */
const PROFILE_S = 10;

export interface RecordingOptions {
  readonly seed: number;
  /** Request rates relative to the default (1 = about 6000 http_events rows in 5 minutes). */
  readonly scale: number;
}

export class DemoRecording {
  private readonly procs: Proc[];
  private readonly links: Link[];
  private readonly linksByTable = new Map<string, Link[]>();

  constructor(
    cluster: ClusterSpec,
    private readonly options: RecordingOptions,
  ) {
    this.procs = clusterProcesses(cluster);
    this.links = clusterLinks(this.procs, options.scale);
    for (const l of this.links) {
      for (const t of PROTOCOL_TABLES[l.spec.protocol]) {
        let list = this.linksByTable.get(t);
        if (!list) this.linksByTable.set(t, (list = []));
        list.push(l);
      }
    }
  }

  /** The rows of `table` with fromNs <= time_ <= toNs, in time order (only the columns generated here). */
  rows(table: string, fromNs: bigint, toNs: bigint): Row[] {
    if (toNs < fromNs || this.procs.length === 0) return [];
    const out: Row[] = [];
    const links = this.linksByTable.get(table);
    if (links) this.requests(table, links, fromNs, toNs, out);
    else this.sampled(table, fromNs, toNs, out);
    const kept = out.filter((r) => (r['time_'] as bigint) >= fromNs && (r['time_'] as bigint) <= toNs);
    return kept.sort((a, b) =>
      (a['time_'] as bigint) < (b['time_'] as bigint) ? -1 : (a['time_'] as bigint) > (b['time_'] as bigint) ? 1 : 0,
    );
  }

  private incident(tS: number): Incident {
    return incidentAt(tS, this.options.seed);
  }

  /** The service an incident hits: one of the services that serve requests. */
  private servers: string[] | undefined;

  private incidentService(inc: Incident): string {
    // Worked out once: asked for every second an incident is active.
    this.servers ??= [
      ...new Set(this.links.filter((l) => l.server && l.spec.protocol !== 'dns').map((l) => l.server!.service)),
    ].sort();
    return this.servers[inc.target % this.servers.length] ?? '';
  }

  private requests(table: string, links: readonly Link[], fromNs: bigint, toNs: bigint, out: Row[]): void {
    // A request is recorded when its response is seen, up to a few seconds after it started.
    const first = Number(fromNs / NS) - 3;
    const last = Number(toNs / NS);
    for (let s = first; s <= last; s++) {
      const inc = this.incident(s);
      const active = s >= inc.startS && s < inc.endS;
      const hit = active ? this.incidentService(inc) : '';
      for (const link of links) {
        const rnd = new Random(mix(mix(this.options.seed, link.id), s));
        const rate = link.perSecond * loadFactor(s, link.id);
        const n = Math.floor(rate) + (rnd.next() < rate - Math.floor(rate) ? 1 : 0);
        const scheduled = scheduledRequests(link, s);
        for (let i = 0; i < n + scheduled; i++) {
          const startNs = BigInt(s) * NS + BigInt(Math.floor(rnd.next() * 1e9));
          const serverHit = hit !== '' && link.server?.service === hit;
          const req = request(link.spec.protocol, {
            rnd,
            link,
            failing: serverHit && inc.kind === 'error-burst',
            slow: serverHit && inc.kind === 'slow-endpoint',
            sequence: s * 8 + i,
            second: s,
            index: i,
            scheduled: i >= n,
          });
          const payload = req.tables.find(([t]) => t === table)?.[1];
          if (!payload) continue;
          const netNs = 150_000 + Math.floor(rnd.next() * 200_000);
          if (link.server) {
            out.push(this.side(table, link, 'server', startNs + BigInt(netNs + req.latencyNs), req.latencyNs, payload));
          }
          if (link.client) {
            out.push(
              this.side(
                table,
                link,
                'client',
                startNs + BigInt(2 * netNs + req.latencyNs),
                req.latencyNs + 2 * netNs,
                payload,
              ),
            );
          }
        }
      }
    }
  }

  /** One side's row: the client sees the server as remote (trace_role 1), the server sees the client (2). */
  private side(
    table: string,
    link: Link,
    role: 'client' | 'server',
    time: bigint,
    latencyNs: number,
    payload: Row,
  ): Row {
    const client = role === 'client';
    const proc = (client ? link.client : link.server)!;
    const row: Row = {
      time_: time,
      upid: proc.upid,
      remote_addr: client ? link.serverIp : link.clientIp,
      remote_port: client ? link.spec.port : link.clientPort,
      trace_role: client ? 1 : 2,
      ...payload,
    };
    if (table !== 'http2_messages.beta') {
      row['local_addr'] = client ? link.clientIp : link.serverIp;
      row['local_port'] = client ? link.clientPort : link.spec.port;
    }
    if (table !== 'http2_messages.beta' && table !== 'nats_events.beta') row['latency'] = latencyNs;
    return row;
  }

  private sampled(table: string, fromNs: bigint, toNs: bigint, out: Row[]): void {
    switch (table) {
      case 'conn_stats':
        return this.each(fromNs, toNs, SAMPLE_S, this.links.length * 2, (k, tS, time) => {
          const link = this.links[k >> 1]!;
          // A TLS handshake and the HTTP requests after it share one connection: it is counted once.
          if (
            link.spec.protocol === 'tls' &&
            this.links.some(
              (l) =>
                l !== link &&
                l.clientIp === link.clientIp &&
                l.serverIp === link.serverIp &&
                l.spec.port === link.spec.port,
            )
          )
            return;
          const client = (k & 1) === 0;
          const proc = client ? link.client : link.server;
          if (proc) out.push(this.connStats(link, client, proc, tS, time));
        });
      case 'tcp_stats_events':
        return this.each(fromNs, toNs, SAMPLE_S, this.links.length, (k, tS, time) => {
          const link = this.links[k]!;
          if (!link.client || link.spec.protocol === 'dns') return;
          const reqs = (t: number) => link.perSecond * loadIntegral(t, link.id);
          const d = reqs(tS) - reqs(tS - SAMPLE_S);
          out.push({
            time_: time,
            upid: link.client.upid,
            local_addr: link.clientIp,
            local_port: link.clientPort,
            remote_addr: link.serverIp,
            remote_port: link.spec.port,
            tx: Math.round(d * 600),
            rx: Math.round(d * 2400),
            retransmits: mix(k, Math.floor(tS)) % 50 === 0 ? 1 : 0,
          });
        });
      case 'process_stats':
        return this.each(fromNs, toNs, SAMPLE_S, this.procs.length, (k, tS, time) =>
          out.push(this.processStats(this.procs[k]!, tS, time)),
        );
      case 'network_stats': {
        const pods = [...new Map(this.procs.map((p) => [p.pod.id, p])).values()];
        return this.each(fromNs, toNs, SAMPLE_S, pods.length, (k, tS, time) =>
          out.push(this.networkStats(pods[k]!, tS, time)),
        );
      }
      case 'jvm_stats': {
        const jvms = this.procs.filter((p) => p.cmdline.startsWith('java'));
        return this.each(fromNs, toNs, SAMPLE_S, jvms.length, (k, tS, time) =>
          out.push(this.jvmStats(jvms[k]!, tS, time)),
        );
      }
      case 'stack_traces.beta':
        return this.each(fromNs, toNs, PROFILE_S, this.procs.length, (k, tS, time) =>
          out.push(...this.stackTraces(this.procs[k]!, tS, time)),
        );
      case 'proc_exit_events':
        return this.procExits(fromNs, toNs, out);
      case 'probe_status':
      case 'stirling_error': {
        const pems = this.procs.filter((p) => p.service === 'vizier-pem');
        const every = table === 'probe_status' ? 10 : 60;
        return this.each(fromNs, toNs, every, pems.length, (k, tS, time) =>
          out.push(...agentStatus(table, pems[k]!, Math.floor(tS / every), time)),
        );
      }
      default:
        return;
    }
  }

  /** Calls `f(entity, seconds, time)` for every sample of `count` entities, each on its own phase, within the range. */
  private each(
    fromNs: bigint,
    toNs: bigint,
    periodS: number,
    count: number,
    f: (k: number, tS: number, time: bigint) => void,
  ): void {
    const periodNs = BigInt(periodS) * NS;
    for (let k = 0; k < count; k++) {
      const phase = BigInt(mix(this.options.seed, k + 7919) % (periodS * 1000)) * 1_000_000n + BigInt(k * 131 + 17);
      let t = ((fromNs - phase) / periodNs) * periodNs + phase;
      if (t < fromNs) t += periodNs;
      for (; t <= toNs; t += periodNs) f(k, Number(t / 1_000_000n) / 1000, t);
    }
  }

  private connStats(link: Link, client: boolean, proc: Proc, tS: number, time: bigint): Row {
    const reqs = link.perSecond * loadIntegral(tS - procStartS(proc), link.id);
    const reqBytes = link.spec.protocol === 'dns' ? 60 : 650;
    const respBytes = link.spec.protocol === 'dns' ? 140 : 2600;
    const perConn = link.spec.protocol === 'dns' ? 1 : 400;
    const opened = 1 + Math.floor(reqs / perConn);
    const active = link.spec.protocol === 'dns' ? 0 : 1;
    return {
      time_: time,
      upid: proc.upid,
      remote_addr: client ? link.serverIp : link.clientIp,
      remote_port: client ? link.spec.port : link.clientPort,
      trace_role: client ? 1 : 2,
      addr_family: 1,
      protocol: PROTOCOL_CODE[link.spec.protocol],
      ssl: link.spec.protocol === 'tls' || link.spec.port === 443,
      conn_open: opened,
      conn_close: opened - active,
      conn_active: active,
      bytes_sent: Math.floor(reqs * (client ? reqBytes : respBytes)),
      bytes_recv: Math.floor(reqs * (client ? respBytes : reqBytes)),
    };
  }

  /** How busy a process is: the requests it serves and sends per second. */
  private busy(proc: Proc): number {
    let r = 0;
    for (const l of this.links) if (l.client === proc || l.server === proc) r += l.perSecond;
    return r;
  }

  private processStats(proc: Proc, tS: number, time: bigint): Row {
    const up = tS - procStartS(proc);
    const busy = this.busy(proc) / Math.max(this.options.scale, 1e-6);
    const cpu = 0.02 + 0.04 * busy;
    const work = loadIntegral(up, proc.index);
    const counter = (perS: number) => Math.floor(perS * work);
    const base = 60 + (mix(proc.index, 3) % 300);
    const rss = Math.round(
      (base + base * 0.08 * Math.sin((2 * Math.PI * tS) / 900 + proc.index) + this.leak(proc, tS) * base) * 1_048_576,
    );
    return {
      time_: time,
      upid: proc.upid,
      major_faults: counter(0.002),
      minor_faults: counter(40 + 20 * busy),
      cpu_utime_ns: counter(cpu * 0.8e9),
      cpu_ktime_ns: counter(cpu * 0.2e9),
      num_threads: 8 + (mix(proc.index, 5) % 30) + Math.round(2 * Math.sin((2 * Math.PI * tS) / 600 + proc.index)),
      vsize_bytes: rss + (700 + (mix(proc.index, 9) % 700)) * 1_048_576,
      rss_bytes: rss,
      rchar_bytes: counter(20_000 + 4000 * busy),
      wchar_bytes: counter(9000 + 3000 * busy),
      read_bytes: counter(400),
      write_bytes: counter(4096 + 1000 * busy),
    };
  }

  /** A restarting pod's memory grows through its incident until the process is killed at the end. */
  private leak(proc: Proc, tS: number): number {
    const inc = this.incident(tS);
    if (inc.kind !== 'restart' || tS < inc.startS || tS >= inc.endS || this.restartTarget(inc) !== proc) return 0;
    return (0.9 * (tS - inc.startS)) / (inc.endS - inc.startS);
  }

  private restartTarget(inc: Incident): Proc | undefined {
    const candidates = this.procs.filter((p) => p.service !== 'vizier-pem' && p.service !== 'kube-dns');
    return candidates[inc.target % candidates.length];
  }

  private networkStats(proc: Proc, tS: number, time: bigint): Row {
    const busy = this.links
      .filter((l) => l.client?.pod === proc.pod || l.server?.pod === proc.pod)
      .reduce((n, l) => n + l.perSecond, 0);
    const work = (busy + 0.05) * loadIntegral(tS - procStartS(proc), proc.index);
    const c = (perReq: number) => Math.floor(work * perReq);
    return {
      time_: time,
      pod_id: proc.pod.id,
      rx_bytes: c(2600),
      rx_packets: c(4),
      rx_errors: c(0.0005),
      rx_drops: c(0.002),
      tx_bytes: c(1800),
      tx_packets: c(3),
      tx_errors: c(0.0003),
      tx_drops: c(0.001),
    };
  }

  private jvmStats(proc: Proc, tS: number, time: bigint): Row {
    const up = tS - procStartS(proc);
    const max = 1024 * 1_048_576;
    const total = 512 * 1_048_576;
    // The young generation fills and is collected about once a minute: used heap is a sawtooth.
    const cycle = (up % 60) / 60;
    return {
      time_: time,
      upid: proc.upid,
      young_gc_time: Math.floor(up / 60) * 12_000_000,
      full_gc_time: Math.floor(up / 3600) * 350_000_000,
      used_heap_size: Math.round(total * (0.3 + 0.45 * cycle)),
      total_heap_size: total,
      max_heap_size: max,
    };
  }

  private stackTraces(proc: Proc, tS: number, time: bigint): Row[] {
    const stacks = stacksOf(proc);
    const rnd = new Random(mix(mix(this.options.seed, proc.index + 100_003), Math.floor(tS)));
    const samples = Math.max(
      1,
      Math.round((5 + (40 * this.busy(proc)) / Math.max(this.options.scale, 1e-6)) * loadFactor(tS, proc.index)),
    );
    return stacks.map((stack, i) => ({
      time_: time + BigInt(i),
      upid: proc.upid,
      stack_trace_id: mix(proc.index, i) % 100_000,
      stack_trace: stack,
      count: Math.max(1, Math.round(samples * (i === 0 ? 0.4 : 0.6 / (stacks.length - 1)) * (0.8 + 0.4 * rnd.next()))),
    }));
  }

  /** Exec probes end every 10 s in the data services' pods; a restarting pod's process is killed at its incident's end. */
  private procExits(fromNs: bigint, toNs: bigint, out: Row[]): void {
    const probed = this.procs.filter((p) => PROBES[p.service] !== undefined);
    this.each(fromNs, toNs, 10, probed.length, (k, _tS, time) => {
      const p = probed[k]!;
      out.push({ time_: time, upid: p.upid, exit_code: 0, signal: 0, comm: PROBES[p.service]! });
    });
    const firstSlot = Math.floor(Number(fromNs / NS) / INCIDENT_SLOT_S);
    const lastSlot = Math.floor(Number(toNs / NS) / INCIDENT_SLOT_S);
    for (let slot = firstSlot; slot <= lastSlot; slot++) {
      const inc = this.incident(slot * INCIDENT_SLOT_S);
      const target = inc.kind === 'restart' ? this.restartTarget(inc) : undefined;
      if (!target) continue;
      const comm =
        target.cmdline
          .split(/[\s/]/)
          .filter(Boolean)
          .find((w) => !w.startsWith('-')) ?? 'app';
      out.push({
        time_: BigInt(inc.endS) * NS + 123_457n,
        upid: target.upid,
        exit_code: 137,
        signal: 9,
        comm: comm.slice(0, 15),
      });
    }
  }
}

const PROBES: Readonly<Record<string, string>> = {
  'redis-cart': 'redis-cli',
  'catalogue-db': 'mysqladmin',
  'carts-db': 'mongo',
  rabbitmq: 'rabbitmq-diagnos',
  kafka: 'kafka-broker-ap',
  postgres: 'pg_isready',
  mysql: 'mysqladmin',
  redis: 'redis-cli',
  cassandra: 'nodetool',
  nats: 'wget',
};

function procStartS(proc: Proc): number {
  return Number(upidParts(proc.upid).startTs / 1_000_000n) / 1000;
}

const STACKS: Readonly<Record<string, readonly string[]>> = {
  go: [
    'runtime.goexit.abi0;net/http.(*conn).serve;net/http.serverHandler.ServeHTTP;main.(*frontendServer).homeHandler;main.(*frontendServer).getProducts;google.golang.org/grpc.(*ClientConn).Invoke',
    'runtime.goexit.abi0;runtime.gcBgMarkWorker;runtime.gcDrain;runtime.scanobject;runtime.findObject',
    'runtime.goexit.abi0;net/http.(*conn).serve;net/http.(*conn).readRequest;net/textproto.(*Reader).ReadMIMEHeader',
    'runtime.goexit.abi0;google.golang.org/grpc.(*Server).handleStream;google.golang.org/protobuf/proto.MarshalOptions.marshal',
    'runtime.mcall;runtime.park_m;runtime.schedule;runtime.findRunnable;runtime.netpoll;runtime.epollwait',
  ],
  java: [
    'java.lang.Thread.run;org.apache.tomcat.util.threads.TaskThread$WrappingRunnable.run;org.apache.catalina.connector.CoyoteAdapter.service;org.springframework.web.servlet.DispatcherServlet.doDispatch;works.weave.socks.orders.controllers.OrdersController.newOrder',
    'java.lang.Thread.run;com.fasterxml.jackson.databind.ObjectMapper.writeValueAsString;com.fasterxml.jackson.core.json.WriterBasedJsonGenerator.writeString',
    '[k] entry_SYSCALL_64_after_hwframe;[k] do_syscall_64;[k] __x64_sys_epoll_wait;[k] do_epoll_wait',
    'java.lang.Thread.run;G1ConcurrentRefineThread::run_service;G1RemSet::refine_card_concurrently',
  ],
  node: [
    'node::Start;uv_run;uv__io_poll;node::StreamBase::ReadStart;v8::internal::Builtins_JSEntry;processTicksAndRejections;Convert',
    'node::Start;uv_run;v8::internal::Heap::CollectGarbage;v8::internal::MarkCompactCollector::CollectGarbage',
    'node::Start;uv_run;uv__io_poll;[k] entry_SYSCALL_64_after_hwframe;[k] do_syscall_64;[k] __x64_sys_epoll_wait',
  ],
  python: [
    '_start;__libc_start_main;Py_BytesMain;_PyEval_EvalFrameDefault;grpc._server._serve;recommendation_server.ListRecommendations',
    '_start;__libc_start_main;Py_BytesMain;_PyEval_EvalFrameDefault;random.sample;random.Random._randbelow_with_getrandbits',
    '_start;__libc_start_main;Py_BytesMain;[k] entry_SYSCALL_64_after_hwframe;[k] __x64_sys_futex',
  ],
  native: [
    '__libc_start_main;main;aeMain;aeProcessEvents;processInputBuffer;processCommand;call',
    '__libc_start_main;main;aeMain;aeProcessEvents;[k] entry_SYSCALL_64_after_hwframe;[k] __x64_sys_epoll_wait',
    '__libc_start_main;main;handle_connection;dispatch_command;mysql_execute_command;JOIN::exec',
  ],
};

function stacksOf(proc: Proc): readonly string[] {
  const c = proc.cmdline;
  if (c.startsWith('java')) return STACKS['java']!;
  if (c.startsWith('node')) return STACKS['node']!;
  if (c.startsWith('python')) return STACKS['python']!;
  if (/^(\/src\/|\/app\/?[a-z]*$|\/app -|\/app\/events|\/coredns|nats-server|\/app\/src\/vizier)/.test(c))
    return STACKS['go']!;
  return STACKS['native']!;
}

const CONNECTORS = [
  'socket_tracer',
  'proc_stat',
  'network_stats',
  'jvm_stats',
  'perf_profiler',
  'proc_exit_tracer',
  'tcp_stats',
];

/** What Pixie's data collector reports about its own probes: all deployed, one Go binary without symbols. */
function agentStatus(table: string, pem: Proc, tick: number, time: bigint): Row[] {
  if (table === 'stirling_error') {
    return [
      {
        time_: time,
        upid: pem.upid,
        source_connector: 'socket_tracer',
        status: tick % 2 === 0 ? 0 : 5,
        error: tick % 2 === 0 ? '' : 'Could not find symbols for Go TLS tracing in /app/events: the binary is stripped',
        context: 'Go TLS tracing',
      },
    ];
  }
  const connector = CONNECTORS[tick % CONNECTORS.length]!;
  return [
    {
      time_: time,
      upid: pem.upid,
      source_connector: connector,
      tracepoint: connector === 'socket_tracer' ? 'syscall_probes' : '',
      status: 0,
      error: '',
      info: JSON.stringify({ probe: connector, deployed: true }),
    },
  ];
}
