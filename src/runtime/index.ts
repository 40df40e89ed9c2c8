// What generated modules and embedding services import: `import * as rt from 'pxlc/runtime'`.

export { makeTable, emptyTable, type Table } from './table.js';
export type { ColumnInfo, DataType, Schema, SemanticType } from '../core/types.js';
export { filterRows, keptRows } from './ops/filter.js';
export { int64ToDoubles, int64WordsLE } from './ops/int64-words.js';
export { selectColumns } from './ops/project.js';
export { aggregateJoin, groupAggregate } from './ops/agg.js';
export { aggregateBatches } from './ops/stream-agg.js';
export { joinTables } from './ops/join.js';
export { unionTables } from './ops/union.js';
export { limitRows } from './ops/limit.js';
export { dictionaryColumn, encodeDictionary } from './ops/dictionary.js';
export { runScript, type RunOptions, type RunResult, type ScriptInfo, type ExecuteFn } from './run.js';
export { runMain, isMainModule } from './module-cli.js';
export { PxlRuntimeError, type ResultTable, type MetadataProvider, type TableSource } from './contracts.js';
export type { OTelExportSpec } from '../core/otel-spec.js';
export { runCompiledAtRunTime } from './compile-at-run-time.js';
export * as otel from './otel/api.js';
