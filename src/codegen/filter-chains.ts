// Runs of filters where each is read only by the next (`df = df[...]` line after line) are computed by one
// function with one loop over the rows: each predicate is tested on the rows all before it kept, as when each
// filter copied its rows for the next, but a run of 10 000 filters is one function of 10 000 tests instead of
// 10 000 functions, tables and copies.

import type { FilterNode, Plan } from '../core/plan/plan.js';
import { inputsOf } from '../core/plan/plan.js';

export interface FilterRuns {
  /** Filters computed inside the function of a later filter of their run: they have no table of their own. */
  readonly inner: ReadonlySet<number>;
  /** The run a filter ends, first to last (a filter alone is a run of one). */
  run(last: FilterNode): readonly FilterNode[];
  /** The table a filter's function reads: its run's input. */
  input(last: FilterNode): number;
}

export function filterRuns(plan: Plan): FilterRuns {
  const consumers = new Map<number, number>();
  for (const n of plan.nodes) for (const i of inputsOf(n)) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  const sinkInputs = new Set(plan.sinks.map((s) => s.input));
  const inner = new Set<number>();
  const previous = new Map<number, FilterNode>();
  for (const n of plan.nodes) {
    if (n.kind !== 'Filter') continue;
    const before = plan.nodes[n.input]!;
    if (before.kind === 'Filter' && consumers.get(before.id) === 1 && !sinkInputs.has(before.id)) {
      inner.add(before.id);
      previous.set(n.id, before);
    }
  }
  const run = (last: FilterNode): FilterNode[] => {
    const out = [last];
    for (let f = previous.get(last.id); f; f = previous.get(f.id)) out.push(f);
    return out.reverse();
  };
  return { inner, run, input: (last) => run(last)[0]!.input };
}

/** The name of the function that computes a run: a lone filter keeps its node's name. */
export function runFunctionName(run: readonly FilterNode[]): string {
  const last = run[run.length - 1]!;
  return run.length === 1 ? `n${last.id}` : `n${run[0]!.id}_${last.id}`;
}
