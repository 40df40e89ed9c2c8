// Rows of the built-in demo data. Each row is an event of one traced process of the demo cluster, talking to
// another pod; http_events, conn_stats, process_stats and network_stats get realistic shapes, every other
// catalogue table gets plausible values by column type and meaning, so any script has something to chew on.

import { tablesJson } from '../../core/data-files.js';
import type { ClusterSpec, PodSpec } from '../metadata/spec.js';
import { parseUint128 } from '../metadata/upid.js';
import { Random } from '../random.js';

type Row = Record<string, unknown>;

interface CatalogColumn { readonly name: string; readonly type: string; readonly semanticType: string; readonly enum?: string }
interface Catalog {
  readonly tables: Readonly<Record<string, { readonly columns: readonly CatalogColumn[] }>>;
  readonly enums: Readonly<Record<string, { readonly values: Readonly<Record<string, string>> }>>;
}
const catalog = tablesJson() as Catalog;

export function demoTableNames(): string[] {
  return Object.keys(catalog.tables);
}

interface Proc { readonly upid: bigint; readonly pod: PodSpec; readonly service: string }

interface DemoOptions { readonly nowNs: bigint; readonly rows: number; readonly seed: number; readonly spanNs: bigint }

const ROUTES: Readonly<Record<string, readonly (readonly [string, string, number])[]>> = {
  'frontend': [['GET', '/', 30], ['GET', '/product/OLJCESPC7Z', 20], ['GET', '/product/66VCHSJNUP', 12], ['POST', '/cart', 10],
    ['GET', '/cart', 10], ['POST', '/cart/checkout', 4], ['POST', '/setCurrency', 3], ['GET', '/_healthz', 8]],
  'cartservice': [['POST', '/hipstershop.CartService/GetCart', 5], ['POST', '/hipstershop.CartService/AddItem', 2]],
  'checkoutservice': [['POST', '/hipstershop.CheckoutService/PlaceOrder', 1]],
  'productcatalogservice': [['POST', '/hipstershop.ProductCatalogService/GetProduct', 6], ['POST', '/hipstershop.ProductCatalogService/ListProducts', 3]],
  'currencyservice': [['POST', '/hipstershop.CurrencyService/Convert', 5], ['POST', '/hipstershop.CurrencyService/GetSupportedCurrencies', 2]],
  'paymentservice': [['POST', '/hipstershop.PaymentService/Charge', 1]],
  'recommendationservice': [['POST', '/hipstershop.RecommendationService/ListRecommendations', 1]],
  'front-end': [['GET', '/', 10], ['GET', '/catalogue', 8], ['GET', '/catalogue/size', 3], ['GET', '/cart', 5], ['POST', '/orders', 2], ['GET', '/health', 4]],
  'catalogue': [['GET', '/catalogue', 5], ['GET', '/catalogue/3395a43e-2d88-40de-b95f-e00e1502085b', 2], ['GET', '/tags', 1]],
  'carts': [['GET', '/carts/57a98d98e4b00679b4a830b2/items', 3], ['POST', '/carts/57a98d98e4b00679b4a830b2/items', 1]],
  'orders': [['POST', '/orders', 1], ['GET', '/orders/search/customerId', 1]],
};

/** Median latency in ms per service: the front ends wait on everything behind them. */
const MEDIAN_MS: Readonly<Record<string, number>> = { 'frontend': 35, 'checkoutservice': 60, 'front-end': 25, 'orders': 80 };

const STATUS: readonly (readonly [number, string, number])[] = [[200, 'OK', 90], [201, 'Created', 2], [302, 'Found', 2], [404, 'Not Found', 3], [500, 'Internal Server Error', 2], [503, 'Service Unavailable', 1]];

function processes(cluster: ClusterSpec): Proc[] {
  const podByContainer = new Map((cluster.containers ?? []).map((c) => [c.id, c.pod] as const));
  const podByName = new Map<string, PodSpec>((cluster.pods ?? []).map((p) => [`${p.namespace}/${p.name}`, p]));
  const out: Proc[] = [];
  for (const p of cluster.processes ?? []) {
    const upid = parseUint128(p.upid);
    const pod = podByName.get(podByContainer.get(p.container) ?? '');
    if (upid !== undefined && pod) out.push({ upid, pod, service: pod.services?.[0] ?? pod.name });
  }
  return out;
}

/** Rows of `table` (all catalogue columns), ascending in time_, spread over `spanNs` before `nowNs`. */
export function demoRows(table: string, cluster: ClusterSpec, options: DemoOptions): Row[] {
  const columns = catalog.tables[table]?.columns;
  if (!columns) return [];
  const rnd = new Random(options.seed * 1_000_003 + hash(table));
  const procs = processes(cluster);
  if (procs.length === 0) return [];
  const times = eventTimes(rnd, options);
  const perTable = SHAPES[table];
  const cumulative = new Map<string, number>();
  return times.map((time) => {
    const proc = rnd.pick(procs);
    const peer = rnd.pick(procs);
    const row: Row = { time_: time, upid: proc.upid };
    perTable?.(row, { rnd, proc, peer, cumulative, time });
    for (const c of columns) if (!(c.name in row)) row[c.name] = genericValue(c, rnd, proc, peer);
    return row;
  });
}

function eventTimes(rnd: Random, o: DemoOptions): bigint[] {
  const times: bigint[] = [];
  const span = Number(o.spanNs);
  for (let i = 0; i < o.rows; i++) {
    // Odd nanoseconds on purpose: timestamps must survive to the collector without rounding.
    times.push(o.nowNs - BigInt(Math.floor(rnd.next() * span)) - BigInt(rnd.int(1, 999)));
  }
  return times.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

interface ShapeContext {
  readonly rnd: Random;
  readonly proc: Proc;
  readonly peer: Proc;
  readonly cumulative: Map<string, number>;
  readonly time: bigint;
}

const SHAPES: Readonly<Record<string, (row: Row, ctx: ShapeContext) => void>> = {
  http_events(row, { rnd, proc, peer }) {
    const [method, path] = rnd.weighted((ROUTES[proc.service] ?? [['GET', '/', 1]]).map(([m, p, w]) => [[m, p] as const, w] as const));
    const [status, message] = rnd.weighted(STATUS.map(([s, msg, w]) => [[s, msg] as const, w] as const));
    const grpc = path.startsWith('/hipstershop.');
    const respBody = status >= 400 ? `{"error":"${message.toLowerCase()}"}` : grpc ? '<protobuf>' : '{"ok":true}';
    Object.assign(row, {
      remote_addr: peer.pod.ip, remote_port: rnd.int(32768, 60999), local_addr: proc.pod.ip, local_port: grpc ? 50051 : 8080,
      trace_role: 2, encrypted: false, major_version: grpc ? 2 : 1, minor_version: grpc ? 0 : 1, content_type: grpc ? 0 : 1,
      req_headers: JSON.stringify({ Host: `${proc.service}:${grpc ? 50051 : 8080}`, 'User-Agent': grpc ? 'grpc-go/1.58.0' : 'Mozilla/5.0' }),
      req_method: method, req_path: path, req_body: method === 'POST' ? '{"quantity":1}' : '', req_body_size: method === 'POST' ? 14 : 0,
      resp_headers: JSON.stringify({ 'Content-Type': grpc ? 'application/grpc' : 'application/json' }),
      resp_status: status, resp_message: message, resp_body: respBody, resp_body_size: respBody.length + rnd.int(0, 4000),
      latency: Math.round(rnd.logNormal((MEDIAN_MS[proc.service] ?? 8) * (status >= 500 ? 4 : 1), 0.7) * 1e6),
    });
  },
  conn_stats(row, { rnd, proc, peer, cumulative }) {
    const key = `${proc.upid}|${peer.pod.ip}`;
    const opened = (cumulative.get(`${key}|open`) ?? 0) + rnd.int(0, 3);
    const closed = Math.min(opened, (cumulative.get(`${key}|close`) ?? 0) + rnd.int(0, 2));
    const sent = (cumulative.get(`${key}|sent`) ?? 0) + Math.round(rnd.logNormal(20_000, 1));
    const recv = (cumulative.get(`${key}|recv`) ?? 0) + Math.round(rnd.logNormal(60_000, 1));
    cumulative.set(`${key}|open`, opened).set(`${key}|close`, closed).set(`${key}|sent`, sent).set(`${key}|recv`, recv);
    Object.assign(row, {
      remote_addr: peer.pod.ip, remote_port: 8080, trace_role: rnd.pick([1, 2]), addr_family: 2, protocol: rnd.weighted([[1, 8], [2, 3], [6, 1]]),
      ssl: false, conn_open: opened, conn_close: closed, conn_active: opened - closed, bytes_sent: sent, bytes_recv: recv,
    });
  },
  process_stats(row, { rnd, proc, cumulative }) {
    const key = String(proc.upid);
    const bump = (name: string, step: number) => {
      const v = (cumulative.get(`${key}|${name}`) ?? rnd.int(1, 1000) * step) + Math.round(rnd.next() * step);
      cumulative.set(`${key}|${name}`, v);
      return v;
    };
    Object.assign(row, {
      major_faults: bump('major', 1), minor_faults: bump('minor', 400), cpu_utime_ns: bump('utime', 40_000_000), cpu_ktime_ns: bump('ktime', 10_000_000),
      num_threads: rnd.int(8, 40), vsize_bytes: rnd.int(700, 1400) * 1_048_576, rss_bytes: rnd.int(40, 400) * 1_048_576,
      rchar_bytes: bump('rchar', 200_000), wchar_bytes: bump('wchar', 100_000), read_bytes: bump('read', 4096), write_bytes: bump('write', 8192),
    });
  },
  network_stats(row, { rnd, proc, cumulative }) {
    delete row['upid'];
    const key = proc.pod.id;
    const bump = (name: string, step: number) => {
      const v = (cumulative.get(`${key}|${name}`) ?? 0) + Math.round(rnd.next() * step);
      cumulative.set(`${key}|${name}`, v);
      return v;
    };
    Object.assign(row, {
      pod_id: proc.pod.id, rx_bytes: bump('rxb', 900_000), rx_packets: bump('rxp', 900), rx_errors: bump('rxe', 0.02), rx_drops: bump('rxd', 0.05),
      tx_bytes: bump('txb', 700_000), tx_packets: bump('txp', 700), tx_errors: bump('txe', 0.02), tx_drops: bump('txd', 0.05),
    });
  },
};

function genericValue(c: CatalogColumn, rnd: Random, proc: Proc, peer: Proc): unknown {
  if (c.enum) {
    const values = Object.keys(catalog.enums[c.enum]?.values ?? { 0: '' });
    return c.name === 'trace_role' ? 2 : Number(rnd.pick(values));
  }
  switch (c.semanticType) {
    case 'ST_IP_ADDRESS': return c.name.startsWith('local') ? proc.pod.ip : peer.pod.ip;
    case 'ST_PORT': return c.name.startsWith('local') ? 8080 : rnd.int(32768, 60999);
    case 'ST_DURATION_NS': return Math.round(rnd.logNormal(5, 0.8) * 1e6);
    case 'ST_BYTES': return Math.round(rnd.logNormal(2000, 1.2));
    case 'ST_PERCENT': return rnd.next();
    case 'ST_UPID': return proc.upid;
    case 'ST_POD_NAME': return `${proc.pod.namespace}/${proc.pod.name}`;
    case 'ST_SERVICE_NAME': return `${proc.pod.namespace}/${proc.service}`;
    case 'ST_NAMESPACE_NAME': return proc.pod.namespace;
    case 'ST_NODE_NAME': return proc.pod.node;
    case 'ST_ASID': return Number(proc.upid >> 96n);
    default: break;
  }
  switch (c.type) {
    case 'BOOLEAN': return rnd.next() < 0.1;
    case 'INT64': return rnd.int(0, 1000);
    case 'FLOAT64': return Math.round(rnd.next() * 100_000) / 100;
    case 'TIME64NS': return 0n;
    case 'UINT128': return proc.upid;
    default: return stringFor(c.name, rnd, proc);
  }
}

function stringFor(column: string, rnd: Random, proc: Proc): string {
  if (column === 'px_info_') return '';
  if (/query|req_body|req$|cmd_args/.test(column)) return rnd.pick(['SELECT * FROM orders WHERE id = $1', 'GET cart:57a98d98', 'SET session:9f1c 1']);
  if (/header/.test(column)) return JSON.stringify({ 'content-type': 'application/json' });
  if (/msg|message|error/.test(column)) return rnd.pick(['', 'OK', 'timeout']);
  if (/name/.test(column)) return proc.service;
  return rnd.pick(['ok', 'pending', 'done']);
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
