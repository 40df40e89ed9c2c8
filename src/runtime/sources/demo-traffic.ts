// Who talks to whom in the demo cluster, and how the load moves over time. The demo recording
// (demo-recording.ts) derives every row from this: requests along the edges, connection counters from the
// requests' integral, and a schedule of incidents (an error burst, a slow endpoint, a restarting pod).
// Everything is a pure function of absolute time and the seed, so any window is a slice of one recording.

import type { ClusterSpec, PodSpec } from '../metadata/spec.js';
import { parseUint128 } from '../metadata/upid.js';

export type Protocol =
  'http' | 'grpc' | 'dns' | 'mysql' | 'pgsql' | 'redis' | 'mongodb' | 'kafka' | 'amqp' | 'nats' | 'cql' | 'mux' | 'tls';

/** A traced process of the cluster. */
export interface Proc {
  readonly upid: bigint;
  readonly pod: PodSpec;
  readonly service: string;
  readonly cmdline: string;
  readonly index: number;
}

/** One end of an edge: a service of the cluster, or an address outside it. */
export type End =
  | { readonly kind: 'service'; readonly key: string }
  | { readonly kind: 'external'; readonly ip: string; readonly name: string };

export interface EdgeSpec {
  readonly from: End;
  readonly to: End;
  readonly protocol: Protocol;
  readonly port: number;
  /** Requests per second at the default size, before the daily and incident modulation. */
  readonly perSecond: number;
}

const svc = (key: string): End => ({ kind: 'service', key });
const ext = (ip: string, name: string): End => ({ kind: 'external', ip, name });

const LB = ext('35.191.10.7', 'google-lb');
const LB2 = ext('130.211.1.44', 'google-lb');
const PAYMENTS = ext('142.250.72.110', 'api.stripe.com');
const SHIPPER = ext('52.84.150.39', 'api.shipengine.com');

/** The traffic of the demo cluster (Online Boutique, Sock Shop and the data services they use). */
export const EDGES: readonly EdgeSpec[] = [
  { from: LB, to: svc('online-boutique/frontend'), protocol: 'http', port: 8080, perSecond: 3 },
  { from: LB2, to: svc('sock-shop/front-end'), protocol: 'http', port: 8079, perSecond: 1.5 },
  {
    from: svc('online-boutique/frontend'),
    to: svc('online-boutique/productcatalogservice'),
    protocol: 'grpc',
    port: 3550,
    perSecond: 1.6,
  },
  {
    from: svc('online-boutique/frontend'),
    to: svc('online-boutique/currencyservice'),
    protocol: 'grpc',
    port: 7000,
    perSecond: 1.2,
  },
  {
    from: svc('online-boutique/frontend'),
    to: svc('online-boutique/cartservice'),
    protocol: 'grpc',
    port: 7070,
    perSecond: 0.8,
  },
  {
    from: svc('online-boutique/frontend'),
    to: svc('online-boutique/recommendationservice'),
    protocol: 'grpc',
    port: 8080,
    perSecond: 0.6,
  },
  {
    from: svc('online-boutique/frontend'),
    to: svc('online-boutique/checkoutservice'),
    protocol: 'grpc',
    port: 5050,
    perSecond: 0.2,
  },
  {
    from: svc('online-boutique/checkoutservice'),
    to: svc('online-boutique/paymentservice'),
    protocol: 'grpc',
    port: 50051,
    perSecond: 0.2,
  },
  {
    from: svc('online-boutique/checkoutservice'),
    to: svc('online-boutique/cartservice'),
    protocol: 'grpc',
    port: 7070,
    perSecond: 0.2,
  },
  {
    from: svc('online-boutique/checkoutservice'),
    to: svc('online-boutique/currencyservice'),
    protocol: 'grpc',
    port: 7000,
    perSecond: 0.3,
  },
  {
    from: svc('online-boutique/recommendationservice'),
    to: svc('online-boutique/productcatalogservice'),
    protocol: 'grpc',
    port: 3550,
    perSecond: 0.6,
  },
  {
    from: svc('online-boutique/cartservice'),
    to: svc('online-boutique/redis-cart'),
    protocol: 'redis',
    port: 6379,
    perSecond: 1.5,
  },
  { from: svc('online-boutique/paymentservice'), to: PAYMENTS, protocol: 'tls', port: 443, perSecond: 0.2 },
  { from: svc('online-boutique/paymentservice'), to: PAYMENTS, protocol: 'http', port: 443, perSecond: 0.2 },
  { from: svc('sock-shop/front-end'), to: svc('sock-shop/catalogue'), protocol: 'http', port: 80, perSecond: 0.9 },
  { from: svc('sock-shop/front-end'), to: svc('sock-shop/carts'), protocol: 'http', port: 80, perSecond: 0.5 },
  { from: svc('sock-shop/front-end'), to: svc('sock-shop/orders'), protocol: 'http', port: 80, perSecond: 0.2 },
  { from: svc('sock-shop/orders'), to: svc('sock-shop/carts'), protocol: 'http', port: 80, perSecond: 0.2 },
  { from: svc('sock-shop/orders'), to: svc('sock-shop/shipping'), protocol: 'http', port: 80, perSecond: 0.2 },
  { from: svc('sock-shop/orders'), to: svc('default/mux-server'), protocol: 'mux', port: 9990, perSecond: 0.5 },
  { from: svc('sock-shop/shipping'), to: SHIPPER, protocol: 'tls', port: 443, perSecond: 0.2 },
  {
    from: svc('sock-shop/catalogue'),
    to: svc('sock-shop/catalogue-db'),
    protocol: 'mysql',
    port: 3306,
    perSecond: 1.2,
  },
  { from: svc('sock-shop/carts'), to: svc('sock-shop/carts-db'), protocol: 'mongodb', port: 27017, perSecond: 1 },
  { from: svc('sock-shop/shipping'), to: svc('sock-shop/rabbitmq'), protocol: 'amqp', port: 5672, perSecond: 0.4 },
  { from: svc('sock-shop/queue-master'), to: svc('sock-shop/rabbitmq'), protocol: 'amqp', port: 5672, perSecond: 0.4 },
  { from: svc('default/order'), to: svc('default/kafka'), protocol: 'kafka', port: 9092, perSecond: 0.8 },
  { from: svc('default/invoicing'), to: svc('default/kafka'), protocol: 'kafka', port: 9092, perSecond: 0.8 },
  { from: svc('default/shipping-events'), to: svc('default/kafka'), protocol: 'kafka', port: 9092, perSecond: 0.8 },
  { from: svc('default/accounts'), to: svc('default/postgres'), protocol: 'pgsql', port: 5432, perSecond: 1.2 },
  { from: svc('default/events'), to: svc('default/nats'), protocol: 'nats', port: 4222, perSecond: 1 },
  { from: svc('default/events'), to: svc('default/cassandra'), protocol: 'cql', port: 9042, perSecond: 0.8 },
  { from: svc('default/accounts'), to: svc('default/nats'), protocol: 'tls', port: 4443, perSecond: 0.2 },
  { from: svc('default/accounts'), to: svc('default/events'), protocol: 'http', port: 8080, perSecond: 0.5 },
  { from: svc('default/invoicing'), to: svc('default/mysql'), protocol: 'mysql', port: 3306, perSecond: 0.8 },
  { from: svc('default/accounts'), to: svc('default/redis'), protocol: 'redis', port: 6379, perSecond: 1 },
];

/** Services that look names up in DNS (every client of another service), at this many lookups per second. */
export const DNS_PER_SECOND = 0.08;

/** The processes of the cluster, in the cluster's order. */
export function clusterProcesses(cluster: ClusterSpec): Proc[] {
  const podByContainer = new Map((cluster.containers ?? []).map((c) => [c.id, c.pod] as const));
  const podByName = new Map<string, PodSpec>((cluster.pods ?? []).map((p) => [`${p.namespace}/${p.name}`, p]));
  const out: Proc[] = [];
  for (const p of cluster.processes ?? []) {
    const upid = parseUint128(p.upid);
    const pod = podByName.get(podByContainer.get(p.container) ?? '');
    if (upid !== undefined && pod)
      out.push({ upid, pod, service: pod.services?.[0] ?? pod.name, cmdline: p.cmdline ?? '', index: out.length });
  }
  return out;
}

/** A concrete edge between processes (one client pod to one server pod, or to/from an external address). */
export interface Link {
  readonly spec: EdgeSpec;
  readonly id: number;
  readonly client?: Proc;
  readonly server?: Proc;
  readonly clientIp: string;
  readonly serverIp: string;
  /** The client's ephemeral port for this link (one long-lived connection, as connection pools keep). */
  readonly clientPort: number;
  /** Requests per second on this link (the edge's rate shared by its pod pairs). */
  readonly perSecond: number;
}

/** Every pod pair of every edge, and each client's DNS lookups to kube-dns. */
export function clusterLinks(procs: readonly Proc[], scale: number): Link[] {
  const services = new Map<string, Proc[]>();
  for (const p of procs) {
    const key = `${p.pod.namespace}/${p.service}`;
    const list = services.get(key);
    if (list) list.push(p);
    else services.set(key, [p]);
  }
  const byService = (key: string): readonly Proc[] => services.get(key) ?? [];
  const links: Link[] = [];
  const add = (
    spec: EdgeSpec,
    client: Proc | undefined,
    server: Proc | undefined,
    clientIp: string,
    serverIp: string,
    perSecond: number,
  ) => {
    const id = links.length;
    links.push({
      spec,
      id,
      ...(client ? { client } : {}),
      ...(server ? { server } : {}),
      clientIp,
      serverIp,
      clientPort: 32768 + ((id * 7919) % 28000),
      perSecond: perSecond * scale,
    });
  };
  const dnsClients = new Set<Proc>();
  for (const spec of EDGES) {
    const clients = spec.from.kind === 'service' ? byService(spec.from.key) : [undefined];
    const servers = spec.to.kind === 'service' ? byService(spec.to.key) : [undefined];
    if (clients.length === 0 || servers.length === 0) continue;
    const share = spec.perSecond / (clients.length * servers.length);
    for (const c of clients) {
      if (c && spec.to.kind === 'service') dnsClients.add(c);
      for (const s of servers) {
        add(
          spec,
          c,
          s,
          c ? c.pod.ip : (spec.from as { ip: string }).ip,
          s ? s.pod.ip : (spec.to as { ip: string }).ip,
          share,
        );
      }
    }
  }
  const dns = byService('kube-system/kube-dns');
  if (dns.length > 0) {
    const spec: EdgeSpec = {
      from: svc('*'),
      to: svc('kube-system/kube-dns'),
      protocol: 'dns',
      port: 53,
      perSecond: DNS_PER_SECOND,
    };
    for (const c of dnsClients) {
      for (const s of dns) add(spec, c, s, c.pod.ip, s.pod.ip, DNS_PER_SECOND / dns.length);
    }
  }
  return links;
}

const TAU = 2 * Math.PI;
/** The load cycle: traffic rises and falls by this much over this period. */
const SWING = 0.35;
const PERIOD_S = 1800;

/** The load factor at `t` seconds (smooth, between 1 - SWING and 1 + SWING), per link phase. */
export function loadFactor(tS: number, phase: number): number {
  return 1 + SWING * Math.sin((TAU * tS) / PERIOD_S + phase);
}

/** ∫ loadFactor from 0 to t: requests so far per unit rate. Non-decreasing, so counters built on it never go back. */
export function loadIntegral(tS: number, phase: number): number {
  return tS + ((SWING * PERIOD_S) / TAU) * (Math.cos(phase) - Math.cos((TAU * tS) / PERIOD_S + phase));
}

export type IncidentKind = 'error-burst' | 'slow-endpoint' | 'restart';

export interface Incident {
  readonly kind: IncidentKind;
  readonly startS: number;
  readonly endS: number;
  readonly target: number;
}

/** Each 10-minute slot of the recording has one incident, 2 to 4 minutes into it, lasting 2 minutes. */
export const INCIDENT_SLOT_S = 600;
const INCIDENT_KINDS: readonly IncidentKind[] = ['error-burst', 'slow-endpoint', 'restart'];

export function incidentAt(tS: number, seed: number): Incident {
  const slot = Math.floor(tS / INCIDENT_SLOT_S);
  const h = mix(seed, slot);
  const startS = slot * INCIDENT_SLOT_S + 120;
  return { kind: INCIDENT_KINDS[h % INCIDENT_KINDS.length]!, startS, endS: startS + 120, target: (h >>> 8) % 1000 };
}

/** A deterministic 32-bit mix of two integers (splitmix-like). */
export function mix(a: number, b: number): number {
  let h = Math.imul((a ^ 0x9e3779b9) >>> 0, 0x85ebca6b) ^ Math.imul((b + 0x7f4a7c15) >>> 0, 0xc2b2ae35);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}
