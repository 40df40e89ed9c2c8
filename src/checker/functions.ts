// The UDF/UDA signature registry (data/functions.json) and exact-match overload resolution (SPEC §7.3).

import { functionsJson } from '../core/data-files.js';
import type { DataType } from '../core/types.js';
import { own } from '../core/dict.js';

interface Overload {
  readonly args: readonly DataType[];
  readonly ret: DataType;
}
interface FunctionsFile {
  udf: Record<string, { brief: string; overloads: Overload[] }>;
  uda: Record<string, { brief: string; overloads: Overload[] }>;
}

const file = functionsJson() as FunctionsFile;

export type FunctionKind = 'udf' | 'uda';

export function functionKind(name: string): FunctionKind | undefined {
  if (Object.hasOwn(file.uda, name)) return 'uda';
  if (Object.hasOwn(file.udf, name)) return 'udf';
  return undefined;
}

export function allFunctionNames(): string[] {
  return [...Object.keys(file.udf), ...Object.keys(file.uda)];
}

export function resolveOverload(kind: FunctionKind, name: string, args: readonly DataType[]): DataType | undefined {
  const entry = own(kind === 'udf' ? file.udf : file.uda, name);
  const match = entry?.overloads.find((o) => o.args.length === args.length && o.args.every((t, i) => t === args[i]));
  return match?.ret;
}

export function overloadList(kind: FunctionKind, name: string): string[] {
  const entry = own(kind === 'udf' ? file.udf : file.uda, name);
  return (entry?.overloads ?? []).map((o) => `(${o.args.join(', ')}) → ${o.ret}`);
}
