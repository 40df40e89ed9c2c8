// The fuzzing property: compiling any script either succeeds with a module that parses, or reports
// located diagnostics — it never throws and never produces unparsable JavaScript.

import { parse as parseJs } from 'acorn';
import { compile } from '../src/index.js';

export type Outcome = 'compiled' | 'diagnostics';

export class FuzzFailure extends Error {
  constructor(message: string, readonly script: string) {
    super(message);
  }
}

export function compileCase(script: string): Outcome {
  let result;
  try {
    result = compile({ path: 'fuzz.pxl', text: script, runtimeImport: 'pxlc/runtime' });
  } catch (e) {
    throw new FuzzFailure(`compiler crashed: ${(e as Error).stack ?? String(e)}`, script);
  }
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  for (const d of result.diagnostics) {
    if (d.span.start < 0 || d.span.end > script.length || d.span.start > d.span.end) {
      throw new FuzzFailure(`diagnostic span out of the source: ${JSON.stringify(d.span)} (${d.message})`, script);
    }
  }
  if (errors.length > 0) {
    if (result.js !== undefined) throw new FuzzFailure('errors reported but a module was generated', script);
    return 'diagnostics';
  }
  if (result.js === undefined) throw new FuzzFailure('no errors and no module', script);
  try {
    parseJs(result.js, { ecmaVersion: 'latest', sourceType: 'module' });
  } catch (e) {
    throw new FuzzFailure(`generated module does not parse: ${(e as Error).message}`, script);
  }
  return 'compiled';
}
