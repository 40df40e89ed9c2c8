// Tables handed in by a service that embeds a compiled script: arrays of row objects, objects of column
// arrays, pxlc Tables, or danfo.js DataFrames. Converted once per read with the script's schema.

import { PxlRuntimeError, type SourceRequest, type TableSource } from '../contracts.js';
import { makeTable, type Table } from '../table.js';
import type { Schema } from '../../core/types.js';
import { convertValue, missingColumnsError, tableFromRows, takeRows, timeWindowIndices } from './convert.js';
import { own } from '../../core/dict.js';
import { int64Range } from '../ops/int64-words.js';

/** The shapes a service may pass for one table. */
export type InMemoryTable =
  | readonly Readonly<Record<string, unknown>>[]
  | Readonly<Record<string, readonly unknown[] | ArrayLike<unknown>>>
  | Table
  | { readonly columns: readonly string[]; readonly values: readonly (readonly unknown[])[] };

interface Accessor {
  readonly count: number;
  readonly names: ReadonlySet<string>;
  get(row: number, column: string): unknown;
}

export class InMemorySource implements TableSource {
  readonly tableNames: readonly string[];
  /** Each table's time column as last read: its range is computed only when a warning asks for it. */
  private readonly times = new Map<string, BigInt64Array>();

  constructor(private readonly tables: Readonly<Record<string, unknown>>) {
    this.tableNames = Object.keys(tables);
  }

  async read(request: SourceRequest): Promise<Table> {
    const { table, schema } = request;
    if (!Object.hasOwn(this.tables, table)) {
      throw new PxlRuntimeError(`the script reads table '${table}', but no such table was passed to run()`, [
        `tables given: ${this.tableNames.length ? this.tableNames.join(', ') : '(none)'}`,
      ]);
    }
    const where = `table '${table}' passed to run()`;
    const given = this.tables[table];
    const direct = isTable(given) ? sameTypedColumns(given, schema) : undefined;
    if (direct) return this.windowed(table, direct, schema, request.startNs, request.endNs);
    const acc = accessor(given, where);
    const missing = schema.map((c) => c.name).filter((n) => !acc.names.has(n));
    if (missing.length > 0) throw missingColumnsError(where, table, missing);
    const t = tableFromRows(
      schema,
      acc.count,
      (i, c) => acc.get(i, c),
      (i) => `${where}, row ${i}`,
    );
    return this.windowed(table, t, schema, request.startNs, request.endNs);
  }

  timeRange(table: string): { min: bigint; max: bigint } | undefined {
    const times = this.times.get(table);
    return times ? int64Range(times) : undefined;
  }

  /**
   * The rows in [startNs, endNs]; remembers the table's time column for "the window selected no rows" (scanning
   * it on every read would cost a pass over a column nothing else may read).
   */
  private windowed(table: string, t: Table, schema: Schema, startNs?: bigint, endNs?: bigint): Table {
    const timeIdx = schema.findIndex((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
    const times = timeIdx >= 0 ? (t.columns[timeIdx] as BigInt64Array) : undefined;
    if (times && t.length > 0) this.times.set(table, times.length === t.length ? times : times.subarray(0, t.length));
    const keep = timeWindowIndices(times, t.length, startNs, endNs);
    return keep ? takeRows(t, keep) : t;
  }

  async latestTime(): Promise<bigint | undefined> {
    let latest: bigint | undefined;
    for (const name of this.tableNames) {
      const acc = accessor(this.tables[name], `table '${name}' passed to run()`);
      if (!acc.names.has('time_')) continue;
      for (let i = 0; i < acc.count; i++) {
        const r = convertValue(acc.get(i, 'time_'), 'TIME64NS');
        if (r.ok && (latest === undefined || (r.value as bigint) > latest)) latest = r.value as bigint;
      }
    }
    return latest;
  }
}

function accessor(value: unknown, where: string): Accessor {
  if (Array.isArray(value)) {
    const rows = value as readonly unknown[];
    const names = new Set<string>();
    rows.forEach((r, i) => {
      if (typeof r !== 'object' || r === null || Array.isArray(r))
        throw new PxlRuntimeError(`${where}, row ${i}: expected an object of column values`);
      for (const k of Object.keys(r)) names.add(k);
    });
    // A column counts as present only if every row has it; a row without it is reported by conversion.
    return { count: rows.length, names, get: (i, c) => own(rows[i] as Record<string, unknown>, c) };
  }
  if (typeof value !== 'object' || value === null)
    throw new PxlRuntimeError(`${where}: expected rows, columns or a DataFrame, got ${typeof value}`);
  const v = value as Record<string, unknown>;
  if (Array.isArray(v['schema']) && Array.isArray(v['columns']) && typeof v['length'] === 'number') {
    const t = value as Table;
    const byName = new Map(t.schema.map((c, j) => [c.name, t.columns[j]!] as const));
    return {
      count: t.length,
      names: new Set(byName.keys()),
      get: (i, c) =>
        fromStored(
          (byName.get(c) as ArrayLike<unknown> | undefined)?.[i],
          t.schema.find((s) => s.name === c)?.dataType,
        ),
    };
  }
  if (Array.isArray(v['columns']) && Array.isArray(v['values'])) {
    // danfo.js DataFrame (or anything shaped like one): column names and row-major values.
    const names = (v['columns'] as unknown[]).map(String);
    const rows = v['values'] as readonly (readonly unknown[])[];
    const at = new Map(names.map((n, j) => [n, j] as const));
    return { count: rows.length, names: new Set(names), get: (i, c) => rows[i]?.[at.get(c) ?? -1] };
  }
  const cols = Object.entries(v);
  const lengths = new Set(cols.map(([, a]) => (a as ArrayLike<unknown> | undefined)?.length));
  for (const [name, a] of cols) {
    if (typeof a !== 'object' || a === null || typeof (a as ArrayLike<unknown>).length !== 'number') {
      throw new PxlRuntimeError(`${where}: column '${name}' is not an array`);
    }
  }
  if (lengths.size > 1) {
    throw new PxlRuntimeError(
      `${where}: columns have different lengths (${cols.map(([n, a]) => `${n}: ${(a as ArrayLike<unknown>).length}`).join(', ')})`,
    );
  }
  const count = cols.length ? (cols[0]![1] as ArrayLike<unknown>).length : 0;
  return { count, names: new Set(cols.map(([n]) => n)), get: (i, c) => (own(v, c) as ArrayLike<unknown>)[i] };
}

function isTable(v: unknown): v is Table {
  const o = v as Partial<Table> | null;
  return (
    typeof o === 'object' &&
    o !== null &&
    Array.isArray(o.schema) &&
    Array.isArray(o.columns) &&
    typeof o.length === 'number'
  );
}

/** A pxlc Table already holding every column with the right type is used as is: no copy, no conversion. */
function sameTypedColumns(t: Table, schema: Schema): Table | undefined {
  const columns = [];
  for (const c of schema) {
    const j = t.schema.findIndex((s) => s.name === c.name);
    if (j < 0 || t.schema[j]!.dataType !== c.dataType || t.columns[j]!.length !== t.length) return undefined;
    columns.push(t.columns[j]!);
  }
  return makeTable(schema, columns, t.length);
}

function fromStored(x: unknown, type: string | undefined): unknown {
  return type === 'BOOLEAN' ? x === 1 : x;
}
