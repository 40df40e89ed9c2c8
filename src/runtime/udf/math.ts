// Arithmetic and math functions (SPEC §12.1, §12.2). INT64 results wrap like int64; a FLOAT64 operand
// turns the operation into double arithmetic; integer division by zero (undefined in Pixie) gives 0.

import { type Family, pure, toNumber, truncToInt64 } from './define.js';

const wrap = (x: bigint) => BigInt.asIntN(64, x);
type Num = bigint | number;

const MIXED = ['FLOAT64,FLOAT64', 'FLOAT64,INT64', 'INT64,FLOAT64'];
const NUMERIC_1 = ['FLOAT64', 'INT64'];
const NUMERIC_2 = ['FLOAT64,FLOAT64', 'FLOAT64,INT64', 'INT64,FLOAT64', 'INT64,INT64'];

/** C remainder (sign of the dividend), which BigInt's % already is; x % 0 is 0 instead of a crash. */
export function remainder(a: bigint, b: bigint): bigint {
  return b === 0n ? 0n : a % b;
}

export function registerMath(f: Family): void {
  pure(f, 'add', ['INT64,INT64', 'TIME64NS,INT64', 'INT64,TIME64NS'], (a: bigint, b: bigint) => wrap(a + b));
  pure(f, 'add', MIXED, (a: Num, b: Num) => toNumber(a) + toNumber(b));
  pure(f, 'add', ['STRING,STRING'], (a: string, b: string) => a + b);
  pure(
    f,
    'subtract',
    ['INT64,INT64', 'TIME64NS,INT64', 'TIME64NS,TIME64NS', 'INT64,TIME64NS'],
    (a: bigint, b: bigint) => wrap(a - b),
  );
  pure(f, 'subtract', MIXED, (a: Num, b: Num) => toNumber(a) - toNumber(b));
  pure(f, 'multiply', ['INT64,INT64'], (a: bigint, b: bigint) => wrap(a * b));
  pure(f, 'multiply', MIXED, (a: Num, b: Num) => toNumber(a) * toNumber(b));
  pure(f, 'divide', NUMERIC_2, (a: Num, b: Num) => toNumber(a) / toNumber(b));
  pure(f, 'modulo', ['TIME64NS,INT64', 'TIME64NS,TIME64NS', 'INT64,TIME64NS', 'INT64,INT64'], remainder);
  pure(f, 'negate', ['INT64'], (a: bigint) => wrap(-a));
  pure(f, 'negate', ['FLOAT64'], (a: number) => -a);
  pure(f, 'invert', ['INT64'], (a: bigint) => ~a);

  pure(f, 'abs', ['INT64'], (a: bigint) => wrap(a < 0n ? -a : a));
  pure(f, 'abs', ['FLOAT64'], Math.abs);
  pure(f, 'ceil', ['FLOAT64'], (a: number) => truncToInt64(Math.ceil(a)));
  pure(f, 'floor', ['FLOAT64'], (a: number) => truncToInt64(Math.floor(a)));
  pure(f, 'exp', NUMERIC_1, (a: Num) => Math.exp(toNumber(a)));
  pure(f, 'ln', NUMERIC_1, (a: Num) => Math.log(toNumber(a)));
  pure(f, 'log2', NUMERIC_1, (a: Num) => Math.log2(toNumber(a)));
  pure(f, 'log10', NUMERIC_1, (a: Num) => Math.log10(toNumber(a)));
  pure(f, 'sqrt', NUMERIC_1, (a: Num) => Math.sqrt(toNumber(a)));
  // log(base, value), as Pixie's LogUDF.
  pure(f, 'log', NUMERIC_2, (b: Num, v: Num) => Math.log(toNumber(v)) / Math.log(toNumber(b)));
  pure(f, 'pow', NUMERIC_2, (x: Num, y: Num) => Math.pow(toNumber(x), toNumber(y)));
  pure(f, 'round', ['FLOAT64,INT64'], roundToText);

  pure(
    f,
    'select',
    [
      'BOOLEAN,BOOLEAN,BOOLEAN',
      'BOOLEAN,INT64,INT64',
      'BOOLEAN,FLOAT64,FLOAT64',
      'BOOLEAN,TIME64NS,TIME64NS',
      'BOOLEAN,STRING,STRING',
    ],
    (c: boolean, a: unknown, b: unknown) => (c ? a : b),
  );
}

/**
 * printf("%.*f", decimals, x) as glibc prints it: the exact binary value rounded half-to-even
 * (toFixed would round exact ties away from zero: 0.5 → "1" where C prints "0"). C prints "nan"/"inf".
 */
export function roundToText(x: number, decimals: bigint): string {
  if (Number.isNaN(x)) return x < 0 ? '-nan' : 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  const d = decimals < 0n ? 6 : Number(decimals > 400n ? 400n : decimals);
  const { mantissa, exponent } = exactParts(Math.abs(x));
  let scaled: bigint;
  if (exponent >= 0) {
    scaled = (mantissa << BigInt(exponent)) * 10n ** BigInt(d);
  } else {
    const num = mantissa * 10n ** BigInt(d);
    const den = 1n << BigInt(-exponent);
    const q = num / den;
    const twice = 2n * (num % den);
    scaled = twice > den || (twice === den && (q & 1n) === 1n) ? q + 1n : q;
  }
  const digits = scaled.toString().padStart(d + 1, '0');
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  return d === 0 ? `${sign}${digits}` : `${sign}${digits.slice(0, -d)}.${digits.slice(-d)}`;
}

/** |x| = mantissa · 2^exponent exactly, for a finite double. */
function exactParts(x: number): { mantissa: bigint; exponent: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0
    ? { mantissa: fraction, exponent: -1074 }
    : { mantissa: fraction | (1n << 52n), exponent: biased - 1075 };
}
