// What generated code calls as `rt.name(...)` (operators, runScript, errors): one list for the Node runtime
// (index.ts) and the runtime a page loads (web/playground/runtime.ts), so what the code generator starts to emit reaches both.

export { makeTable, emptyTable, type Table } from './table.js';
export { filterRows, keptRows } from './ops/filter.js';
export { int64ToDoubles, int64WordsLE } from './ops/int64-words.js';
export { selectColumns } from './ops/project.js';
export { mapDistinct } from './ops/map-distinct.js';
export { codeHits, codesOf } from './ops/code-match.js';
export { scratchColumn } from './ops/gather.js';
export { scratchUint8 } from './ops/scratch.js';
export { aggregateJoin, groupAggregate } from './ops/agg.js';
export { aggregateBatches } from './ops/stream-agg.js';
export { joinTables } from './ops/join.js';
export { unionTables } from './ops/union.js';
export { limitRows } from './ops/limit.js';
export { runScript } from './run.js';
export { PxlRuntimeError } from './contracts.js';
export { runCompiledAtRunTime } from './compile-at-run-time.js';
