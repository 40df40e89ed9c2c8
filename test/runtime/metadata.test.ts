// The demo cluster answers ctx lookups the way Pixie's metadata service does.

import test from 'ava';
import { ClusterMetadata } from '../../src/runtime/metadata/cluster.js';
import { demoCluster } from '../../src/runtime/metadata/demo-cluster.js';
import { formatUint128, makeUpid, parseUint128, upidParts, upidToString } from '../../src/runtime/metadata/upid.js';
import { formatTimeNs, parseTimeText } from '../../src/runtime/metadata/time-text.js';

test('UPIDs pack asid, pid and start time, and read back from every printed form', (t) => {
  const upid = makeUpid(3, 4242, 1_767_225_600_123_456_789n);
  t.deepEqual(upidParts(upid), { asid: 3, pid: 4242, startTs: 1_767_225_600_123_456_789n });
  t.is(upidToString(upid), '3:4242:1767225600123456789');
  t.is(formatUint128(upid), '00000003-0000-1092-1886-7251f555cd15');
  t.is(parseUint128(formatUint128(upid)), upid);
  t.is(parseUint128('3:4242:1767225600123456789'), upid);
  t.is(parseUint128(`0x${upid.toString(16)}`), upid);
  t.is(parseUint128('not-a-upid'), undefined);
});

test('times read as nanoseconds or ISO text and print with all nine digits', (t) => {
  t.is(parseTimeText('1700000000123456789'), 1_700_000_000_123_456_789n);
  t.is(parseTimeText('2023-11-14T22:13:20.123456789Z'), 1_700_000_000_123_456_789n);
  t.is(formatTimeNs(1_700_000_000_123_456_789n), '2023-11-14T22:13:20.123456789Z');
  t.is(parseTimeText('yesterday'), undefined);
});

test('a demo process resolves to its pod, service, namespace, node and owners', (t) => {
  const spec = demoCluster(1);
  const md = new ClusterMetadata(spec);
  const proc = spec.processes![0]!;
  const upid = parseUint128(proc.upid)!;
  const container = spec.containers!.find((c) => c.id === proc.container)!;
  const pod = spec.pods!.find((p) => `${p.namespace}/${p.name}` === container.pod)!;
  t.is(md.lookup('upid_to_pod_name', [upid]), `online-boutique/${pod.name}`);
  t.is(md.lookup('upid_to_service_name', [upid]), 'online-boutique/frontend');
  t.is(md.lookup('upid_to_namespace', [upid]), 'online-boutique');
  t.is(md.lookup('upid_to_node_name', [upid]), pod.node);
  t.is(md.lookup('upid_to_container_name', [upid]), 'server');
  t.is(md.lookup('upid_to_deployment_name', [upid]), 'online-boutique/frontend');
  t.regex(md.lookup('upid_to_replicaset_name', [upid]) as string, /^online-boutique\/frontend-\w{9}$/);
  t.is(md.lookup('upid_to_pid', [upid]), BigInt(upidParts(upid).pid));
  t.is(md.lookup('pod_name_to_pod_ip', [`online-boutique/${pod.name}`]), pod.ip);
  t.is(md.lookup('pod_id_to_pod_name', [pod.id]), `online-boutique/${pod.name}`);
  t.is(md.podIdForIp(pod.ip), pod.id);
  t.deepEqual(JSON.parse(md.lookup('pod_name_to_status', [`online-boutique/${pod.name}`]) as string), {
    phase: 'Running',
    message: '',
    reason: '',
    ready: true,
  });
});

test('unknown entities give empty strings and zero times, never errors', (t) => {
  const md = new ClusterMetadata(demoCluster(1));
  t.is(md.lookup('upid_to_pod_name', [12345n]), '');
  t.is(md.lookup('pod_name_to_start_time', ['nope/nope']), 0n);
  t.is(md.lookup('service_name_to_service_id', ['x']), '');
  t.is(md.podIdForIp('192.0.2.1'), '');
});

test("status of an entity not known is Pixie's default JSON; external IPs of an unknown service are ''", (t) => {
  const md = new ClusterMetadata(demoCluster(1));
  t.is(
    md.lookup('pod_name_to_status', ['pl/no-such-pod']),
    '{"phase":"Unknown","message":"","reason":"","ready":false}',
  );
  t.is(md.lookup('upid_to_pod_status', [12345n]), '{"phase":"Unknown","message":"","reason":"","ready":false}');
  t.is(md.lookup('container_id_to_status', ['no-such-container']), '{"state":"Unknown","message":"","reason":""}');
  t.is(md.lookup('service_id_to_external_ips', ['no-such-service']), '');
});

test('a pod behind two services lists both, as a JSON array', (t) => {
  const md = new ClusterMetadata({
    services: [
      { id: 's1', namespace: 'ns', name: 'a' },
      { id: 's2', namespace: 'ns', name: 'b' },
    ],
    pods: [{ id: 'p1', namespace: 'ns', name: 'web-1', node: 'n1', ip: '10.0.0.1', services: ['a', 'b'] }],
  });
  t.is(md.lookup('pod_name_to_service_name', ['ns/web-1']), '["ns/a","ns/b"]');
  t.is(md.lookup('pod_id_to_service_id', ['p1']), '["s1","s2"]');
});

test('the demo cluster is the same for the same seed', (t) => {
  t.deepEqual(demoCluster(7), demoCluster(7));
  t.notDeepEqual(demoCluster(7).pods, demoCluster(8).pods);
});
