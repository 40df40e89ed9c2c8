// Python-style argument binding for built-in callables, with Pixie's messages (SPEC §6, §16.3).

import type { Span } from '../core/source.js';
import type { Expr as AstExpr } from '../frontend/ast.js';
import { Messages } from '../diagnostics/messages.js';
import type { CheckContext } from './context.js';
import { nearestKeyword } from './suggest.js';
import type { BoundArgs, ParamSpec, Value } from './values.js';
import { ERROR } from './values.js';

export interface CallArgs {
  readonly positional: readonly { value: Value; span: Span; node?: AstExpr }[];
  readonly keywords: readonly { name: string; value: Value; span: Span; nameSpan: Span; node?: AstExpr }[];
  readonly span: Span;
}

/** Binds arguments to parameters; reports every problem and returns undefined when binding failed. */
export function bindArgs(
  ctx: CheckContext,
  fnName: string,
  params: readonly ParamSpec[],
  args: CallArgs,
): BoundArgs | undefined {
  const values = new Map<string, Value>();
  const spans = new Map<string, Span>();
  const nodes = new Map<string, AstExpr | undefined>();
  let ok = true;
  if (args.positional.length > params.length) {
    ctx.diags.error(
      args.positional[params.length]!.span,
      Messages.tooManyArgs(fnName, params.length, args.positional.length),
    );
    ok = false;
  }
  args.positional.slice(0, params.length).forEach((a, i) => {
    const p = params[i]!;
    values.set(p.name, a.value);
    spans.set(p.name, a.span);
    nodes.set(p.name, a.node);
  });
  // A misspelt keyword (`tabel=`) is one mistake: report the keyword with its suggestion, not also the missing argument.
  const misspelt = new Set<string>();
  for (const kw of args.keywords) {
    const p = params.find((q) => q.name === kw.name);
    if (!p) {
      const suggestion = nearestKeyword(
        kw.name,
        params.map((q) => q.name),
      );
      if (suggestion !== undefined) misspelt.add(suggestion);
      ctx.diags.error(kw.nameSpan, Messages.unexpectedKeyword(fnName, kw.name, suggestion));
      ok = false;
      continue;
    }
    if (values.has(kw.name)) {
      ctx.diags.error(kw.nameSpan, Messages.multipleValues(fnName, kw.name));
      ok = false;
      continue;
    }
    values.set(kw.name, kw.value);
    spans.set(kw.name, kw.span);
    nodes.set(kw.name, kw.node);
  }
  const missing = params.filter((p) => !values.has(p.name) && !p.default && !misspelt.has(p.name)).map((p) => p.name);
  if (missing.length > 0) {
    ctx.diags.error(args.span, Messages.missingArgs(fnName, missing));
    ok = false;
  }
  if (!ok) return undefined;
  for (const p of params) {
    if (!values.has(p.name) && p.default) {
      values.set(p.name, p.default());
      spans.set(p.name, args.span);
    }
  }
  return {
    values,
    spans,
    nodes,
    get: (name) => values.get(name) ?? ERROR,
    span: (name) => spans.get(name) ?? args.span,
  };
}

export const required = (name: string): ParamSpec => ({ name });
export const optional = (name: string, value: () => Value): ParamSpec => ({ name, default: value });
