// The checked plan → the engine's part as SQL, and the JavaScript part that runs after it. Like Pixie's split
// between data-plane agents and the aggregator: every node SQL can express (in both dialects, so one compiled
// module runs on either engine) runs in the engine; the first node that cannot — a metadata lookup, a UDF without
// an SQL equivalent — and everything downstream of it run in the runtime, on the rows the engine returns.
// The result is a residual plan where each boundary node is a Source reading `engineTable(node)`.

import { SourceFile } from '../core/source.js';
import { liveColumns } from '../core/plan/liveness.js';
import type { Plan, PlanNode, SourceNode } from '../core/plan/plan.js';
import { inputsOf } from '../core/plan/plan.js';
import { type EngineColumn, type EnginePlan, type EngineQuery, engineTable } from '../core/engine-plan.js';
import { DIALECTS, type Dialect } from '../core/sql-text.js';
import { alias, renderBlock, subquery } from './block.js';
import { dialectOps } from './dialect.js';
import { Lowerer } from './lower.js';

export interface SqlCompilation {
  readonly engine: EnginePlan;
  /** The plan with engine-computed nodes replaced by Sources of their query's rows. */
  readonly residual: Plan;
}

export function compileSql(plan: Plan, source?: { path: string; text: string }): SqlCompilation {
  const file = source ? new SourceFile(source.path, source.text) : undefined;
  const live = liveColumns(plan);
  const lowerers = Object.fromEntries(DIALECTS.map((d) => [d, new Lowerer(plan, dialectOps(d), live, file)])) as Record<
    Dialect,
    Lowerer
  >;
  const reachable = reachableFromSinks(plan);
  const inEngine = (id: number) => DIALECTS.every((d) => lowerers[d].lower(id).ok);
  const why = new Map<number, string>();
  for (const id of reachable) {
    if (inEngine(id)) continue;
    const failed = DIALECTS.map((d) => lowerers[d].lower(id)).find((r) => !r.ok);
    if (failed && !failed.ok) why.set(id, failed.why);
  }

  // Boundary: engine nodes whose rows a JavaScript node or a sink reads.
  const boundary = new Set<number>();
  for (const s of plan.sinks) if (inEngine(s.input)) boundary.add(s.input);
  for (const id of reachable) {
    if (inEngine(id)) continue;
    for (const i of inputsOf(plan.nodes[id]!)) if (inEngine(i)) boundary.add(i);
  }
  const queries: EngineQuery[] = [...boundary]
    .sort((a, b) => a - b)
    .map((id) => {
      const wanted = lowerers.duckdb.wanted(id);
      const schema = plan.nodes[id]!.schema;
      const first = lowerers.duckdb.lower(id);
      const columns: EngineColumn[] = wanted.map((k) => ({
        name: schema[k]!.name,
        dataType: schema[k]!.dataType,
        ...(first.ok && first.block.columns[k]!.quantiles ? { quantiles: true as const } : {}),
      }));
      const sql = Object.fromEntries(DIALECTS.map((d) => [d, finalQuery(lowerers[d], id, wanted)])) as Record<
        Dialect,
        string
      >;
      return { node: id, columns, sql };
    });

  const nodes: PlanNode[] = plan.nodes.map((n) =>
    boundary.has(n.id)
      ? ({ kind: 'Source', id: n.id, schema: n.schema, span: n.span, table: engineTable(n.id) } satisfies SourceNode)
      : n,
  );
  const residual: Plan = { ...plan, nodes };
  const scans = plan.nodes.filter((n): n is SourceNode => n.kind === 'Source' && reachable.includes(n.id));
  const tables = [...new Set(scans.map((n) => n.table))].sort();
  const timeTables = [
    ...new Set(scans.filter((n) => n.schema.some((c) => c.name === 'time_')).map((n) => n.table)),
  ].sort();
  return {
    engine: { queries, tables, timeTables, explain: explainSplit(plan, residual, boundary, why, file) },
    residual,
  };
}

/**
 * The engine variant a compiled module carries; undefined when the plan cannot be named in SQL at all (a column
 * name holding NUL or '{{'): such a module runs in-process only, and says so when given --engine.
 */
export function engineVariant(
  plan: Plan,
  source: { path: string; text: string },
): { plan: EnginePlan; residual: Plan } | undefined {
  try {
    const c = compileSql(plan, source);
    return { plan: c.engine, residual: c.residual };
  } catch (e) {
    if ((e as Error).name === 'PxlRuntimeError') return undefined;
    throw e;
  }
}

/** The boundary node's rows under their PxL names. */
function finalQuery(l: Lowerer, id: number, wanted: readonly number[]): string {
  const r = l.lower(id);
  if (!r.ok) throw new Error(`internal: node ${id} is not in the engine`);
  const names = l.names(id);
  const d = l.d;
  const level = l.tags.next();
  const b = r.block;
  // Rows of a scan reach JavaScript in the table's time order, as in-process reads give them (a head() or
  // time-merged union there depends on it); grouped and joined rows come in the engine's order.
  const ordered = b.timeOrder !== undefined && !b.groupBy && !b.limit;
  const timeK = ordered ? wanted.find((k) => b.columns[k]!.sql === b.timeOrder) : undefined;
  const inner = renderBlock(
    ordered && timeK === undefined ? { ...b, orderBy: b.timeOrder! } : b,
    wanted,
    names,
    d,
    level,
    '  ',
  );
  const select = wanted.map((k) => `  ${d.ident(alias(k, names[k]!, level))} AS ${d.ident(names[k]!)}`);
  const order = timeK === undefined ? '' : `\nORDER BY ${d.ident(alias(timeK, names[timeK]!, level))}`;
  return `SELECT\n${select.join(',\n')}\nFROM ${subquery(inner)}${order}`;
}

function reachableFromSinks(plan: Plan): number[] {
  const seen = new Set<number>();
  const stack = plan.sinks.map((s) => s.input);
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...inputsOf(plan.nodes[id]!));
  }
  return [...seen].sort((a, b) => a - b);
}

function explainSplit(
  plan: Plan,
  residual: Plan,
  boundary: ReadonlySet<number>,
  why: ReadonlyMap<number, string>,
  file?: SourceFile,
): string {
  const where = (n: PlanNode) => (file ? `line ${file.position(n.span.start).line}` : `#${n.id}`);
  const text = (n: PlanNode) =>
    file ? `: ${file.shownLine(file.position(n.span.start).line).trim().replace(/\{\{/g, '{ {')}` : '';
  const lines: string[] = [];
  const reachable = reachableFromSinks(residual);
  const inJs = reachable.filter((id) => !boundary.has(id));
  lines.push(
    `engine: ${boundary.size} quer${boundary.size === 1 ? 'y' : 'ies'} (every scan, filter, map, groupby, merge, union and head SQL can express)`,
  );
  for (const id of [...boundary].sort((a, b) => a - b))
    lines.push(`  query for step #${id} (${where(plan.nodes[id]!)}${text(plan.nodes[id]!)})`);
  if (inJs.length === 0) lines.push('javascript: nothing but the outputs (px.display / px.export)');
  else {
    lines.push(`javascript: ${inJs.length} step${inJs.length === 1 ? '' : 's'} on the rows the engine returns`);
    for (const id of inJs) {
      const n = residual.nodes[id]!;
      const reason = why.get(id);
      const inputsInJs = inputsOf(n).some((i) => !boundary.has(i));
      lines.push(
        `  step #${id} ${n.kind} (${where(n)}${text(n)})${reason && !inputsInJs ? ` — ${reason}` : reason ? ' — after a JavaScript step' : ''}`,
      );
    }
  }
  return lines.join('\n');
}
