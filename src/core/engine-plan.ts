// What a compiled module carries for running on an SQL engine: the queries of the engine's part of the plan
// (one per operator whose rows the JavaScript part or a sink needs) and the split, for --explain. Written by
// src/sql at compile time, read by the runtime; the runtime never builds SQL itself.

import type { DataType } from './types.js';
import type { Dialect } from './sql-text.js';

/** How an engine returns one column: as its PxL value, or (px.quantiles) as the seven quantile values. */
export interface EngineColumn {
  readonly name: string;
  readonly dataType: DataType;
  readonly quantiles?: true;
}

export interface EngineQuery {
  /** The plan node whose rows the query returns; the JavaScript part reads them as table `engineTable(node)`. */
  readonly node: number;
  readonly columns: readonly EngineColumn[];
  /** Query templates (see sql-text.ts `renderTemplate`). */
  readonly sql: Readonly<Record<Dialect, string>>;
}

export interface EnginePlan {
  readonly queries: readonly EngineQuery[];
  /** The tables the engine part scans (checked before anything runs). */
  readonly tables: readonly string[];
  /** Those of them with a time_ column (for `--now latest`). */
  readonly timeTables: readonly string[];
  /** Human-readable split: what runs in the engine, what runs in JavaScript afterwards, and why. */
  readonly explain: string;
}

/** The table name under which the JavaScript part reads a query's rows; NUL keeps it apart from real tables. */
export function engineTable(node: number): string {
  return `\u0000engine:${node}`;
}

export function engineNodeOf(table: string): number | undefined {
  const m = /^\u0000engine:(\d+)$/.exec(table);
  return m ? Number(m[1]) : undefined;
}
