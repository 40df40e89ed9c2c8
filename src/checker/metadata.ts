// df.ctx['key'] → a metadata lookup on the first available key column (SPEC §9).

import type { Schema } from '../core/types.js';
import { own } from '../core/dict.js';

interface MetaKey {
  readonly sources: readonly string[];
  readonly property: string;
}

const KEYS: Readonly<Record<string, MetaKey>> = {
  pod_name: { sources: ['upid', 'pod_id'], property: 'pod_name' },
  pod_id: { sources: ['upid', 'pod_name'], property: 'pod_id' },
  service_name: { sources: ['upid', 'service_id', 'pod_id', 'pod_name'], property: 'service_name' },
  service_id: { sources: ['upid', 'service_name', 'pod_id', 'pod_name'], property: 'service_id' },
  namespace: { sources: ['upid', 'pod_id', 'pod_name', 'service_name'], property: 'namespace' },
  node_name: { sources: ['upid', 'pod_id'], property: 'node_name' },
  hostname: { sources: ['upid'], property: 'hostname' },
  container_name: { sources: ['upid'], property: 'container_name' },
  container_id: { sources: ['upid'], property: 'container_id' },
  deployment_name: {
    sources: ['upid', 'deployment_id', 'pod_id', 'pod_name', 'replicaset_id', 'replicaset_name'],
    property: 'deployment_name',
  },
  deployment_id: {
    sources: ['upid', 'deployment_name', 'pod_id', 'pod_name', 'replicaset_id', 'replicaset_name'],
    property: 'deployment_id',
  },
  replicaset_name: { sources: ['upid', 'pod_id', 'pod_name', 'replicaset_id'], property: 'replicaset_name' },
  replicaset_id: { sources: ['upid', 'pod_id', 'pod_name', 'replicaset_name'], property: 'replicaset_id' },
  cmdline: { sources: ['upid'], property: 'cmdline' },
  pid: { sources: ['upid'], property: 'pid' },
  asid: { sources: ['upid'], property: 'asid' },
};

const ALIASES: Readonly<Record<string, string>> = {
  pod: 'pod_name',
  service: 'service_name',
  node: 'node_name',
  host: 'hostname',
  container: 'container_name',
  deployment: 'deployment_name',
  replica_set: 'replicaset_name',
  replicaset: 'replicaset_name',
  replica_set_id: 'replicaset_id',
  cmd: 'cmdline',
};

export function metadataKeys(): string[] {
  return [...Object.keys(KEYS), ...Object.keys(ALIASES)];
}

export function canonicalMetadataKey(key: string): string | undefined {
  const k = own(ALIASES, key) ?? key;
  return Object.hasOwn(KEYS, k) ? k : undefined;
}

export type MetadataPlan =
  | { readonly ok: true; readonly fn: string; readonly args: readonly string[] }
  | { readonly ok: false; readonly need: readonly string[] };

/** Which function and columns implement ctx[key] on a relation. `key` must be canonical. */
export function planMetadata(key: string, schema: Schema): MetadataPlan {
  const meta = KEYS[key]!;
  const has = (c: string) => schema.some((s) => s.name === c);
  const source = meta.sources.find(has);
  if (!source) return { ok: false, need: meta.sources };
  if (key === 'pod_name' && source === 'upid' && has('local_addr') && has('time_')) {
    return { ok: true, fn: '_upid_to_podname_local_addr_fallback', args: ['upid', 'local_addr', 'time_'] };
  }
  return { ok: true, fn: `${source}_to_${meta.property}`, args: [source] };
}
