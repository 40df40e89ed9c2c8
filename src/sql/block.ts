// One SELECT under construction. Consecutive plan steps fuse into one block while SQL allows it (filters into
// WHERE, column assignments into the select list, a groupby into GROUP BY), so a scan-filter-groupby chain is one
// SELECT straight on the table — which a ClickHouse Distributed table runs on every shard, merging partial
// aggregates on the initiator. Output columns get internal aliases (`_b3_pod`: level b, column 3), never a name a
// source column or another level has: ClickHouse resolves select aliases everywhere in the query, so
// `max(time_) AS time_` or `(_a3_x * 2) AS _a3_x` would refer to themselves.

import type { DialectOps } from './dialect.js';
import type { SqlColumn } from './expr.js';

/**
 * A list that only grows at its end and shares everything before with the list it grew from: each step of a chain
 * of 10 000 filters adds its predicate (and its comment line) to the block it fuses into without copying the
 * 9 999 before, and every step's block stays as it was.
 */
export interface Chain<T> {
  readonly last: T;
  readonly before: Chain<T> | undefined;
}

export function append<T>(list: Chain<T> | undefined, item: T): Chain<T> {
  return { last: item, before: list };
}

export function chainOf<T>(items: readonly T[]): Chain<T> | undefined {
  let list: Chain<T> | undefined;
  for (const x of items) list = append(list, x);
  return list;
}

/** The items, first to last. */
export function itemsOf<T>(list: Chain<T> | undefined): T[] {
  const out: T[] = [];
  for (let l = list; l; l = l.before) out.push(l.last);
  return out.reverse();
}

export interface Block {
  /** FROM clause text (a table, a subquery, a join). */
  readonly from: string;
  /** The conditions of WHERE, all of which hold. */
  readonly where: Chain<string> | undefined;
  /** The node's output columns as SQL over `from`. */
  readonly columns: readonly SqlColumn[];
  readonly groupBy?: readonly string[];
  /** SQL of the time column when the rows are in the table's time order (scans, time-merged unions). */
  readonly timeOrder?: string;
  readonly orderBy?: string;
  readonly limit?: string;
  /** The PxL lines this block computes, as `line N: text`. */
  readonly comments: Chain<string> | undefined;
  /** How many SELECTs `from` nests (0 for a table). */
  readonly depth: number;
}

/** Internal alias of output column `k` at the level tagged `level` (one tag per rendered SELECT). */
export function alias(k: number, name: string, level: string): string {
  return `_${level}${k}_${name}`;
}

/** Tags a, b, …, z, ba, bb, … for the SELECT levels of one query. */
export class LevelTags {
  private n = 0;

  next(): string {
    let k = this.n++;
    let tag = '';
    do {
      tag = String.fromCharCode(97 + (k % 26)) + tag;
      k = Math.floor(k / 26);
    } while (k > 0);
    return tag;
  }
}

/**
 * The block as SQL text selecting `wanted` output columns (by index) under internal aliases, indented by `indent`.
 * A block that computes nothing shows at least one column, so that it stays a valid SELECT.
 */
export function renderBlock(
  b: Block,
  wanted: readonly number[],
  names: readonly string[],
  d: DialectOps,
  level: string,
  indent = '',
): string {
  const cols = wanted.length > 0 ? wanted : [0].filter((k) => k < b.columns.length);
  const lines: string[] = [];
  // A comment holds script text: no line breaks, and no `{{` that would read as a template marker.
  for (const c of itemsOf(b.comments)) lines.push(`-- ${c.replace(/[\r\n]/g, ' ').replace(/\{\{/g, '{ {')}`);
  const select = cols.map((k) => `${b.columns[k]!.sql} AS ${d.ident(alias(k, names[k]!, level))}`);
  if (select.length === 0) select.push('1 AS _dummy');
  lines.push('SELECT');
  select.forEach((s, i) => lines.push(`  ${s}${i < select.length - 1 ? ',' : ''}`));
  lines.push(`FROM ${b.from}`);
  if (b.where) lines.push(`WHERE ${itemsOf(b.where).join('\n  AND ')}`);
  if (b.groupBy && b.groupBy.length > 0) lines.push(`GROUP BY ${b.groupBy.join(', ')}`);
  if (b.orderBy) lines.push(`ORDER BY ${b.orderBy}`);
  if (b.limit) lines.push(`LIMIT ${b.limit}`);
  return lines
    .join('\n')
    .split('\n')
    .map((l) => indent + l)
    .join('\n');
}

/** A subquery as the FROM clause of a new block. */
export function subquery(sql: string): string {
  return `(\n${sql}\n)`;
}

/** Columns of a wrapped block: the subquery's internal aliases. */
export function aliasedColumns(b: Block, names: readonly string[], d: DialectOps, level: string): SqlColumn[] {
  return b.columns.map((c, k) => ({
    sql: d.ident(alias(k, names[k]!, level)),
    ...(c.quantiles ? { quantiles: true as const } : {}),
  }));
}

export function indent(text: string, by = '  '): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}
