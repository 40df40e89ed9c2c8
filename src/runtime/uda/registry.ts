// The aggregate-function registry: name and argument types → definition (SPEC §11).

import { PxlRuntimeError } from '../contracts.js';
import type { DataType } from '../../core/types.js';
import { anyDef, countDef, extremumDef, meanDef, sumDef } from './basic.js';
import type { ColumnarAggregateDef } from './columnar.js';
import { pprofDef } from './pprof.js';
import { quantilesDef } from './quantiles.js';
import { requestPathClustersDef } from './request-path-clusters.js';

export type { ColumnarAggregateDef, ColumnarState } from './columnar.js';

const DEFS = new Map<string, ColumnarAggregateDef>();
const add = (d: ColumnarAggregateDef) => DEFS.set(keyOf(d.name, d.argTypes), d);

for (const t of ['BOOLEAN', 'INT64', 'FLOAT64', 'TIME64NS', 'STRING', 'UINT128'] as const) {
  add(countDef(t));
  add(anyDef(t));
}
for (const t of ['INT64', 'FLOAT64', 'BOOLEAN'] as const) {
  add(sumDef(t));
  add(meanDef(t));
}
for (const t of ['INT64', 'FLOAT64', 'TIME64NS'] as const) {
  add(extremumDef('min', t));
  add(extremumDef('max', t));
}
add(quantilesDef('INT64'));
add(quantilesDef('FLOAT64'));
add(pprofDef());
add(requestPathClustersDef());

function keyOf(name: string, argTypes: readonly DataType[]): string {
  return `${name}(${argTypes.join(',')})`;
}

export function hasAggregate(name: string, argTypes: readonly DataType[]): boolean {
  return DEFS.has(keyOf(name, argTypes));
}

export function aggregateDef(name: string, argTypes: readonly DataType[]): ColumnarAggregateDef {
  const d = DEFS.get(keyOf(name, argTypes));
  if (!d) throw new PxlRuntimeError(`aggregate ${keyOf(name, argTypes)} is not available in pxlc's runtime`);
  return d;
}

/** Every registered aggregate overload as `name(T1,…)` (for coverage tests). */
export function aggregateKeys(): string[] {
  return [...DEFS.keys()];
}
