// The runtime as compiled modules import it in a browser: the same operators and runScript as
// src/runtime/index.ts, without the command line (a page has no process to run from).

export { makeTable, emptyTable, type Table } from '../../src/runtime/table.js';
export { filterRows, keptRows } from '../../src/runtime/ops/filter.js';
export { int64ToDoubles, int64WordsLE } from '../../src/runtime/ops/int64-words.js';
export { selectColumns } from '../../src/runtime/ops/project.js';
export { aggregateJoin, groupAggregate } from '../../src/runtime/ops/agg.js';
export { joinTables } from '../../src/runtime/ops/join.js';
export { unionTables } from '../../src/runtime/ops/union.js';
export { limitRows } from '../../src/runtime/ops/limit.js';
export { runScript } from '../../src/runtime/run.js';
export { PxlRuntimeError } from '../../src/runtime/contracts.js';
export { runCompiledAtRunTime } from '../../src/runtime/compile-at-run-time.js';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';

export function isMainModule(): boolean {
  return false;
}

export async function runMain(): Promise<never> {
  throw new PxlRuntimeError('a compiled module runs from the command line with node, not in a page');
}
