// The row groups of a Parquet file on their way to a script: the range of time_ over every row, the rows inside
// the time window kept, then handed on in batches of at most batchRows() rows (a batch never spans two row groups)
// or kept for one table at the end. A dictionary-encoded STRING or UPID column travels as its codes and dictionary
// until a batch is cut, so the window and the batch boundaries move integer codes, not values; each batch's column
// is then made from its codes, which it carries (ops/dictionary.ts).

import type { ColumnData, DataType } from '../../core/types.js';
import { makeTable, type Table } from '../table.js';
import { dictionaryColumn } from '../ops/dictionary.js';
import { gatherColumn } from '../ops/gather.js';
import { int64Words } from '../ops/int64-words.js';
import { concatColumns } from '../ops/union.js';
import { batchRows } from './batch-rows.js';
import { noOffsetWarning, type CsvTable, type CsvTableRequest } from './csv-table.js';

/** A STRING or UINT128 column as codes into its values (one row group's dictionary). */
export interface CodedColumn {
  readonly codes: Int32Array;
  readonly values: readonly (string | bigint)[];
}

export type GroupColumn = ColumnData | CodedColumn;

function isCoded(c: GroupColumn): c is CodedColumn {
  return !Array.isArray(c) && 'codes' in c;
}

export class GroupRows {
  private readonly time: number;
  private readonly batchRows = batchRows();
  private readonly pieces: (readonly GroupColumn[])[] = [];
  private readonly lengths: number[] = [];
  private min: bigint | undefined;
  private max: bigint | undefined;
  private toldUtc = false;

  constructor(private readonly request: CsvTableRequest) {
    this.time = request.schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
  }

  /** Warns once per file about a time read without an offset (as UTC). */
  noOffset(where: string, column: string): void {
    if (this.toldUtc) return;
    this.toldUtc = true;
    this.request.warn?.(noOffsetWarning(where, column));
  }

  /** One row group's columns, `n` rows each. */
  add(columns: GroupColumn[], n: number): void {
    const { request } = this;
    request.onRowsRead?.(n);
    const kept = this.window(columns, n);
    if (kept) {
      columns = columns.map((c, j) =>
        isCoded(c)
          ? { codes: gatherCodes(c.codes, kept), values: c.values }
          : gatherColumn(c, request.schema[j]!.dataType, kept),
      );
      n = kept.length;
    }
    if (!request.onBatch) {
      this.pieces.push(columns);
      this.lengths.push(n);
      return;
    }
    for (let start = 0; start < n; start += this.batchRows) {
      const end = Math.min(n, start + this.batchRows);
      const whole = start === 0 && end === n;
      // Typed columns are handed on as views of the row group's arrays, not copies.
      const batch = columns.map((c) => {
        if (isCoded(c)) return dictionaryColumn(whole ? c.codes : c.codes.subarray(start, end), c.values) as ColumnData;
        return whole ? c : Array.isArray(c) ? (c.slice(start, end) as ColumnData) : c.subarray(start, end);
      });
      request.onBatch(makeTable(request.schema, batch, end - start));
    }
  }

  /**
   * The rows inside the time window, or undefined when that is every row; updates the range of time_. The times
   * are compared as pairs of 32-bit words (high signed, low unsigned): reading them as BigInts costs one per row.
   */
  private window(columns: readonly GroupColumn[], n: number): Int32Array | undefined {
    if (this.time < 0 || n === 0) return undefined;
    const times = columns[this.time] as BigInt64Array;
    const w = int64Words(times);
    if (!w) return this.windowOfBigInts(times, n);
    const { startNs, endNs } = this.request;
    const [sHi, sLo] = words(startNs ?? -(1n << 63n));
    const [eHi, eLo] = words(endNs ?? (1n << 63n) - 1n);
    let lo = 0;
    let hi = 0;
    let inside = 0;
    const keep = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const h = w[2 * i + 1]!;
      const l = w[2 * i]! >>> 0;
      if (h < w[2 * lo + 1]! || (h === w[2 * lo + 1]! && l < w[2 * lo]! >>> 0)) lo = i;
      if (h > w[2 * hi + 1]! || (h === w[2 * hi + 1]! && l > w[2 * hi]! >>> 0)) hi = i;
      if ((h > sHi || (h === sHi && l >= sLo)) && (h < eHi || (h === eHi && l <= eLo))) {
        keep[i] = 1;
        inside++;
      }
    }
    this.extend(times[lo]!, times[hi]!);
    return inside === n ? undefined : keptRows(keep, inside);
  }

  private windowOfBigInts(times: BigInt64Array, n: number): Int32Array | undefined {
    const { startNs, endNs } = this.request;
    const keep = new Uint8Array(n);
    let inside = 0;
    for (let i = 0; i < n; i++) {
      const t = times[i]!;
      this.extend(t, t);
      if ((startNs === undefined || t >= startNs) && (endNs === undefined || t <= endNs)) {
        keep[i] = 1;
        inside++;
      }
    }
    return inside === n ? undefined : keptRows(keep, inside);
  }

  private extend(min: bigint, max: bigint): void {
    if (this.min === undefined || min < this.min) this.min = min;
    if (this.max === undefined || max > this.max) this.max = max;
  }

  finish(): CsvTable {
    const { schema } = this.request;
    // Handed on in batches, the rows leave an empty table; else the pieces are joined (none: an empty table).
    const total = this.lengths.reduce((a, b) => a + b, 0);
    const table: Table = makeTable(
      schema,
      schema.map((c, j) =>
        joinColumn(
          this.pieces.map((p) => p[j]!),
          this.lengths,
          c.dataType,
          total,
        ),
      ),
      total,
    );
    return this.min !== undefined && this.max !== undefined
      ? { table, range: { min: this.min, max: this.max } }
      : { table };
  }
}

/** The high (signed) and low (unsigned) 32-bit words of an int64. */
function words(x: bigint): [number, number] {
  return [Number(BigInt.asIntN(64, x) >> 32n), Number(BigInt.asUintN(32, x))];
}

function keptRows(keep: Uint8Array, inside: number): Int32Array {
  const kept = new Int32Array(inside);
  let k = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) kept[k++] = i;
  return kept;
}

function gatherCodes(codes: Int32Array, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = codes[rows[i]!]!;
  return out;
}

/** Row groups' pieces of one column as one column; coded pieces share one dictionary, built as they are joined. */
function joinColumn(
  pieces: readonly GroupColumn[],
  lengths: readonly number[],
  type: DataType,
  total: number,
): ColumnData {
  if (pieces.length === 0) return concatColumns([], [], type, 0);
  if (pieces.length === 1) {
    const p = pieces[0]!;
    return isCoded(p) ? (dictionaryColumn(p.codes, p.values) as ColumnData) : p;
  }
  if (!pieces.every(isCoded)) {
    const plain = pieces.map((p) => (isCoded(p) ? (dictionaryColumn(p.codes, p.values) as ColumnData) : p));
    return concatColumns(plain, lengths, type, total);
  }
  const codeOf = new Map<string | bigint, number>();
  const values: (string | bigint)[] = [];
  const codes = new Int32Array(total);
  let at = 0;
  pieces.forEach((p, k) => {
    const mapped = p.values.map((v) => {
      let c = codeOf.get(v);
      if (c === undefined) {
        c = values.length;
        codeOf.set(v, c);
        values.push(v);
      }
      return c;
    });
    for (let i = 0; i < lengths[k]!; i++) codes[at++] = mapped[p.codes[i]!]!;
  });
  return dictionaryColumn(codes, values) as ColumnData;
}
