// pxlc's public compiler API: PxL source → checked plan → JavaScript module text.

import type { CheckResult } from './checker/check.js';
import { check, type CheckInput } from './compiler.js';
import { generateModuleWithMap } from './codegen/generate.js';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import type { Plan } from './core/plan/plan.js';
import { engineVariant } from './sql/compile.js';
import { VERSION } from './runtime/version.js';

export { VERSION };

import { COMPILER_URL, RUNTIME_URL } from './self-urls.js';

export { COMPILER_URL, RUNTIME_URL };

export interface CompileInput extends CheckInput {
  /** Import specifier of the runtime in the output; default RUNTIME_URL. Use 'pxlc/runtime' to bundle. */
  readonly runtimeImport?: string;
  /**
   * Import specifier of the compiler, for entry points compiled when they run; default COMPILER_URL with the
   * default runtime, else 'pxlc/compile-entry'.
   */
  readonly compilerImport?: string;
  /**
   * Also split the plan for SQL engines (src/sql) and embed the engine's queries, so that the module can run with
   * `--engine duckdb:FILE|clickhouse://...`. Off by default: most modules run in-process only.
   */
  readonly engines?: boolean;
  /**
   * Source map of the module back to the script: 'inline' appends it to the module as a data URL (what lets a
   * compiled module's run-time errors name the PxL line; `pxlc compile` does this by default); 'external' returns it
   * as `map` and points at `file`.map; 'none' (the default here) leaves it out.
   */
  readonly sourceMap?: { readonly mode: 'inline' | 'external' | 'none'; readonly file?: string };
  /**
   * 'exported': the module exports `runIfMain(moduleUrl)` instead of running itself when it is node's entry, as
   * `pxlc compile --bundle` needs (src/cli/bundle.ts). Default 'if-main'.
   */
  readonly programEntry?: 'if-main' | 'exported';
}

export interface CompileResult extends CheckResult {
  /** The ES module, when there were no errors. */
  readonly js?: string;
  /** The source map (JSON text) of an 'external' source map. */
  readonly map?: string;
}

export function compile(input: CompileInput): CompileResult {
  const checked = check(input);
  if (!checked.plan) return checked;
  const engine = input.engines ? engineVariant(checked.plan, input) : undefined;
  const mode = input.sourceMap?.mode ?? 'none';
  const file = input.sourceMap?.file ?? `${input.path.replace(/^.*[\\/]/, '').replace(/\.pxl$/, '')}.js`;
  const { code, map } = generateModuleWithMap(checked.plan, {
    sourcePath: input.path,
    runtimeImport: input.runtimeImport ?? RUNTIME_URL,
    compilerImport: input.compilerImport ?? (input.runtimeImport === undefined ? COMPILER_URL : 'pxlc/compile-entry'),
    version: VERSION,
    ...(engine ? { engine } : {}),
    ...(input.programEntry ? { programEntry: input.programEntry } : {}),
    ...(mode === 'none' ? {} : { sourceMap: { sourceText: input.text, file } }),
  });
  if (map === undefined) return { ...checked, js: code };
  if (mode === 'external') return { ...checked, js: `${code}//# sourceMappingURL=${encodeURI(file)}.map\n`, map };
  return {
    ...checked,
    js: `${code}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${Buffer.from(map).toString('base64')}\n`,
  };
}

export { check, type CheckInput };
export type { Diagnostic, Plan, CheckResult };
export type * from './core/vis.js';
export { renderText, toJson } from './diagnostics/render.js';
/** The OTel export shim as a typed API: rows → OTLP without writing PxL (see README "Exporting from TypeScript"). */
export * as otel from './runtime/otel/api.js';
