// What generated modules and embedding services import: `import * as rt from 'pxlc/runtime'`.

export * from './operators.js';
export type { ColumnInfo, DataType, Schema, SemanticType } from '../core/types.js';
export { dictionaryColumn, encodeDictionary } from './ops/dictionary.js';
export type { RunOptions, RunResult, ScriptInfo, ExecuteFn } from './run.js';
export { runMain, isMainModule } from './module-cli.js';
export type { ResultTable, MetadataProvider, TableSource } from './contracts.js';
export type { OTelExportSpec } from '../core/otel-spec.js';
export * as otel from './otel/api.js';
