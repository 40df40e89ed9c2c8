// The values script arguments may take, from a Pixie vis spec (the vis.json beside a script in Pixie's script
// bundles): each widget and global function names its function and maps arguments to variables, and a variable
// may list `validValues`. Only those lists are used (see entry-points.ts); the rest of the spec is display.

import type { KnownArgValues } from './context.js';

interface FuncRef {
  name?: unknown;
  args?: unknown;
}

/** Known values per function and argument; throws an Error naming the problem when the spec is malformed. */
export function knownArgValuesFromVisSpec(spec: unknown, file: string): KnownArgValues {
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec))
    throw new Error(`${file}: a vis spec is a JSON object`);
  const {
    variables = [],
    widgets = [],
    globalFuncs = [],
  } = spec as { variables?: unknown; widgets?: unknown; globalFuncs?: unknown };
  for (const [key, v] of [
    ['variables', variables],
    ['widgets', widgets],
    ['globalFuncs', globalFuncs],
  ] as const) {
    if (!Array.isArray(v)) throw new Error(`${file}: "${key}" must be a list`);
  }
  const valuesOf = new Map<string, string[]>();
  (variables as unknown[]).forEach((v, i) => {
    const { name, validValues } = (v ?? {}) as { name?: unknown; validValues?: unknown };
    if (typeof name !== 'string') throw new Error(`${file}: variables[${i}] needs a "name"`);
    if (validValues === undefined) return;
    if (!Array.isArray(validValues) || !validValues.every((x) => typeof x === 'string')) {
      throw new Error(`${file}: variables[${i}] (${name}): "validValues" must be a list of strings`);
    }
    valuesOf.set(name, validValues as string[]);
  });
  const out = new Map<string, Map<string, readonly string[]>>();
  const funcs = [...(widgets as { func?: FuncRef }[]), ...(globalFuncs as { func?: FuncRef }[])].map((w) => w?.func);
  for (const f of funcs) {
    if (!f || typeof f.name !== 'string' || !Array.isArray(f.args)) continue;
    for (const a of f.args as { name?: unknown; variable?: unknown }[]) {
      const values = typeof a?.variable === 'string' ? valuesOf.get(a.variable) : undefined;
      if (typeof a?.name !== 'string' || !values) continue;
      const args = out.get(f.name) ?? new Map<string, readonly string[]>();
      out.set(f.name, args.set(a.name, values));
    }
  }
  return out;
}
