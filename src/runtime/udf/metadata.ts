// Kubernetes and process metadata functions (SPEC §9, §12.6). Every `*_to_*` lookup is answered by the
// run's MetadataProvider; the UPID arithmetic (upid_to_pid, upid(...)) is computed here when the
// provider does not answer it, since a UPID carries those facts itself.

import { cpuCount } from '../host.js';
import type { MetadataProvider, ScalarFn } from '../contracts.js';
import { makeUpid, upidParts, upidToString } from '../metadata/upid.js';
import { contextual, type Family, pure } from './define.js';

type Ret = 'STRING' | 'BIGINT';

const STRING_ARG_LOOKUPS: readonly string[] = [
  ...entityFacts('container_id', ['start_time', 'status', 'stop_time']),
  ...entityFacts('container_name', ['container_id', 'start_time', 'stop_time']),
  ...entityFacts('deployment_id', ['deployment_name', 'namespace', 'start_time', 'status', 'stop_time']),
  ...entityFacts('deployment_name', ['deployment_id', 'namespace', 'start_time', 'status', 'stop_time']),
  'namespace_name_to_namespace_id',
  ...entityFacts('pod_id', [
    'deployment_id',
    'deployment_name',
    'namespace',
    'node_name',
    'owner_references',
    'pod_labels',
    'pod_name',
    'replicaset_id',
    'replicaset_name',
    'service_id',
    'service_name',
    'start_time',
    'stop_time',
  ]),
  ...entityFacts('pod_name', [
    'deployment_id',
    'deployment_name',
    'namespace',
    'owner_references',
    'pod_id',
    'pod_ip',
    'replicaset_id',
    'replicaset_name',
    'service_id',
    'service_name',
    'start_time',
    'status',
    'stop_time',
  ]),
  ...entityFacts('replicaset_id', [
    'deployment_id',
    'deployment_name',
    'namespace',
    'owner_references',
    'replicaset_name',
    'start_time',
    'status',
    'stop_time',
  ]),
  ...entityFacts('replicaset_name', [
    'deployment_id',
    'deployment_name',
    'namespace',
    'owner_references',
    'replicaset_id',
    'start_time',
    'status',
    'stop_time',
  ]),
  ...entityFacts('service_id', ['cluster_ip', 'external_ips', 'service_name']),
  ...entityFacts('service_name', ['service_id']),
  'ip_to_service_id',
].filter((name) => name !== 'pod_name_to_namespace');

/** Pixie's K8sName: `<ns>/<name>` gives its namespace, without consulting the cluster; anything else gives "". */
export function namespaceOfName(name: string): string {
  const parts = name.split('/');
  return parts.length === 2 ? parts[0]! : '';
}

const UPID_LOOKUPS: readonly string[] = entityFacts('upid', [
  'cmdline',
  'container_id',
  'container_name',
  'deployment_id',
  'deployment_name',
  'hostname',
  'namespace',
  'node_name',
  'pod_id',
  'pod_name',
  'pod_qos',
  'pod_status',
  'replicaset_id',
  'replicaset_name',
  'service_id',
  'service_name',
]);

function entityFacts(prefix: string, facts: readonly string[]): string[] {
  return facts.map((fact) => `${prefix}_to_${fact}`);
}

const retOf = (name: string): Ret => (/_(start|stop)_time$/.test(name) ? 'BIGINT' : 'STRING');

/** Functions that need a live cluster's agents; outside one they give their zero value (or a stand-in). */
export const CLUSTER_ONLY = new Set(['shared_libraries', 'get_cidrs', 'nslookup']);

export function registerMetadata(f: Family): void {
  for (const name of STRING_ARG_LOOKUPS)
    contextual(f, name, ['STRING'], (ctx) => delegate(ctx.metadata, name, retOf(name)));
  for (const name of UPID_LOOKUPS) contextual(f, name, ['UINT128'], (ctx) => delegate(ctx.metadata, name, 'STRING'));
  pure(f, 'pod_name_to_namespace', ['STRING'], namespaceOfName);
  pure(f, 'service_name_to_namespace', ['STRING'], namespaceOfName);
  contextual(f, 'ip_to_pod_id', ['STRING'], (ctx) => (ip: string) => ctx.metadata.podIdForIp(ip));
  contextual(
    f,
    'ip_to_pod_id',
    ['STRING,TIME64NS'],
    (ctx) => (ip: string, t: bigint) => ctx.metadata.podIdForIp(ip, t),
  );

  const upidFact = (name: string, ret: Ret, local: (upid: bigint) => string | bigint) =>
    contextual(f, name, ['UINT128'], (ctx) => (ctx.metadata.has(name) ? delegate(ctx.metadata, name, ret) : local));
  upidFact('upid_to_asid', 'BIGINT', (u) => BigInt(upidParts(u).asid));
  upidFact('upid_to_pid', 'BIGINT', (u) => BigInt(upidParts(u).pid));
  upidFact('upid_to_start_ts', 'BIGINT', (u) => upidParts(u).startTs);
  upidFact('upid_to_string', 'STRING', upidToString);
  pure(f, 'upid', ['INT64,INT64,INT64'], (asid: bigint, pid: bigint, ts: bigint) => makeUpid(asid, pid, ts));
  contextual(f, 'upid', ['INT64,INT64'], (ctx) => (pid: bigint, ts: bigint) => makeUpid(ctx.metadata.asid, pid, ts));
  contextual(f, '_upid_to_podname_local_addr_fallback', ['UINT128,STRING,TIME64NS'], (ctx) =>
    podNameWithIpFallback(ctx.metadata),
  );

  contextual(f, 'vizier_name', [''], (ctx) => () => ctx.metadata.vizierName);
  contextual(f, 'vizier_id', [''], (ctx) => () => ctx.metadata.vizierId);
  contextual(f, 'vizier_namespace', [''], (ctx) => () => ctx.metadata.vizierNamespace);
  contextual(f, '_exec_hostname', [''], (ctx) => () => ctx.metadata.hostname);
  contextual(f, 'asid', [''], (ctx) => () => BigInt(ctx.metadata.asid));
  // Pixie counts the configured CPUs (get_nprocs_conf), not the ones this process may use.
  pure(f, '_exec_host_num_cpus', [''], () => BigInt(cpuCount()));

  contextual(f, 'shared_libraries', ['UINT128'], (ctx) => delegate(ctx.metadata, 'shared_libraries', 'STRING'));
  contextual(f, 'get_cidrs', [''], (ctx) => delegate(ctx.metadata, 'get_cidrs', 'STRING'));
  // Reverse DNS is asynchronous in Node; without a provider answer, the address stands for itself
  // (what Pixie returns when no PTR record exists).
  contextual(f, 'nslookup', ['STRING'], (ctx) =>
    ctx.metadata.has('nslookup') ? delegate(ctx.metadata, 'nslookup', 'STRING') : (ip: string) => ip,
  );
}

/** A lookup whose answer is coerced to the function's return convention (providers may answer loosely). */
function delegate(md: MetadataProvider, name: string, ret: Ret): ScalarFn {
  if (ret === 'STRING') {
    return (...args: unknown[]) => {
      const v = md.lookup(name, args);
      return typeof v === 'string' ? v : String(v);
    };
  }
  return (...args: unknown[]) => {
    const v = md.lookup(name, args);
    return typeof v === 'bigint' ? v : 0n;
  };
}

/** ctx['pod']: the UPID's pod, or else the pod that owned the local address at the event's time. */
function podNameWithIpFallback(md: MetadataProvider): ScalarFn {
  return (upid: bigint, localAddr: string, timeNs: bigint) => {
    const byUpid = md.lookup('upid_to_pod_name', [upid]);
    if (typeof byUpid === 'string' && byUpid !== '') return byUpid;
    const podId = md.podIdForIp(localAddr, timeNs);
    if (podId === '') return '';
    const name = md.lookup('pod_id_to_pod_name', [podId]);
    return typeof name === 'string' ? name : '';
  };
}
