// Pixie's mapping rules that are easy to get subtly wrong (SPEC §14.9, Pixie's otel_export_sink_node.cc): id
// decoding with B3 padding and random ids, parent ids that make a root, the order of service-name expansion.

import test from 'ava';
import { startCollector } from '../../src/collector/server.js';
import { idHex, type KeyValue } from '../../src/collector/payload.js';
import { compileScript } from '../support/compiled.js';
import { exportTable } from '../../src/runtime/otel/exporter.js';
import { combinations, serviceNames } from '../../src/runtime/otel/resources.js';
import { parentSpanId, spanId, traceId } from '../../src/runtime/otel/row-values.js';
import type { OTelExportSpec } from '../../src/core/otel-spec.js';
import { makeTable } from '../../src/runtime/table.js';

const hex = (b: Uint8Array | undefined) => (b ? Buffer.from(b).toString('hex') : undefined);

test('trace ids: 16 bytes used, a 64-bit B3 id left-padded with zeros, anything else random', (t) => {
  t.is(hex(traceId('0102030405060708090A0B0C0D0E0F10')), '0102030405060708090a0b0c0d0e0f10');
  t.is(hex(traceId('a1b2c3d4e5f60718')), '0000000000000000a1b2c3d4e5f60718');
  for (const bad of [
    '',
    'xyz',
    '0102030405060708090a0b0c0d0e0f1',
    '010203',
    '00000000000000000000000000000000',
    '+f0102030405060708090a0b0c0d0e0f',
  ]) {
    const id = traceId(bad);
    t.is(id.length, 16, bad);
    t.not(hex(id), '00000000000000000000000000000000', bad);
  }
  t.not(hex(traceId(undefined)), hex(traceId(undefined)), 'independent random ids');
});

test('span ids: 8 bytes used, anything else random; parent ids: 8 bytes used, anything else makes a root', (t) => {
  t.is(hex(spanId('00f067aa0ba902b7')), '00f067aa0ba902b7');
  t.is(spanId('0102030405060708090a0b0c0d0e0f10').length, 8);
  t.not(hex(spanId('0102030405060708090a0b0c0d0e0f10')), '0102030405060708');
  t.is(hex(parentSpanId('00F067AA0BA902B7')), '00f067aa0ba902b7');
  t.is(parentSpanId(''), undefined);
  t.is(parentSpanId('00f067aa0ba902'), undefined);
  t.is(parentSpanId('0000000000000000'), undefined);
});

test('service names: a JSON array fans out to its strings, anything else is the name itself', (t) => {
  t.deepEqual(serviceNames('ns/a'), ['ns/a']);
  t.deepEqual(serviceNames('["ns/a","ns/b"]'), ['ns/a', 'ns/b']);
  t.deepEqual(serviceNames('["ns/a",3,null]'), ['ns/a'], 'non-strings skipped, as Pixie');
  t.deepEqual(serviceNames('[]'), ['[]'], 'no names: the text, not a lost row');
  t.deepEqual(serviceNames('[not json'), ['[not json']);
});

test("several expandable attributes combine in Pixie's order", (t) => {
  t.deepEqual(
    combinations([
      ['qb', 'md'],
      ['1111', '2222'],
    ]),
    [
      ['qb', '1111'],
      ['md', '1111'],
      ['qb', '2222'],
      ['md', '2222'],
    ],
  );
  t.deepEqual(
    combinations([
      ['a0', 'a1'],
      ['b0', 'b1', 'b2'],
    ]),
    [
      ['a0', 'b0'],
      ['a1', 'b0'],
      ['a0', 'b1'],
      ['a0', 'b2'],
      ['a1', 'b1'],
      ['a1', 'b2'],
    ],
  );
});

test('over the wire: B3 trace ids are padded, parent ids kept, invalid parents make roots, status is UNSET', async (t) => {
  const c = await startCollector();
  try {
    const table = makeTable(
      [
        { name: 'start', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
        { name: 'end', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
        { name: 'svc', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
        { name: 'pod', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
        { name: 'trace', dataType: 'STRING', semanticType: 'ST_NONE' },
        { name: 'span', dataType: 'STRING', semanticType: 'ST_NONE' },
        { name: 'parent', dataType: 'STRING', semanticType: 'ST_NONE' },
      ],
      [
        BigInt64Array.of(10n, 20n),
        BigInt64Array.of(15n, 25n),
        ['["ns/qb","ns/md"]', 'ns/x'],
        ['["1111","2222"]', 'p'],
        ['a1b2c3d4e5f60718', '4bf92f3577b34da6a3ce929d0e0e4736'],
        ['00f067aa0ba902b7', 'bad'],
        ['1111111111111111', 'nope'],
      ],
      2,
    );
    const spec: OTelExportSpec = {
      endpoint: { url: `127.0.0.1:${c.port}`, headers: [], insecure: true, timeoutSeconds: 20 },
      resource: [
        { key: 'service.name', value: { kind: 'column', column: 'svc', dataType: 'STRING', expand: true } },
        { key: 'k8s.pod.name', value: { kind: 'column', column: 'pod', dataType: 'STRING', expand: true } },
      ],
      data: [
        {
          kind: 'span',
          name: { kind: 'string', value: 'op' },
          startTime: 'start',
          endTime: 'end',
          traceId: 'trace',
          spanId: 'span',
          parentSpanId: 'parent',
          spanKind: 3,
          attributes: [],
        },
      ],
    };
    const r = await exportTable(spec, table);
    t.deepEqual([r.spansSent, r.spansFailed], [5, 0]);
    const rs = c.traces[0]!.resourceSpans;
    t.deepEqual(
      rs.map((x) => x.resource.attributes.map((a) => a.value.stringValue).join(' ')),
      ['ns/qb 1111', 'ns/md 1111', 'ns/qb 2222', 'ns/md 2222', 'ns/x p'],
    );
    const first = rs[0]!.scopeSpans[0]!.spans[0]!;
    t.deepEqual(
      [
        idHex(first.traceId),
        idHex(first.spanId),
        idHex(first.parentSpanId),
        first.kind,
        first.status?.code ?? 'STATUS_CODE_UNSET',
      ],
      [
        '0000000000000000a1b2c3d4e5f60718',
        '00f067aa0ba902b7',
        '1111111111111111',
        'SPAN_KIND_CLIENT',
        'STATUS_CODE_UNSET',
      ],
    );
    const last = rs[4]!.scopeSpans[0]!.spans[0]!;
    t.is(idHex(last.traceId), '4bf92f3577b34da6a3ce929d0e0e4736');
    t.regex(idHex(last.spanId), /^[0-9a-f]{16}$/);
    t.is(idHex(last.parentSpanId), '', 'an invalid parent id makes a root span');
  } finally {
    await c.stop();
  }
});

test("context resource attributes (--resource-attribute) follow the script's own, before the expanded service names", async (t) => {
  const c = await startCollector();
  try {
    const table = makeTable(
      [
        { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
        { name: 'svc', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
        { name: 'v', dataType: 'INT64', semanticType: 'ST_NONE' },
      ],
      [BigInt64Array.of(1n), ['["ns/a","ns/b"]'], BigInt64Array.of(7n)],
      1,
    );
    const spec: OTelExportSpec = {
      endpoint: { url: `127.0.0.1:${c.port}`, headers: [], insecure: true, timeoutSeconds: 20 },
      resource: [
        { key: 'service.name', value: { kind: 'column', column: 'svc', dataType: 'STRING', expand: true } },
        { key: 'k8s.cluster.name', value: { kind: 'string', value: 'prod' } },
      ],
      data: [
        {
          kind: 'gauge',
          name: 'g',
          description: '',
          unit: '',
          value: { column: 'v', dataType: 'INT64' },
          attributes: [],
        },
      ],
    };
    await exportTable(spec, table, { resourceAttributes: [['px.cloud.address', 'work.example.com']] });
    t.deepEqual(
      c.metrics[0]!.resourceMetrics.map((rm) => rm.resource.attributes.map((a) => `${a.key}=${a.value.stringValue}`)),
      [
        ['k8s.cluster.name=prod', 'px.cloud.address=work.example.com', 'service.name=ns/a'],
        ['k8s.cluster.name=prod', 'px.cloud.address=work.example.com', 'service.name=ns/b'],
      ],
    );
  } finally {
    await c.stop();
  }
});

// Pixie's otel_export_sink_node_test.cc `non_utf_8`: an attribute whose bytes are not UTF-8 (there 0xC0) arrives as
// bytes_value, one that is UTF-8 as string_value. In PxL such bytes come from hex_to_ascii.
test('attributes that are not UTF-8 go as bytes_value, as Pixie sends them', async (t) => {
  const { run } = await compileScript(`import px
df = px.DataFrame(table='http_events', select=['time_', 'latency'], start_time='-1m')
df.raw = px.hex_to_ascii('c0')
df.text = px.hex_to_ascii('68c3a9')
px.export(df, px.otel.Data(resource={'service.name': 'svc', 'raw': df.raw},
  data=[px.otel.metric.Gauge(name='latency', value=df.latency, attributes={'raw': df.raw, 'text': df.text})]))
`);
  const c = await startCollector();
  try {
    const now = 1_767_225_600_000_000_000n;
    await run({
      tables: { http_events: [{ time_: now - 1_000_000_000n, latency: 5 }] },
      now,
      endpoint: `127.0.0.1:${c.port}`,
      insecure: true,
    });
    const rm = c.metrics[0]!.resourceMetrics[0]!;
    const point = rm.scopeMetrics[0]!.metrics[0]!.gauge!.dataPoints[0]!;
    const value = (list: readonly KeyValue[], key: string) => list.find((a) => a.key === key)!.value;
    t.is(hex(Buffer.from(value(point.attributes, 'raw').bytesValue!, 'base64')), 'c0');
    t.deepEqual(
      [value(point.attributes, 'text').value, value(point.attributes, 'text').stringValue],
      ['stringValue', 'hé'],
    );
    t.is(hex(Buffer.from(value(rm.resource.attributes, 'raw').bytesValue!, 'base64')), 'c0');
  } finally {
    await c.stop();
  }
});
