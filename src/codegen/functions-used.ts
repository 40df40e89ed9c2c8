// The scalar functions a generated module asks its environment for (`env.fn(key)`, see emit-expr.ts), recorded in
// the module's `script` so that a run of a module that calls none does not load the function registry (start-up).

import type * as es from 'estree';

/** The overload keys of every `env.fn('key')` call in `nodes`, sorted. */
export function functionsUsed(nodes: readonly es.Node[]): string[] {
  const keys = new Set<string>();
  const stack: unknown[] = [...nodes];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      stack.push(...(v as unknown[]));
      continue;
    }
    if (typeof v !== 'object' || v === null || !('type' in v)) continue;
    const key = envFnKey(v as es.Node);
    if (key !== undefined) keys.add(key);
    for (const [k, child] of Object.entries(v)) if (k !== 'loc' && typeof child === 'object') stack.push(child);
  }
  return [...keys].sort();
}

function envFnKey(n: es.Node): string | undefined {
  if (n.type !== 'CallExpression' || n.callee.type !== 'MemberExpression') return undefined;
  const { object, property } = n.callee;
  if (object.type !== 'Identifier' || object.name !== 'env' || property.type !== 'Identifier' || property.name !== 'fn')
    return undefined;
  const arg = n.arguments[0];
  return arg?.type === 'Literal' && typeof arg.value === 'string' ? arg.value : undefined;
}
