// How many rows a data file hands over per batch when an operator reads it batch by batch (a streamed group-by):
// large enough that per-batch costs (a call through the script's operators, a dictionary look-up per distinct
// key) vanish, small enough that a batch of a few columns is a few MB. PXLC_BATCH_ROWS changes it for a run
// (tests use tiny batches to cross many batch boundaries).

import { PxlRuntimeError } from '../../core/errors.js';

export const DEFAULT_BATCH_ROWS = 1 << 16;

export function batchRows(): number {
  const text = process.env['PXLC_BATCH_ROWS'];
  if (text === undefined || text === '') return DEFAULT_BATCH_ROWS;
  if (!/^[1-9][0-9]*$/.test(text.trim()))
    throw new PxlRuntimeError(`PXLC_BATCH_ROWS must be a positive whole number of rows, not '${text}'`);
  return Number(text.trim());
}
