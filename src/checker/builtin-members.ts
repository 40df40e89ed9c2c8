// What the builtin modules offer, as plain data for editors: px, px.otel, px.otel.metric, ... with each member's
// kind and, for functions the checker knows the parameters of, their names in order (optional ones marked). Read
// off the very module values scripts are checked with, so completion offers exactly what the checker accepts.

import { SourceFile } from '../core/source.js';
import { DiagnosticBag } from '../diagnostics/diagnostic.js';
import type { CheckContext } from './context.js';
import { Interpreter } from './interpret.js';
import { PlanBuilder } from './plan-builder.js';
import { pxModule } from './px-module.js';
import { Scope } from './scope.js';
import { SourceStack } from './sources.js';
import { TableCatalog } from './tables.js';
import type { Value } from './values.js';

export interface BuiltinMember {
  readonly name: string;
  readonly kind: 'function' | 'aggregate' | 'module' | 'type' | 'constant';
  /** Parameters of a function whose parameters the checker binds by name. */
  readonly params?: readonly { readonly name: string; readonly optional: boolean }[];
}

let cached: ReadonlyMap<string, readonly BuiltinMember[]> | undefined;

/** Members of each builtin module by its dotted path ('px', 'px.otel', 'px.otel.metric', ...). */
export function builtinMembers(): ReadonlyMap<string, readonly BuiltinMember[]> {
  if (cached) return cached;
  const file = new SourceFile('<builtins>', '');
  const ctx: CheckContext = {
    file,
    sources: new SourceStack(file),
    diags: new DiagnosticBag(file),
    plan: new PlanBuilder(),
    catalog: new TableCatalog(),
    options: { pluginContext: true, defaultEndpoint: true },
  };
  const out = new Map<string, BuiltinMember[]>();
  const walk = (path: string, attrs: ReadonlyMap<string, Value>) => {
    const members: BuiltinMember[] = [];
    for (const [name, v] of attrs) {
      const m = member(name, v);
      if (m) members.push(m);
      if (v.kind === 'Module') walk(`${path}.${name}`, v.attrs);
    }
    out.set(
      path,
      members.sort((a, b) => a.name.localeCompare(b.name)),
    );
  };
  walk('px', pxModule(new Interpreter(ctx, new Scope())).attrs);
  cached = out;
  return out;
}

function member(name: string, v: Value): BuiltinMember | undefined {
  switch (v.kind) {
    case 'Builtin':
      return {
        name,
        kind: 'function',
        params: v.params.map((p) => ({ name: p.name, optional: p.default !== undefined })),
      };
    case 'PxFunction':
      return { name, kind: v.isAggregate ? 'aggregate' : 'function' };
    case 'Module':
      return { name, kind: 'module' };
    case 'TypeObject':
      return { name, kind: 'type' };
    case 'Expr':
      return { name, kind: 'constant' };
    default:
      return undefined;
  }
}
