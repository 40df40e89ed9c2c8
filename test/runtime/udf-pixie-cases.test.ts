// The values Pixie's own function tests expect, for the inputs those tests use that the other udf tests do not:
// one test per family of Pixie's builtins.

import test from 'ava';
import { fn } from './udf-fixture.js';

test('strings: substring bounds, strip_prefix of the whole value, atoi with a sign, hex of text', (t) => {
  const substring = fn('substring(STRING,INT64,INT64)');
  t.is(substring('observability', 2n, 5n), 'serva');
  t.is(substring('observability', 9n, 20n), 'lity');
  t.is(substring('observability', 4n, 0n), '');
  t.is(substring('observability', 0n, -1n), '');
  t.is(substring('observability', 13n, 1n), '');
  t.is(fn('length(STRING)')(''), 0n);
  t.is(fn('strip_prefix(STRING,STRING)')('shop/cart', 'shop/cart'), '');
  t.is(fn('strip_prefix(STRING,STRING)')('shop/cart-v2', 'shop/cart'), 'shop/cart');
  t.is(fn('trim(STRING)')('a   b'), 'a   b');
  t.is(fn('atoi(STRING,INT64)')('+2024', -1n), 2024n);
  t.is(fn('atoi(STRING,INT64)')('twelve', 99n), 99n);
  t.is(fn('bytes_to_hex(STRING)')('px'), '\\x70\\x78');
  t.is(fn('hex_to_ascii(STRING)')('7265712d3432'), 'req-42');
  t.is(fn('hex_to_ascii(STRING)')('72657'), '');
});

test('arithmetic: doubles, logs and powers, modulo, rounding to text and binning', (t) => {
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-12;
  t.true(near(fn('add(FLOAT64,FLOAT64)')(0.25, 2.6) as number, 2.85));
  t.true(near(fn('subtract(FLOAT64,FLOAT64)')(0.25, 2.6) as number, -2.35));
  t.true(near(fn('divide(FLOAT64,INT64)')(2.5, 5n) as number, 0.5));
  t.is(fn('multiply(FLOAT64,INT64)')(2.5, 4n), 10);
  t.true(near(fn('log(INT64,INT64)')(3n, 81n) as number, 4));
  t.is(fn('log2(FLOAT64)')(32), 5);
  t.is(fn('pow(FLOAT64,FLOAT64)')(3, 2), 9);
  t.is(fn('exp(INT64)')(1n), Math.E);
  t.is(fn('negate(INT64)')(0n), 0n);
  t.is(fn('ceil(FLOAT64)')(7.0), 7n);
  t.is(fn('floor(FLOAT64)')(7.5), 7n);
  t.is(fn('modulo(INT64,INT64)')(17n, 5n), 2n);
  const round = fn('round(FLOAT64,INT64)');
  t.is(round(7.3, 2n), '7.30');
  t.is(round(7.34567, 3n), '7.346');
  t.is(round(0, 4n), '0.0000');
  t.is(round(42.71, 0n), '43');
  t.is(round(56, 2n), '56.00');
  t.is(fn('bin(INT64,INT64)')(17n, 4n), 16n);
  t.is(fn('bin(FLOAT64,INT64)')(17.9, 4n), 16n);
  t.is(fn('bin(TIME64NS,INT64)')(17n, 5n), 15n);
});

test('comparisons: booleans against integers, doubles against integers, 128-bit values, strings', (t) => {
  const eq = fn('equal(INT64,BOOLEAN)');
  const ne = fn('notEqual(INT64,BOOLEAN)');
  // Only 1 equals true and only 0 equals false: 2 is neither.
  t.deepEqual(
    [eq(1n, true), eq(0n, false), eq(2n, true), eq(0n, true), eq(1n, false)],
    [true, true, false, false, false],
  );
  t.deepEqual([ne(1n, true), ne(0n, false), ne(2n, true), ne(0n, true)], [false, false, true, true]);
  t.deepEqual([fn('equal(FLOAT64,INT64)')(4.0, 4n), fn('equal(FLOAT64,INT64)')(2.718, 2n)], [true, false]);
  t.deepEqual([fn('notEqual(FLOAT64,INT64)')(4.0, 4n), fn('notEqual(FLOAT64,INT64)')(40.0, 4n)], [false, true]);
  const upid = (7n << 64n) | 9n;
  t.true(fn('equal(UINT128,UINT128)')(upid, (7n << 64n) | 9n));
  t.false(fn('equal(UINT128,UINT128)')(upid, 79n));
  // Doubles compare within a tolerance, both through approxEqual and through == and != (Pixie's approximate ones).
  t.true(fn('approxEqual(FLOAT64,FLOAT64)')(-2.5678, -2.5678));
  t.false(fn('approxEqual(FLOAT64,FLOAT64)')(-2.001, -2.006));
  t.true(fn('notEqual(FLOAT64,FLOAT64)')(-2.001, -2.006));
  t.false(fn('notEqual(FLOAT64,FLOAT64)')(-2.5678, -2.5678));
  t.deepEqual(
    [
      fn('greaterThan(STRING,STRING)')('pod', 'pod'),
      fn('greaterThanEqual(STRING,STRING)')('pod', 'pod'),
      fn('lessThan(STRING,STRING)')('node', 'pod'),
      fn('lessThanEqual(STRING,STRING)')('pod', 'node'),
    ],
    [false, true, true, false],
  );
  t.deepEqual(
    [fn('greaterThan(FLOAT64,FLOAT64)')(-1.25, -1.25), fn('lessThanEqual(FLOAT64,FLOAT64)')(-1.25, -1.25)],
    [false, true],
  );
  t.deepEqual(
    [
      fn('logicalOr(INT64,INT64)')(7n, 0n),
      fn('logicalOr(INT64,INT64)')(0n, 0n),
      fn('logicalAnd(INT64,INT64)')(6n, 2n),
      fn('logicalNot(INT64)')(9n),
    ],
    [true, false, true, false],
  );
  t.is(fn('select(BOOLEAN,INT64,INT64)')(true, 30n, 31n), 30n);
});

test('json: members of an indented document, array elements, split without the delimiter, script references with arguments', (t) => {
  const doc = `
{
  "labels": {"app": "cart"},
  "bytes": 54243242341,
  "ratio": 223423.5234,
  "name": "cart"
}`;
  const pluck = fn('pluck(STRING,STRING)');
  t.deepEqual(
    ['labels', 'bytes', 'ratio', 'name', 'absent'].map((k) => pluck(doc, k)),
    ['{"app":"cart"}', '54243242341', '223423.5234', 'cart', ''],
  );
  t.deepEqual(
    ['labels', 'bytes', 'ratio', 'name'].map((k) => fn('pluck_int64(STRING,STRING)')(doc, k)),
    [0n, 54243242341n, 0n, 0n],
  );
  t.deepEqual(
    ['labels', 'bytes', 'ratio', 'name'].map((k) => fn('pluck_float64(STRING,STRING)')(doc, k)),
    [0, 0, 223423.5234, 0],
  );
  t.is(fn('pluck_int64(STRING,STRING)')('["bytes"]', 'bytes'), 0n);
  t.is(fn('pluck_float64(STRING,STRING)')('ratio', 'ratio'), 0);
  const array = '["a", "b", {"app": "cart"}]';
  t.is(fn('pluck_array(STRING,INT64)')(array, 2n), '{"app":"cart"}');
  t.is(fn('pluck_array(STRING,INT64)')(array, 3n), '');
  t.is(fn('pluck_array(STRING,INT64)')(doc, 0n), '');
  t.is(fn('split(STRING,STRING)')('a|b|c', '|'), '["a","b","c"]');
  t.is(fn('split(STRING,STRING)')('a|b|c', ','), '["a|b|c"]');
  t.is(
    fn('_script_reference(STRING,STRING,STRING,STRING,STRING,STRING)')(
      'cart',
      'px/pod',
      'pod',
      'shop/cart-1',
      'start_time',
      '-5m',
    ),
    '{"label":"cart","script":"px/pod","args":{"pod":"shop/cart-1","start_time":"-5m"}}',
  );
});

test('regex: replacing across lines, and a case-insensitive rule naming the match', (t) => {
  const replace = fn('replace(STRING,STRING,STRING)');
  t.is(replace('id', 'xid yidz\t\nid', '#'), 'x# y#z\t\n#');
  t.is(replace('\n', '\nGET\n200\n', ''), 'GET200');
  t.true(fn('regex_match(STRING,STRING)')('.*', 'GET /\nHost: x'));
  const rule = fn('_match_regex_rule(STRING,STRING)');
  const rules = '{"script_tag": "(?i).*<script.*"}';
  t.is(rule(rules, "UPDATE t SET v = '<ScRiPt>alert(1)</script>' WHERE id = 2"), 'script_tag');
  t.is(rule(rules, "UPDATE t SET v = 'plain' WHERE id = 2"), '');
});

test('uri: a percent-encoded query stays encoded both ways', (t) => {
  t.is(
    fn('uri_parse(STRING)')('http://10.0.0.7/search?q=two%20words'),
    '{"scheme":"http","host":"10.0.0.7","path":"search","query":"q=two%20words"}',
  );
  t.is(
    fn('uri_recompose(STRING,STRING,STRING,INT64,STRING,STRING,STRING)')(
      'http',
      '',
      '10.0.0.7',
      0n,
      '',
      'q=two%20words',
      '',
    ),
    'http://10.0.0.7/?q=two%20words',
  );
});

test('cidrs_contain_ip: a /31 holds two addresses; JSON that is not a list of strings matches nothing', (t) => {
  const contains = fn('cidrs_contain_ip(STRING,STRING)');
  t.deepEqual(
    ['172.16.0.4', '172.16.0.5', '172.16.0.6'].map((ip) => contains('["172.16.0.5/31"]', ip)),
    [true, true, false],
  );
  for (const cidrs of ['{"cidr": 8}', '[8, 16]', '[{"a": "10.0.0.0/8"}]', ';[]'])
    t.false(contains(cidrs, '10.0.0.1'), cidrs);
});

test('protocol and status names, with the fallbacks for unknown codes', (t) => {
  const names = (key: string, codes: readonly bigint[]) => codes.map((c) => fn(key)(c));
  t.deepEqual(names('protocol_name(INT64)', [0n, 10n, 4242n]), ['Unknown', 'Kafka', 'Invalid (4242)']);
  t.deepEqual(names('http_resp_message(INT64)', [400n, 0n]), ['Bad Request', 'Unassigned']);
  t.deepEqual(names('kafka_api_key_name(INT64)', [0n, 1n, 4242n]), ['Produce', 'Fetch', '4242']);
  t.deepEqual(names('mysql_command_name(INT64)', [0x17n, 4242n]), ['StmtExecute', '4242']);
  t.deepEqual(names('cql_opcode_name(INT64)', [5n, 4242n]), ['Options', '4242']);
  t.deepEqual(names('amqp_frame_type_name(INT64)', [1n, 2n]), ['Frame method', 'Content Header']);
  t.deepEqual(names('mux_frame_type_name(INT64)', [1n, -1n, 68n, -68n]), ['Treq', 'Rreq', 'Tinit', 'Rinit']);
  t.deepEqual(names('dns_rcode_name(INT64)', [0n, 4242n]), ['NOERROR', '4242']);
  t.deepEqual(names('grpc_status_code_to_str(INT64)', [0n, 7n]), ['OK', 'PERMISSION_DENIED']);
});

test('sql normalization: literals and parameters in the order they appear, and text that is not UTF-8 refused', (t) => {
  const mysql = fn('normalize_mysql(STRING,INT64)');
  const pgsql = fn('normalize_pgsql(STRING,STRING)');
  t.is(mysql('SELECT 7', 3n), '{"query":"SELECT ?","params":["7"]}');
  t.is(pgsql('SELECT 7', 'Query'), '{"query":"SELECT $1","params":["7"]}');
  t.is(
    pgsql("DELETE FROM carts WHERE owner='ann'", 'Query'),
    '{"query":"DELETE FROM carts WHERE owner=$1","params":["\'ann\'"]}',
  );
  // A literal written in the prepared statement takes its place among the bound parameters.
  t.is(
    mysql("query=[UPDATE t SET a = ?, b = 2.5, c = ? WHERE d = ?] params=[9, 'x', false]", 0x17n),
    '{"query":"UPDATE t SET a = ?, b = ?, c = ? WHERE d = ?","params":["9","2.5","\'x\'","false"]}',
  );
  t.is(
    mysql(
      'query=[SELECT c.id, COUNT(o.id) AS n FROM c JOIN o ON c.id=o.cid WHERE c.id =? GROUP BY c.id;] params=[ab12-cd34]',
      0x17n,
    ),
    '{"query":"SELECT c.id, COUNT(o.id) AS n FROM c JOIN o ON c.id=o.cid WHERE c.id =? GROUP BY c.id;","params":["ab12-cd34"]}',
  );
  const notUtf8 = fn('hex_to_ascii(STRING)')('53454c454354bfef2031') as string;
  t.is(mysql(notUtf8, 3n), '{"error":"Invalid UTF-8 byte sequence in SQL query"}');
  t.is(pgsql(notUtf8, 'Query'), '{"error":"Invalid UTF-8 byte sequence in SQL query"}');
});
