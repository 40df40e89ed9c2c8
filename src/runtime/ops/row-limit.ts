// The most rows one operator may produce. A script that merges or appends a table with itself again and again
// squares or doubles its rows each time: past this, the run stops with an error the module locates at the
// script's line (source map), instead of failing to allocate ("Invalid typed array length") or running out of
// memory. PXLC_MAX_ROWS changes it for a run (e.g. PXLC_MAX_ROWS=200000000 node out.js).

import { PxlRuntimeError } from '../../core/errors.js';

export const DEFAULT_MAX_ROWS = 50_000_000;
/** Typed arrays of row indexes hold at most this many entries. */
const HARD_MAX_ROWS = 2 ** 31 - 1;

export function maxRows(): number {
  const text = process.env['PXLC_MAX_ROWS'];
  if (text === undefined || text === '') return DEFAULT_MAX_ROWS;
  if (!/^[1-9][0-9]*$/.test(text.trim()))
    throw new PxlRuntimeError(`PXLC_MAX_ROWS must be a positive whole number of rows, not '${text}'`);
  return Math.min(Number(text.trim()), HARD_MAX_ROWS);
}

/** Throws when `rows` output rows of `what` would pass the limit; `detail` says where they come from. */
export function checkRowCount(rows: number, what: string, detail: string): void {
  const max = maxRows();
  if (rows <= max) return;
  throw new PxlRuntimeError(
    `${what} would produce ${rows.toLocaleString('en-US')} rows (${detail}), more than the limit of ${max.toLocaleString('en-US')}`,
    [
      'A merge of a table with itself multiplies its rows at every step; filter or aggregate before merging, or set PXLC_MAX_ROWS to allow more.',
    ],
  );
}
