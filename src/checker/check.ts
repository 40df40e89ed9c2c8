// Entry of the checker: a parsed script → plan + diagnostics (interpret the module, finish the plan).

import type { SourceFile } from '../core/source.js';
import type { ParsedScript } from '../frontend/parser.js';
import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages, flagMessage } from '../diagnostics/messages.js';
import type { EntryPoint, Plan, Sink } from '../core/plan/plan.js';
import type { Schema } from '../core/types.js';
import type { CheckContext, CheckOptions } from './context.js';
import type { CheckIndex } from './check-index.js';
import { readPxSetFlags } from './flags.js';
import { Interpreter } from './interpret.js';
import { PlanBuilder, PlanTooLarge } from './plan-builder.js';
import { pxtraceModule } from './pxtrace-module.js';
import { BUILTIN_TYPES, pxModule, typeObject } from './px-module.js';
import { checkEntryPoints, checkEntryWithValues } from './entry-points.js';
import { pxviewsModule } from './pxviews.js';
import { Scope } from './scope.js';
import { SourceStack } from './sources.js';
import { TableCatalog } from './tables.js';
import { NONE, lit, type Value } from './values.js';

export interface CheckEnv {
  readonly options?: Partial<CheckOptions>;
  /** Tables beyond Pixie's (`--schema FILE.json`). */
  readonly schemas?: Readonly<Record<string, Schema>>;
  /** Told the DataFrame and column types at each place of the script, for editors (see check-index.ts). */
  readonly index?: CheckIndex;
}

export interface CheckResult {
  readonly file: SourceFile;
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
  /** Module-level user functions, for function-based execution (SPEC §13.2). */
  readonly functions: readonly string[];
}

/** The check stage: `ParsedScript → Plan` (with every diagnostic, the parser's included). */
export function check(parsed: ParsedScript, env: CheckEnv = {}): CheckResult {
  const { file, module: mod } = parsed;
  const input = { path: file.path, text: file.text, schemas: env.schemas };
  const diags = new DiagnosticBag(file);
  const options: CheckOptions = { pluginContext: true, defaultEndpoint: true, ...env.options };
  const { flags, problems } = readPxSetFlags(input.text);
  for (const p of problems) diags.error(p.span, flagMessage(p.message));
  if (input.text.trim() === '') {
    diags.error({ start: 0, end: 0 }, Messages.emptyQuery());
    return { file, diagnostics: diags.all(), functions: [] };
  }
  for (const d of parsed.diagnostics) diags.adopt(d);
  if (mod.body.length === 0 && !diags.hasErrors) {
    diags.error({ start: 0, end: 0 }, Messages.noRunnableCode());
  }
  const plan = new PlanBuilder();
  const ctx: CheckContext = {
    file,
    sources: new SourceStack(file),
    diags,
    plan,
    catalog: new TableCatalog(input.schemas),
    options,
    ...(env.index ? { index: env.index } : {}),
  };
  const globals = new Scope();
  for (const [name, v] of [
    ['None', NONE],
    ['True', lit('BOOLEAN', true, { start: 0, end: 0 })],
    ['False', lit('BOOLEAN', false, { start: 0, end: 0 })],
  ] as const) {
    globals.bind(name, v);
  }
  for (const [name, dt] of BUILTIN_TYPES) globals.bind(name, typeObject(name, dt));
  globals.bind('list', { kind: 'TypeObject', name: 'list', dataType: 'STRING', semanticType: 'ST_NONE' });
  const interp = new Interpreter(ctx, globals);
  const px = pxModule(interp);
  interp.modules.set('px', px);
  interp.modules.set('pxviews', () => pxviewsModule(interp));
  interp.modules.set('pxtrace', () => pxtraceModule(interp));
  let scope: Scope;
  try {
    scope = interp.runModule(mod);
  } catch (e) {
    return planTooLarge(e, file, diags);
  }

  const functions = scope.visibleNames().filter((n) => {
    const v = scope.lookup(n) as Value;
    return v.kind === 'UserFunction' && v.library === undefined;
  });
  // A script of only functions is a function-based script (SPEC §13.2): its outputs come from the calls a
  // vis spec or --func makes, so no top-level px.display is needed.
  if (plan.sinks.length === 0 && functions.length === 0 && !diags.hasErrors) {
    diags.error({ start: 0, end: Math.min(1, input.text.length) }, Messages.noOutput());
  }
  let entries: EntryPoint[] = [];
  try {
    if (options.entryArgs) checkEntryWithValues(interp, scope, options.entryArgs.func, options.entryArgs.args);
    else entries = checkEntryPoints(interp, scope, functions, options.knownArgValues);
  } catch (e) {
    return { ...planTooLarge(e, file, diags), functions };
  }
  if (diags.hasErrors) return { file, diagnostics: diags.all(), functions };
  const sinks = uniqueNames(plan.sinks);
  const script = entries.some((e) => e.compileAtRunTime) ? { script: { path: input.path, text: input.text } } : {};
  return {
    file,
    diagnostics: diags.all(),
    functions,
    plan: {
      nodes: plan.nodes,
      sinks,
      flags: { maxOutputRowsPerTable: flags.maxOutputRowsPerTable },
      entries,
      ...script,
    },
  };
}

/** A plan past its limits stops the check with one error at the statement that passed them (anything else is a bug). */
function planTooLarge(e: unknown, file: SourceFile, diags: DiagnosticBag): CheckResult {
  if (!(e instanceof PlanTooLarge)) throw e;
  diags.error(e.span, Messages.planTooLarge(e.what));
  return { file, diagnostics: diags.all(), functions: [] };
}

/** Later displays with a taken name become name_1, name_2, ... in program order (SPEC §13.1). */
function uniqueNames(sinks: readonly Sink[]): Sink[] {
  const taken = new Set<string>();
  return sinks.map((s) => {
    if (s.kind !== 'Display') return s;
    let name = s.name;
    for (let i = 1; taken.has(name); i++) name = `${s.name}_${i}`;
    taken.add(name);
    return { ...s, name };
  });
}
