import type { PlanNode, Sink } from '../core/plan/plan.js';

type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Accumulates plan nodes in creation order (which is topological) and the sinks. */
export class PlanBuilder {
  readonly nodes: PlanNode[] = [];
  readonly sinks: Sink[] = [];
  /** How many times each node is consumed by another node or a sink (map merging needs single use). */
  readonly uses = new Map<number, number>();
  /** The function-based entry point being checked; sinks added meanwhile belong to it. */
  entry: string | undefined;

  add(node: Unnumbered<PlanNode>): PlanNode {
    const full = { ...node, id: this.nodes.length } as PlanNode;
    this.nodes.push(full);
    return full;
  }

  use(id: number): void {
    this.uses.set(id, (this.uses.get(id) ?? 0) + 1);
  }

  /** Forgets the sinks added since there were `count`: a trial run of an entry point's body. */
  dropSinksFrom(count: number): void {
    this.sinks.length = Math.min(this.sinks.length, count);
  }

  addSink(sink: Sink): void {
    this.use(sink.input);
    this.sinks.push(this.entry === undefined ? sink : { ...sink, entry: this.entry });
  }
}
