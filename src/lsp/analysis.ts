// One check of a document for the editor: the syntax tree, the checker's diagnostics and what it learnt at each
// place (the DataFrame each name holds, each column's type), and the script's names. Recomputed on every edit;
// everything the features answer comes from here.

import { check as checkParsed, type CheckResult } from '../checker/check.js';
import type { CheckIndex } from '../checker/check-index.js';
import type { KnownArgValues } from '../checker/context.js';
import { SourceFile, type Span } from '../core/source.js';
import type { ColumnInfo, Schema } from '../core/types.js';
import type * as A from '../frontend/ast.js';
import { parseScript } from '../frontend/parser.js';
import { runtimeConstantEvaluator } from '../runtime/udf/constant-evaluator.js';
import { indexSymbols, type SymbolTable } from './symbols.js';

export interface FrameRecord {
  readonly kind: 'use' | 'binding';
  readonly name: string;
  readonly span: Span;
  readonly schema: Schema;
}

export interface ColumnRecord {
  readonly span: Span;
  readonly column: ColumnInfo;
}

export interface Analysis {
  readonly file: SourceFile;
  readonly module: A.Module;
  readonly result: CheckResult;
  readonly frames: readonly FrameRecord[];
  readonly columns: readonly ColumnRecord[];
  readonly symbols: SymbolTable;
}

export interface AnalysisEnv {
  readonly schemas?: Readonly<Record<string, Schema>>;
  readonly knownArgValues?: KnownArgValues;
}

export function analyze(path: string, text: string, env: AnalysisEnv = {}): Analysis {
  const frames: FrameRecord[] = [];
  const columns: ColumnRecord[] = [];
  const index: CheckIndex = {
    dataFrame: (kind, name, span, schema) => frames.push({ kind, name, span, schema }),
    column: (span, column) => columns.push({ span, column }),
  };
  const parsed = parseScript(new SourceFile(path, text));
  const result = checkParsed(parsed, {
    ...(env.schemas ? { schemas: env.schemas } : {}),
    options: {
      constants: runtimeConstantEvaluator,
      ...(env.knownArgValues ? { knownArgValues: env.knownArgValues } : {}),
    },
    index,
  });
  return { file: parsed.file, module: parsed.module, result, frames, columns, symbols: indexSymbols(parsed.module) };
}

/** The DataFrame `name` holds at `offset`: the latest record of it that ends before the offset. */
export function frameAt(a: Analysis, name: string, offset: number): FrameRecord | undefined {
  let best: FrameRecord | undefined;
  for (const r of a.frames) {
    if (r.name !== name || r.span.end > offset) continue;
    if (!best || r.span.end >= best.span.end) best = r;
  }
  return best;
}

/** The innermost record whose span holds `offset`. */
export function innermost<T extends { readonly span: Span }>(records: readonly T[], offset: number): T | undefined {
  let best: T | undefined;
  for (const r of records) {
    if (r.span.start > offset || offset > r.span.end) continue;
    if (!best || r.span.end - r.span.start <= best.span.end - best.span.start) best = r;
  }
  return best;
}
