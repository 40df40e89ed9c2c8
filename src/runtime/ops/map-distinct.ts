// A function of one STRING/UINT128 column, computed once per distinct value when the column carries dictionary
// codes (ops/dictionary.ts): Pixie scripts look up a UPID's service, pod or namespace on every row, and a table
// of a million rows has a few hundred processes. A STRING/UINT128 result carries the same codes, so a group-by on
// it (df.service = df.ctx['service'], then groupby('service')) runs on codes too.

import type { ScalarFn } from '../contracts.js';
import { dictionaryOf, withDictionary } from './dictionary.js';

type Out = Uint8Array | BigInt64Array | Float64Array | string[] | bigint[];

export function mapDistinct(column: readonly (string | bigint)[], f: ScalarFn, out: Out): Out {
  const n = out.length;
  const boolean = out instanceof Uint8Array;
  const dictionary = dictionaryOf(column as string[]);
  if (!dictionary) {
    for (let i = 0; i < n; i++) {
      const v = f(column[i]);
      (out as unknown[])[i] = boolean ? (v ? 1 : 0) : v;
    }
    return out;
  }
  const { codes, values } = dictionary;
  // Only the values some row uses: a filtered column keeps the dictionary of all its source's rows.
  const results = new Array<unknown>(values.length);
  const done = new Uint8Array(values.length);
  for (let i = 0; i < n; i++) {
    const c = codes[i]!;
    if (done[c] === 0) {
      const v = f(values[c]);
      results[c] = boolean ? (v ? 1 : 0) : v;
      done[c] = 1;
    }
    (out as unknown[])[i] = results[c];
  }
  if (Array.isArray(out)) {
    // A code no row uses keeps a value of the column's type, never looked at for a row (dictionary.ts's one rule holds).
    const unused = n > 0 && typeof out[0] === 'bigint' ? 0n : '';
    for (let c = 0; c < results.length; c++) if (done[c] === 0) results[c] = unused;
    withDictionary(out as string[], { codes, values: results as string[] });
  }
  return out;
}
