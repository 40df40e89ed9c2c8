// The rows every engine sees: a flattened http_events (pod and service already resolved, so that each engine does
// the same work) generated from a fixed seed, as typed columns.

import { Random } from '../src/runtime/random.js';
import { makeTable, type Table } from '../src/runtime/table.js';
import type { Schema } from '../src/runtime/types.js';

export const BENCH_TABLE = 'bench_http';

export const BENCH_SCHEMA: Schema = [
  { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
  { name: 'pod', dataType: 'STRING', semanticType: 'ST_POD_NAME' },
  { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
  { name: 'req_path', dataType: 'STRING', semanticType: 'ST_NONE' },
  { name: 'resp_status', dataType: 'INT64', semanticType: 'ST_HTTP_RESP_STATUS' },
  { name: 'latency', dataType: 'INT64', semanticType: 'ST_DURATION_NS' },
];

/** What compile({schemas}) takes for the bench table. */
export const BENCH_SCHEMAS: Readonly<Record<string, Schema>> = { [BENCH_TABLE]: BENCH_SCHEMA };

export const BENCH_NOW_NS = 1_767_225_600_000_000_000n;

export interface BenchColumns {
  readonly time: BigInt64Array;
  readonly pod: string[];
  readonly service: string[];
  readonly path: string[];
  readonly status: BigInt64Array;
  readonly latency: BigInt64Array;
}

export function benchColumns(n: number, seed = 1): BenchColumns {
  const rnd = new Random(seed);
  const services = Array.from({ length: 12 }, (_, i) => `shop/svc-${i}`);
  const pods = services.flatMap((s) => [0, 1, 2].map((k) => `${s}-pod-${k}`));
  const paths = Array.from({ length: 40 }, (_, i) => `/api/v1/resource-${i}`);
  const time = new BigInt64Array(n);
  const pod: string[] = new Array(n);
  const service: string[] = new Array(n);
  const path: string[] = new Array(n);
  const status = new BigInt64Array(n);
  const latency = new BigInt64Array(n);
  for (let i = 0; i < n; i++) {
    const p = rnd.int(0, pods.length - 1);
    time[i] = BENCH_NOW_NS - 10_000_000_000n + BigInt(Math.floor((i / n) * 10_000_000_000)) + BigInt(rnd.int(0, 999));
    pod[i] = pods[p]!;
    service[i] = services[Math.floor(p / 3)]!;
    path[i] = paths[rnd.int(0, paths.length - 1)]!;
    status[i] = rnd.next() < 0.95 ? 200n : 500n;
    latency[i] = BigInt(Math.round(rnd.logNormal(5, 0.8) * 1e6));
  }
  return { time, pod, service, path, status, latency };
}

export function benchTable(c: BenchColumns): Table {
  return makeTable(BENCH_SCHEMA, [c.time, c.pod, c.service, c.path, c.status, c.latency], c.time.length);
}
