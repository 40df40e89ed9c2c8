// px.pprof (SPEC §11): folded stack traces (`main;foo;bar`) and their counts → a serialized pprof
// Profile (github.com/google/pprof proto/profile.proto), laid out as Pixie lays it out: sample types
// samples/count and cpu/nanoseconds, one location and function per distinct symbol (leaf first), no
// period fields. The bytes are returned as a latin1 string (one character per byte).

import type { Aggregator } from '../contracts.js';
import type { ColumnarAggregateDef } from './columnar.js';
import { ProtoWriter } from './protobuf.js';

export const MULTIPLE_PERIODS_TEXT = 'Protobuf `SerializeToString` failed, multiple profiling periods found.';

export function pprofDef(): ColumnarAggregateDef {
  return {
    name: 'pprof',
    argTypes: ['STRING', 'INT64', 'INT64'],
    resultType: 'STRING',
    create(): Aggregator {
      const histogram = new Map<string, bigint>();
      let periodMs: bigint | undefined;
      let mixedPeriods = false;
      return {
        add(stack: string, count: bigint, period: bigint) {
          if (periodMs === undefined) periodMs = period;
          else if (periodMs !== period) mixedPeriods = true;
          histogram.set(stack, (histogram.get(stack) ?? 0n) + count);
        },
        finalize: () =>
          mixedPeriods
            ? MULTIPLE_PERIODS_TEXT
            : Buffer.from(pprofProfile(periodMs ?? 0n, histogram)).toString('latin1'),
      };
    },
  };
}

/** Serialized Profile for a stack-trace histogram sampled every `periodMs` milliseconds. */
export function pprofProfile(periodMs: bigint, histogram: ReadonlyMap<string, bigint>): Uint8Array {
  const periodNs = BigInt.asUintN(64, periodMs * 1_000_000n);
  const strings = ['', 'samples', 'count', 'cpu', 'nanoseconds'];
  const locationOf = new Map<string, number>();
  const samples: ProtoWriter[] = [];
  for (const [stack, count] of histogram) {
    const locations: number[] = [];
    for (const symbol of stack.split(';').reverse()) {
      let id = locationOf.get(symbol);
      if (id === undefined) {
        id = locationOf.size + 1;
        locationOf.set(symbol, id);
        strings.push(symbol);
      }
      locations.push(id);
    }
    samples.push(new ProtoWriter().packed(1, locations).packed(2, [count, BigInt.asUintN(64, count * periodNs)]));
  }
  const profile = new ProtoWriter()
    .message(1, new ProtoWriter().uint(1, 1).uint(2, 2))
    .message(1, new ProtoWriter().uint(1, 3).uint(2, 4));
  for (const s of samples) profile.message(2, s);
  for (const id of locationOf.values())
    profile.message(4, new ProtoWriter().uint(1, id).message(4, new ProtoWriter().uint(1, id)));
  // Function ids equal location ids; function names are the strings after the five fixed ones.
  for (const id of locationOf.values()) profile.message(5, new ProtoWriter().uint(1, id).uint(2, id + 4));
  for (const s of strings) profile.string(6, s);
  return profile.finish();
}
