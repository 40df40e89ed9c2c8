// import / from-import of the built-in modules (SPEC §5.3).

import type * as ast from '../frontend/ast.js';
import { Messages } from '../diagnostics/messages.js';
import type { Interpreter } from './interpret.js';
import type { Scope } from './scope.js';
import { ERROR } from './values.js';

export function importModule(interp: Interpreter, alias: ast.ImportAlias, scope: Scope): void {
  const root = alias.name.split('.')[0]!;
  const mod = interp.module(alias.name);
  if (!mod) {
    interp.ctx.diags.error(alias.span, Messages.moduleNotFound(alias.name));
    scope.bind(alias.asName ?? root, ERROR);
    return;
  }
  scope.bind(alias.asName ?? alias.name, mod);
}

export function importFrom(interp: Interpreter, s: ast.ImportFromStmt, scope: Scope): void {
  const mod = s.level === 0 ? interp.module(s.module) : undefined;
  if (!mod || mod.kind !== 'Module') {
    interp.ctx.diags.error(s.span, Messages.moduleNotFound(`${'.'.repeat(s.level)}${s.module}`));
    for (const a of s.names) scope.bind(a.asName ?? a.name, ERROR);
    return;
  }
  for (const a of s.names) {
    const v = mod.attrs.get(a.name);
    if (!v) interp.ctx.diags.error(a.span, Messages.cannotImportName(a.name, s.module));
    scope.bind(a.asName ?? a.name, v ?? ERROR);
  }
}
