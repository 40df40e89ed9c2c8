// A group-by + aggregate fed batch after batch (a file read 64k rows at a time, each batch through the script's
// filters and maps): group keys are interned into dictionaries kept across batches, and each aggregate keeps a
// state per group, so memory follows the groups, not the rows. Groups get ids in first-seen order over the whole
// input and every aggregate sees its rows in input order, so the result is the one groupAggregate gives on the
// whole table — row for row, to the last bit of a floating-point sum.

import { makeTable, type Table } from '../table.js';
import type { ColumnData, Schema } from '../../core/types.js';
import { aggregateDef, type ColumnarState } from '../uda/registry.js';
import { groupAggregate, type AggSpec } from './agg.js';
import { aggregateState, aggregatesIncrementally } from './agg-state.js';
import { gatherColumn, gatherScratch, placeholderColumn, typedTypeOf } from './gather.js';
import { releaseScratch, scratchInt32 } from './scratch.js';
import { dictionaryFor, type ColumnDictionary } from './keys.js';
import { concatColumns } from './union.js';
import { WordDictionary } from './word-dictionary.js';

/** A source's rows: batch after batch (at least one, maybe empty), or the whole table at once. */
export interface BatchedSource {
  each(onBatch: (t: Table) => void): Promise<void>;
  whole(): Promise<Table>;
}

/**
 * What the operators between the source and the group-by make of one batch: the group-by's input, and the rows
 * of it a fused filter kept (undefined: every row).
 */
export type PipedBatch = readonly [Table, (Int32Array | undefined)?];

/**
 * Source → filters/maps → group-by, batch by batch when every aggregate keeps a state per group; otherwise (and
 * it is the same result) the whole table through the same operators. A source that gives a single batch is
 * aggregated as a whole table.
 */
export async function aggregateBatches(
  source: BatchedSource,
  pipe: (t: Table) => PipedBatch,
  inputSchema: Schema,
  groups: readonly number[],
  aggs: readonly AggSpec[],
  schema: Schema,
): Promise<Table> {
  if (
    !aggs.every((a) =>
      aggregatesIncrementally(
        a.fn,
        a.args.map((i) => inputSchema[i]!.dataType),
      ),
    )
  ) {
    const [t, rows] = pipe(await source.whole());
    return releasedAfter(t, groupAggregate(t, groups, aggs, schema, rows));
  }
  let first: PipedBatch | undefined;
  let streamed: StreamAggregate | undefined;
  await source.each((batch) => {
    const piped = pipe(batch);
    if (!streamed) {
      if (!first) {
        first = piped;
        return;
      }
      streamed = new StreamAggregate(inputSchema, groups, aggs, schema);
      streamed.add(first[0], first[1]);
      releasedAfter(first[0], undefined);
      first = undefined;
    }
    streamed.add(piped[0], piped[1]);
    releasedAfter(piped[0], undefined);
  });
  if (streamed) return streamed.finish();
  if (!first) throw new Error('internal: a batched source gave no batch');
  return releasedAfter(first[0], groupAggregate(first[0], groups, aggs, schema, first[1]));
}

/**
 * `result`, once the group-by is done with the piped table `t`: the columns the chain's maps computed in borrowed
 * working memory (scratchColumn) are given back. Only the group-by reads a piped table (the chain's steps each feed
 * the next alone), and its result shares no column with its input; releasing ignores the source's own columns.
 */
function releasedAfter<T>(t: Table, result: T): T {
  releaseScratch(...t.columns.filter((c): c is Exclude<ColumnData, unknown[]> => !Array.isArray(c)));
  return result;
}

class StreamAggregate {
  private readonly grouping = new StreamGrouping();
  /** Per group column: its values for the groups each batch added. */
  private readonly keys: ColumnData[][];
  private readonly states: ColumnarState[];
  private readonly countsRows: boolean[];

  constructor(
    private readonly inputSchema: Schema,
    private readonly groups: readonly number[],
    private readonly aggs: readonly AggSpec[],
    private readonly schema: Schema,
  ) {
    this.keys = groups.map(() => []);
    this.states = aggs.map((a, k) => aggregateState(a.fn, this.argTypes(a), schema[groups.length + k]!.dataType));
    this.countsRows = aggs.map((a) => aggregateDef(a.fn, this.argTypes(a)).countsRows === true);
  }

  private argTypes(a: AggSpec) {
    return a.args.map((i) => this.inputSchema[i]!.dataType);
  }

  private get count(): number {
    return this.groups.length === 0 ? 1 : this.grouping.count;
  }

  /** `rows`: the batch's rows to aggregate (a fused filter's), all when undefined. */
  add(t: Table, rows: Int32Array | undefined): void {
    const n = rows ? rows.length : t.length;
    const { ids, first } = this.grouping.add(
      this.groups.map((g) => t.columns[g]!),
      n,
      rows,
    );
    if (first.length > 0) {
      const at = rows ? Int32Array.from(first, (r) => rows[r]!) : Int32Array.from(first);
      this.groups.forEach((g, k) => this.keys[k]!.push(gatherColumn(t.columns[g]!, this.schema[k]!.dataType, at)));
    }
    const selected = new Map<number, ColumnData>();
    const column = (i: number) => {
      if (!rows) return t.columns[i]!;
      let c = selected.get(i);
      if (!c) selected.set(i, (c = gatherScratch(t.columns[i]!, t.schema[i]!.dataType, rows)));
      return c;
    };
    this.aggs.forEach((a, k) => {
      const args = this.countsRows[k]
        ? a.args.map((i) => placeholderColumn(t.schema[i]!.dataType, n))
        : a.args.map(column);
      this.states[k]!.add(args, ids, this.count);
    });
    // The batch's group ids and gathered arguments were working memory (scratch.ts); the states keep no reference.
    releaseScratch(
      ids,
      ...[...selected.values()].filter((c): c is Exclude<ColumnData, unknown[]> => !Array.isArray(c)),
    );
  }

  finish(): Table {
    const count = this.count;
    const out: ColumnData[] = this.keys.map((chunks, k) =>
      concatColumns(
        chunks,
        chunks.map((c) => c.length),
        this.schema[k]!.dataType,
        count,
      ),
    );
    for (const s of this.states) out.push(s.finish(count));
    return makeTable(this.schema, out, count);
  }
}

/**
 * Dense ids for key tuples over batches, in first-seen order: each key column through a dictionary kept across
 * batches (keys.ts), the columns folded pairwise (id so far, next column's code) → id through hash tables that
 * also persist.
 */
class StreamGrouping {
  private dictionaries: ColumnDictionary[] | undefined;
  private readonly pairs: WordDictionary[] = [];
  count = 0;

  /**
   * The group id of each of n rows (column k's values at rows[i] when given; borrowed working memory the caller
   * releases), and the rows where a new group first appears.
   */
  add(allCols: readonly ColumnData[], n: number, rows?: Int32Array): { ids: Int32Array; first: number[] } {
    if (allCols.length === 0) return { ids: scratchInt32(n).fill(0), first: [] };
    // As in KeyTable: typed columns are gathered first, plain arrays (strings, UINT128) read through the rows.
    const cols = rows ? allCols.map((c) => (Array.isArray(c) ? c : gatherScratch(c, typedTypeOf(c), rows))) : allCols;
    const ids = this.intern(cols, n, rows);
    if (rows) releaseScratch(...cols.filter((c): c is Exclude<ColumnData, unknown[]> => !Array.isArray(c)));
    return ids;
  }

  private intern(
    cols: readonly ColumnData[],
    n: number,
    rows: Int32Array | undefined,
  ): { ids: Int32Array; first: number[] } {
    const ids = scratchInt32(n);
    const through = (k: number) => (rows && Array.isArray(cols[k]) ? rows : undefined);
    const dictionaries = (this.dictionaries ??= cols.map(dictionaryFor));
    let first: number[] = [];
    dictionaries[0]!.intern(cols[0]!, n, ids, first, through(0));
    if (cols.length === 1) {
      this.count += first.length;
      return { ids, first };
    }
    const codes = scratchInt32(n);
    for (let k = 1; k < cols.length; k++) {
      dictionaries[k]!.intern(cols[k]!, n, codes, [], through(k));
      const pair = (this.pairs[k - 1] ??= new WordDictionary());
      first = [];
      for (let i = 0; i < n; i++) {
        const before = pair.size;
        const g = pair.intern(ids[i]!, codes[i]!);
        if (g === before) first.push(i);
        ids[i] = g;
      }
    }
    releaseScratch(codes);
    this.count = this.pairs[cols.length - 2]!.size;
    return { ids, first };
  }
}
