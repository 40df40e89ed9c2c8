// A stable text dump of a plan, each node with its output schema: the golden-file format of checker tests.

import type { Expr } from './expr.js';
import type { Plan, PlanNode, Sink } from './plan.js';
import type { Schema } from '../types.js';

export function printPlan(plan: Plan): string {
  const lines: string[] = [];
  for (const n of plan.nodes) lines.push(`#${n.id} ${describe(n)}`, `    -> ${printSchema(n.schema)}`);
  for (const s of plan.sinks) lines.push(describeSink(s));
  if (plan.flags.maxOutputRowsPerTable !== 10_000)
    lines.push(`max_output_rows_per_table=${plan.flags.maxOutputRowsPerTable}`);
  return `${lines.join('\n')}\n`;
}

export function printSchema(schema: Schema): string {
  return `[${schema.map((c) => `${c.name}:${c.dataType}${c.semanticType === 'ST_NONE' ? '' : `(${c.semanticType})`}`).join(', ')}]`;
}

function describe(n: PlanNode): string {
  switch (n.kind) {
    case 'Source':
      return `Source ${n.table}${n.tracepoint !== undefined ? ` tracepoint=${n.tracepoint}` : ''}${n.startTime ? ` start=${printExpr(n.startTime)}` : ''}${n.endTime ? ` end=${printExpr(n.endTime)}` : ''}`;
    case 'Map':
      return `Map #${n.input} ${n.columns.map((c, i) => `${n.schema[i]!.name}=${c.kind === 'input' ? `$${c.index}` : printExpr(c.expr)}`).join(', ')}`;
    case 'Filter':
      return `Filter #${n.input} ${printExpr(n.predicate)}`;
    case 'Agg':
      return `Agg #${n.input} by [${n.groups.map((g) => `$${g}`).join(', ')}] ${n.aggs.map((a) => `${a.fn}(${a.args.map((x) => `$${x}`).join(', ')})`).join(', ')}`;
    case 'Join':
      return `Join #${n.left} #${n.right} ${n.how} on [${n.leftOn.join(', ')}] = [${n.rightOn.join(', ')}]`;
    case 'Union':
      return `Union ${n.inputs.map((i) => `#${i}`).join(' ')}${n.timeColumn === undefined ? '' : ' by time_'}`;
    case 'Limit':
      return `Limit #${n.input} ${n.nArg === undefined ? n.n : `arg.${n.nArg}`}`;
    case 'Udtf':
      return `Udtf ${n.fn} ${JSON.stringify(n.args)}`;
  }
}

function describeSink(s: Sink): string {
  const entry = s.entry === undefined ? '' : ` [${s.entry}]`;
  return (
    (s.kind === 'Display' ? `Display #${s.input} '${s.name}'` : `Export #${s.input} ${JSON.stringify(s.spec)}`) + entry
  );
}

export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'Column':
      return `$${e.index}`;
    case 'Literal':
      return typeof e.value === 'string'
        ? JSON.stringify(e.value)
        : typeof e.value === 'bigint'
          ? `${e.value}`
          : String(e.value);
    case 'Now':
      return e.offsetNs === 0n ? `now` : `now${e.offsetNs < 0n ? '' : '+'}${e.offsetNs}ns`;
    case 'ParamTime':
      return `time(arg.${e.name})`;
    case 'Param':
      return `arg.${e.name}:${e.dataType}`;
    case 'PluginTime':
      return `plugin.${e.which}${e.offsetNs === 0n ? '' : `${e.offsetNs < 0n ? '' : '+'}${e.offsetNs}ns`}`;
    case 'Call':
      return `${e.fn}(${e.args.map(printExpr).join(', ')}):${e.dataType}`;
  }
}
