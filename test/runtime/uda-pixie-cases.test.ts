// The values Pixie's own aggregate tests expect for each aggregate over a few rows. (Pixie's tests also merge and
// serialize partial states, which pxlc, aggregating in one process, does not have.)

import test from 'ava';
import { aggregateDef } from '../../src/runtime/uda/registry.js';
import type { DataType } from '../../src/core/types.js';

function over(fn: string, type: DataType, values: readonly unknown[]): unknown {
  const state = aggregateDef(fn, [type]).create();
  for (const v of values) state.add(v);
  return state.finalize();
}

const near = (a: unknown, b: number) => typeof a === 'number' && Math.abs(a - b) < 1e-12;

test('mean of doubles, of booleans (the fraction of trues) and of integers', (t) => {
  t.true(near(over('mean', 'FLOAT64', [0.5, 1.75, 2.25, 3.5]), 2));
  t.true(near(over('mean', 'BOOLEAN', [true, false, false, false, false]), 0.2));
  t.true(near(over('mean', 'INT64', [4n, 7n, 1n, 12n]), 6));
});

test('sum of doubles, booleans and integers', (t) => {
  t.true(near(over('sum', 'FLOAT64', [0.5, 1.75, 2.25]), 4.5));
  t.is(over('sum', 'BOOLEAN', [true, false, true, true]), 3n);
  t.is(over('sum', 'INT64', [4n, 7n, 1n, 12n]), 24n);
});

test('min, max and count', (t) => {
  t.is(over('max', 'INT64', [4n]), 4n);
  t.is(over('max', 'INT64', [4n, 9n, -2n, 3n]), 9n);
  t.is(over('min', 'INT64', [4n, 9n, -2n, 3n]), -2n);
  t.is(over('min', 'FLOAT64', [-7.25, -7.2500001, 3.5, -1]), -7.2500001);
  t.is(over('count', 'INT64', [4n, 9n, -2n]), 3n);
});

test('quantiles of a few values are the values themselves at the tails, interpolated inside', (t) => {
  const five = JSON.parse(over('quantiles', 'FLOAT64', [3.1, 0.4, 2.2, 9.9, 5.6]) as string) as Record<string, number>;
  t.deepEqual([five.p01, five.p10, five.p50, five.p90, five.p99], [0.4, 0.4, 3.1, 9.9, 9.9]);
  const seven = JSON.parse(over('quantiles', 'FLOAT64', [1, 2, 2, 1, 1, 5, 6]) as string) as Record<string, number>;
  t.deepEqual([seven.p01, seven.p10, seven.p50, seven.p99], [1, 1, 2, 6]);
  t.true(near(seven.p90, 5.8));
});

/** Reads protobuf varints from a buffer, one after another. */
function varintReader(buf: Uint8Array) {
  let i = 0;
  return {
    done: () => i >= buf.length,
    next(): bigint {
      let v = 0n;
      for (let shift = 0n; ; shift += 7n) {
        const b = buf[i++]!;
        v |= BigInt(b & 0x7f) << shift;
        if (!(b & 0x80)) return v;
      }
    },
    bytes(n: number): Uint8Array {
      i += n;
      return buf.subarray(i - n, i);
    },
  };
}

/** The protobuf fields of a message: [field number, varint or bytes], in order. */
function fields(buf: Uint8Array): [number, bigint | Uint8Array][] {
  const r = varintReader(buf);
  const out: [number, bigint | Uint8Array][] = [];
  while (!r.done()) {
    const key = Number(r.next());
    out.push([key >> 3, (key & 7) === 0 ? r.next() : r.bytes(Number(r.next()))]);
  }
  return out;
}

/** A repeated integer field's values, whether written packed or one per field. */
function integers(values: readonly (bigint | Uint8Array)[]): bigint[] {
  return values.flatMap((v) => {
    if (typeof v === 'bigint') return [v];
    const r = varintReader(v);
    const out: bigint[] = [];
    while (!r.done()) out.push(r.next());
    return out;
  });
}

/** A pprof profile read back as stack → sample count: samples' locations → lines → functions → names. */
function stackCounts(profile: Uint8Array): Record<string, bigint> {
  const top = fields(profile);
  const of = (f: number) => top.filter(([n]) => n === f).map(([, v]) => v as Uint8Array);
  const strings = of(6).map((b) => Buffer.from(b).toString());
  const one = (msg: Uint8Array, f: number) => fields(msg).find(([n]) => n === f)![1];
  const functions = new Map(of(5).map((fn) => [one(fn, 1), strings[Number(one(fn, 2))]]));
  const locations = new Map(of(4).map((loc) => [one(loc, 1), functions.get(one(one(loc, 4) as Uint8Array, 1))]));
  const counts: Record<string, bigint> = {};
  for (const sample of of(2)) {
    const field = (f: number) =>
      integers(
        fields(sample)
          .filter(([n]) => n === f)
          .map(([, v]) => v),
      );
    // Locations are listed leaf first; the stack text is root first.
    counts[
      field(1)
        .map((id) => locations.get(id))
        .reverse()
        .join(';')
    ] = field(2)[0]!;
  }
  return counts;
}

test('pprof sums the counts of each distinct stack', (t) => {
  const state = aggregateDef('pprof', ['STRING', 'INT64', 'INT64']).create();
  const rows: [string, bigint][] = [
    ['main;serve;read', 2n],
    ['main;serve;read', 5n],
    ['main;serve;write', 1n],
    ['main;gc', 4n],
    ['main;gc', 4n],
  ];
  for (const [stack, n] of rows) state.add(stack, n, 11n);
  const profile = Buffer.from(state.finalize() as string, 'latin1');
  t.deepEqual(stackCounts(profile), { 'main;serve;read': 7n, 'main;serve;write': 1n, 'main;gc': 8n });
});
