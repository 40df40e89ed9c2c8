// count, sum, mean, min, max and any (SPEC §11), each with a columnar reducer and an Aggregator.
// Empty inputs (only possible without group columns) give Pixie's values: count 0, sum 0, mean NaN,
// min/max the type's start values.

import type { Aggregator } from '../contracts.js';
import { allocColumn, type ColumnData, type DataType, zeroValue } from '../../core/types.js';
import { exact, grow, reduceOf, type ColumnarAggregateDef, type ColumnarState } from './columnar.js';
import { int64Words, wordsToNumber } from '../ops/int64-words.js';

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
/** Pixie's FLOAT64 max starts from numeric_limits<double>::min(), the smallest positive normal double. */
const DBL_MIN = 2.2250738585072014e-308;
const DBL_MAX = Number.MAX_VALUE;

type Value = boolean | bigint | number | string;

function def(
  name: string,
  argType: DataType,
  resultType: DataType,
  create: () => Aggregator,
  stream?: () => ColumnarState,
): ColumnarAggregateDef {
  return { name, argTypes: [argType], resultType, create, ...(stream ? { stream, reduce: reduceOf(stream) } : {}) };
}

export function countDef(argType: DataType): ColumnarAggregateDef {
  return { ...countOf(argType), countsRows: true };
}

function countOf(argType: DataType): ColumnarAggregateDef {
  return def(
    'count',
    argType,
    'INT64',
    () => {
      let n = 0n;
      return {
        add() {
          n++;
        },
        finalize: () => n,
      };
    },
    doubles((counts, _args, ids) => {
      for (let i = 0; i < ids.length; i++) counts[ids[i]!]!++;
    }, toInt64),
  );
}

export function sumDef(argType: 'INT64' | 'FLOAT64' | 'BOOLEAN'): ColumnarAggregateDef {
  if (argType === 'FLOAT64') {
    return def(
      'sum',
      argType,
      'FLOAT64',
      () => {
        let s = 0;
        return {
          add(v: number) {
            s += v;
          },
          finalize: () => s,
        };
      },
      doubles(
        (sums, [col], ids) => {
          const c = col as Float64Array;
          for (let i = 0; i < ids.length; i++) sums[ids[i]!]! += c[i]!;
        },
        (sums) => sums,
      ),
    );
  }
  if (argType === 'BOOLEAN') {
    return def(
      'sum',
      argType,
      'INT64',
      () => {
        let s = 0n;
        return {
          add(v: boolean) {
            if (v) s++;
          },
          finalize: () => s,
        };
      },
      doubles((counts, [col], ids) => {
        const c = col as Uint8Array;
        for (let i = 0; i < ids.length; i++) counts[ids[i]!]! += c[i]! !== 0 ? 1 : 0;
      }, toInt64),
    );
  }
  return def(
    'sum',
    argType,
    'INT64',
    () => {
      let s = 0n;
      return {
        add(v: bigint) {
          s = BigInt.asIntN(64, s + v);
        },
        finalize: () => s,
      };
    },
    () => {
      let out = new BigInt64Array(0);
      return {
        add([col], ids, groups) {
          // Stores into a BigInt64Array wrap modulo 2^64, which is int64 overflow.
          const o = (out = grow(out, groups, 0n));
          const c = col as BigInt64Array;
          for (let i = 0; i < ids.length; i++) o[ids[i]!] = o[ids[i]!]! + c[i]!;
        },
        finish: (groups) => exact(grow(out, groups, 0n), groups),
      };
    },
  );
}

/** Pixie sums in a double and divides by the count; an empty input is 0/0 = NaN. */
export function meanDef(argType: 'INT64' | 'FLOAT64' | 'BOOLEAN'): ColumnarAggregateDef {
  return def(
    'mean',
    argType,
    'FLOAT64',
    () => {
      let s = 0;
      let n = 0;
      return {
        add(v: Value) {
          s += typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
          n++;
        },
        finalize: () => s / n,
      };
    },
    () => {
      let sums = new Float64Array(0);
      let counts = new Float64Array(0);
      return {
        add([col], ids, groups) {
          const s = (sums = grow(sums, groups, 0));
          const n = (counts = grow(counts, groups, 0));
          const words = col instanceof BigInt64Array ? int64Words(col) : undefined;
          if (words) {
            for (let i = 0; i < ids.length; i++) {
              s[ids[i]!]! += wordsToNumber(words, i);
              n[ids[i]!]!++;
            }
          } else if (col instanceof BigInt64Array) {
            for (let i = 0; i < ids.length; i++) {
              s[ids[i]!]! += Number(col[i]!);
              n[ids[i]!]!++;
            }
          } else {
            const c = col as Float64Array | Uint8Array;
            for (let i = 0; i < ids.length; i++) {
              s[ids[i]!]! += c[i]!;
              n[ids[i]!]!++;
            }
          }
        },
        finish(groups) {
          const s = grow(sums, groups, 0);
          const n = grow(counts, groups, 0);
          const out = new Float64Array(groups);
          for (let g = 0; g < groups; g++) out[g] = s[g]! / n[g]!;
          return out;
        },
      };
    },
  );
}

/**
 * min / max. NaNs are skipped as in Pixie. Deliberate deviation: Pixie's FLOAT64 max starts from the
 * smallest positive double, so a group of negative values reports 2.2e-308; pxlc reports the true
 * maximum and uses that start value only for an empty input.
 */
export function extremumDef(name: 'min' | 'max', argType: 'INT64' | 'FLOAT64' | 'TIME64NS'): ColumnarAggregateDef {
  const isMax = name === 'max';
  if (argType === 'FLOAT64') {
    const empty = isMax ? DBL_MIN : DBL_MAX;
    const better = isMax ? (v: number, cur: number) => v > cur : (v: number, cur: number) => v < cur;
    return def(
      name,
      argType,
      'FLOAT64',
      () => {
        let cur = NaN;
        return {
          add(v: number) {
            if (Number.isNaN(cur) || better(v, cur)) cur = v;
          },
          finalize: () => (Number.isNaN(cur) ? empty : cur),
        };
      },
      doubles(
        (out, [col], ids) => {
          const c = col as Float64Array;
          for (let i = 0; i < ids.length; i++) {
            const g = ids[i]!;
            const v = c[i]!;
            if (Number.isNaN(out[g]!) || better(v, out[g]!)) out[g] = v;
          }
        },
        (out) => out.map((v) => (Number.isNaN(v) ? empty : v)),
        NaN,
      ),
    );
  }
  const start = isMax ? INT64_MIN : INT64_MAX;
  return def(
    name,
    argType,
    argType,
    () => {
      let cur = start;
      return {
        add(v: bigint) {
          if (isMax ? v > cur : v < cur) cur = v;
        },
        finalize: () => cur,
      };
    },
    () => {
      let out = new BigInt64Array(0);
      return {
        add([col], ids, groups) {
          const o = (out = grow(out, groups, start));
          const c = col as BigInt64Array;
          const words = int64Words(c);
          if (words) {
            extremumByWords(words, int64Words(o)!, ids, isMax);
          } else if (isMax) {
            for (let i = 0; i < ids.length; i++) if (c[i]! > o[ids[i]!]!) o[ids[i]!] = c[i]!;
          } else {
            for (let i = 0; i < ids.length; i++) if (c[i]! < o[ids[i]!]!) o[ids[i]!] = c[i]!;
          }
        },
        finish: (groups) => exact(grow(out, groups, start), groups),
      };
    },
  );
}

/** Some value of the group: the last one seen, as Pixie's AnyUDA; the zero value for an empty input. */
export function anyDef(argType: DataType): ColumnarAggregateDef {
  return def(
    'any',
    argType,
    argType,
    () => {
      let last: Value = zeroValue(argType);
      return {
        add(v: Value) {
          last = v;
        },
        finalize: () => last,
      };
    },
    () => lastPerGroup(argType),
  );
}

/** The last value of each group, kept as a value per group (a batch's rows are not held); new groups start at the zero value. */
function lastPerGroup(t: DataType): ColumnarState {
  let out: ColumnData | undefined;
  const grown = (groups: number): ColumnData => {
    if (out === undefined || out.length < groups) {
      const bigger = allocColumn(t, Math.max(groups, 2 * (out?.length ?? 0)));
      if (out) for (let g = 0; g < out.length; g++) (bigger as unknown[])[g] = out[g];
      out = bigger;
    }
    return out;
  };
  return {
    add([col], ids, groups) {
      const o = grown(groups) as unknown[];
      const c = col as unknown as ArrayLike<unknown>;
      for (let i = 0; i < ids.length; i++) o[ids[i]!] = c[i];
    },
    finish(groups) {
      const o = grown(groups);
      if (o.length === groups) return o;
      return (Array.isArray(o) ? o.slice(0, groups) : o.slice(0, groups)) as ColumnData;
    },
  };
}

/**
 * A state of one double per group, starting at `start`: `addRows` adds a batch's rows into it, `result` reads the
 * groups' results from it (without changing it: more batches may follow).
 */
function doubles(
  addRows: (state: Float64Array, args: readonly ColumnData[], ids: Int32Array) => void,
  result: (state: Float64Array) => ColumnData,
  start = 0,
): () => ColumnarState {
  return () => {
    let state = new Float64Array(0);
    return {
      add(args, ids, groups) {
        addRows((state = grow(state, groups, start)), args, ids);
      },
      finish: (groups) => result(exact(grow(state, groups, start), groups)),
    };
  };
}

function toInt64(counts: Float64Array): BigInt64Array {
  return BigInt64Array.from(counts, (x) => BigInt(x));
}

/**
 * min/max of int64 values compared as (signed high word, unsigned low word), written into the words of the
 * output column (which holds the start values): the same order as comparing the bigints.
 */
function extremumByWords(w: Int32Array, out: Int32Array, ids: Int32Array, isMax: boolean): void {
  const sign = isMax ? 1 : -1;
  for (let i = 0; i < ids.length; i++) {
    const g = ids[i]!;
    const hi = w[2 * i + 1]!;
    const gh = out[2 * g + 1]!;
    if (hi === gh) {
      const lo = w[2 * i]! >>> 0;
      const gl = out[2 * g]! >>> 0;
      if (sign * (lo - gl) > 0) out[2 * g] = lo;
    } else if (sign * (hi - gh) > 0) {
      out[2 * g + 1] = hi;
      out[2 * g] = w[2 * i]!;
    }
  }
}
