// Metadata functions delegate to the run's MetadataProvider; UPID arithmetic is computed locally.

import test from 'ava';
import type { MetadataProvider } from '../../src/runtime/contracts.js';
import { makeUpid } from '../../src/runtime/metadata/upid.js';
import { fn, fnWith } from './udf-fixture.js';

const UPID = makeUpid(7, 1234, 1_700_000_000_000_000_000n);

/** A provider that knows one process in one pod, and records what it was asked. */
function fakeProvider(calls: string[]): MetadataProvider {
  const answers: Record<string, (args: readonly unknown[]) => string | bigint> = {
    upid_to_pod_name: (a) => (a[0] === UPID ? 'default/cart-1' : ''),
    pod_id_to_pod_name: (a) => (a[0] === 'pod-uid-2' ? 'default/checkout-2' : ''),
    pod_name_to_start_time: (a) => (a[0] === 'default/cart-1' ? 1_699_999_000_000_000_123n : 0n),
    service_id_to_service_name: () => 'default/cart',
  };
  return {
    lookup(name, args) {
      calls.push(`${name}(${args.map(String).join(',')})`);
      return answers[name]?.(args) ?? '';
    },
    has: (name) => name in answers,
    podIdForIp: (ip, time) => (ip === '10.0.0.2' && time === 5n ? 'pod-uid-2' : ''),
    vizierName: 'demo-cluster',
    vizierId: 'vz-1',
    vizierNamespace: 'pl',
    hostname: 'node-a',
    asid: 7,
  };
}

test('lookups go to the provider with the row values', (t) => {
  const calls: string[] = [];
  const f = fnWith(fakeProvider(calls));
  t.is(f('upid_to_pod_name(UINT128)')(UPID), 'default/cart-1');
  t.is(f('pod_name_to_start_time(STRING)')('default/cart-1'), 1_699_999_000_000_000_123n);
  t.is(f('service_id_to_service_name(STRING)')('svc-1'), 'default/cart');
  t.is(f('pod_id_to_namespace(STRING)')('nope'), '');
  t.deepEqual(calls, [
    `upid_to_pod_name(${UPID})`,
    'pod_name_to_start_time(default/cart-1)',
    'service_id_to_service_name(svc-1)',
    'pod_id_to_namespace(nope)',
  ]);
});

test("pod_name_to_namespace and service_name_to_namespace split '<ns>/<name>' without asking the cluster, as Pixie's K8sName", (t) => {
  const calls: string[] = [];
  const f = fnWith(fakeProvider(calls));
  for (const name of ['pod_name_to_namespace(STRING)', 'service_name_to_namespace(STRING)']) {
    t.is(f(name)('pl/running_pod'), 'pl');
    t.is(f(name)('no-namespace'), '');
    t.is(f(name)('a/b/c'), '');
  }
  t.deepEqual(calls, []);
});

test('a time lookup the provider answers with text comes back as time 0', (t) => {
  const f = fnWith({ ...fakeProvider([]), lookup: () => 'not a time' });
  t.is(f('pod_id_to_start_time(STRING)')('x'), 0n);
});

test('ctx pod falls back from the UPID to the pod owning the local address', (t) => {
  const f = fnWith(fakeProvider([]))('_upid_to_podname_local_addr_fallback(UINT128,STRING,TIME64NS)');
  t.is(f(UPID, '10.0.0.2', 5n), 'default/cart-1');
  t.is(f(makeUpid(7, 99, 1n), '10.0.0.2', 5n), 'default/checkout-2');
  t.is(f(makeUpid(7, 99, 1n), '10.0.0.2', 6n), '');
  t.is(f(makeUpid(7, 99, 1n), '10.9.9.9', 5n), '');
});

test('ip_to_pod_id uses the provider, with and without a time', (t) => {
  const f = fnWith(fakeProvider([]));
  t.is(f('ip_to_pod_id(STRING,TIME64NS)')('10.0.0.2', 5n), 'pod-uid-2');
  t.is(f('ip_to_pod_id(STRING)')('10.0.0.2'), '');
});

test('cluster facts come from the provider', (t) => {
  const f = fnWith(fakeProvider([]));
  t.is(f('vizier_name()')(), 'demo-cluster');
  t.is(f('vizier_id()')(), 'vz-1');
  t.is(f('vizier_namespace()')(), 'pl');
  t.is(f('_exec_hostname()')(), 'node-a');
  t.is(f('asid()')(), 7n);
  t.true((f('_exec_host_num_cpus()')() as bigint) >= 1n);
});

test('UPIDs are built and taken apart without a provider', (t) => {
  t.is(fn('upid(INT64,INT64,INT64)')(7n, 1234n, 1_700_000_000_000_000_000n), UPID);
  t.is(fnWith(fakeProvider([]))('upid(INT64,INT64)')(1234n, 1_700_000_000_000_000_000n), UPID);
  t.is(fn('upid_to_asid(UINT128)')(UPID), 7n);
  t.is(fn('upid_to_pid(UINT128)')(UPID), 1234n);
  t.is(fn('upid_to_start_ts(UINT128)')(UPID), 1_700_000_000_000_000_000n);
  t.is(fn('upid_to_string(UINT128)')(UPID), '7:1234:1700000000000000000');
});

test('functions that need a live cluster give zero values or stand-ins', (t) => {
  t.is(fn('shared_libraries(UINT128)')(UPID), '');
  t.is(fn('get_cidrs()')(), '');
  t.is(fn('nslookup(STRING)')('10.1.2.3'), '10.1.2.3');
});
