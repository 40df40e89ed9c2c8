// cidrs_contain_ip over IPv4 and IPv6.

import test from 'ava';
import { fn } from './udf-fixture.js';

const contains = fn('cidrs_contain_ip(STRING,STRING)');

test('IPv4 addresses inside and outside CIDRs', (t) => {
  const cidrs = '["10.0.0.0/8", "192.168.1.0/24"]';
  t.true(contains(cidrs, '10.244.3.7'));
  t.true(contains(cidrs, '192.168.1.255'));
  t.false(contains(cidrs, '192.168.2.1'));
  t.true(contains('["0.0.0.0/0"]', '8.8.8.8'));
  t.true(contains('["1.2.3.4/32"]', '1.2.3.4'));
});

test('IPv6 CIDRs', (t) => {
  t.true(contains('["fd00::/8"]', 'fd12:3456::1'));
  t.false(contains('["fd00::/8"]', '2001:db8::1'));
  t.true(contains('["::ffff:0:0/96"]', '::ffff:10.1.2.3'));
  t.false(contains('["fd00::/8"]', '10.0.0.1'));
});

test('malformed input never matches', (t) => {
  t.false(contains('not json', '10.0.0.1'));
  t.false(contains('["10.0.0.0/8"]', 'not-an-ip'));
  t.false(contains('["10.0.0.0/8", 5]', '10.0.0.1'));
  t.true(contains('["bogus", "10.0.0.0/8"]', '10.0.0.1'));
  t.false(contains('["10.0.0.0/33"]', '10.0.0.1'));
});
