// How one value of a column reads in a printed table and in JSON rows.

import { formatTimeNs } from '../metadata/time-text.js';
import { formatUint128 } from '../metadata/upid.js';
import type { ColumnData, DataType } from '../../core/types.js';

export function cellText(col: ColumnData, i: number, type: DataType): string {
  switch (type) {
    case 'BOOLEAN': return (col as Uint8Array)[i] ? 'true' : 'false';
    case 'INT64': return String((col as BigInt64Array)[i]);
    case 'TIME64NS': return formatTimeNs((col as BigInt64Array)[i]!);
    case 'FLOAT64': return formatFloat((col as Float64Array)[i]!);
    case 'STRING': return (col as string[])[i]!;
    case 'UINT128': return formatUint128((col as bigint[])[i]!);
  }
}

/** JSON text of one value: integers as exact digits (JSON numbers have no size limit), times as RFC 3339. */
export function cellJson(col: ColumnData, i: number, type: DataType): string {
  switch (type) {
    case 'BOOLEAN': return (col as Uint8Array)[i] ? 'true' : 'false';
    case 'INT64': return String((col as BigInt64Array)[i]);
    case 'FLOAT64': {
      const v = (col as Float64Array)[i]!;
      // String(-0) is '0': the sign of a negative zero is part of the value.
      return Number.isFinite(v) ? (Object.is(v, -0) ? '-0' : String(v)) : JSON.stringify(String(v));
    }
    default: return JSON.stringify(cellText(col, i, type));
  }
}

function formatFloat(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e15) ? v.toExponential(6) : String(Number(v.toPrecision(10)));
}
