// What Pixie's metadata function tests establish, over a small cluster of our own: owner references and rollout
// statuses in Pixie's JSON shapes, QoS classes by their enum names, and which pod (and service) an IP meant at a time.

import test from 'ava';
import { ClusterMetadata, type ClusterSpec } from '../../src/runtime/metadata/cluster.js';
import { parseUint128 } from '../../src/runtime/metadata/upid.js';

const s = 1_000_000_000n;

const SPEC: ClusterSpec = {
  services: [
    { id: 'svc-cart', namespace: 'shop', name: 'cart', clusterIp: '10.96.0.10' },
    { id: 'svc-all', namespace: 'shop', name: 'everything' },
  ],
  deployments: [
    { id: 'dep-cart', namespace: 'shop', name: 'cart', replicas: 3 },
    { id: 'dep-old', namespace: 'shop', name: 'old', stopTime: String(60n * s) },
  ],
  replicaSets: [
    { id: 'rs-cart', namespace: 'shop', name: 'cart-5f6d', deployment: 'cart', replicas: 3 },
    { id: 'rs-lone', namespace: 'shop', name: 'lone' },
    { id: 'rs-old', namespace: 'shop', name: 'old-1', deployment: 'old', stopTime: String(60n * s) },
  ],
  pods: [
    {
      id: 'pod-cart',
      namespace: 'shop',
      name: 'cart-5f6d-x1',
      node: 'n1',
      ip: '10.0.0.5',
      replicaSet: 'cart-5f6d',
      services: ['cart', 'everything'],
      qos: 'Guaranteed',
      startTime: String(10n * s),
      stopTime: String(50n * s),
    },
    {
      id: 'pod-next',
      namespace: 'shop',
      name: 'cart-5f6d-x2',
      node: 'n1',
      ip: '10.0.0.5',
      replicaSet: 'cart-5f6d',
      services: ['cart'],
      qos: 'BestEffort',
      startTime: String(100n * s),
    },
    { id: 'pod-bare', namespace: 'shop', name: 'bare', node: 'n2', ip: '10.0.0.9' },
    {
      id: 'pod-old',
      namespace: 'shop',
      name: 'old-1-a',
      node: 'n2',
      ip: '10.0.0.11',
      replicaSet: 'old-1',
      stopTime: String(60n * s),
    },
  ],
  containers: [
    { id: 'c1', name: 'server', pod: 'shop/cart-5f6d-x1' },
    { id: 'c2', name: 'server-2', pod: 'shop/cart-5f6d-x2' },
    { id: 'c3', name: 'old-server', pod: 'shop/old-1-a' },
  ],
  processes: [
    { upid: '1:100:1', container: 'c1' },
    { upid: '1:200:2', container: 'c2' },
    { upid: '1:300:3', container: 'c3' },
  ],
};

const md = new ClusterMetadata(SPEC);
const lookup = (fn: string, ...args: unknown[]) => md.lookup(fn, args);

test("owner references are a JSON array of each reference's JSON text; none is [] for a known object, '' for an unknown one", (t) => {
  t.is(
    lookup('pod_id_to_owner_references', 'pod-cart'),
    '["{\\"uid\\":\\"rs-cart\\",\\"kind\\":\\"ReplicaSet\\",\\"name\\":\\"cart-5f6d\\"}"]',
  );
  t.is(lookup('pod_name_to_owner_references', 'shop/cart-5f6d-x2'), lookup('pod_id_to_owner_references', 'pod-cart'));
  t.deepEqual(
    (JSON.parse(lookup('replicaset_name_to_owner_references', 'shop/cart-5f6d') as string) as string[]).map(
      (r) => JSON.parse(r) as unknown,
    ),
    [{ uid: 'dep-cart', kind: 'Deployment', name: 'cart' }],
  );
  t.is(lookup('pod_id_to_owner_references', 'pod-bare'), '[]');
  t.is(lookup('replicaset_id_to_owner_references', 'rs-lone'), '[]');
  t.is(lookup('pod_id_to_owner_references', 'pod-gone'), '');
  t.is(lookup('replicaset_id_to_owner_references', 'rs-gone'), '');
});

test("replica set and deployment statuses carry Pixie's members in Pixie's order", (t) => {
  t.deepEqual(Object.keys(JSON.parse(lookup('replicaset_id_to_status', 'rs-cart') as string) as object), [
    'replicas',
    'fully_labeled_replicas',
    'ready_replicas',
    'available_replicas',
    'requested_replicas',
    'observed_generation',
    'conditions',
  ]);
  t.deepEqual(Object.keys(JSON.parse(lookup('deployment_name_to_status', 'shop/cart') as string) as object), [
    'replicas',
    'updated_replicas',
    'ready_replicas',
    'available_replicas',
    'unavailable_replicas',
    'requested_replicas',
    'observed_generation',
    'conditions',
  ]);
  t.is(
    (JSON.parse(lookup('replicaset_name_to_status', 'shop/cart-5f6d') as string) as { ready_replicas: number })
      .ready_replicas,
    3,
  );
  t.is(lookup('replicaset_id_to_status', 'rs-gone'), '');
});

test("a pod's QoS class is named by its enum constant", (t) => {
  t.is(lookup('upid_to_pod_qos', parseUint128('1:100:1')), 'kGuaranteed');
  t.is(lookup('upid_to_pod_qos', parseUint128('1:200:2')), 'kBestEffort');
  t.is(lookup('upid_to_pod_qos', parseUint128('1:300:3')), 'kUnknown');
  t.is(lookup('upid_to_pod_qos', parseUint128('1:400:4')), '');
});

test('an IP at a time is the pod that started there last by then; before any started, none', (t) => {
  t.is(lookup('ip_to_pod_id', '10.0.0.5', 5n * s), '');
  t.is(lookup('ip_to_pod_id', '10.0.0.5', 20n * s), 'pod-cart');
  // Stopped, and its successor not started yet: still the last pod at that IP.
  t.is(lookup('ip_to_pod_id', '10.0.0.5', 70n * s), 'pod-cart');
  t.is(lookup('ip_to_pod_id', '10.0.0.5', 150n * s), 'pod-next');
  t.is(lookup('ip_to_pod_id', '10.0.0.5'), 'pod-next');
  t.is(lookup('ip_to_pod_id', '10.0.0.77', 150n * s), '');
});

test('an IP names the service whose cluster IP it is, else the services of the pod there', (t) => {
  t.is(lookup('ip_to_service_id', '10.96.0.10'), 'svc-cart');
  t.is(lookup('ip_to_service_id', '10.0.0.5'), 'svc-cart');
  t.is(lookup('pod_id_to_service_id', 'pod-cart'), '["svc-cart","svc-all"]');
  t.is(lookup('ip_to_service_id', '10.0.0.9'), '');
  t.is(lookup('ip_to_service_id', '10.0.0.77'), '');
});

test("a process's replica set and deployment that have stopped are left out; looked up from the pod they are still there", (t) => {
  const upid = parseUint128('1:300:3');
  t.deepEqual(
    ['replicaset_name', 'replicaset_id', 'deployment_name', 'deployment_id'].map((f) => lookup(`upid_to_${f}`, upid)),
    ['', '', '', ''],
  );
  t.deepEqual(
    ['replicaset_name', 'deployment_name'].map((f) => lookup(`pod_id_to_${f}`, 'pod-old')),
    ['shop/old-1', 'shop/old'],
  );
  t.is(lookup('upid_to_replicaset_name', parseUint128('1:100:1')), 'shop/cart-5f6d');
  t.is(lookup('upid_to_deployment_id', parseUint128('1:100:1')), 'dep-cart');
});
