// Column assignments that Pixie merges into one Map (SPEC §8.4), kept so that the work grows with the number of
// assignments, not with its square. A run of `df.cN = ...` used to build a Map node with every column after each
// assignment; now each assignment appends one definition to a log and the Map node is built once, when something
// reads the DataFrame (an operator, a sink, its schema).
//
// DataFrame values are immutable and may be aliased (`df2 = df`), so a group never changes: it is a prefix
// (`length`) of a log that only grows at its end. Extending the newest group appends in place; extending an older
// one (an alias that grows apart) copies its prefix into a new log, once.

import type { Span } from '../core/source.js';
import type { MapColumn } from '../core/plan/plan.js';
import type { ColumnInfo, Schema } from '../core/types.js';

export interface Definition {
  readonly name: string;
  readonly expr: MapColumn;
}

/** Definitions in assignment order, and where each name was defined (ascending positions). */
class DefinitionLog {
  readonly entries: Definition[] = [];
  private readonly positions = new Map<string, number[]>();

  append(d: Definition): void {
    let at = this.positions.get(d.name);
    if (!at) this.positions.set(d.name, (at = []));
    at.push(this.entries.length);
    this.entries.push(d);
  }

  /** Whether `name` is defined among the first `length` entries. */
  defines(name: string, length: number): boolean {
    const at = this.positions.get(name);
    return at !== undefined && at[0]! < length;
  }
}

/** The state a Map node is made from: its input, the columns assigned so far, and the node once it is made. */
export class MapGroup {
  private made: { readonly node: number; readonly schema: Schema } | undefined;

  private constructor(
    readonly baseNode: number,
    readonly baseSchema: Schema,
    readonly startsWithProjection: boolean,
    private readonly log: DefinitionLog,
    private readonly length: number,
    /** The span of the statement that made this state: the Map node's. */
    readonly span: Span,
  ) {}

  static start(
    baseNode: number,
    baseSchema: Schema,
    startsWithProjection: boolean,
    defined: readonly Definition[],
    span: Span,
  ): MapGroup {
    const log = new DefinitionLog();
    for (const d of defined) log.append(d);
    return new MapGroup(baseNode, baseSchema, startsWithProjection, log, defined.length, span);
  }

  /** Whether the group assigns `name` (reading it in the next assignment prevents merging, as in Pixie). */
  defines(name: string): boolean {
    return this.log.defines(name, this.length);
  }

  /** The group with one more assignment; a redefinition keeps the column's place and takes the new value. */
  with(d: Definition, span: Span): MapGroup {
    let log = this.log;
    if (log.entries.length !== this.length) {
      // An older state of the log grows apart from its newer one: it gets a log of its own.
      log = new DefinitionLog();
      for (let i = 0; i < this.length; i++) log.append(this.log.entries[i]!);
    }
    log.append(d);
    return new MapGroup(this.baseNode, this.baseSchema, this.startsWithProjection, log, this.length + 1, span);
  }

  /** Whether the Map node exists yet (something read this state). */
  get isMade(): boolean {
    return this.made !== undefined;
  }

  /** The Map node's id and schema, made by `add` the first time they are wanted. */
  node(add: (columns: MapColumn[], schema: Schema, span: Span) => number): {
    readonly node: number;
    readonly schema: Schema;
  } {
    if (this.made) return this.made;
    const { columns, schema } = this.columns();
    this.made = { node: add(columns, schema, this.span), schema };
    return this.made;
  }

  /** [base columns not redefined] + [defined columns in first-definition order], or just the latter after a projection. */
  private columns(): { columns: MapColumn[]; schema: ColumnInfo[] } {
    const order = new Map<string, number>();
    const defined: Definition[] = [];
    for (let i = 0; i < this.length; i++) {
      const d = this.log.entries[i]!;
      const at = order.get(d.name);
      if (at === undefined) {
        order.set(d.name, defined.length);
        defined.push(d);
      } else {
        defined[at] = d;
      }
    }
    const columns: MapColumn[] = [];
    const schema: ColumnInfo[] = [];
    if (!this.startsWithProjection) {
      this.baseSchema.forEach((c, index) => {
        if (order.has(c.name)) return;
        columns.push({ kind: 'input', index });
        schema.push(c);
      });
    }
    for (const d of defined) {
      columns.push(d.expr);
      const info = d.expr.kind === 'input' ? this.baseSchema[d.expr.index]! : d.expr.expr;
      schema.push({ name: d.name, dataType: info.dataType, semanticType: info.semanticType });
    }
    return { columns, schema };
  }
}
