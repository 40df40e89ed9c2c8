// What a view page shows, as plain JSON: the server sends it to the browser, the playground builds it in the
// browser, and `--output html` embeds it in a report. Values are JSON-safe: times are milliseconds since the
// epoch (fractional, so nanoseconds survive to 1 ms / 1e6 precision), INT64 are numbers when exact and decimal
// text past 2^53, UPIDs are text as Pixie prints them.

import type { DataType } from '../../core/types.js';
import type { Table } from '../table.js';
import { formatUint128 } from '../metadata/upid.js';
import type { GridPosition, PageDisplay } from './display.js';

export type Cell = string | number | boolean | null;

export interface PageColumn {
  readonly name: string;
  readonly type: DataType;
  readonly semanticType: string;
}

export interface PageTable {
  readonly name: string;
  readonly columns: readonly PageColumn[];
  readonly rows: readonly (readonly Cell[])[];
  /** Rows the table had; `rows` holds at most MAX_PAGE_ROWS of them. */
  readonly totalRows: number;
}

export interface PageVariable {
  readonly name: string;
  readonly type: string;
  readonly description: string;
  readonly value: string;
  /** Values to pick from: the spec's validValues (then only those), or names from the data's cluster. */
  readonly choices: readonly string[];
  readonly strict: boolean;
}

export interface PageWidget {
  readonly name: string;
  readonly position: GridPosition;
  readonly display: PageDisplay;
  /** Key of its table in `tables`; absent when producing it failed (see `error`). */
  readonly table?: string;
  readonly error?: string;
  /** Why its table is empty: it reads what only a cluster has (one line, shown instead of the table). */
  readonly unavailable?: string;
}

/** What one px.export would send: tables of resources and items, and the OTLP/JSON requests themselves. */
export interface PageExport {
  readonly title: string;
  /** The collector address the script names (never its headers). */
  readonly endpoint?: string;
  readonly resources: PageTable;
  readonly points?: PageTable;
  readonly spans?: PageTable;
  readonly logs?: PageTable;
  readonly otlp: readonly { readonly signal: 'metrics' | 'traces' | 'logs'; readonly request: unknown }[];
}

export interface ViewPage {
  readonly title: string;
  readonly variables: readonly PageVariable[];
  readonly widgets: readonly PageWidget[];
  readonly tables: Readonly<Record<string, PageTable>>;
  readonly exports: readonly PageExport[];
  readonly warnings: readonly string[];
  /** The script could not be compiled or run at all: shown instead of the widgets. */
  readonly error?: string;
  /** When the data was computed (ISO-8601), and the refresh period in ms for live views. */
  readonly ranAt: string;
  readonly everyMs?: number;
  /** The send button is offered when the page came from a server that can deliver exports. */
  readonly canSend?: boolean;
}

export const MAX_PAGE_ROWS = 5000;

const TWO_53 = 2n ** 53n;

export function pageTable(name: string, table: Table): PageTable {
  const n = Math.min(table.length, MAX_PAGE_ROWS);
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) rows.push(new Array<Cell>(table.schema.length));
  table.schema.forEach((c, j) => {
    const col = table.columns[j]!;
    for (let i = 0; i < n; i++) rows[i]![j] = cellValue(col as ArrayLike<unknown>, i, c.dataType);
  });
  return {
    name,
    columns: table.schema.map((c) => ({ name: c.name, type: c.dataType, semanticType: c.semanticType })),
    rows,
    totalRows: table.length,
  };
}

function cellValue(col: ArrayLike<unknown>, i: number, type: DataType): Cell {
  const v = col[i];
  switch (type) {
    case 'BOOLEAN':
      return v === 1 || v === true;
    case 'FLOAT64':
      return Number.isFinite(v as number) ? (v as number) : String(v);
    case 'STRING':
      return v as string;
    case 'INT64': {
      const b = v as bigint;
      return b > TWO_53 || b < -TWO_53 ? String(b) : Number(b);
    }
    case 'TIME64NS': {
      const ns = v as bigint;
      return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
    }
    case 'UINT128':
      return formatUint128(v as bigint);
  }
}
