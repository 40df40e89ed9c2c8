import type { PlanNode, Sink } from '../core/plan/plan.js';
import type { Span } from '../core/source.js';
import type { Schema } from '../core/types.js';

/** Operators one plan may have (each is a function of the module, a step of the run). */
export const MAX_PLAN_NODES = 20_000;

/**
 * Output columns one plan may have over all its operators, an output shared with the input (filter, head) counted
 * once. Each is a schema entry of the module: `df.cN = ...` after a filter, N times, makes N Maps of up to N columns.
 */
export const MAX_PLAN_COLUMNS = 50_000;

/** Thrown by `add` past a limit: the checker stops interpreting and reports it at the operator's statement. */
export class PlanTooLarge extends Error {
  constructor(
    readonly span: Span,
    readonly what: string,
  ) {
    super(what);
  }
}

type Unnumbered<T> = T extends unknown ? Omit<T, 'id'> : never;

/** Accumulates plan nodes in creation order (which is topological) and the sinks. */
export class PlanBuilder {
  readonly nodes: PlanNode[] = [];
  readonly sinks: Sink[] = [];
  /** How many times each node is consumed by another node or a sink (map merging needs single use). */
  readonly uses = new Map<number, number>();
  /** The function-based entry point being checked; sinks added meanwhile belong to it. */
  entry: string | undefined;

  private columns = 0;
  private readonly counted = new WeakSet<Schema>();

  add(node: Unnumbered<PlanNode>): PlanNode {
    if (!this.counted.has(node.schema)) {
      this.counted.add(node.schema);
      this.columns += node.schema.length;
    }
    if (this.nodes.length >= MAX_PLAN_NODES) throw new PlanTooLarge(node.span, `more than ${MAX_PLAN_NODES} operators`);
    if (this.columns > MAX_PLAN_COLUMNS)
      throw new PlanTooLarge(node.span, `more than ${MAX_PLAN_COLUMNS} columns over all operators' outputs`);
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
