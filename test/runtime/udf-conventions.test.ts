// Every overload, called with ordinary and edge values, returns its result type's value convention
// (BOOLEAN boolean, INT64/TIME64NS/UINT128 bigint in range, FLOAT64 number, STRING string) and never
// throws: bad input gives a fallback value, as in Pixie.

import test from 'ava';
import { readFileSync } from 'node:fs';
import { overloadKey } from '../../src/core/plan/expr.js';
import type { DataType } from '../../src/core/types.js';
import { fn } from './udf-fixture.js';

interface Overload {
  args: DataType[];
  ret: DataType;
}
const functions = JSON.parse(readFileSync(new URL('../../../data/functions.json', import.meta.url), 'utf8')) as {
  udf: Record<string, { overloads: Overload[] }>;
};

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

const SAMPLES: Record<DataType, readonly unknown[]> = {
  BOOLEAN: [false, true],
  INT64: [0n, -1n, INT64_MIN, INT64_MAX, 3n],
  TIME64NS: [0n, 1_700_000_000_123_456_789n, -1n],
  FLOAT64: [0, -1.5, NaN, Infinity, 1e300],
  STRING: ['', 'abc', '{"a": 1, "b": [1, "x"]}', '["x", 2]', '(', 'é\u0000\\', '10.0.0.1'],
  UINT128: [0n, (1n << 128n) - 1n, (7n << 96n) | (42n << 64n) | 5n],
};

function conforms(ret: DataType, v: unknown): boolean {
  switch (ret) {
    case 'BOOLEAN':
      return typeof v === 'boolean';
    case 'FLOAT64':
      return typeof v === 'number';
    case 'STRING':
      return typeof v === 'string';
    case 'INT64':
    case 'TIME64NS':
      return typeof v === 'bigint' && v >= INT64_MIN && v <= INT64_MAX;
    case 'UINT128':
      return typeof v === 'bigint' && v >= 0n && v < 1n << 128n;
  }
}

/**
 * Functions whose argument is a script argument given on the command line: a value that is not a duration is the
 * user's mistake, reported as a run-time error that names it (tested in udf-time-args), not a value to invent.
 */
const ARGUMENT_PARSERS = new Set(['_parse_duration']);

/** Functions whose literal argument Pixie parses once before any row (an Init argument): a bad one fails the query. */
const INIT_ARGUMENT_PARSERS = new Set(['_match_regex_rule']);

test('every overload returns its type convention for edge inputs without throwing', (t) => {
  const failures: string[] = [];
  let calls = 0;
  for (const [name, f] of Object.entries(functions.udf)) {
    if (ARGUMENT_PARSERS.has(name) || INIT_ARGUMENT_PARSERS.has(name)) continue;
    for (const o of f.overloads) {
      const key = overloadKey(name, o.args);
      const impl = fn(key);
      const rounds = Math.max(1, ...o.args.map((a) => SAMPLES[a].length));
      for (let k = 0; k < rounds; k++) {
        const args = o.args.map((a, j) => SAMPLES[a][(k + j) % SAMPLES[a].length]);
        calls++;
        try {
          const v: unknown = impl(...args);
          if (!conforms(o.ret, v))
            failures.push(`${key}(${args.map(String).join(', ')}) gave ${typeof v} ${String(v)}`);
        } catch (e) {
          failures.push(`${key}(${args.map(String).join(', ')}) threw ${(e as Error).message}`);
        }
      }
    }
  }
  t.deepEqual(failures, []);
  t.true(calls > 500);
});
