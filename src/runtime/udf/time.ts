// Time functions (SPEC §12.2): bucketing with px.bin and the TIME64NS/INT64 reinterpretations.

import { PxlRuntimeError } from '../contracts.js';
import { formatDuration, parseDuration } from '../../core/time-text.js';
import { type Family, pure, truncToInt64 } from './define.js';

/**
 * `value − value % size` with C remainder semantics: rounds toward zero to a multiple of `size`.
 * A zero size (a crash in Pixie) leaves the value as it is.
 */
export function bin(value: bigint, size: bigint): bigint {
  return size === 0n ? value : BigInt.asIntN(64, value - (value % size));
}

export function registerTime(f: Family): void {
  pure(f, 'bin', ['INT64,INT64', 'TIME64NS,TIME64NS', 'INT64,TIME64NS', 'TIME64NS,INT64'], bin);
  pure(f, 'bin', ['FLOAT64,INT64'], (v: number, size: bigint) => bin(truncToInt64(v), size));
  pure(f, 'time_to_int64', ['TIME64NS'], (t: bigint) => t);
  pure(f, 'int64_to_time', ['INT64'], (t: bigint) => t);
  // px.parse_duration / px.format_duration of script arguments, evaluated when the script runs.
  pure(f, '_parse_duration', ['STRING'], (s: string) => {
    const ns = parseDuration(s);
    if (ns === undefined) throw new PxlRuntimeError(`'${s}' is not a duration like '-5m' (units ms, s, m, h, d)`);
    return ns;
  });
  pure(f, '_format_duration', ['INT64'], (ns: bigint) => formatDuration(ns));
}
