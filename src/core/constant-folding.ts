// How the checker folds a call whose arguments are all literals (SPEC §4.3) without importing the runtime: the
// caller of `check` hands it the runtime's own implementations through this interface, so compile time and run
// time agree on every value.

import type { DataType } from './types.js';

export interface ConstantEvaluator {
  /**
   * The value of the overload `key` (see `overloadKey`) on literal arguments, or undefined when it has no
   * implementation that can run at compile time.
   */
  evaluate(key: string, args: readonly unknown[], resultType: DataType): { readonly value: unknown } | undefined;
}
