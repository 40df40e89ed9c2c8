// A script with the vis spec beside it (Pixie's bundle layout: NAME.pxl + vis.json): the spec is read and its
// calls are checked against the script's entry points. The plan carries the spec, so the compiled module's default
// run makes the calls `px run` makes.

import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { CheckResult } from './check.js';
import { checkVisCalls, readVisFile } from './vis-file.js';

export function withVisSpec(
  result: CheckResult,
  visInput: { readonly path: string; readonly text: string },
): CheckResult {
  const vis = readVisFile(visInput.path, visInput.text);
  const diagnostics: Diagnostic[] = [...result.diagnostics, ...vis.diagnostics];
  if (result.plan && vis.spec) diagnostics.push(...checkVisCalls(vis, result.plan.entries));
  const { plan: _plan, ...rest } = result;
  if (!result.plan || diagnostics.some((d) => d.severity === 'error')) return { ...rest, diagnostics };
  return { ...rest, diagnostics, plan: { ...result.plan, ...(vis.spec ? { vis: vis.spec } : {}) } };
}
