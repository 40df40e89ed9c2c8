// Checking a script, text → AST → plan, with nothing of Node: `pxlc`, services (src/index.ts) and the browser
// playground (web/playground) all check through here.

import { check as checkParsed, type CheckEnv, type CheckResult } from './checker/check.js';
import { withVisSpec } from './checker/check-bundle.js';
import { SourceFile } from './core/source.js';
import { parseScript } from './frontend/parser.js';
import { runtimeConstantEvaluator } from './runtime/udf/constant-evaluator.js';

/** A script to check: its path (for messages), its text, and what the checker needs to know besides. */
export interface CheckInput extends CheckEnv {
  readonly path: string;
  readonly text: string;
  /** The vis.json beside the script (Pixie's bundle layout): checked with it, and carried by the plan. */
  readonly vis?: { readonly path: string; readonly text: string };
}

/**
 * Parses and checks a script: text → AST → plan. Constant folding uses the runtime's own function
 * implementations, so compile time and run time agree.
 */
export function check(input: CheckInput): CheckResult {
  const parsed = parseScript(new SourceFile(input.path, input.text));
  const checked = checkParsed(parsed, {
    ...(input.schemas ? { schemas: input.schemas } : {}),
    options: { constants: runtimeConstantEvaluator, ...input.options },
    ...(input.index ? { index: input.index } : {}),
  });
  return input.vis ? withVisSpec(checked, input.vis) : checked;
}
