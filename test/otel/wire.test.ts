// Requests are written straight from the columns (src/runtime/otel/proto-writer.ts), not through protobufjs
// objects: what they hold must still be exactly what protobufjs writes for the same message. Decoding a request
// with the official OTLP definitions and encoding the result again gives back the same bytes only when every
// field is in field-number order, every varint and length is canonical and packed fields are packed.

import test from 'ava';
import { otlpBatches, signalsOf } from '../../src/runtime/otel/rows-to-otlp.js';
import { requestType } from '../../src/runtime/otel/proto.js';
import { ProtoWriter } from '../../src/runtime/otel/proto-writer.js';
import type { Attribute, OTelExportSpec } from '../../src/core/otel-spec.js';
import type { DataType } from '../../src/core/types.js';
import { makeTable } from '../../src/runtime/table.js';
import { encodeDictionary } from '../../src/runtime/ops/dictionary.js';

const T0 = 1_700_000_000_123_456_789n;
const n = 400;
const long = 'é'.repeat(90); // 180 bytes of UTF-8: its length takes two varint bytes

const table = makeTable(
  [
    { name: 'time_', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'service', dataType: 'STRING', semanticType: 'ST_SERVICE_NAME' },
    { name: 'path', dataType: 'STRING', semanticType: 'ST_NONE' },
    { name: 'value', dataType: 'FLOAT64', semanticType: 'ST_NONE' },
    { name: 'count', dataType: 'INT64', semanticType: 'ST_NONE' },
    { name: 'ok', dataType: 'BOOLEAN', semanticType: 'ST_NONE' },
    { name: 'upid', dataType: 'UINT128', semanticType: 'ST_UPID' },
    { name: 'end_time', dataType: 'TIME64NS', semanticType: 'ST_NONE' },
    { name: 'id', dataType: 'STRING', semanticType: 'ST_NONE' },
  ],
  [
    BigInt64Array.from({ length: n }, (_, i) => T0 + BigInt(i)),
    Array.from({ length: n }, (_, i) => (i % 7 === 0 ? '["ns/a","ns/b"]' : `ns/svc-${i % 3}`)),
    Array.from({ length: n }, (_, i) => (i % 5 === 0 ? `${long}${i}` : `/path/${i % 4}`)),
    Float64Array.from({ length: n }, (_, i) => i * 0.25 - 3),
    BigInt64Array.from({ length: n }, (_, i) => BigInt(i % 9) - 4n),
    Uint8Array.from({ length: n }, (_, i) => i % 2),
    Array.from({ length: n }, (_, i) => (1n << 100n) + BigInt(i % 3)),
    BigInt64Array.from({ length: n }, (_, i) => T0 + 1_000n + BigInt(i)),
    Array.from({ length: n }, (_, i) => (i % 2 === 0 ? '0102030405060708090a0b0c0d0e0f10' : '0102030405060708')),
  ],
  n,
);

const col = (column: string, dataType: DataType, expand = false): Attribute['value'] => ({
  kind: 'column',
  column,
  dataType,
  expand,
});
const attributes: Attribute[] = [
  { key: 'path', value: col('path', 'STRING') },
  { key: 'fixed', value: { kind: 'string', value: 'x' } },
  { key: 'count', value: col('count', 'INT64') },
  { key: 'value', value: col('value', 'FLOAT64') },
  { key: 'ok', value: col('ok', 'BOOLEAN') },
  { key: 'upid', value: col('upid', 'UINT128') },
];
const resource: Attribute[] = [
  { key: 'service.name', value: col('service', 'STRING', true) },
  { key: 'ok', value: col('ok', 'BOOLEAN') },
];

const spec: OTelExportSpec = {
  resource,
  data: [
    {
      kind: 'gauge',
      name: 'g',
      description: '',
      unit: 'ms',
      value: { column: 'value', dataType: 'FLOAT64' },
      attributes,
    },
    {
      kind: 'sum',
      name: 's',
      description: 'd',
      unit: '',
      value: { column: 'count', dataType: 'INT64' },
      isMonotonic: false,
      temporality: 'delta',
      attributes: [],
    },
    {
      kind: 'summary',
      name: 'q',
      description: '',
      unit: '',
      count: { column: 'count', dataType: 'INT64' },
      sum: { column: 'value', dataType: 'FLOAT64' },
      quantiles: [
        { quantile: 0.5, column: 'value' },
        { quantile: 0.99, column: 'value' },
      ],
      attributes,
    },
    {
      kind: 'histogram',
      name: 'h',
      description: '',
      unit: '',
      bounds: [1, 2.5],
      buckets: ['count', 'count', 'count'],
      sum: 'value',
      max: 'value',
      temporality: 'cumulative',
      attributes,
    },
    {
      kind: 'span',
      name: { kind: 'column', column: 'path' },
      startTime: 'time_',
      endTime: 'end_time',
      traceId: 'id',
      spanId: 'id',
      parentSpanId: 'id',
      spanKind: -1,
      attributes,
    },
    {
      kind: 'span',
      name: { kind: 'string', value: 'fixed' },
      startTime: 'time_',
      endTime: 'end_time',
      spanKind: 2,
      attributes: [],
    },
    {
      kind: 'log',
      body: { kind: 'column', column: 'path' },
      time: 'time_',
      severityNumber: { kind: 'column', column: 'count' },
      severityText: { kind: 'literal', value: 'INFO' },
      traceId: 'id',
      spanId: 'id',
      attributes,
    },
    {
      kind: 'log',
      body: { kind: 'literal', value: 'b' },
      time: 'time_',
      observedTime: 'end_time',
      severityNumber: { kind: 'literal', value: 9 },
      severityText: { kind: 'column', column: 'path' },
      attributes: [],
    },
  ],
};

for (const signal of signalsOf(spec)) {
  test(`${signal}: every request is byte for byte what protobufjs encodes for the same message`, (t) => {
    const batches = [...otlpBatches(signal, spec, table, { maxRows: 150, maxBytes: 4 << 20 })];
    t.is(batches.length, 3);
    const type = requestType(signal);
    for (const b of batches)
      t.deepEqual(Buffer.from(type.encode(type.decode(b.encoded)).finish()), Buffer.from(b.encoded));
  });
}

test('a nested message longer than 127 bytes gets its length in as many varint bytes as it needs', (t) => {
  const w = new ProtoWriter(4);
  w.tag(1, 2);
  const m = w.begin();
  w.tag(1, 2);
  w.string('a'.repeat(20_000));
  w.end(m);
  const bytes = w.finish();
  // field 1 (LEN), length 20004 = 0xa4 0x9c 0x01; inside: field 1 (LEN), length 20000 = 0xa0 0x9c 0x01, then the text.
  t.deepEqual([...bytes.subarray(0, 8)], [0x0a, 0xa4, 0x9c, 0x01, 0x0a, 0xa0, 0x9c, 0x01]);
  t.is(bytes.length, 8 + 20_000);
});

test('dictionary-encoded string columns give the same requests as plain ones', (t) => {
  const encoded = {
    ...table,
    columns: table.columns.map((c) => (Array.isArray(c) ? encodeDictionary([...c] as string[]) : c)),
  };
  for (const signal of ['metrics', 'logs'] as const) {
    const plain = [...otlpBatches(signal, spec, table, { maxRows: 150, maxBytes: 4 << 20 })];
    const coded = [...otlpBatches(signal, spec, encoded, { maxRows: 150, maxBytes: 4 << 20 })];
    t.deepEqual(
      coded.map((b) => Buffer.from(b.encoded)),
      plain.map((b) => Buffer.from(b.encoded)),
    );
  }
});
