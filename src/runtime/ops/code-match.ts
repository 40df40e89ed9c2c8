// A STRING column compared with a constant, on the column's dictionary codes (dictionary.ts) when it carries
// them: the constant is compared once with each distinct value, and each row's test is a look-up of its code
// instead of a string comparison (about 3× faster per row at a million rows). Generated filters and maps read
// both halves once per operator and fall back to comparing the strings for a column without codes.

import type { ColumnData } from '../../core/types.js';
import { dictionaryOf } from './dictionary.js';

/** The column's dictionary codes, when it has them and they cover `n` rows. */
export function codesOf(col: ColumnData, n: number): Int32Array | undefined {
  const d = dictionaryOf(col);
  return d && d.codes.length >= n ? d.codes : undefined;
}

/**
 * Per code of the column's dictionary, 1 where the value it stands for equals `value` (values need not be
 * distinct, so several codes may match, or none); undefined for a column without codes.
 */
export function codeHits(col: ColumnData, value: string): Uint8Array | undefined {
  const d = dictionaryOf(col);
  if (!d) return undefined;
  const hits = new Uint8Array(d.values.length);
  for (let c = 0; c < hits.length; c++) hits[c] = d.values[c] === value ? 1 : 0;
  return hits;
}
