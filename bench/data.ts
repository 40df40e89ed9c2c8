// The rows every engine sees, generated from a fixed seed as typed columns: a flattened http_events (pod and
// service already resolved, so that each engine does the same work) and a process_stats with the processes'
// memory. Four of the 144 processes that serve requests never report stats (an inner merge drops them).

import { Random } from '../src/runtime/random.js';
import { makeUpid, upidToString } from '../src/runtime/metadata/upid.js';
import { makeTable, type Table } from '../src/runtime/table.js';
import type { Schema } from '../src/core/types.js';

export const BENCH_TABLE = 'bench_http';
export const PROCESS_TABLE = 'bench_process';

export const BENCH_SCHEMA: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
  { name: 'pod', dataType: 'STRING', semanticType: 'ST_POD_NAME' },
  { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'resp_status', dataType: 'INT64', semanticType: 'ST_HTTP_RESP_STATUS' },
  { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
];

export const PROCESS_SCHEMA: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
  { name: 'rss_bytes', dataType: 'INT64', semanticType: 'ST_BYTES' },
];

/** What compile({schemas}) takes for the bench tables. */
export const BENCH_SCHEMAS: Readonly<Record<string, Schema>> = {
  [BENCH_TABLE]: BENCH_SCHEMA,
  [PROCESS_TABLE]: PROCESS_SCHEMA,
};

export const BENCH_NOW_NS = 1_767_225_600_000_000_000n;

export interface BenchColumns {
  readonly time: BigInt64Array;
  readonly upid: bigint[];
  readonly pod: string[];
  readonly service: string[];
  readonly path: string[];
  readonly status: BigInt64Array;
  readonly latency: BigInt64Array;
  /** process_stats: one row per process every 100 requests or so. */
  readonly process: { readonly time: BigInt64Array; readonly upid: bigint[]; readonly rss: BigInt64Array };
}

const PROCESSES_PER_POD = 4;

export function benchColumns(n: number, seed = 1): BenchColumns {
  const rnd = new Random(seed);
  const services = Array.from({ length: 12 }, (_, i) => `shop/svc-${i}`);
  const pods = services.flatMap((s) => [0, 1, 2].map((k) => `${s}-pod-${k}`));
  const upids = pods.flatMap((_, p) =>
    Array.from({ length: PROCESSES_PER_POD }, (_, k) =>
      makeUpid(p + 1, 1000 + k, BENCH_NOW_NS - 3_600_000_000_000n + BigInt(p * 1000 + k)),
    ),
  );
  const paths = Array.from({ length: 40 }, (_, i) => `/api/v1/resource-${i}`);
  const time = new BigInt64Array(n);
  const upid: bigint[] = new Array(n);
  const pod: string[] = new Array(n);
  const service: string[] = new Array(n);
  const path: string[] = new Array(n);
  const status = new BigInt64Array(n);
  const latency = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const p = rnd.int(0, pods.length - 1);
    time[i] = BENCH_NOW_NS - 10_000_000_000n + BigInt(Math.floor((i / n) * 10_000_000_000)) + BigInt(rnd.int(0, 999));
    upid[i] = upids[p * PROCESSES_PER_POD + rnd.int(0, PROCESSES_PER_POD - 1)]!;
    pod[i] = pods[p]!;
    service[i] = services[Math.floor(p / 3)]!;
    path[i] = paths[rnd.int(0, paths.length - 1)]!;
    status[i] = rnd.next() < 0.95 ? 200n : 500n;
    latency[i] = BigInt(Math.round(rnd.logNormal(5, 0.8) * 1e6));
  }
  const reporting = upids.slice(0, upids.length - 4);
  const m = Math.max(1000, Math.floor(n / 100));
  const process = { time: new BigInt64Array(m), upid: new Array<bigint>(m), rss: new BigInt64Array(m) };
  for (let i = 0; i < m; i++) {
    process.time[i] = BENCH_NOW_NS - 10_000_000_000n + BigInt(Math.floor((i / m) * 10_000_000_000));
    process.upid[i] = reporting[rnd.int(0, reporting.length - 1)]!;
    process.rss[i] = BigInt(rnd.int(50, 900)) * 1_048_576n + BigInt(rnd.int(0, 4095));
  }
  return { time, upid, pod, service, path, status, latency, process };
}

export function benchTable(c: BenchColumns): Table {
  return makeTable(BENCH_SCHEMA, [c.time, c.upid, c.pod, c.service, c.path, c.status, c.latency], c.time.length);
}

export function processTable(c: BenchColumns): Table {
  return makeTable(PROCESS_SCHEMA, [c.process.time, c.process.upid, c.process.rss], c.process.time.length);
}

/** upids as text for the engines without 128-bit integers (one string per distinct upid, shared by its rows). */
export function upidTexts(upids: readonly bigint[]): string[] {
  const text = new Map<bigint, string>();
  return upids.map((u) => {
    let s = text.get(u);
    if (s === undefined) text.set(u, (s = upidToString(u)));
    return s;
  });
}
