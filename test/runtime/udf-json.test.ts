// JSON functions: pluck and friends read like Pixie's rapidjson-based versions.

import test from 'ava';
import { fn } from './udf-fixture.js';

test('pluck returns strings unquoted and other values as compact JSON', (t) => {
  const pluck = fn('pluck(STRING,STRING)');
  const doc = '{"service": "cart", "p50": 5.10, "n": 12, "nested": {"a": [1, 2.50]}, "none": null}';
  t.is(pluck(doc, 'service'), 'cart');
  t.is(pluck(doc, 'p50'), '5.1');
  t.is(pluck(doc, 'n'), '12');
  t.is(pluck(doc, 'nested'), '{"a":[1,2.5]}');
  t.is(pluck(doc, 'none'), '');
  t.is(pluck(doc, 'missing'), '');
  t.is(pluck('not json', 'a'), '');
  t.is(pluck('[1, 2]', 'a'), '');
  t.is(pluck('{"a": 1, "a": 2}', 'a'), '1');
});

test('pluck_int64 keeps all 64 bits and pluck_float64 reads doubles only', (t) => {
  const doc = '{"big": 9007199254740993, "neg": -5, "f": 2.5, "i": 200, "s": "7"}';
  t.is(fn('pluck_int64(STRING,STRING)')(doc, 'big'), 9007199254740993n);
  t.is(fn('pluck_int64(STRING,STRING)')(doc, 'neg'), -5n);
  t.is(fn('pluck_int64(STRING,STRING)')(doc, 'f'), 0n);
  t.is(fn('pluck_int64(STRING,STRING)')(doc, 's'), 0n);
  t.is(fn('pluck_float64(STRING,STRING)')(doc, 'f'), 2.5);
  // As in Pixie: an integer-valued member is not a double.
  t.is(fn('pluck_float64(STRING,STRING)')(doc, 'i'), 0);
  t.is(fn('pluck_float64(STRING,STRING)')('{"p99": 1.0e3}', 'p99'), 1000);
});

test('split and pluck_array work together', (t) => {
  const parts = fn('split(STRING,STRING)')('By=http://frontend.px.dev;URI=http://testclient.px.dev', ';') as string;
  t.is(parts, '["By=http://frontend.px.dev","URI=http://testclient.px.dev"]');
  t.is(fn('pluck_array(STRING,INT64)')(parts, 1n), 'URI=http://testclient.px.dev');
  t.is(fn('pluck_array(STRING,INT64)')(parts, 2n), '');
  t.is(fn('pluck_array(STRING,INT64)')('[{"a": 1}, 3]', 0n), '{"a":1}');
  t.is(fn('split(STRING,STRING)')('a\u0001"b', ','), '["a\\u0001\\"b"]');
});

test('has_value matches a plain value or an element of a JSON array', (t) => {
  t.true(fn('has_value(STRING,STRING)')('kube-system/kube-dns', 'kube-system/kube-dns'));
  t.true(fn('has_service_name(STRING,STRING)')('["ns/a","ns/b"]', 'ns/b'));
  t.false(fn('has_service_id(STRING,STRING)')('["ns/a","ns/b"]', 'ns/c'));
  t.false(fn('has_value(STRING,STRING)')('[1, "ns/a"]', 'ns/a'));
  t.false(fn('has_value(STRING,STRING)')('[]', '[]'));
});

test('_script_reference builds the deep-link object', (t) => {
  t.is(
    fn('_script_reference(STRING,STRING,STRING,STRING)')('cart', 'px/service', 'service', 'default/cart'),
    '{"label":"cart","script":"px/service","args":{"service":"default/cart"}}',
  );
  t.is(fn('_script_reference(STRING,STRING)')('x', 'px/cluster'), '{"label":"x","script":"px/cluster","args":{}}');
});

test('uri_parse and uri_recompose', (t) => {
  t.is(
    fn('uri_parse(STRING)')('https://px.dev/community/?param1=val1&param1=val2#contributors'),
    '{"scheme":"https","host":"px.dev","path":"community/","query":"param1=val1&param1=val2","fragment":"contributors"}',
  );
  t.is(
    fn('uri_parse(STRING)')('grpc://127.0.0.1:9876/stream'),
    '{"scheme":"grpc","host":"127.0.0.1","port":9876,"path":"stream"}',
  );
  t.is(fn('uri_parse(STRING)')('http://127.0.0.1'), '{"scheme":"http","host":"127.0.0.1"}');
  t.is(fn('uri_parse(STRING)')('http://127.0.0.1:-1234'), 'Failed to parse URI');
  t.is(fn('uri_parse(STRING)')('http://a b'), 'Failed to parse URI');
  const recompose = fn('uri_recompose(STRING,STRING,STRING,INT64,STRING,STRING,STRING)');
  t.is(
    recompose('https', '', 'px.dev', 0n, 'community/', 'param1=val1', 'contributors'),
    'https://px.dev/community/?param1=val1#contributors',
  );
  t.is(recompose('grpc', '', '127.0.0.1', 9876n, 'path', '', ''), 'grpc://127.0.0.1:9876/path');
  t.is(recompose('grpc', '', '127.0.0.1', 0n, '', 'q=1', ''), 'grpc://127.0.0.1/?q=1');
  t.is(recompose('grpc', '', '127.0.0.1', -10n, 'path', '', ''), 'Failed to recompose URI');
});
