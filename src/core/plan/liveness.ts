// Which columns of each operator's output are ever read: by a sink, by an expression, or by an operator that
// needs them (group keys, join keys, time order). Sources read only their live columns, so a script that uses
// five columns of a 23-column table converts five, and a data file needs only those five.

import type { Expr } from './expr.js';
import type { Plan, PlanNode, Sink } from './plan.js';
import { exportedColumns as exportSpecColumns } from '../otel-spec.js';

export type Liveness = ReadonlyMap<number, ReadonlySet<number>>;

export function liveColumns(plan: Plan, sinks: readonly Sink[] = plan.sinks): Liveness {
  const live = new Map<number, Set<number>>();
  const mark = (node: number, cols: Iterable<number>) => {
    let set = live.get(node);
    if (!set) live.set(node, (set = new Set()));
    for (const c of cols) set.add(c);
  };
  for (const s of sinks) {
    const schema = plan.nodes[s.input]!.schema;
    if (s.kind === 'Display')
      mark(
        s.input,
        schema.map((_, i) => i),
      );
    else {
      const names = exportedColumns(s);
      mark(
        s.input,
        schema.flatMap((c, i) => (names.has(c.name) ? [i] : [])),
      );
    }
  }
  // Nodes are topologically ordered, so walking backwards sees every consumer before its input.
  for (let id = plan.nodes.length - 1; id >= 0; id--) {
    const used = live.get(id);
    if (!used) continue;
    propagate(plan, plan.nodes[id]!, used, mark);
  }
  return live;
}

function propagate(
  plan: Plan,
  n: PlanNode,
  used: ReadonlySet<number>,
  mark: (node: number, cols: Iterable<number>) => void,
): void {
  switch (n.kind) {
    case 'Source':
    case 'Udtf':
      return;
    case 'Map':
      mark(n.input, []);
      for (const j of used) {
        const c = n.columns[j]!;
        mark(n.input, c.kind === 'input' ? [c.index] : columnRefs(c.expr));
      }
      return;
    case 'Filter':
      mark(n.input, [...used, ...columnRefs(n.predicate)]);
      return;
    case 'Limit':
      mark(n.input, used);
      return;
    case 'Agg':
      mark(n.input, [...n.groups, ...n.aggs.flatMap((a) => a.args)]);
      return;
    case 'Join': {
      const leftWidth = plan.nodes[n.left]!.schema.length;
      mark(n.left, [...n.leftOn, ...[...used].filter((j) => j < leftWidth)]);
      mark(n.right, [...n.rightOn, ...[...used].filter((j) => j >= leftWidth).map((j) => j - leftWidth)]);
      return;
    }
    case 'Union':
      n.inputs.forEach((input, k) => {
        const map = n.columnMaps[k]!;
        const cols = [...used, ...(n.timeColumn === undefined ? [] : [n.timeColumn])].map((j) => map[j]!);
        mark(input, cols);
      });
      return;
  }
}

function columnRefs(e: Expr): number[] {
  switch (e.kind) {
    case 'Column':
      return [e.index];
    case 'Call':
      return e.args.flatMap(columnRefs);
    default:
      return [];
  }
}

function exportedColumns(s: Extract<Sink, { kind: 'Export' }>): Set<string> {
  return new Set<string>(['time_', ...exportSpecColumns(s.spec)]);
}
