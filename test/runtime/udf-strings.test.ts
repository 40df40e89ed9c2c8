// String, regex, PII, SQL and protocol functions, with Pixie's byte-based string semantics.

import test from 'ava';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';
import { fn } from './udf-fixture.js';
import { hasEscapedBytes, textToBytes, wellFormedText } from '../../src/runtime/udf/bytes.js';
import { bytesToText } from '../../src/runtime/udf/strings.js';

test('length, find and substring count UTF-8 bytes', (t) => {
  t.is(fn('length(STRING)')('checkout'), 8n);
  t.is(fn('length(STRING)')('é'), 2n);
  t.is(fn('find(STRING,STRING)')('naïve cat', 'cat'), 7n);
  t.is(fn('find(STRING,STRING)')('abc', 'z'), -1n);
  t.is(fn('substring(STRING,INT64,INT64)')('checkout', 1n, 5n), 'hecko');
  t.is(fn('substring(STRING,INT64,INT64)')('checkout', 5n, 100n), 'out');
  t.is(fn('substring(STRING,INT64,INT64)')('checkout', 9n, 1n), '');
  t.is(fn('substring(STRING,INT64,INT64)')('checkout', -1n, 2n), '');
  t.is(fn('substring(STRING,INT64,INT64)')('héllo', 3n, 3n), 'llo');
});

test('case mapping and trimming are ASCII-only', (t) => {
  t.is(fn('toupper(STRING)')('GET /api/é'), 'GET /API/é');
  t.is(fn('tolower(STRING)')('Content-Type'), 'content-type');
  t.is(fn('trim(STRING)')(' \t value \n'), 'value');
  t.is(fn('trim(STRING)')('   '), '');
  t.true(fn('contains(STRING,STRING)')('frontend-abc', 'end'));
  t.true(fn('contains(STRING,STRING)')('x', ''));
});

test('strip_prefix takes the prefix first', (t) => {
  t.is(fn('strip_prefix(STRING,STRING)')('default/', 'default/frontend'), 'frontend');
  t.is(fn('strip_prefix(STRING,STRING)')('kube/', 'default/frontend'), 'default/frontend');
});

test('atoi parses whole int64 strings or falls back', (t) => {
  t.is(fn('atoi(STRING,INT64)')('1234', -1n), 1234n);
  t.is(fn('atoi(STRING,INT64)')(' -42 ', -1n), -42n);
  t.is(fn('atoi(STRING,INT64)')('12ab', -1n), -1n);
  t.is(fn('atoi(STRING,INT64)')('9223372036854775808', 7n), 7n);
  t.is(fn('itoa(INT64)')(-9223372036854775808n), '-9223372036854775808');
});

test('hex conversions', (t) => {
  t.is(fn('bytes_to_hex(STRING)')('de\u0001'), '\\x64\\x65\\x01');
  t.is(fn('hex_to_ascii(STRING)')('70697865'), 'pixe');
  t.is(fn('hex_to_ascii(STRING)')('7069786'), '');
  t.is(fn('hex_to_ascii(STRING)')('zz'), '');
});

test('hex_to_ascii reads the bytes as UTF-8, as Pixie shows them; a byte outside UTF-8 is kept as U+DC80+byte', (t) => {
  t.is(fn('hex_to_ascii(STRING)')('68c3a9'), 'hé');
  t.is(fn('hex_to_ascii(STRING)')('f09f9880'), '\u{1F600}');
  t.is(fn('hex_to_ascii(STRING)')('68ff69'), 'h\udcffi');
  t.is(fn('hex_to_ascii(STRING)')('c3'), '\udcc3');
});

test('regex_match is a full match where . crosses newlines', (t) => {
  t.true(fn('regex_match(STRING,STRING)')('abc.*', 'abcd'));
  t.false(fn('regex_match(STRING,STRING)')('abc', 'abcd'));
  t.true(fn('regex_match(STRING,STRING)')('.*error.*', 'line 1\nerror here'));
  t.true(fn('regex_match(STRING,STRING)')('(?P<verb>GET|POST) /.*', 'GET /index'));
  t.true(fn('regex_match(STRING,STRING)')('(?i)get', 'GET'));
  t.false(fn('regex_match(STRING,STRING)')('(unclosed', '(unclosed'));
});

test('replace rewrites every match with RE2 rewrite syntax', (t) => {
  t.is(fn('replace(STRING,STRING,STRING)')('[0-9]+', '/users/123/orders/45', '<id>'), '/users/<id>/orders/<id>');
  t.is(fn('replace(STRING,STRING,STRING)')('(\\w+)@(\\w+)', 'bob@example', '\\2 at \\1'), 'example at bob');
  t.is(fn('replace(STRING,STRING,STRING)')('a', 'a$b', '$'), '$$b');
  t.is(
    fn('replace(STRING,STRING,STRING)')('(a)', 'a', '\\2'),
    'Invalid regex in substitution string: Rewrite schema requests 2 matches, but the regexp only has 1 parenthesized subexpressions.',
  );
  t.regex(fn('replace(STRING,STRING,STRING)')('(', 'a', 'b') as string, /^Invalid regex expr: /);
  t.is(fn('replace(STRING,STRING,STRING)')('\\K', 'a', ''), 'Invalid regex expr: invalid escape sequence: \\K');
  t.is(
    fn('replace(STRING,STRING,STRING)')('(?P<numbers>[0-9]+)\\w+', '123abcd', '\\g<numbers>word'),
    "Invalid regex in substitution string: Rewrite schema error: '\\' must be followed by a digit or '\\'.",
  );
  t.is(
    fn('replace(STRING,STRING,STRING)')('([0-9]+)\\w+', '123abcd 000chars 0asdf', '\\1word'),
    '123word 000word 0word',
  );
  t.is(fn('replace(STRING,STRING,STRING)')('\n', 'a\nb\n', '\t'), 'a\tb\t');
  t.false(fn('regex_match(STRING,STRING)')('\\K', 'K'));
  t.true(fn('regex_match(STRING,STRING)')('\\\\K', '\\K'));
});

test('_match_regex_rule names the first matching rule', (t) => {
  const rules = '{"health": "/healthz.*", "api": "/api/.*"}';
  t.is(fn('_match_regex_rule(STRING,STRING)')(rules, '/api/v1/users'), 'api');
  t.is(fn('_match_regex_rule(STRING,STRING)')(rules, '/static/app.js'), '');
});

test('_match_regex_rule with rules that are not JSON fails the query, as in Pixie', (t) => {
  t.throws(() => fn('_match_regex_rule(STRING,STRING)')('{health: /healthz}', '/healthz'), {
    instanceOf: PxlRuntimeError,
    message: '_match_regex_rule: unable to parse string as json',
  });
});

test('redact_pii_best_effort replaces each kind of PII', (t) => {
  const redact = fn('redact_pii_best_effort(STRING)');
  t.is(redact('from 10.0.0.12 to bob@example.com'), 'from <REDACTED_IPV4> to <REDACTED_EMAIL>');
  t.is(redact('addr 2001:db8::ff00:42:8329 ok'), 'addr <REDACTED_IPV6> ok');
  t.is(redact('mac 00:1A:2b:3C:4d:5E'), 'mac <REDACTED_MAC_ADDR>');
  t.is(redact('card 4111 1111 1111 1111.'), 'card <REDACTED_CC_NUMBER>.');
  t.is(redact('not a card 4111 1111 1111 1112'), 'not a card 4111 1111 1111 1112');
  t.is(redact('imei 49-015420-323751-8'), 'imei <REDACTED_IMEI>');
  t.is(redact('nothing here'), 'nothing here');
  t.is(redact('iban GB29 NWBK 6016 1331 9268 19, ssn 303-58-8256'), 'iban <REDACTED_IBAN>, ssn <REDACTED_SSN>');
  t.is(redact('ssn 666-12-1234 and 999-12-1234'), 'ssn 666-12-1234 and 999-12-1234');
});

test('redact_pii_best_effort on the kinds of values Pixie recognizes', (t) => {
  const redact = fn('redact_pii_best_effort(STRING)');
  const cases: Record<string, readonly string[]> = {
    '<REDACTED_IPV4>': ['192.168.0.1', '255.255.255.255', '0.0.0.0'],
    '<REDACTED_IPV6>': [
      'ab:12:34:56:789:1011:1213:0',
      '00ab:1234:5678:9100:1112:ffff:192.168.0.1',
      '::abcd:1234:ffff',
      '0123::abcd:1234:ffff:0.0.0.0',
      '0000:abcd:1234::beef:feed:0101',
      '1:2:abcd:a:b:c::',
    ],
    '<REDACTED_EMAIL>': [
      'test@pixie.io',
      'dot.dot.dot@abcd-1234-domain',
      'valid_ip_in_email255.255.255.255@mydomain.com',
      'test%40pixie.io',
    ],
    '<REDACTED_MAC_ADDR>': ['ab:12:00:64:99:ff', 'ff-ff-ff-ff-ff-ff'],
    '<REDACTED_CC_NUMBER>': ['3782 8224631 0005', '6011 1111111 11117', '4222-2222-222-22'],
    '<REDACTED_IMEI>': ['01-786058-312233-6', '01-786058-312233-22'],
    '<REDACTED_IBAN>': [
      'GB29NWBK60161331926819',
      'GB29-NWBK-6016-1331-9268-19',
      'BR18 0036 0305 0000 1000 9795 493C 1',
    ],
  };
  for (const [marker, values] of Object.entries(cases)) {
    // Comma-separated as in Pixie's own cases: a letter after a space would extend an IBAN match.
    for (const v of values) t.is(redact(`x ${v}, y`), `x ${marker}, y`, v);
  }
  for (const v of ['abcdef00123459689', '999.999.0.0', '1:2:3:4:5:6', '5555 0000 0000 0000', '000-12-1234']) {
    t.is(redact(`x ${v}, y`), `x ${v}, y`, v);
  }
});

test('normalize_mysql replaces literals with ? and lists them as written', (t) => {
  const norm = fn('normalize_mysql(STRING,INT64)');
  t.is(
    norm("SELECT * FROM test WHERE prop=@a AND prop2='abcd' AND n = 12", 3n),
    '{"query":"SELECT * FROM test WHERE prop=@a AND prop2=? AND n = ?","params":["\'abcd\'","12"]}',
  );
  t.is(
    norm('query=[SELECT * FROM t WHERE a=? AND b=3] params=[7]', 0x17n),
    '{"query":"SELECT * FROM t WHERE a=? AND b=?","params":["7","3"]}',
  );
  t.is(norm('SELECT 1', 4n), '{"error":"cmd_code must be one of \'3\' or \'23\'"}');
  t.is(
    norm("INSERT INTO test (a, b, c, d, e) VALUES (1, 'abcd', 1.23, true, X'DEADBEEF')", 3n),
    '{"query":"INSERT INTO test (a, b, c, d, e) VALUES (?, ?, ?, ?, ?)","params":["1","\'abcd\'","1.23","true","X\'DEADBEEF\'"]}',
  );
  t.is(
    norm('CREATE TABLE test (name varchar(20), foo int)', 3n),
    '{"query":"CREATE TABLE test (name varchar(20), foo int)","params":[]}',
  );
  t.is(
    norm('SELECT * FROM t WHERE a IS NULL AND b = NULL', 3n),
    '{"query":"SELECT * FROM t WHERE a IS NULL AND b = ?","params":["NULL"]}',
  );
});

test('normalize_pgsql numbers its placeholders', (t) => {
  const norm = fn('normalize_pgsql(STRING,STRING)');
  t.is(
    norm("SELECT * FROM test WHERE prop=$1 AND prop2='abcd'", 'Query'),
    '{"error":"Query has more parameter placeholders in it than parameter values were passed in"}',
  );
  t.is(
    norm("query=[SELECT * FROM test WHERE prop=$1 AND prop2='abcd'] params=['1234']", 'Execute'),
    '{"query":"SELECT * FROM test WHERE prop=$1 AND prop2=$2","params":["\'1234\'","\'abcd\'"]}',
  );
  t.is(
    norm('INSERT INTO t (a, b) VALUES (1.5, TRUE)', 'Query'),
    '{"query":"INSERT INTO t (a, b) VALUES ($1, $2)","params":["1.5","TRUE"]}',
  );
  // Without the query=[…] params=[…] wrapper there is one empty parameter, as in Pixie.
  t.is(
    norm('SELECT * from test WHERE name=$1 AND tag=1234 AND property=$1', 'Execute'),
    '{"query":"SELECT * from test WHERE name=$1 AND tag=$2 AND property=$3","params":["","1234",""]}',
  );
  t.is(
    norm("query=[SELECT * from test WHERE name=$1 AND tag=1234 AND property=$1] params=['abcd']", 'Execute'),
    '{"query":"SELECT * from test WHERE name=$1 AND tag=$2 AND property=$3","params":["\'abcd\'","1234","\'abcd\'"]}',
  );
  t.is(
    norm("INSERT INTO t (e) VALUES (E'\\\\xDEADBEEF')", 'Query'),
    '{"query":"INSERT INTO t (e) VALUES ($1)","params":["E\'\\\\\\\\xDEADBEEF\'"]}',
  );
  t.is(norm('SELECT 1', 'Bind'), '{"error":"cmd_code must be one of \'Query\' or \'Execute\'"}');
});

test('protocol code names', (t) => {
  t.is(fn('http_resp_message(INT64)')(404n), 'Not Found');
  t.is(fn('http_resp_message(INT64)')(299n), 'Unassigned');
  t.is(fn('protocol_name(INT64)')(1n), 'HTTP');
  t.is(fn('protocol_name(INT64)')(99n), 'Invalid (99)');
  t.is(fn('mysql_command_name(INT64)')(3n), 'Query');
  t.is(fn('cql_opcode_name(INT64)')(7n), 'Query');
  t.is(fn('kafka_api_key_name(INT64)')(18n), 'ApiVersions');
  t.is(fn('kafka_api_key_name(INT64)')(55n), '55');
  t.is(fn('dns_rcode_name(INT64)')(3n), 'NXDOMAIN');
  t.is(fn('amqp_frame_type_name(INT64)')(8n), 'Heartbeat');
  t.is(fn('amqp_method_name(INT64,INT64)')(60n, 40n), 'BasicPublish');
  t.is(fn('amqp_method_name(INT64,INT64)')(10n, 11n), 'ConnectionStart-ok');
  t.is(fn('amqp_method_name(INT64,INT64)')(50n, 0n), 'Queue');
  t.is(fn('mux_frame_type_name(INT64)')(-2n), 'Rdispatch');
  t.is(fn('mux_frame_type_name(INT64)')(5n), 'Unknown (5)');
  t.is(fn('grpc_status_code_to_str(INT64)')(14n), 'UNAVAILABLE');
  t.is(fn('grpc_status_code_to_str(INT64)')(99n), 'unknown code');
  t.is(fn('protocol_name(INT64)')(12n), 'AMQP');
});

test('bytes a script computes come back out whole: any byte string survives text and back', (t) => {
  const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
  for (const bytes of ['68c3a9', 'c0', '68ff00c3', 'f09f9880', 'eda080', 'e282', '80808080', '']) {
    const text = bytesToText(Buffer.from(bytes, 'hex'));
    t.is(hex(textToBytes(text)), bytes, bytes);
  }
  t.true(hasEscapedBytes(bytesToText(Uint8Array.of(0xc0))));
  t.false(
    hasEscapedBytes('h\u00e9 \u{10080}'),
    'a surrogate pair whose low half is in U+DC80..U+DCFF is a character, not a byte',
  );
  t.is(wellFormedText(`a${bytesToText(Uint8Array.of(0xff))}b\u{1F600}`), 'a\uFFFDb\u{1F600}');
});
