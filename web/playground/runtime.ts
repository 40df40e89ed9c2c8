// The runtime as compiled modules import it in a browser: the same operators and runScript as
// src/runtime/index.ts (src/runtime/operators.ts), without the command line (a page has no process to run from).

export * from '../../src/runtime/operators.js';
import { PxlRuntimeError } from '../../src/runtime/contracts.js';

export function isMainModule(): boolean {
  return false;
}

export async function runMain(): Promise<never> {
  throw new PxlRuntimeError('a compiled module runs from the command line with node, not in a page');
}
