// Comparison and logical functions (SPEC §12.1). FLOAT64 equality is Pixie's epsilon comparison;
// BOOLEAN mixed with INT64 compares the boolean as 0/1, as C++ promotion does.

import { type Family, pure } from './define.js';

const EPSILON = Number.EPSILON;
type Num = bigint | number;

const asInt = (b: boolean) => (b ? 1n : 0n);
const num = (x: Num) => (typeof x === 'bigint' ? Number(x) : x);

export function registerCompare(f: Family): void {
  const same = ['INT64,INT64', 'STRING,STRING', 'BOOLEAN,BOOLEAN', 'TIME64NS,TIME64NS', 'UINT128,UINT128'];
  pure(f, 'equal', same, (a: unknown, b: unknown) => a === b);
  pure(f, 'notEqual', same, (a: unknown, b: unknown) => a !== b);
  pure(f, 'equal', ['BOOLEAN,INT64'], (a: boolean, b: bigint) => asInt(a) === b);
  pure(f, 'equal', ['INT64,BOOLEAN'], (a: bigint, b: boolean) => a === asInt(b));
  pure(f, 'notEqual', ['BOOLEAN,INT64'], (a: boolean, b: bigint) => asInt(a) !== b);
  pure(f, 'notEqual', ['INT64,BOOLEAN'], (a: bigint, b: boolean) => a !== asInt(b));
  // Mixed INT64/FLOAT64 converts the integer to double and compares exactly.
  pure(f, 'equal', ['INT64,FLOAT64', 'FLOAT64,INT64'], (a: Num, b: Num) => num(a) === num(b));
  pure(f, 'notEqual', ['INT64,FLOAT64', 'FLOAT64,INT64'], (a: Num, b: Num) => num(a) !== num(b));
  pure(f, 'equal', ['FLOAT64,FLOAT64'], approxEqual);
  pure(f, 'approxEqual', ['FLOAT64,FLOAT64'], approxEqual);
  pure(f, 'notEqual', ['FLOAT64,FLOAT64'], (a: number, b: number) => Math.abs(a - b) > EPSILON);

  const ordered = ['INT64,INT64', 'TIME64NS,TIME64NS', 'FLOAT64,FLOAT64', 'STRING,STRING'];
  pure(f, 'lessThan', ordered, (a: Num | string, b: Num | string) => lessThan(a, b));
  pure(f, 'lessThanEqual', ordered, (a: Num | string, b: Num | string) => a === b || lessThan(a, b));
  pure(f, 'greaterThan', ordered, (a: Num | string, b: Num | string) => lessThan(b, a));
  pure(f, 'greaterThanEqual', ordered, (a: Num | string, b: Num | string) => a === b || lessThan(b, a));

  pure(f, 'logicalAnd', ['BOOLEAN,BOOLEAN'], (a: boolean, b: boolean) => a && b);
  pure(f, 'logicalAnd', ['INT64,INT64'], (a: bigint, b: bigint) => a !== 0n && b !== 0n);
  pure(f, 'logicalOr', ['BOOLEAN,BOOLEAN'], (a: boolean, b: boolean) => a || b);
  pure(f, 'logicalOr', ['INT64,INT64'], (a: bigint, b: bigint) => a !== 0n || b !== 0n);
  pure(f, 'logicalNot', ['BOOLEAN'], (a: boolean) => !a);
  pure(f, 'logicalNot', ['INT64'], (a: bigint) => a === 0n);
}

export function approxEqual(a: number, b: number): boolean {
  return Math.abs(a - b) < EPSILON;
}

/**
 * Strings compare bytewise as in C++ (UTF-8 byte order); JS `<` compares UTF-16 code units, which
 * differs only when a string holds characters above U+FFFF next to U+E000..U+FFFF.
 */
export function lessThan(a: Num | string, b: Num | string): boolean {
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b) < 0;
  return a < b;
}

export function compareUtf8(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800..U+DFFF) encode code points above U+FFFF, which sort after U+E000..U+FFFF in UTF-8.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && (x >= 0xe000 || y >= 0xe000)) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}
