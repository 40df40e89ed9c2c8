// How one value of a column reads: as stored (cellText: pxlc test, raw tables), for people (cellDisplay: by its
// semantic type, as Pixie's own table shows it) and in JSON rows (cellJson).

import { formatTimeNs } from '../metadata/time-text.js';
import { formatUint128 } from '../metadata/upid.js';
import { valueText } from '../../core/value-text.js';
import type { ColumnData, DataType, SemanticType } from '../../core/types.js';

export function cellText(col: ColumnData, i: number, type: DataType): string {
  switch (type) {
    case 'BOOLEAN':
      return (col as Uint8Array)[i] ? 'true' : 'false';
    case 'INT64':
      return String((col as BigInt64Array)[i]);
    case 'TIME64NS':
      return formatTimeNs((col as BigInt64Array)[i]!);
    case 'FLOAT64':
      return formatFloat((col as Float64Array)[i]!);
    case 'STRING':
      return (col as string[])[i]!;
    case 'UINT128':
      return formatUint128((col as bigint[])[i]!);
  }
}

/** The value as Pixie's table shows it: 6.5 ms, 4.8 MiB, 14.00 %, 0.700000 /sec (see core/value-text.ts). */
export function cellDisplay(col: ColumnData, i: number, type: DataType, semantic: SemanticType): string {
  switch (type) {
    case 'BOOLEAN':
      return valueText(type, semantic, (col as Uint8Array)[i] !== 0);
    case 'INT64':
      return valueText(type, semantic, (col as BigInt64Array)[i]!);
    case 'FLOAT64':
      return valueText(type, semantic, (col as Float64Array)[i]!);
    case 'STRING':
      return valueText(type, semantic, (col as string[])[i]!);
    case 'TIME64NS':
    case 'UINT128':
      return cellText(col, i, type);
  }
}

/** JSON text of one value: integers as exact digits (JSON numbers have no size limit), times as RFC 3339. */
export function cellJson(col: ColumnData, i: number, type: DataType): string {
  switch (type) {
    case 'BOOLEAN':
      return (col as Uint8Array)[i] ? 'true' : 'false';
    case 'INT64':
      return String((col as BigInt64Array)[i]);
    case 'FLOAT64': {
      const v = (col as Float64Array)[i]!;
      // String(-0) is '0': the sign of a negative zero is part of the value.
      return Number.isFinite(v) ? (Object.is(v, -0) ? '-0' : String(v)) : JSON.stringify(String(v));
    }
    default:
      return JSON.stringify(cellText(col, i, type));
  }
}

function formatFloat(v: number): string {
  if (!Number.isFinite(v) || Number.isInteger(v)) return String(v);
  const abs = Math.abs(v);
  return abs !== 0 && (abs < 1e-4 || abs >= 1e15) ? v.toExponential(6) : String(Number(v.toPrecision(10)));
}
