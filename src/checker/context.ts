import type { SourceFile } from '../frontend/source.js';
import type { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { TableCatalog } from './tables.js';
import type { PlanBuilder } from './plan-builder.js';
import type { SourceStack } from './sources.js';

export interface CheckOptions {
  /** Whether px.plugin.start_time/end_time are available (pxlc always provides a window at run time). */
  readonly pluginContext: boolean;
  /** Whether an endpoint will be supplied at run time when a script has none (flag or env var). */
  readonly defaultEndpoint: boolean;
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
}
