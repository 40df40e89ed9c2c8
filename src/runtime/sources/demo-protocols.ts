// What one traced request of the demo recording looks like in each protocol table, in the formats Pixie's tracers
// record: HTTP headers as JSON, gRPC over HTTP/2, DNS headers and queries/answers as JSON, SQL text that Pixie's
// normalisers accept, Redis commands and arguments, MongoDB documents, Kafka produce/fetch/group bodies with topics
// and partitions, AMQP frames, NATS commands, CQL frames, Mux messages and TLS handshakes.
// `request` returns the columns both sides share; demo-recording.ts adds the addresses, role and time.

import type { Random } from '../random.js';
import { mix, type Link, type Protocol } from './demo-traffic.js';

type Row = Record<string, unknown>;

/**
 * A column value made when it is read: the long texts of the busiest tables (HTTP headers as JSON), which most
 * scripts never read, are not built for every row at start-up. Everything random about them is drawn before, in
 * the order the row always drew it, so the recording stays the same.
 */
export type Deferred = () => unknown;

/** A row's value as stored: deferred values are made now. */
export function cellValue(v: unknown): unknown {
  return typeof v === 'function' ? (v as Deferred)() : v;
}

/** One request: its latency and the payload columns of each table it appears in. */
export interface Request {
  readonly latencyNs: number;
  readonly tables: readonly (readonly [string, Row])[];
}

export interface RequestContext {
  readonly rnd: Random;
  readonly link: Link;
  /** Incident effects on this request's server. */
  readonly failing: boolean;
  readonly slow: boolean;
  /** A number that grows over the recording (ids). */
  readonly sequence: number;
  /** The second the request starts in, and its place among that second's requests on its link. */
  readonly second: number;
  readonly index: number;
  /** A request made at a fixed time (scheduledRequests), not drawn from the link's rate. */
  readonly scheduled: boolean;
}

const ms = (rnd: Random, median: number, sigma = 0.6) => Math.round(rnd.logNormal(median, sigma) * 1e6);

const HTTP_ROUTES: Readonly<Record<string, readonly (readonly [string, string, number])[]>> = {
  frontend: [
    ['GET', '/', 30],
    ['GET', '/product/OLJCESPC7Z', 20],
    ['GET', '/product/66VCHSJNUP', 12],
    ['POST', '/cart', 10],
    ['GET', '/cart', 10],
    ['POST', '/cart/checkout', 4],
    ['POST', '/setCurrency', 3],
    ['GET', '/_healthz', 8],
  ],
  'front-end': [
    ['GET', '/', 10],
    ['GET', '/catalogue', 8],
    ['GET', '/catalogue/size', 3],
    ['GET', '/cart', 5],
    ['POST', '/orders', 2],
    ['GET', '/health', 4],
  ],
  catalogue: [
    ['GET', '/catalogue', 5],
    ['GET', '/catalogue/3395a43e-2d88-40de-b95f-e00e1502085b', 2],
    ['GET', '/tags', 1],
  ],
  carts: [
    ['GET', '/carts/57a98d98e4b00679b4a830b2/items', 3],
    ['POST', '/carts/57a98d98e4b00679b4a830b2/items', 1],
  ],
  orders: [
    ['POST', '/orders', 1],
    ['GET', '/orders/search/customerId', 1],
  ],
  shipping: [['POST', '/shipping', 1]],
  events: [
    ['POST', '/v1/events', 4],
    ['GET', '/v1/events?user=4211', 1],
  ],
  'api.stripe.com': [
    ['POST', '/v1/charges', 3],
    ['GET', '/v1/customers/cus_9s6XKzkNRiz8i3', 1],
  ],
};

const GRPC_METHODS: Readonly<Record<string, readonly string[]>> = {
  productcatalogservice: [
    '/hipstershop.ProductCatalogService/GetProduct',
    '/hipstershop.ProductCatalogService/ListProducts',
    '/hipstershop.ProductCatalogService/SearchProducts',
  ],
  currencyservice: ['/hipstershop.CurrencyService/Convert', '/hipstershop.CurrencyService/GetSupportedCurrencies'],
  cartservice: [
    '/hipstershop.CartService/GetCart',
    '/hipstershop.CartService/AddItem',
    '/hipstershop.CartService/EmptyCart',
  ],
  recommendationservice: ['/hipstershop.RecommendationService/ListRecommendations'],
  checkoutservice: ['/hipstershop.CheckoutService/PlaceOrder'],
  paymentservice: ['/hipstershop.PaymentService/Charge'],
};

/** Median server latency in ms per service: the front ends wait on everything behind them. */
const MEDIAN_MS: Readonly<Record<string, number>> = {
  frontend: 35,
  checkoutservice: 60,
  'front-end': 25,
  orders: 80,
  'api.stripe.com': 120,
  events: 45,
};

const STATUS: readonly (readonly [number, string, number])[] = [
  [200, 'OK', 90],
  [201, 'Created', 2],
  [302, 'Found', 2],
  [404, 'Not Found', 3],
  [500, 'Internal Server Error', 2],
  [503, 'Service Unavailable', 1],
];

function serverName(link: Link): string {
  if (link.server) return link.server.service;
  return link.spec.to.kind === 'external' ? link.spec.to.name : '';
}

function serverHost(link: Link): string {
  const s = link.server;
  return s ? `${s.service}.${s.pod.namespace}.svc.cluster.local` : serverName(link);
}

function http(c: RequestContext): Request {
  const { rnd, link } = c;
  const name = serverName(link);
  const [method, path] = rnd.weighted(
    (HTTP_ROUTES[name] ?? [['GET', '/', 1]]).map(([m, p, w]) => [[m, p] as const, w] as const),
  );
  const [status, message] =
    c.failing && rnd.next() < 0.45
      ? ([503, 'Service Unavailable'] as const)
      : rnd.weighted(STATUS.map(([s, msg, w]) => [[s, msg] as const, w] as const));
  const traceId = rnd.hex(32);
  const body =
    status >= 400
      ? `{"error":"${message.toLowerCase()}"}`
      : path.startsWith('/product')
        ? '{"id":"OLJCESPC7Z","name":"Sunglasses","priceUsd":{"currencyCode":"USD","units":19,"nanos":990000000}}'
        : '{"ok":true}';
  const reqBody = method === 'POST' ? '{"product_id":"OLJCESPC7Z","quantity":1}' : '';
  const latencyNs = ms(rnd, (MEDIAN_MS[name] ?? 8) * (status >= 500 ? 4 : 1) * (c.slow ? 6 : 1));
  const requestId = rnd.uuid();
  const reqHeaders: Deferred = () =>
    JSON.stringify({
      Host: link.server ? `${name}:${link.spec.port}` : name,
      'User-Agent': link.client ? 'Go-http-client/1.1' : 'Mozilla/5.0 (X11; Linux x86_64)',
      Accept: '*/*',
      traceparent: `00-${traceId}-${traceId.slice(16)}-01`,
      'X-B3-TraceId': traceId,
      'X-B3-SpanId': traceId.slice(0, 16),
      'X-Request-Id': requestId,
    });
  return {
    latencyNs,
    tables: [
      [
        'http_events',
        {
          encrypted: link.spec.port === 443,
          major_version: 1,
          minor_version: 1,
          content_type: 1,
          req_headers: reqHeaders,
          req_method: method,
          req_path: path,
          req_body: reqBody,
          req_body_size: reqBody.length,
          resp_headers: () =>
            JSON.stringify({
              'Content-Type': 'application/json',
              'Content-Length': String(body.length),
              Date: 'Tue, 01 Dec 2026 10:00:00 GMT',
            }),
          resp_status: status,
          resp_message: message,
          resp_body: body,
          resp_body_size: body.length + rnd.int(0, 4000),
        },
      ],
    ],
  };
}

function grpc(c: RequestContext): Request {
  const { rnd, link } = c;
  const name = serverName(link);
  const path = rnd.pick(GRPC_METHODS[name] ?? ['/grpc.health.v1.Health/Check']);
  const failed = c.failing && rnd.next() < 0.45;
  const grpcStatus = failed ? 14 : 0;
  const latencyNs = ms(rnd, (MEDIAN_MS[name] ?? 6) * (c.slow ? 6 : 1));
  const streamId = 1 + 2 * (c.sequence % 100_000);
  const reqHeaders = {
    ':authority': `${name}:${link.spec.port}`,
    ':method': 'POST',
    ':path': path,
    ':scheme': 'http',
    'content-type': 'application/grpc',
    'grpc-timeout': '99968u',
    te: 'trailers',
    'user-agent': 'grpc-go/1.58.0',
  };
  const respHeaders = {
    ':status': '200',
    'content-type': 'application/grpc',
    'grpc-status': String(grpcStatus),
    ...(failed ? { 'grpc-message': 'connection refused' } : {}),
  };
  const reqSize = rnd.int(5, 120);
  const respSize = rnd.int(20, 3000);
  return {
    latencyNs,
    tables: [
      [
        'http_events',
        {
          encrypted: false,
          major_version: 2,
          minor_version: 0,
          content_type: 2,
          req_headers: () => JSON.stringify(reqHeaders),
          req_method: 'POST',
          req_path: path,
          req_body: '<protobuf>',
          req_body_size: reqSize,
          resp_headers: () => JSON.stringify(respHeaders),
          resp_status: 200,
          resp_message: 'OK',
          resp_body: failed ? '' : '<protobuf>',
          resp_body_size: respSize,
        },
      ],
      [
        'http2_messages.beta',
        { stream_id: streamId, headers: () => JSON.stringify(reqHeaders), body: '<protobuf>', body_size: reqSize },
      ],
    ],
  };
}

function dns(c: RequestContext): Request {
  const { rnd } = c;
  const targets = [
    'productcatalogservice.online-boutique.svc.cluster.local',
    'cartservice.online-boutique.svc.cluster.local',
    'currencyservice.online-boutique.svc.cluster.local',
    'catalogue.sock-shop.svc.cluster.local',
    'kafka.default.svc.cluster.local',
    'postgres.default.svc.cluster.local',
    'api.stripe.com',
    'storage.googleapis.com',
  ];
  const name = rnd.pick(targets);
  const external = !name.endsWith('.svc.cluster.local');
  const txid = rnd.int(1, 65535);
  const aaaa = rnd.next() < 0.3;
  const nx = !external && rnd.next() < 0.05;
  const addr = external
    ? name === 'api.stripe.com'
      ? '142.250.72.110'
      : '172.217.14.251'
    : `10.96.${rnd.int(0, 10)}.${rnd.int(2, 250)}`;
  const header = (qr: number, answers: number, rcode: number) =>
    JSON.stringify({
      txid,
      qr,
      opcode: 0,
      aa: qr && !external ? 1 : 0,
      tc: 0,
      rd: 1,
      ra: qr,
      ad: 0,
      cd: 0,
      rcode,
      num_queries: 1,
      num_answers: answers,
      num_auth: 0,
      num_addl: 0,
    });
  const answers = nx || aaaa ? [] : [{ name, type: 'A', addr }];
  return {
    latencyNs: ms(rnd, external ? 8 : 0.6, 0.8),
    tables: [
      [
        'dns_events',
        {
          encrypted: false,
          req_header: header(0, 0, 0),
          req_body: JSON.stringify({ queries: [{ name, type: aaaa ? 'AAAA' : 'A' }] }),
          resp_header: header(1, answers.length, nx ? 3 : 0),
          resp_body: JSON.stringify({ answers }),
        },
      ],
    ],
  };
}

const MYSQL_QUERIES: readonly (readonly [number, string, string])[] = [
  [
    3,
    "SELECT sock.sock_id AS id, sock.name, sock.description, sock.price, sock.count, sock.image_url_1, sock.image_url_2, GROUP_CONCAT(tag.name) AS tag_name FROM sock JOIN sock_tag ON sock.sock_id=sock_tag.sock_id JOIN tag ON sock_tag.tag_id=tag.tag_id WHERE sock.sock_id = '3395a43e-2d88-40de-b95f-e00e1502085b' GROUP BY id",
    'Resultset rows = 1',
  ],
  [
    3,
    "SELECT COUNT(DISTINCT sock.sock_id) FROM sock JOIN sock_tag ON sock.sock_id=sock_tag.sock_id JOIN tag ON sock_tag.tag_id=tag.tag_id WHERE tag.name IN ('blue', 'formal')",
    'Resultset rows = 1',
  ],
  [3, 'SELECT name FROM tag', 'Resultset rows = 11'],
  [22, 'SELECT * FROM sock WHERE price < ? LIMIT 10', 'Response OK'],
  [23, 'query=[SELECT * FROM sock WHERE price < ? LIMIT 10] params=[20]', 'Resultset rows = 10'],
  [3, "UPDATE sock SET count = count - 1 WHERE sock_id = 'a0a4f044-b040-410d-8ead-4de0446aec7e'", 'Affected rows = 1'],
];

const INVOICE_QUERIES: readonly (readonly [number, string, string])[] = [
  [3, 'SELECT id, order_id, total, status FROM invoices WHERE order_id = 90211', 'Resultset rows = 1'],
  [
    3,
    "INSERT INTO invoices (order_id, total, currency, status) VALUES (90211, 19.99, 'USD', 'open')",
    'Affected rows = 1',
  ],
  [3, "UPDATE invoices SET status = 'paid' WHERE id = 5521", 'Affected rows = 1'],
  [22, 'SELECT id, total FROM invoices WHERE customer_id = ? ORDER BY id DESC LIMIT 20', 'Response OK'],
  [
    23,
    'query=[SELECT id, total FROM invoices WHERE customer_id = ? ORDER BY id DESC LIMIT 20] params=[4211]',
    'Resultset rows = 20',
  ],
];

function mysql(c: RequestContext): Request {
  const { rnd } = c;
  const [cmd, body, resp] = rnd.pick(serverName(c.link) === 'mysql' ? INVOICE_QUERIES : MYSQL_QUERIES);
  const failed = c.failing && rnd.next() < 0.3;
  return {
    latencyNs: ms(rnd, c.slow ? 25 : 2),
    tables: [
      [
        'mysql_events',
        {
          encrypted: false,
          req_cmd: cmd,
          req_body: body,
          resp_status: failed ? 3 : 2,
          resp_body: failed ? 'Lock wait timeout exceeded; try restarting transaction' : resp,
        },
      ],
    ],
  };
}

const PG_QUERIES: readonly (readonly [string, string, string])[] = [
  ['Query', 'SELECT id, email, balance FROM accounts WHERE id = 4211', 'SELECT 1'],
  ['Query', "SELECT count(*) FROM transactions WHERE created_at > now() - interval '1 hour'", 'SELECT 1'],
  ['Query', "INSERT INTO transactions (account_id, amount, currency) VALUES (4211, 19.99, 'USD')", 'INSERT 0 1'],
  ['Query', 'UPDATE accounts SET balance = balance - 19.99 WHERE id = 4211', 'UPDATE 1'],
  ['Parse', 'SELECT id, email FROM accounts WHERE email = $1', 'PARSE COMPLETE'],
  ['Execute', 'query=[SELECT id, email FROM accounts WHERE email = $1] params=[alice@example.com]', 'SELECT 1'],
];

function pgsql(c: RequestContext): Request {
  const [cmd, req, resp] = c.rnd.pick(PG_QUERIES);
  return {
    latencyNs: ms(c.rnd, c.slow ? 30 : 1.5),
    tables: [
      [
        'pgsql_events',
        {
          encrypted: false,
          req_cmd: cmd,
          req,
          resp: c.failing && c.rnd.next() < 0.3 ? 'ERROR:  deadlock detected' : resp,
        },
      ],
    ],
  };
}

function redis(c: RequestContext): Request {
  const { rnd } = c;
  const cart = `${serverName(c.link) === 'redis' ? 'session' : 'cart'}:${rnd.hex(8)}`;
  const [cmd, args, resp] = rnd.weighted<readonly [string, unknown, string]>([
    [['HGET', { key: cart, field: 'items' }, '[{"productId":"OLJCESPC7Z","quantity":1}]'], 6],
    [['HSET', { key: cart, field: 'items', value: '[{"productId":"66VCHSJNUP","quantity":2}]' }, '1'], 2],
    [['EXPIRE', { key: cart, seconds: '3600' }, '1'], 2],
    [['DEL', { key: [cart] }, '1'], 1],
    [['PING', {}, 'PONG'], 1],
  ]);
  return {
    latencyNs: ms(rnd, 0.3),
    tables: [['redis_events', { encrypted: false, req_cmd: cmd, req_args: JSON.stringify(args), resp }]],
  };
}

function mongodb(c: RequestContext): Request {
  const { rnd } = c;
  const [cmd, body] = rnd.weighted<readonly [string, string]>([
    [['find', '{"find":"cart","filter":{"customerId":"57a98d98e4b00679b4a830b2"},"$db":"data"}'], 5],
    [
      [
        'insert',
        '{"insert":"item","documents":[{"itemId":"3395a43e","quantity":1,"unitPrice":18}],"ordered":true,"$db":"data"}',
      ],
      2,
    ],
    [
      [
        'update',
        '{"update":"cart","updates":[{"q":{"_id":"57a98d98e4b00679b4a830b2"},"u":{"$push":{"items":"5f5e7bd0"}}}],"$db":"data"}',
      ],
      2,
    ],
    [['delete', '{"delete":"item","deletes":[{"q":{"_id":"5f5e7bd0"},"limit":1}],"$db":"data"}'], 1],
  ]);
  return {
    latencyNs: ms(rnd, c.slow ? 20 : 1.2),
    tables: [
      [
        'mongodb_events',
        {
          encrypted: false,
          req_cmd: cmd,
          req_body: body,
          resp_status: 'OK',
          resp_body:
            cmd === 'find'
              ? '{"cursor":{"firstBatch":[{"_id":"57a98d98e4b00679b4a830b2","items":[]}],"id":0,"ns":"data.cart"},"ok":1}'
              : '{"n":1,"ok":1}',
        },
      ],
    ],
  };
}

const KAFKA_TOPICS = ['order', 'invoice', 'shipment'];
/** Each consumer group rebalances this often: a JoinGroup, then a SyncGroup 2 s later. */
const REBALANCE_S = 120;
const SYNC_AFTER_S = 2;

/** What the producer's `index`-th produce request of second `s` writes: a topic, a partition and its offset there. */
function produced(s: number, index: number): { topic: string; partition: number; offset: number } {
  const h = mix(s, index);
  return { topic: KAFKA_TOPICS[h % KAFKA_TOPICS.length]!, partition: (h >>> 8) % 3, offset: s * 8 + index };
}

function rebalancePhase(link: Link): number {
  return mix(link.id, 97) % REBALANCE_S;
}

/** Requests made at fixed times on top of a link's steady rate: a Kafka consumer's JoinGroup and SyncGroup. */
export function scheduledRequests(link: Link, s: number): number {
  if (link.spec.protocol !== 'kafka' || !link.client || link.client.service === 'order') return 0;
  const at = (s - rebalancePhase(link)) % REBALANCE_S;
  return at === 0 || at === SYNC_AFTER_S ? 1 : 0;
}

function kafka(c: RequestContext): Request {
  const { rnd, link } = c;
  const client = link.client?.service ?? 'client';
  const producer = client === 'order';
  const size = rnd.int(300, 900);
  // A group member keeps the id the coordinator gave it; the generation grows with each rebalance.
  const memberId = `${client}-1-${mix(link.id, 1).toString(16).padStart(8, '0')}-${mix(link.id, 2).toString(16).padStart(8, '0')}`;
  const generation = Math.floor((c.second - rebalancePhase(link)) / REBALANCE_S);
  let cmd: number;
  let req: unknown;
  let resp: unknown;
  const groupRoll = rnd.next();
  if (c.scheduled && (c.second - rebalancePhase(link)) % REBALANCE_S === 0) {
    // A consumer group (re)joining: the rebalancing view reads these.
    cmd = 11;
    req = {
      group_id: `${client}-group`,
      session_timeout_ms: 10000,
      rebalance_timeout_ms: 300000,
      member_id: memberId,
      group_instance_id: '',
      protocol_type: 'consumer',
      protocols: [{ protocol: 'range' }],
    };
    resp = {
      throttle_time_ms: 0,
      error_code: 0,
      generation_id: generation,
      protocol_type: 'consumer',
      protocol_name: 'range',
      leader: memberId,
      member_id: memberId,
      members: [{ member_id: memberId, group_instance_id: '' }],
    };
  } else if (c.scheduled) {
    cmd = 14;
    req = {
      group_id: `${client}-group`,
      generation_id: generation,
      member_id: memberId,
      group_instance_id: '',
      protocol_type: 'consumer',
      protocol_name: 'range',
      assignments: [{ member_id: memberId, assignment: '' }],
    };
    resp = { throttle_time_ms: 0, error_code: 0, protocol_type: 'consumer', protocol_name: 'range', assignment: '' };
  } else if (!producer && groupRoll < 0.12) {
    cmd = 12;
    req = { group_id: `${client}-group`, generation_id: generation, member_id: memberId, group_instance_id: '' };
    resp = { throttle_time_ms: 0, error_code: 0 };
  } else if (producer) {
    const { topic, partition, offset } = produced(c.second, c.index);
    cmd = 0;
    req = {
      transactional_id: '',
      acks: 1,
      timeout_ms: 1500,
      topics: [{ name: topic, partitions: [{ index: partition, message_set: { size } }] }],
    };
    resp = {
      topics: [
        {
          name: topic,
          partitions: [
            {
              index: partition,
              error_code: 0,
              base_offset: offset,
              log_append_time_ms: -1,
              log_start_offset: 0,
              record_errors: [],
              error_message: '',
            },
          ],
        },
      ],
      throttle_time_ms: 0,
    };
  } else {
    // A consumer fetches the offset the producer wrote a second before, on the partition it wrote it to; what it
    // finds is there when that produce was to its topic.
    const topic = client === 'invoicing' ? 'order' : 'invoice';
    const { partition, offset } = produced(c.second - 1, c.index);
    cmd = 1;
    req = {
      replica_id: -1,
      session_id: 0,
      session_epoch: 0,
      topics: [
        {
          name: topic,
          partitions: [
            {
              index: partition,
              current_leader_epoch: 0,
              fetch_offset: offset,
              last_fetched_epoch: -1,
              log_start_offset: -1,
              partition_max_bytes: 1048576,
            },
          ],
        },
      ],
      forgotten_topics: [],
      rack_id: '',
    };
    resp = {
      throttle_time_ms: 0,
      error_code: 0,
      session_id: 0,
      topics: [
        {
          name: topic,
          partitions: [
            {
              index: partition,
              error_code: 0,
              high_watermark: offset + 1,
              last_stable_offset: offset + 1,
              log_start_offset: 0,
              aborted_transactions: [],
              preferred_read_replica: -1,
              message_set: { size },
            },
          ],
        },
      ],
    };
  }
  return {
    latencyNs: cmd === 1 ? ms(rnd, 200, 0.3) : ms(rnd, c.slow ? 30 : 3),
    tables: [
      [
        'kafka_events.beta',
        {
          encrypted: false,
          req_cmd: cmd,
          client_id: `${client}-${producer ? 'producer' : 'consumer'}-1`,
          req_body: JSON.stringify(req),
          resp: JSON.stringify(resp),
        },
      ],
    ],
  };
}

function amqp(c: RequestContext): Request {
  const { rnd, link } = c;
  const publisher = link.client?.service === 'shipping';
  const bodySize = rnd.int(100, 600);
  // Basic.Publish (60/40) from the publisher; Basic.Deliver (60/60) to the consumer.
  const [frameType, reqClass, reqMethod, reqMsg, respClass, respMethod, respMsg] =
    rnd.next() < 0.15
      ? [
          2,
          60,
          0,
          JSON.stringify({ body_size: bodySize, property_flags: 12288, content_type: 'application/json' }),
          0,
          0,
          '',
        ]
      : publisher
        ? [
            1,
            60,
            40,
            JSON.stringify({ exchange: 'shipping-task', routing_key: 'shipping-task', mandatory: 0, immediate: 0 }),
            0,
            0,
            '',
          ]
        : [
            1,
            0,
            0,
            '',
            60,
            60,
            JSON.stringify({
              consumer_tag: 'amq.ctag-1Nz3BKKj1sQ8gFxtlMzo4g',
              delivery_tag: c.sequence,
              redelivered: 0,
              exchange: 'shipping-task',
              routing_key: 'shipping-task',
            }),
          ];
  return {
    latencyNs: ms(rnd, 0.5),
    tables: [
      [
        'amqp_events',
        {
          encrypted: false,
          frame_type: frameType,
          channel: 1,
          req_class_id: reqClass,
          req_method_id: reqMethod,
          resp_class_id: respClass,
          resp_method_id: respMethod,
          req_msg: reqMsg,
          resp_msg: respMsg,
        },
      ],
    ],
  };
}

function nats(c: RequestContext): Request {
  const { rnd } = c;
  const subject = rnd.pick(['orders.created', 'orders.shipped', 'users.signup']);
  const [cmd, body, resp] = rnd.weighted<readonly [string, unknown, string]>([
    [['PUB', { subject, reply_to: '', payload: `{"id":"${rnd.hex(8)}","total":19.99}` }, 'OK'], 5],
    [['MSG', { subject, sid: '1', reply_to: '', payload: `{"id":"${rnd.hex(8)}","total":19.99}` }, ''], 4],
    [['SUB', { subject, queue_group: 'events', sid: '1' }, 'OK'], 1],
    [['PING', {}, 'PONG'], 1],
  ]);
  return {
    latencyNs: ms(rnd, 0.4),
    tables: [['nats_events.beta', { encrypted: false, cmd, body: JSON.stringify(body), resp }]],
  };
}

function cql(c: RequestContext): Request {
  const { rnd } = c;
  const [op, body, respBody] = rnd.weighted<readonly [number, string, string]>([
    [
      [
        7,
        'SELECT event_id, kind, payload FROM events.by_user WHERE user_id = 4211 LIMIT 50',
        'Response type = ROWS\nNumber of columns = 3\n["event_id","kind","payload"]\nNumber of rows = 12',
      ],
      4,
    ],
    [
      [
        9,
        'INSERT INTO events.by_user (user_id, event_id, kind, payload) VALUES (?, ?, ?, ?)',
        'Response type = PREPARED\nPrepared statement id = 4f6e2b1a',
      ],
      1,
    ],
    [
      [
        10,
        'INSERT INTO events.by_user (user_id, event_id, kind, payload) VALUES (?, ?, ?, ?)\n[4211, 9f1c, order, {"total":19.99}]',
        'Response type = VOID',
      ],
      3,
    ],
  ]);
  return {
    latencyNs: ms(rnd, c.slow ? 40 : 2),
    tables: [['cql_events', { encrypted: false, req_op: op, req_body: body, resp_op: 8, resp_body: respBody }]],
  };
}

function mux(c: RequestContext): Request {
  // Tdispatch (2) most of the time, Tping (65) now and then.
  return {
    latencyNs: ms(c.rnd, 3),
    tables: [['mux_events', { encrypted: false, req_type: c.rnd.next() < 0.9 ? 2 : 65 }]],
  };
}

function tls(c: RequestContext): Request {
  const { rnd, link } = c;
  const host = link.spec.to.kind === 'external' ? link.spec.to.name : serverHost(link);
  // A handshake: ClientHello (22) with SNI, answered by ServerHello.
  return {
    latencyNs: ms(rnd, 30, 0.4),
    tables: [
      [
        'tls_events',
        {
          req_type: 22,
          req_body: JSON.stringify({
            version: 771,
            extensions: { server_name: JSON.stringify([host]), supported_versions: '["TLS 1.3","TLS 1.2"]' },
          }),
          resp_body: JSON.stringify({
            version: 771,
            cipher_suite: 'TLS_AES_128_GCM_SHA256',
            extensions: { supported_versions: '["TLS 1.3"]' },
          }),
        },
      ],
    ],
  };
}

const BUILDERS: Readonly<Record<Protocol, (c: RequestContext) => Request>> = {
  http,
  grpc,
  dns,
  mysql,
  pgsql,
  redis,
  mongodb,
  kafka,
  amqp,
  nats,
  cql,
  mux,
  tls,
};

export function request(protocol: Protocol, c: RequestContext): Request {
  return BUILDERS[protocol](c);
}

/** The tables each protocol's requests appear in. */
export const PROTOCOL_TABLES: Readonly<Record<Protocol, readonly string[]>> = {
  http: ['http_events'],
  grpc: ['http_events', 'http2_messages.beta'],
  dns: ['dns_events'],
  mysql: ['mysql_events'],
  pgsql: ['pgsql_events'],
  redis: ['redis_events'],
  mongodb: ['mongodb_events'],
  kafka: ['kafka_events.beta'],
  amqp: ['amqp_events'],
  nats: ['nats_events.beta'],
  cql: ['cql_events'],
  mux: ['mux_events'],
  tls: ['tls_events'],
};

/** conn_stats' protocol code of each protocol (traffic_protocol). */
export const PROTOCOL_CODE: Readonly<Record<Protocol, number>> = {
  http: 1,
  grpc: 2,
  mysql: 3,
  cql: 4,
  pgsql: 5,
  dns: 6,
  redis: 7,
  nats: 8,
  mongodb: 9,
  kafka: 10,
  mux: 11,
  amqp: 12,
  tls: 13,
};
