// Browser stand-in for src/runtime/engines/engine-run.ts: SQL engines are reached from Node only.

import { PxlRuntimeError } from '../../src/runtime/contracts.js';
export type { EngineModule } from '../../src/runtime/engines/engine-run.js';

export async function openEngineData(url: string): Promise<never> {
  throw new PxlRuntimeError(`cannot open the engine ${url} in a browser: the playground runs on the demo data`);
}
