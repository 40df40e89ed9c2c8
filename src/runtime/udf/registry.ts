// The scalar-function registry: overload key (`name(T1,T2)`) → implementation, assembled from one file
// per family. Generated code asks for each key once per run (env.fn) and calls the function per row.

import { PxlRuntimeError, type ScalarFn } from '../contracts.js';
import { registerCompare } from './compare.js';
import type { Family, ScalarContext } from './define.js';
import { registerJson } from './json.js';
import { registerMath } from './math.js';
import { CLUSTER_ONLY, registerMetadata } from './metadata.js';
import { registerNet } from './net.js';
import { registerProtocols } from './protocols.js';
import { registerRegex } from './regex.js';
import { registerRequestPaths } from './request-path.js';
import { registerSql } from './sql-normalize.js';
import { registerPii } from './pii.js';
import { registerStrings } from './strings.js';
import { registerTime } from './time.js';
import { registerUri } from './uri.js';

export type { ScalarContext } from './define.js';

const FAMILY: Family = new Map();
for (const register of [
  registerMath,
  registerCompare,
  registerTime,
  registerStrings,
  registerJson,
  registerRegex,
  registerNet,
  registerUri,
  registerRequestPaths,
  registerProtocols,
  registerSql,
  registerPii,
  registerMetadata,
]) {
  register(FAMILY);
}

export function hasScalarFunction(key: string): boolean {
  return FAMILY.has(key);
}

/** The implementation of one overload, bound to the run's context. */
export function scalarFunction(key: string, ctx: ScalarContext): ScalarFn {
  const make = FAMILY.get(key);
  if (!make) throw new PxlRuntimeError(`function ${key} is not available in pxlc's runtime`);
  return make(ctx);
}

/** False for functions that only a live cluster can answer; they return a zero value or stand-in here. */
export function runsOutsideCluster(name: string): boolean {
  return !CLUSTER_ONLY.has(name);
}

/** Every registered overload key (for coverage tests and tooling). */
export function scalarFunctionKeys(): string[] {
  return [...FAMILY.keys()];
}
