// An optional side-output of the check for editors: what the checker learnt at each place of the script — the
// DataFrame a name holds there (its columns, for completion after `df.`) and the type of each column a script
// reads (for hover). The checker only reports to it; it never reads it back, so checking is the same with or
// without one.

import type { Span } from '../core/source.js';
import type { ColumnInfo, Schema } from '../core/types.js';

export interface CheckIndex {
  /**
   * A DataFrame at `span`: `use` — a name evaluated to it there; `binding` — an assignment statement (its whole
   * span) left `name` holding it, so the schema is the one after the statement (`df.x = ...` included).
   */
  dataFrame(kind: 'use' | 'binding', name: string, span: Span, schema: Schema): void;
  /** A column reference resolved against its operator's input (`df.latency`, `df['latency']`, `df.ctx['pod']`). */
  column(span: Span, column: ColumnInfo): void;
}
