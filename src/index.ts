// pxlc's public compiler API: PxL source → checked plan → JavaScript module text.

import { createRequire } from 'node:module';
import { check, type CheckInput, type CheckResult } from './checker/check.js';
import { generateModule } from './codegen/generate.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Plan } from './plan/plan.js';
import { engineVariant } from './sql/compile.js';

export const VERSION = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;

/** The runtime this compiler ships, as an absolute file URL: compiled modules run from any directory. */
export const RUNTIME_URL = new URL('./runtime/index.js', import.meta.url).href;

export interface CompileInput extends CheckInput {
  /** Import specifier of the runtime in the output; default RUNTIME_URL. Use 'pxlc/runtime' to bundle. */
  readonly runtimeImport?: string;
}

export interface CompileResult extends CheckResult {
  /** The ES module, when there were no errors. */
  readonly js?: string;
}

export function compile(input: CompileInput): CompileResult {
  const checked = check(input);
  if (!checked.plan) return checked;
  const engine = engineVariant(checked.plan, input);
  const js = generateModule(checked.plan, {
    sourcePath: input.path, runtimeImport: input.runtimeImport ?? RUNTIME_URL, version: VERSION, ...(engine ? { engine } : {}),
  });
  return { ...checked, js };
}

export { check };
export type { Diagnostic, Plan, CheckResult };
export { renderText, toJson } from './diagnostics/render.js';
/** The OTel export shim as a typed API: rows → OTLP without writing PxL (see README "Exporting from TypeScript"). */
export * as otel from './runtime/otel/api.js';
