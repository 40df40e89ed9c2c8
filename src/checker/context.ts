import type { ConstantEvaluator } from '../core/constant-folding.js';
import type { SourceFile } from '../core/source.js';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { TableCatalog } from './tables.js';
import type { PlanBuilder } from './plan-builder.js';
import type { SourceStack } from './sources.js';
import type { CheckIndex } from './check-index.js';

/** A script argument's value (function-based scripts), already converted to its parameter's type. */
export type ArgValue = string | number | bigint | boolean;

/** The values script arguments may take, per entry point and argument (from a vis spec's validValues). */
export type KnownArgValues = ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;

export interface CheckOptions {
  /** Whether px.plugin.start_time/end_time are available (pxlc always provides a window at run time). */
  readonly pluginContext: boolean;
  /** Whether an endpoint will be supplied at run time when a script has none (flag or env var). */
  readonly defaultEndpoint: boolean;
  /** Values script arguments may take, to check bodies that need them per value (see entry-points.ts). */
  readonly knownArgValues?: KnownArgValues;
  /**
   * Compile one entry point with its arguments bound as literals, as Pixie does (a module compiling an entry point
   * when it runs): the plan's outputs are that function's, the script's top level and other functions are left out.
   */
  readonly entryArgs?: { readonly func: string; readonly args: Readonly<Record<string, ArgValue>> };
  /** Folds calls on literals with the runtime's implementations (handed in by the caller; none: no folding). */
  readonly constants?: ConstantEvaluator;
}

/** What every part of the checker needs: where to report, where to build, what tables exist. */
export interface CheckContext {
  readonly file: SourceFile;
  /** The file whose text the spans being interpreted refer to (the script, or a library). */
  readonly sources: SourceStack;
  readonly diags: DiagnosticBag;
  readonly plan: PlanBuilder;
  readonly catalog: TableCatalog;
  readonly options: CheckOptions;
  /** Receives what editors want to know about each place (src/lsp); absent when nobody asks. */
  readonly index?: CheckIndex;
}
