// Turning user-supplied values (JSON, CSV text, JavaScript rows from a service) into typed columns.
// A value that does not fit its column is an error naming where it came from; nothing is coerced silently.

import { PxlRuntimeError } from '../contracts.js';
import { parseTime } from '../metadata/time-text.js';
import { parseUint128 } from '../metadata/upid.js';
import { makeTable, type Table } from '../table.js';
import { gatherColumn } from '../ops/gather.js';
import { allocColumn, type ColumnData, type DataType, type Schema } from '../../core/types.js';

export const INT64_MIN = -(1n << 63n);
export const INT64_MAX = (1n << 63n) - 1n;

/**
 * The first `n` times of `values`, of a unit `scale` nanoseconds long, as nanoseconds; `overflow` is told the first
 * row whose nanoseconds are past the int64 range, and the nanoseconds.
 */
export function scaleTimes(
  values: BigInt64Array,
  n: number,
  scale: bigint,
  overflow: (i: number, ns: bigint) => never,
): BigInt64Array {
  const out = new BigInt64Array(n);
  const lo = INT64_MIN / scale;
  const hi = INT64_MAX / scale;
  for (let i = 0; i < n; i++) {
    const v = values[i]!;
    if (v < lo || v > hi) overflow(i, v * scale);
    out[i] = v * scale;
  }
  return out;
}

export type Converted =
  { ok: true; value: boolean | bigint | number | string; noOffset?: true } | { ok: false; why: string };

/**
 * Converts one value; returns an error description instead of throwing so callers can add the location.
 * `noOffset` marks a time written without Z or an offset (read as UTC): readers of files say so once.
 */
export function convertValue(v: unknown, type: DataType): Converted {
  if (v === null || v === undefined)
    return { ok: false, why: `is ${v === null ? 'null' : 'missing'} (PxL has no nulls; give a ${type} value)` };
  switch (type) {
    case 'BOOLEAN':
      if (typeof v === 'boolean') return { ok: true, value: v };
      if (v === 1 || v === 0) return { ok: true, value: v === 1 };
      if (typeof v === 'string' && /^(true|false|1|0)$/i.test(v.trim()))
        return { ok: true, value: /^(true|1)$/i.test(v.trim()) };
      return bad(v, type);
    case 'INT64':
    case 'TIME64NS': {
      let n: bigint | undefined;
      let noOffset = false;
      if (typeof v === 'bigint') n = v;
      else if (typeof v === 'number' && Number.isSafeInteger(v)) n = BigInt(v);
      else if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) n = BigInt(v.trim());
      else if (type === 'TIME64NS' && typeof v === 'string') {
        const p = parseTime(v);
        if ('why' in p) return { ok: false, why: `${show(v)} ${p.why}` };
        n = p.ns;
        noOffset = !p.offsetGiven;
      } else if (type === 'TIME64NS' && v instanceof Date && !Number.isNaN(v.getTime()))
        n = BigInt(v.getTime()) * 1_000_000n;
      if (n === undefined) {
        if (typeof v === 'number' && Number.isInteger(v))
          return {
            ok: false,
            why: `${v} is beyond 2^53 and was already rounded by JavaScript; pass it as a bigint or a decimal string`,
          };
        return bad(v, type);
      }
      if (n < INT64_MIN || n > INT64_MAX) return { ok: false, why: `${n} does not fit in a 64-bit integer` };
      return noOffset ? { ok: true, value: n, noOffset } : { ok: true, value: n };
    }
    case 'FLOAT64':
      if (typeof v === 'number') return { ok: true, value: v };
      if (typeof v === 'bigint') return { ok: true, value: Number(v) };
      if (typeof v === 'string') return floatText(v);
      return bad(v, type);
    case 'STRING':
      if (typeof v === 'string') return { ok: true, value: v };
      if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean')
        return { ok: true, value: String(v) };
      if (typeof v === 'object')
        return { ok: true, value: JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? String(x) : x)) };
      return bad(v, type);
    case 'UINT128': {
      const u =
        typeof v === 'bigint'
          ? v >= 0n && v < 1n << 128n
            ? v
            : undefined
          : typeof v === 'number' && Number.isSafeInteger(v) && v >= 0
            ? BigInt(v)
            : typeof v === 'string'
              ? parseUint128(v)
              : undefined;
      return u === undefined ? { ok: false, why: `${show(v)} is not ${EXPECTED.UINT128}` } : { ok: true, value: u };
    }
  }
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Decimal text only: Number() would also take 0x10, 0b11 and 0o7, and turn 1e309 into Infinity. Infinity and
 * NaN are read when they are written as such (inf, -Infinity, nan).
 */
export function floatText(text: string): Converted {
  const s = text.trim();
  if (DECIMAL.test(s)) {
    const x = Number(s);
    if (Number.isFinite(x)) return { ok: true, value: x };
    return {
      ok: false,
      why: `${show(text)} is beyond the range of a FLOAT64 (about ±1.8e308; write inf or -inf for an infinity)`,
    };
  }
  if (/^[+-]?(nan|inf|infinity)$/i.test(s)) {
    const l = s.toLowerCase();
    return { ok: true, value: l.includes('nan') ? Number.NaN : l.startsWith('-') ? -Infinity : Infinity };
  }
  return { ok: false, why: `${show(text)} is not ${EXPECTED.FLOAT64}` };
}

/** What to write instead, per type: the message should say how to fix the value, not only that it is wrong. */
const EXPECTED: Record<DataType, string> = {
  BOOLEAN: 'a BOOLEAN (write true, false, 1 or 0)',
  INT64: 'an INT64 (write a whole number such as 42)',
  TIME64NS: 'a TIME64NS (write nanoseconds since the epoch or an ISO-8601 time such as 2024-05-01T12:00:00Z)',
  FLOAT64: 'a FLOAT64 (write a decimal number such as 12.5 or 1e-3)',
  STRING: 'a STRING',
  UINT128: 'a UINT128 (write it as asid:pid:start_ns, UUID-style hex, 0x… or decimal)',
};

function bad(v: unknown, type: DataType): { ok: false; why: string } {
  return { ok: false, why: `${show(v)} is not ${EXPECTED[type]}` };
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'object') return Array.isArray(v) ? 'an array' : 'an object';
  if (typeof v === 'function') return 'a function';
  return String(v);
}

export function storeValue(
  col: ColumnData,
  i: number,
  type: DataType,
  value: boolean | bigint | number | string,
): void {
  if (type === 'BOOLEAN') (col as Uint8Array)[i] = value ? 1 : 0;
  else (col as unknown[])[i] = value;
}

/**
 * Builds a table of `schema` from row accessors. `describe(i)` names row i for errors (e.g. `http_events.csv:14`);
 * `get(i, column)` returns the raw value (undefined if the row lacks the column).
 */
export function tableFromRows(
  schema: Schema,
  count: number,
  get: (row: number, column: string) => unknown,
  describe: (row: number) => string,
): Table {
  const columns = schema.map((c) => allocColumn(c.dataType, count));
  for (let i = 0; i < count; i++) {
    schema.forEach((c, j) => {
      const r = convertValue(get(i, c.name), c.dataType);
      if (!r.ok) throw new PxlRuntimeError(`${describe(i)}: column '${c.name}': ${r.why}`);
      storeValue(columns[j]!, i, c.dataType, r.value);
    });
  }
  return makeTable(schema, columns, count);
}

/** The error for a data set that lacks columns the script reads. */
export function missingColumnsError(where: string, table: string, missing: readonly string[]): PxlRuntimeError {
  return new PxlRuntimeError(
    `${where} has no column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `'${m}'`).join(', ')}, which the script reads from '${table}'`,
    [
      'add the column(s) to the data, or read only the columns you have: ' +
        `px.DataFrame(table='${table}', select=[...])`,
    ],
  );
}

/** Keeps the rows whose time_ lies in [startNs, endNs]. */
export function timeWindowIndices(
  time: BigInt64Array | undefined,
  n: number,
  startNs?: bigint,
  endNs?: bigint,
): number[] | undefined {
  if (!time || (startNs === undefined && endNs === undefined)) return undefined;
  const keep: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = time[i]!;
    if ((startNs === undefined || t >= startNs) && (endNs === undefined || t <= endNs)) keep.push(i);
  }
  return keep;
}

export function takeRows(t: Table, rows: readonly number[]): Table {
  const at = Int32Array.from(rows);
  return makeTable(
    t.schema,
    t.schema.map((c, j) => gatherColumn(t.columns[j]!, c.dataType, at)),
    rows.length,
  );
}
