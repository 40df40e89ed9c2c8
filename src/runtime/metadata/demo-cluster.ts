// The built-in demo cluster: two shops (Google's Online Boutique and Weaveworks' Sock Shop) on three nodes,
// with services, deployments, replica sets, pods, containers and one traced process per pod. Deterministic per seed.

import { Random } from '../random.js';
import type {
  ClusterSpec,
  ContainerSpec,
  DeploymentSpec,
  PodSpec,
  ProcessSpec,
  ReplicaSetSpec,
  ServiceSpec,
} from './spec.js';

interface DemoApp {
  readonly namespace: string;
  readonly service: string;
  readonly pods: number;
  readonly cmdline: string;
}

export const DEMO_APPS: readonly DemoApp[] = [
  { namespace: 'online-boutique', service: 'frontend', pods: 3, cmdline: '/src/server' },
  { namespace: 'online-boutique', service: 'cartservice', pods: 2, cmdline: '/app/cartservice' },
  { namespace: 'online-boutique', service: 'checkoutservice', pods: 2, cmdline: '/src/checkoutservice' },
  { namespace: 'online-boutique', service: 'productcatalogservice', pods: 2, cmdline: '/src/server' },
  { namespace: 'online-boutique', service: 'currencyservice', pods: 1, cmdline: 'node server.js' },
  { namespace: 'online-boutique', service: 'paymentservice', pods: 1, cmdline: 'node index.js' },
  {
    namespace: 'online-boutique',
    service: 'recommendationservice',
    pods: 1,
    cmdline: 'python recommendation_server.py',
  },
  { namespace: 'sock-shop', service: 'front-end', pods: 2, cmdline: 'npm start' },
  { namespace: 'sock-shop', service: 'catalogue', pods: 1, cmdline: '/app -port=80' },
  { namespace: 'sock-shop', service: 'carts', pods: 1, cmdline: 'java -jar ./app.jar --port=80' },
  { namespace: 'sock-shop', service: 'orders', pods: 1, cmdline: 'java -jar ./app.jar --port=80' },
  // Appended after the shops, so the seeded names above stay what they were: the infrastructure the shops talk to.
  { namespace: 'kube-system', service: 'kube-dns', pods: 2, cmdline: '/coredns -conf /etc/coredns/Corefile' },
  { namespace: 'online-boutique', service: 'redis-cart', pods: 1, cmdline: 'redis-server *:6379' },
  { namespace: 'sock-shop', service: 'catalogue-db', pods: 1, cmdline: 'mysqld' },
  { namespace: 'sock-shop', service: 'carts-db', pods: 1, cmdline: 'mongod --bind_ip_all' },
  {
    namespace: 'sock-shop',
    service: 'rabbitmq',
    pods: 1,
    cmdline: '/usr/lib/erlang/erts-12.3/bin/beam.smp -- -root /usr/lib/erlang -progname erl -- -home /var/lib/rabbitmq',
  },
  { namespace: 'sock-shop', service: 'queue-master', pods: 1, cmdline: 'java -jar ./app.jar --port=80' },
  { namespace: 'sock-shop', service: 'shipping', pods: 1, cmdline: 'java -jar ./app.jar --port=80' },
  {
    namespace: 'default',
    service: 'kafka',
    pods: 1,
    cmdline: 'java -Xmx1G -Xms1G -server kafka.Kafka /opt/kafka/config/server.properties',
  },
  { namespace: 'default', service: 'order', pods: 1, cmdline: 'java -jar /app/order.jar' },
  { namespace: 'default', service: 'invoicing', pods: 1, cmdline: 'java -jar /app/invoicing.jar' },
  { namespace: 'default', service: 'shipping-events', pods: 1, cmdline: 'java -jar /app/shipping.jar' },
  {
    namespace: 'default',
    service: 'postgres',
    pods: 1,
    cmdline: 'postgres -c config_file=/etc/postgresql/postgresql.conf',
  },
  { namespace: 'default', service: 'accounts', pods: 1, cmdline: 'python /app/accounts.py' },
  {
    namespace: 'default',
    service: 'cassandra',
    pods: 1,
    cmdline: 'java -Xloggc:/var/log/cassandra/gc.log org.apache.cassandra.service.CassandraDaemon',
  },
  { namespace: 'default', service: 'nats', pods: 1, cmdline: 'nats-server --config /etc/nats-config/nats.conf' },
  { namespace: 'default', service: 'events', pods: 1, cmdline: '/app/events' },
  { namespace: 'default', service: 'mux-server', pods: 1, cmdline: 'java -jar /app/finagle-server.jar' },
  // Pixie's own data collectors, one per node: they report the status of their probes.
  { namespace: 'pl', service: 'vizier-pem', pods: 3, cmdline: '/app/src/vizier/services/agent/pem/pem' },
  // The data services' own stores in 'default': invoices in MySQL, sessions in Redis.
  { namespace: 'default', service: 'mysql', pods: 1, cmdline: 'mysqld --datadir=/var/lib/mysql' },
  { namespace: 'default', service: 'redis', pods: 1, cmdline: 'redis-server *:6379' },
];

const NODES = [
  'gke-demo-default-pool-1a2b3c4d-0x1f',
  'gke-demo-default-pool-1a2b3c4d-7k2m',
  'gke-demo-default-pool-1a2b3c4d-q9zt',
];

/** Processes started about a day before this fixed instant, so UPIDs don't change with the clock. */
const BOOT_NS = 1_767_225_600_000_000_000n; // 2026-01-01T00:00:00Z

export function demoCluster(seed: number, options: { empty?: boolean } = {}): ClusterSpec {
  const vizier = { name: 'pxlc-demo', id: '4b0d2e3a-7c51-4e8f-9a6b-2f1c0d9e8a7b', namespace: 'pl' };
  if (options.empty) return { vizier, hostname: 'localhost', asid: 0 };
  const rnd = new Random(seed);
  const services: ServiceSpec[] = [];
  const deployments: DeploymentSpec[] = [];
  const replicaSets: ReplicaSetSpec[] = [];
  const pods: PodSpec[] = [];
  const containers: ContainerSpec[] = [];
  const processes: ProcessSpec[] = [];
  let podIp = 10;
  DEMO_APPS.forEach((app, k) => {
    services.push({
      id: rnd.uuid(),
      namespace: app.namespace,
      name: app.service,
      clusterIp: `10.96.${k}.${rnd.int(2, 250)}`,
    });
    deployments.push({
      id: rnd.uuid(),
      namespace: app.namespace,
      name: app.service,
      replicas: app.pods,
      startTime: String(BOOT_NS),
    });
    const rsName = `${app.service}-${rnd.suffix(9)}`;
    replicaSets.push({
      id: rnd.uuid(),
      namespace: app.namespace,
      name: rsName,
      deployment: app.service,
      replicas: app.pods,
      startTime: String(BOOT_NS),
    });
    for (let i = 0; i < app.pods; i++) {
      const nodeIndex = (k + i) % NODES.length;
      const startNs = BOOT_NS + BigInt(rnd.int(60, 86_400)) * 1_000_000_000n + BigInt(rnd.int(0, 999_999_999));
      const pod: PodSpec = {
        id: rnd.uuid(),
        namespace: app.namespace,
        name: `${rsName}-${rnd.suffix(5)}`,
        node: NODES[nodeIndex]!,
        ip: `10.16.${nodeIndex}.${podIp++}`,
        services: [app.service],
        replicaSet: rsName,
        labels: { app: app.service, 'pod-template-hash': rsName.slice(app.service.length + 1) },
        qos: app.namespace === 'sock-shop' ? 'Burstable' : 'Guaranteed',
        phase: 'Running',
        startTime: String(startNs),
      };
      pods.push(pod);
      const containerId = rnd.hex(64);
      const container = app.service === 'frontend' ? 'server' : app.service;
      containers.push({
        id: containerId,
        name: container,
        pod: `${pod.namespace}/${pod.name}`,
        state: 'Running',
        startTime: String(startNs),
      });
      processes.push({
        upid: `${nodeIndex + 1}:${rnd.int(7, 32_000)}:${startNs + 2_000_000_000n}`,
        container: containerId,
        cmdline: app.cmdline,
      });
    }
  });
  return {
    vizier,
    hostname: NODES[0]!,
    asid: 1,
    nodes: NODES.map((name) => ({ name })),
    services,
    deployments,
    replicaSets,
    pods,
    containers,
    processes,
  };
}
