// Plan nodes → SQL blocks, one dialect at a time. A node lowers when its inputs do and SQL can express it;
// otherwise the reason is kept, and that node and everything after it run in JavaScript (split.ts).

import type { SourceFile } from '../core/source.js';
import type { Liveness } from '../core/plan/liveness.js';
import type { Plan, PlanNode } from '../core/plan/plan.js';
import { marker } from '../core/sql-text.js';
import { aggregateSql, quantilesFromSorted } from './aggregates.js';
import { type Block, LevelTags, aliasedColumns, alias, append, chainOf, renderBlock, subquery } from './block.js';
import type { DialectOps } from './dialect.js';
import { type SqlColumn, translateExpr } from './expr.js';

export type Lowered = { readonly ok: true; readonly block: Block } | { readonly ok: false; readonly why: string };

export class Lowerer {
  private readonly done = new Map<number, Lowered>();
  readonly tags = new LevelTags();

  constructor(
    private readonly plan: Plan,
    readonly d: DialectOps,
    private readonly live: Liveness,
    private readonly source?: SourceFile,
  ) {}

  lower(id: number): Lowered {
    let r = this.done.get(id);
    if (!r) {
      r = this.lowerNode(this.plan.nodes[id]!);
      this.done.set(id, r);
    }
    return r;
  }

  /** Output columns of `id` that some consumer reads, in order. */
  wanted(id: number): number[] {
    return [...(this.live.get(id) ?? [])].sort((a, b) => a - b);
  }

  names(id: number): string[] {
    return this.plan.nodes[id]!.schema.map((c) => c.name);
  }

  /** The node's block as a subquery that a new block reads from. */
  wrap(id: number, b: Block): Block {
    const names = this.names(id);
    const wanted = this.wanted(id);
    const level = this.tags.next();
    const columns = aliasedColumns(b, names, this.d, level);
    const timeK =
      b.timeOrder === undefined || b.groupBy
        ? -1
        : b.columns.findIndex((c, k) => c.sql === b.timeOrder && wanted.includes(k));
    return {
      from: subquery(renderBlock(b, wanted, names, this.d, level, '  ')),
      where: undefined,
      columns,
      ...(timeK >= 0 ? { timeOrder: columns[timeK]!.sql } : {}),
      comments: undefined,
      depth: b.depth + 1,
    };
  }

  private comment(n: PlanNode): string | undefined {
    if (!this.source) return undefined;
    const line = this.source.position(n.span.start).line;
    return `line ${line}: ${this.source.shownLine(line).trim()}`;
  }

  private input(id: number): Lowered {
    return this.lower(id);
  }

  private lowerNode(n: PlanNode): Lowered {
    const d = this.d;
    const fail = (why: string): Lowered => ({ ok: false, why });
    const withComment = (b: Block): Lowered => {
      // Each level of a nested query holds the text of every level inside it, indented once more.
      if (b.depth > MAX_SQL_NESTING)
        return fail(`its SQL would nest SELECTs ${b.depth} deep (more than ${MAX_SQL_NESTING})`);
      const c = this.comment(n);
      const comments = c === undefined || b.comments?.last === c ? b.comments : append(b.comments, c);
      return { ok: true, block: { ...b, comments } };
    };
    switch (n.kind) {
      case 'Source': {
        const hasTime = n.schema.some((c) => c.name === 'time_' && c.dataType === 'TIME64NS');
        const where: string[] = [];
        for (const [bound, op] of [
          [n.startTime, '>='],
          [n.endTime, '<='],
        ] as const) {
          if (!bound || !hasTime) continue;
          const t = translateExpr(bound, [], d);
          if (!t.ok) return fail(t.why);
          where.push(`${d.ident('time_')} ${op} ${t.sql}`);
        }
        return withComment({
          from: d.ident(n.table),
          where: chainOf(where),
          columns: n.schema.map((c) => ({ sql: d.ident(c.name) })),
          ...(hasTime ? { timeOrder: d.ident('time_') } : {}),
          comments: undefined,
          depth: 0,
        });
      }
      case 'Udtf':
        return fail(`${n.fn}() is a table function served by the runtime`);
      case 'Map': {
        const r = this.input(n.input);
        if (!r.ok) return r;
        const b = r.block.limit ? this.wrap(n.input, r.block) : r.block;
        const columns: SqlColumn[] = [];
        for (const c of n.columns) {
          if (c.kind === 'input') {
            columns.push(b.columns[c.index]!);
            continue;
          }
          const t = translateExpr(c.expr, b.columns, d);
          if (!t.ok) return fail(t.why);
          columns.push({ sql: t.sql });
        }
        return withComment({ ...b, columns });
      }
      case 'Filter': {
        const r = this.input(n.input);
        if (!r.ok) return r;
        const b = r.block.limit || r.block.groupBy ? this.wrap(n.input, r.block) : r.block;
        const t = translateExpr(n.predicate, b.columns, d);
        if (!t.ok) return fail(t.why);
        return withComment({ ...b, where: append(b.where, t.sql) });
      }
      case 'Agg':
        return this.lowerAgg(n, withComment);
      case 'Limit': {
        const r = this.input(n.input);
        if (!r.ok) return r;
        const b = r.block.limit ? this.wrap(n.input, r.block) : r.block;
        const order = !b.groupBy && b.timeOrder ? { orderBy: b.timeOrder } : {};
        return withComment({ ...b, ...order, limit: n.nArg === undefined ? String(n.n) : marker.argCount(n.nArg) });
      }
      case 'Join':
        return this.lowerJoin(n, withComment);
      case 'Union':
        return this.lowerUnion(n, withComment);
    }
  }

  private lowerAgg(n: Extract<PlanNode, { kind: 'Agg' }>, withComment: (b: Block) => Lowered): Lowered {
    const d = this.d;
    const r = this.input(n.input);
    if (!r.ok) return r;
    const b = r.block.limit || r.block.groupBy || r.block.orderBy ? this.wrap(n.input, r.block) : r.block;
    const groups: string[] = [];
    for (const g of n.groups) {
      const c = b.columns[g]!;
      if (c.quantiles) return { ok: false, why: 'a px.quantiles column is a group key' };
      groups.push(c.sql);
    }
    const columns: SqlColumn[] = groups.map((sql) => ({ sql }));
    const quantileCols: number[] = [];
    for (const a of n.aggs) {
      if (a.args.length !== 1) return { ok: false, why: `px.${a.fn} takes ${a.args.length} columns` };
      const arg = b.columns[a.args[0]!]!;
      if (arg.quantiles) return { ok: false, why: `px.${a.fn} of a px.quantiles column` };
      const argType = this.plan.nodes[n.input]!.schema[a.args[0]!]!.dataType;
      const s = aggregateSql(a.fn, argType, arg.sql, d);
      if (s.kind === 'none') return { ok: false, why: s.why };
      if (s.kind === 'quantiles') quantileCols.push(columns.length);
      columns.push({ sql: s.kind === 'plain' ? s.sql : s.sorted });
    }
    const grouped: Block = {
      from: b.from,
      where: b.where,
      columns,
      groupBy: groups,
      comments: b.comments,
      depth: b.depth,
    };
    const commented = withComment(grouped);
    if (!commented.ok || quantileCols.length === 0) return commented;
    // Quantiles: the grouped SELECT gathers each group's sorted values; the SELECT around it reads them off.
    const names = this.names(n.id);
    const level = this.tags.next();
    const inner = renderBlock(
      commented.block,
      columns.map((_, k) => k),
      names,
      d,
      level,
      '  ',
    );
    const outer = aliasedColumns(commented.block, names, d, level).map((c, k) =>
      quantileCols.includes(k) ? { sql: quantilesFromSorted(c.sql, d), quantiles: true as const } : c,
    );
    // Wrapped once more, so that px.pluck_float64 of a quantiles column reads the list instead of repeating it.
    return {
      ok: true,
      block: this.wrap(n.id, {
        from: subquery(inner),
        where: undefined,
        columns: outer,
        comments: undefined,
        depth: commented.block.depth + 1,
      }),
    };
  }

  private lowerJoin(n: Extract<PlanNode, { kind: 'Join' }>, withComment: (b: Block) => Lowered): Lowered {
    const d = this.d;
    const l = this.input(n.left);
    if (!l.ok) return l;
    const r = this.input(n.right);
    if (!r.ok) return r;
    const side = (id: number, b: Block, keys: readonly number[]) => {
      if (keys.some((k) => b.columns[k]!.quantiles)) return undefined;
      const wanted = [...new Set([...this.wanted(id), ...keys])].sort((x, y) => x - y);
      const level = this.tags.next();
      return {
        sql: renderBlock(b, wanted, this.names(id), d, level, '  '),
        columns: aliasedColumns(b, this.names(id), d, level),
      };
    };
    const left = side(n.left, l.block, n.leftOn);
    const right = side(n.right, r.block, n.rightOn);
    if (!left || !right) return { ok: false, why: 'a px.quantiles column is a join key' };
    const tooLarge = sharedTooLarge([left.sql, right.sql]);
    if (tooLarge) return { ok: false, why: tooLarge };
    const on = n.leftOn.map((k, i) => `${left.columns[k]!.sql} = ${right.columns[n.rightOn[i]!]!.sql}`).join(' AND ');
    const kind = { inner: 'INNER', left: 'LEFT', right: 'RIGHT', outer: d.name === 'duckdb' ? 'FULL OUTER' : 'FULL' }[
      n.how
    ];
    const from = `(\n${left.sql}\n) AS l\n${d.name === 'clickhouse' ? 'ALL ' : ''}${kind} JOIN (\n${right.sql}\n) AS r ON ${on}`;
    // ClickHouse fills unmatched sides with zero values itself (join_use_nulls = 0); DuckDB gives NULLs.
    const schema = this.plan.nodes[n.id]!.schema;
    const nullable = (s: 'l' | 'r') =>
      d.name === 'duckdb' && (n.how === 'outer' || n.how === (s === 'l' ? 'right' : 'left'));
    const zeroed = (c: SqlColumn, k: number, s: 'l' | 'r'): SqlColumn => {
      if (!nullable(s) || c.quantiles) return c;
      const t = schema[k]!.dataType;
      const zero = t === 'BOOLEAN' ? false : t === 'FLOAT64' ? 0 : t === 'STRING' ? '' : 0n;
      return { sql: `coalesce(${c.sql}, ${d.literal(t, zero)})` };
    };
    const nl = left.columns.length;
    const columns = [
      ...left.columns.map((c, k) => zeroed(c, k, 'l')),
      ...right.columns.map((c, k) => zeroed(c, nl + k, 'r')),
    ];
    return withComment({
      from,
      where: undefined,
      columns,
      comments: undefined,
      depth: Math.max(l.block.depth, r.block.depth) + 1,
    });
  }

  private lowerUnion(n: Extract<PlanNode, { kind: 'Union' }>, withComment: (b: Block) => Lowered): Lowered {
    const d = this.d;
    const names = this.names(n.id);
    const parts: string[] = [];
    let depth = 0;
    const level = this.tags.next();
    for (const [k, input] of n.inputs.entries()) {
      const r = this.input(input);
      if (!r.ok) return r;
      const map = n.columnMaps[k]!;
      const columns = map.map((i) => r.block.columns[i]!);
      if (columns.some((c) => c.quantiles)) return { ok: false, why: 'a px.quantiles column in a union' };
      parts.push(
        renderBlock(
          { ...r.block, columns },
          names.map((_, j) => j),
          names,
          d,
          level,
          '  ',
        ),
      );
      depth = Math.max(depth, r.block.depth + 2);
    }
    const tooLarge = sharedTooLarge(parts);
    if (tooLarge) return { ok: false, why: tooLarge };
    const from = `(\n${parts.map((p) => `SELECT * FROM (\n${p}\n)`).join('\nUNION ALL\n')}\n)`;
    const columns = names.map((name, j) => ({ sql: d.ident(alias(j, name, level)) }));
    const time = n.timeColumn === undefined ? {} : { timeOrder: columns[n.timeColumn]!.sql };
    return withComment({ from, where: undefined, columns, ...time, comments: undefined, depth });
  }
}

/**
 * The longest SQL text the inputs of one union or join may have together. SQL has no way to name a sub-query
 * for two readers in both dialects (ClickHouse 18 has no WITH ... AS (SELECT)), so an input shared by both
 * sides is written out twice, and `df = df.append(df)` repeated doubles the text each time. Past this the
 * step runs in JavaScript, on the rows of its inputs, each computed once by the engine.
 */
export const MAX_COMBINED_SQL = 100_000;

/**
 * The deepest a query may nest SELECTs (a head() or groupby followed by more steps wraps the query so far in a new
 * SELECT). ClickHouse refuses past 100 levels by default, and each level repeats the indentation of all inside it;
 * a step past this runs in JavaScript on the rows of the query before it.
 */
export const MAX_SQL_NESTING = 32;

function sharedTooLarge(parts: readonly string[]): string | undefined {
  const size = parts.reduce((n, p) => n + p.length, 0);
  if (size <= MAX_COMBINED_SQL) return undefined;
  return `its inputs' SQL together is ${size} characters (more than ${MAX_COMBINED_SQL}: a step read by both sides is repeated in each)`;
}
