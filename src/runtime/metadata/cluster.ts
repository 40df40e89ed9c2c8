// Answers Pixie's metadata functions (`upid_to_pod_name`, `pod_name_to_service_name`, ...) from a ClusterSpec.
// Unknown entities give '' or time 0, as in Pixie, never an exception: a row whose pod has gone is still a row.

import type { MetadataProvider } from '../contracts.js';
import type {
  ClusterSpec,
  ContainerSpec,
  DeploymentSpec,
  PodSpec,
  ReplicaSetSpec,
  ServiceSpec,
  TimeText,
} from './spec.js';
import { parseTimeText } from './time-text.js';
import { parseUint128, upidParts, upidToString } from './upid.js';

export type { ClusterSpec } from './spec.js';

type Lookup = (args: readonly unknown[]) => string | bigint;

interface ProcessEntry {
  readonly pod?: PodSpec;
  readonly container?: ContainerSpec;
  readonly cmdline: string;
}

const qualified = (e: { namespace: string; name: string }) => `${e.namespace}/${e.name}`;

export class ClusterMetadata implements MetadataProvider {
  readonly vizierName: string;
  readonly vizierId: string;
  readonly vizierNamespace: string;
  readonly hostname: string;
  readonly asid: number;

  private readonly podsById = new Map<string, PodSpec>();
  private readonly podsByName = new Map<string, PodSpec>();
  private readonly podsByIp = new Map<string, PodSpec[]>();
  private readonly servicesById = new Map<string, ServiceSpec>();
  private readonly servicesByName = new Map<string, ServiceSpec>();
  private readonly servicesByIp = new Map<string, ServiceSpec>();
  private readonly deploymentsById = new Map<string, DeploymentSpec>();
  private readonly deploymentsByName = new Map<string, DeploymentSpec>();
  private readonly replicaSetsById = new Map<string, ReplicaSetSpec>();
  private readonly replicaSetsByName = new Map<string, ReplicaSetSpec>();
  private readonly containersById = new Map<string, ContainerSpec>();
  private readonly containersByName = new Map<string, ContainerSpec>();
  private readonly processes = new Map<bigint, ProcessEntry>();
  private readonly nodeHostnames = new Map<string, string>();
  private readonly lookups: ReadonlyMap<string, Lookup>;

  constructor(spec: ClusterSpec) {
    this.vizierName = spec.vizier?.name ?? '';
    this.vizierId = spec.vizier?.id ?? '';
    this.vizierNamespace = spec.vizier?.namespace ?? '';
    this.hostname = spec.hostname ?? '';
    this.asid = spec.asid ?? 0;
    for (const n of spec.nodes ?? []) this.nodeHostnames.set(n.name, n.hostname ?? n.name);
    for (const s of spec.services ?? []) {
      this.servicesById.set(s.id, s);
      this.servicesByName.set(qualified(s), s);
      if (s.clusterIp) this.servicesByIp.set(s.clusterIp, s);
    }
    for (const d of spec.deployments ?? []) {
      this.deploymentsById.set(d.id, d);
      this.deploymentsByName.set(qualified(d), d);
    }
    for (const r of spec.replicaSets ?? []) {
      this.replicaSetsById.set(r.id, r);
      this.replicaSetsByName.set(qualified(r), r);
    }
    for (const p of spec.pods ?? []) {
      this.podsById.set(p.id, p);
      this.podsByName.set(qualified(p), p);
      const atIp = this.podsByIp.get(p.ip) ?? [];
      atIp.push(p);
      this.podsByIp.set(p.ip, atIp);
    }
    for (const c of spec.containers ?? []) {
      this.containersById.set(c.id, c);
      this.containersByName.set(c.name, c);
    }
    for (const proc of spec.processes ?? []) {
      const upid = parseUint128(proc.upid);
      if (upid === undefined) continue;
      const container = this.containersById.get(proc.container);
      const pod = container ? this.podByName(container.pod) : undefined;
      this.processes.set(upid, {
        ...(pod ? { pod } : {}),
        ...(container ? { container } : {}),
        cmdline: proc.cmdline ?? '',
      });
    }
    this.lookups = this.buildLookups();
  }

  has(name: string): boolean {
    return this.lookups.has(name);
  }

  lookup(name: string, args: readonly unknown[]): string | bigint {
    const f = this.lookups.get(name);
    return f ? f(args) : '';
  }

  podIdForIp(ip: string, timeNs?: bigint): string {
    // Pod IPs are reused: as Pixie, the pod that started last at this IP (at or before the time, when one is
    // given), whether or not it has stopped since; none when every pod there started later.
    let latest: PodSpec | undefined;
    for (const p of this.podsByIp.get(ip) ?? []) {
      const start = time(p.startTime);
      if (timeNs !== undefined && start > timeNs) continue;
      if (!latest || start >= time(latest.startTime)) latest = p;
    }
    return latest?.id ?? '';
  }

  private podByName(name: string): PodSpec | undefined {
    const exact = this.podsByName.get(name);
    if (exact || name.includes('/')) return exact;
    const matches = [...this.podsByName.values()].filter((p) => p.name === name);
    return matches.length === 1 ? matches[0] : undefined;
  }

  private podServices(p: PodSpec | undefined): ServiceSpec[] {
    if (!p) return [];
    return (p.services ?? [])
      .map((s) => this.servicesByName.get(`${p.namespace}/${s}`))
      .filter((s): s is ServiceSpec => !!s);
  }

  private podReplicaSet(p: PodSpec | undefined): ReplicaSetSpec | undefined {
    return p?.replicaSet ? this.replicaSetsByName.get(`${p.namespace}/${p.replicaSet}`) : undefined;
  }

  private replicaSetDeployment(r: ReplicaSetSpec | undefined): DeploymentSpec | undefined {
    return r?.deployment ? this.deploymentsByName.get(`${r.namespace}/${r.deployment}`) : undefined;
  }

  private buildLookups(): Map<string, Lookup> {
    const m = new Map<string, Lookup>();
    const str = (a: readonly unknown[], i = 0) => String(a[i] ?? '');
    const proc = (a: readonly unknown[]) => (typeof a[0] === 'bigint' ? this.processes.get(a[0]) : undefined);
    const podFacts = (prefix: string, find: (a: readonly unknown[]) => PodSpec | undefined) => {
      // Pixie's UPID lookups leave out a replica set or deployment that has stopped; the pod lookups keep it.
      const current = <T extends { stopTime?: TimeText }>(e: T | undefined) =>
        prefix === 'upid' && e && time(e.stopTime) !== 0n ? undefined : e;
      const replicaSet = (a: readonly unknown[]) => current(this.podReplicaSet(find(a)));
      const deployment = (a: readonly unknown[]) => current(this.replicaSetDeployment(this.podReplicaSet(find(a))));
      m.set(`${prefix}_to_pod_id`, (a) => find(a)?.id ?? '');
      m.set(`${prefix}_to_pod_name`, (a) => {
        const p = find(a);
        return p ? qualified(p) : '';
      });
      m.set(`${prefix}_to_namespace`, (a) => find(a)?.namespace ?? '');
      m.set(`${prefix}_to_node_name`, (a) => find(a)?.node ?? '');
      m.set(`${prefix}_to_service_name`, (a) => names(this.podServices(find(a)).map(qualified)));
      m.set(`${prefix}_to_service_id`, (a) => names(this.podServices(find(a)).map((s) => s.id)));
      m.set(`${prefix}_to_replicaset_name`, (a) => {
        const r = replicaSet(a);
        return r ? qualified(r) : '';
      });
      m.set(`${prefix}_to_replicaset_id`, (a) => replicaSet(a)?.id ?? '');
      m.set(`${prefix}_to_deployment_name`, (a) => {
        const d = deployment(a);
        return d ? qualified(d) : '';
      });
      m.set(`${prefix}_to_deployment_id`, (a) => deployment(a)?.id ?? '');
      m.set(`${prefix}_to_start_time`, (a) => time(find(a)?.startTime));
      m.set(`${prefix}_to_stop_time`, (a) => time(find(a)?.stopTime));
      m.set(`${prefix}_to_status`, (a) => podStatus(find(a)));
      m.set(`${prefix}_to_owner_references`, (a) => {
        const p = find(a);
        const r = this.podReplicaSet(p);
        return p ? ownerReferences(r ? [{ uid: r.id, kind: 'ReplicaSet', name: r.name }] : []) : '';
      });
      m.set(`${prefix}_to_pod_labels`, (a) => {
        const p = find(a);
        return p ? JSON.stringify(p.labels ?? {}) : '';
      });
      m.set(`${prefix}_to_pod_ip`, (a) => find(a)?.ip ?? '');
    };
    podFacts('pod_id', (a) => this.podsById.get(str(a)));
    podFacts('pod_name', (a) => this.podByName(str(a)));
    podFacts('upid', (a) => proc(a)?.pod);

    m.set('upid_to_container_id', (a) => proc(a)?.container?.id ?? '');
    m.set('upid_to_container_name', (a) => proc(a)?.container?.name ?? '');
    m.set('upid_to_cmdline', (a) => proc(a)?.cmdline ?? '');
    m.set('upid_to_hostname', (a) => {
      const p = proc(a)?.pod;
      return p ? (this.nodeHostnames.get(p.node) ?? p.node) : '';
    });
    // Pixie names the class by its enum constant.
    m.set('upid_to_pod_qos', (a) => {
      const p = proc(a)?.pod;
      return p ? `k${p.qos ?? 'Unknown'}` : '';
    });
    m.set('upid_to_pod_status', (a) => podStatus(proc(a)?.pod));
    m.set('upid_to_asid', (a) => (typeof a[0] === 'bigint' ? BigInt(upidParts(a[0]).asid) : 0n));
    m.set('upid_to_pid', (a) => (typeof a[0] === 'bigint' ? BigInt(upidParts(a[0]).pid) : 0n));
    m.set('upid_to_start_ts', (a) => (typeof a[0] === 'bigint' ? upidParts(a[0]).startTs : 0n));
    m.set('upid_to_string', (a) => (typeof a[0] === 'bigint' ? upidToString(a[0]) : ''));

    m.set('service_id_to_service_name', (a) => {
      const s = this.servicesById.get(str(a));
      return s ? qualified(s) : '';
    });
    m.set('service_name_to_service_id', (a) => this.servicesByName.get(str(a))?.id ?? '');
    m.set('service_id_to_cluster_ip', (a) => this.servicesById.get(str(a))?.clusterIp ?? '');
    // Pixie: "" for a service it does not know, its IPs as a JSON list for one it knows.
    m.set('service_id_to_external_ips', (a) => {
      const s = this.servicesById.get(str(a));
      return s ? JSON.stringify(s.externalIps ?? []) : '';
    });
    m.set('ip_to_pod_id', (a) => this.podIdForIp(str(a), typeof a[1] === 'bigint' ? a[1] : undefined));
    // A service's cluster IP first, then the services of the pod at that IP.
    m.set(
      'ip_to_service_id',
      (a) =>
        this.servicesByIp.get(str(a))?.id ??
        names(this.podServices(this.podsById.get(this.podIdForIp(str(a)))).map((s) => s.id)),
    );
    m.set('namespace_name_to_namespace_id', (a) => (this.knowsNamespace(str(a)) ? `ns-${str(a)}` : ''));

    const deploymentFacts = (prefix: string, find: (a: readonly unknown[]) => DeploymentSpec | undefined) => {
      m.set(`${prefix}_to_deployment_name`, (a) => {
        const d = find(a);
        return d ? qualified(d) : '';
      });
      m.set(`${prefix}_to_deployment_id`, (a) => find(a)?.id ?? '');
      m.set(`${prefix}_to_namespace`, (a) => find(a)?.namespace ?? '');
      m.set(`${prefix}_to_start_time`, (a) => time(find(a)?.startTime));
      m.set(`${prefix}_to_stop_time`, (a) => time(find(a)?.stopTime));
      m.set(`${prefix}_to_status`, (a) => {
        const d = find(a);
        return d ? deploymentStatus(d.replicas) : '';
      });
    };
    deploymentFacts('deployment_id', (a) => this.deploymentsById.get(str(a)));
    deploymentFacts('deployment_name', (a) => this.deploymentsByName.get(str(a)));

    const replicaSetFacts = (prefix: string, find: (a: readonly unknown[]) => ReplicaSetSpec | undefined) => {
      m.set(`${prefix}_to_replicaset_name`, (a) => {
        const r = find(a);
        return r ? qualified(r) : '';
      });
      m.set(`${prefix}_to_replicaset_id`, (a) => find(a)?.id ?? '');
      m.set(`${prefix}_to_namespace`, (a) => find(a)?.namespace ?? '');
      m.set(`${prefix}_to_deployment_name`, (a) => {
        const d = this.replicaSetDeployment(find(a));
        return d ? qualified(d) : '';
      });
      m.set(`${prefix}_to_deployment_id`, (a) => this.replicaSetDeployment(find(a))?.id ?? '');
      m.set(`${prefix}_to_start_time`, (a) => time(find(a)?.startTime));
      m.set(`${prefix}_to_stop_time`, (a) => time(find(a)?.stopTime));
      m.set(`${prefix}_to_status`, (a) => {
        const r = find(a);
        return r ? replicaSetStatus(r.replicas) : '';
      });
      m.set(`${prefix}_to_owner_references`, (a) => {
        const r = find(a);
        const d = this.replicaSetDeployment(r);
        return r ? ownerReferences(d ? [{ uid: d.id, kind: 'Deployment', name: d.name }] : []) : '';
      });
    };
    replicaSetFacts('replicaset_id', (a) => this.replicaSetsById.get(str(a)));
    replicaSetFacts('replicaset_name', (a) => this.replicaSetsByName.get(str(a)));

    const containerFacts = (prefix: string, find: (a: readonly unknown[]) => ContainerSpec | undefined) => {
      m.set(`${prefix}_to_start_time`, (a) => time(find(a)?.startTime));
      m.set(`${prefix}_to_stop_time`, (a) => time(find(a)?.stopTime));
    };
    containerFacts('container_id', (a) => this.containersById.get(str(a)));
    containerFacts('container_name', (a) => this.containersByName.get(str(a)));
    m.set('container_id_to_status', (a) => {
      const c = this.containersById.get(str(a));
      // Pixie's status of a container it does not know: state Unknown.
      return JSON.stringify({ state: c ? (c.state ?? 'Running') : 'Unknown', message: '', reason: '' });
    });
    m.set('container_name_to_container_id', (a) => this.containersByName.get(str(a))?.id ?? '');

    m.set('vizier_name', () => this.vizierName);
    m.set('vizier_id', () => this.vizierId);
    m.set('vizier_namespace', () => this.vizierNamespace);
    m.set('_exec_hostname', () => this.hostname);
    m.set('asid', () => BigInt(this.asid));
    return m;
  }

  private knowsNamespace(ns: string): boolean {
    return [...this.podsById.values(), ...this.servicesById.values()].some((e) => e.namespace === ns);
  }
}

/** One name as is; several as Pixie prints them, a JSON array. */
function names(list: readonly string[]): string {
  if (list.length === 0) return '';
  return list.length === 1 ? list[0]! : JSON.stringify(list);
}

function time(t: string | number | undefined): bigint {
  return t === undefined ? 0n : (parseTimeText(t) ?? 0n);
}

/** Pixie's pod status JSON; for a pod it does not know, phase Unknown and not ready. */
function podStatus(p: PodSpec | undefined): string {
  const phase = p ? (p.phase ?? 'Running') : 'Unknown';
  return JSON.stringify({ phase, message: '', reason: '', ready: phase === 'Running' });
}

// The spec records only how many replicas there are: the status is of a settled rollout, every replica up and no
// conditions known, with Pixie's members in Pixie's order.
function replicaSetStatus(replicas: number | undefined): string {
  const n = replicas ?? 1;
  return JSON.stringify({
    replicas: n,
    fully_labeled_replicas: n,
    ready_replicas: n,
    available_replicas: n,
    requested_replicas: n,
    observed_generation: 1,
    conditions: '',
  });
}

function deploymentStatus(replicas: number | undefined): string {
  const n = replicas ?? 1;
  return JSON.stringify({
    replicas: n,
    updated_replicas: n,
    ready_replicas: n,
    available_replicas: n,
    unavailable_replicas: 0,
    requested_replicas: n,
    observed_generation: 1,
    conditions: '',
  });
}

/** Pixie's owner references: a JSON array whose elements are each reference's own JSON text. */
function ownerReferences(refs: readonly { uid: string; kind: string; name: string }[]): string {
  return JSON.stringify(refs.map((r) => JSON.stringify({ uid: r.uid, kind: r.kind, name: r.name })));
}
