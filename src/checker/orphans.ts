// An operand or argument next to a failed one. The failed value makes the whole expression an error that is never
// resolved, so a mistake in its sibling (`px.nosuch(df.a) + px.length(df.b)`: length of an INT64) would go unseen
// until the first one is fixed. The sibling is resolved here, for its diagnostics only, against the DataFrame its
// columns come from; repeated reports of one place are merged by the diagnostic bag.

import type { CheckContext } from './context.js';
import { resolveExpr } from './resolve.js';
import type { DataFrameValue, PExpr } from './values.js';

export function checkSiblingsOfFailed(ctx: CheckContext, siblings: readonly PExpr[]): void {
  for (const e of siblings) {
    const df = soleDataFrame(e);
    if (df) resolveExpr(ctx, e, df);
  }
}

/** The DataFrame every column of `e` was read from; undefined when none is, or when they differ. */
function soleDataFrame(e: PExpr): DataFrameValue | undefined {
  let found: DataFrameValue | undefined;
  let mixed = false;
  const visit = (x: PExpr): void => {
    switch (x.k) {
      case 'Col':
        if (!x.from || (found && found !== x.from)) mixed = true;
        else found = x.from;
        return;
      case 'Call':
        for (const a of x.args) visit(a);
        return;
      case 'Cast':
        visit(x.arg);
        return;
      default:
        return;
    }
  };
  visit(e);
  return mixed ? undefined : found;
}
