// Names of a script from its syntax tree: where each variable, parameter, import and user function is defined and
// where it is used, for go to definition, find references and the outline. PxL has no loops or branches, so a use
// refers to the latest definition of the name before it in its function (else in the module), as Python would bind
// it when the line runs.

import type * as A from '../frontend/ast.js';
import { assertNever } from '../frontend/ast.js';
import type { Span } from '../core/source.js';

export type SymbolKind = 'function' | 'variable' | 'parameter' | 'import';

/** One name in one scope (the module, or one function): all its definitions and uses. */
export interface ScriptSymbol {
  readonly name: string;
  readonly kind: SymbolKind;
  /** The function whose local it is; undefined for module-level names. */
  readonly scope: A.FunctionDefStmt | undefined;
  /** Name spans of its definitions, in order. */
  readonly defs: Span[];
  /** Spans of the statement or definition each def belongs to (for the outline). */
  readonly defNodes: Span[];
  readonly uses: { readonly span: Span; readonly def: Span | undefined }[];
}

export interface SymbolTable {
  readonly symbols: readonly ScriptSymbol[];
  /** The symbol whose definition or use is at `offset`, and that occurrence's span. */
  at(
    offset: number,
  ): { readonly symbol: ScriptSymbol; readonly span: Span; readonly def: Span | undefined } | undefined;
  /** Names visible at `offset`: that function's and the module's. */
  visible(offset: number): ScriptSymbol[];
}

export function indexSymbols(mod: A.Module): SymbolTable {
  const symbols: ScriptSymbol[] = [];
  const byScope = new Map<A.FunctionDefStmt | undefined, Map<string, ScriptSymbol>>();
  const table = (scope: A.FunctionDefStmt | undefined) => {
    let t = byScope.get(scope);
    if (!t) byScope.set(scope, (t = new Map()));
    return t;
  };
  const define = (scope: A.FunctionDefStmt | undefined, name: string, kind: SymbolKind, span: Span, node: Span) => {
    const t = table(scope);
    let s = t.get(name);
    if (!s) {
      s = { name, kind, scope, defs: [], defNodes: [], uses: [] };
      t.set(name, s);
      symbols.push(s);
    }
    s.defs.push(span);
    s.defNodes.push(node);
  };
  // Uses are resolved after every definition is known: a function body may use a module name defined after it.
  const pending: { name: string; span: Span; scope: A.FunctionDefStmt | undefined }[] = [];

  const expr = (e: A.Expr, scope: A.FunctionDefStmt | undefined): void => {
    switch (e.kind) {
      case 'Name':
        pending.push({ name: e.id, span: e.span, scope });
        return;
      case 'Int':
      case 'Float':
      case 'Str':
      case 'UnsupportedExpr':
      case 'ErrorExpr':
        return;
      case 'List':
      case 'Tuple':
        for (const x of e.elts) expr(x, scope);
        return;
      case 'Dict':
        for (const x of [...e.keys, ...e.values]) expr(x, scope);
        return;
      case 'Attribute':
        expr(e.value, scope);
        return;
      case 'Subscript':
        expr(e.value, scope);
        expr(e.index, scope);
        return;
      case 'Call':
        expr(e.func, scope);
        for (const x of [...e.args, ...e.keywords.map((k) => k.value), ...e.starArgs, ...e.kwStarArgs]) expr(x, scope);
        return;
      case 'BinOp':
        expr(e.left, scope);
        expr(e.right, scope);
        return;
      case 'Compare':
        expr(e.left, scope);
        for (const x of e.comparators) expr(x, scope);
        return;
      case 'BoolOp':
        for (const x of e.values) expr(x, scope);
        return;
      case 'UnaryOp':
        expr(e.operand, scope);
        return;
      default:
        assertNever(e);
    }
  };
  const stmts = (body: readonly A.Stmt[], scope: A.FunctionDefStmt | undefined): void => {
    for (const s of body) {
      switch (s.kind) {
        case 'ExprStmt':
          expr(s.value, scope);
          break;
        case 'Return':
          if (s.value) expr(s.value, scope);
          break;
        case 'Assign':
          expr(s.value, scope);
          for (const t of s.targets) {
            if (t.kind === 'Name') define(scope, t.id, 'variable', t.span, s.span);
            else expr(t, scope);
          }
          break;
        case 'Import':
        case 'ImportFrom':
          for (const a of s.names) {
            const name = a.asName ?? a.name.split('.')[0]!;
            define(scope, name, 'import', a.span, s.span);
          }
          break;
        case 'FunctionDef':
          for (const d of s.decorators) expr(d, scope);
          for (const p of s.params) {
            if (p.annotation) expr(p.annotation, scope);
            if (p.defaultValue) expr(p.defaultValue, scope);
          }
          define(scope, s.name, 'function', s.nameSpan, s.span);
          for (const p of s.params)
            define(
              s,
              p.name,
              'parameter',
              { start: p.span.start, end: p.span.start + p.name.length + (p.star?.length ?? 0) },
              p.span,
            );
          stmts(s.body, s);
          break;
        case 'UnsupportedStmt':
        case 'ErrorStmt':
          break;
        default:
          assertNever(s);
      }
    }
  };
  stmts(mod.body, undefined);

  for (const use of pending) {
    const local = use.scope ? table(use.scope).get(use.name) : undefined;
    const symbol = local ?? table(undefined).get(use.name);
    if (!symbol) continue;
    // The latest definition before the use; a use before any (a module name used in a function defined earlier)
    // refers to the first.
    // A definition counts once its statement has run: `df = f(df)` uses the df before it.
    const before = symbol.defs.filter((_, i) => symbol.defNodes[i]!.end <= use.span.start);
    const def =
      symbol.scope === use.scope ? (before[before.length - 1] ?? symbol.defs[0]) : symbol.defs[symbol.defs.length - 1];
    symbol.uses.push({ span: use.span, def });
  }

  return {
    symbols,
    at(offset) {
      for (const symbol of symbols) {
        for (const d of symbol.defs) if (d.start <= offset && offset <= d.end) return { symbol, span: d, def: d };
        for (const u of symbol.uses)
          if (u.span.start <= offset && offset <= u.span.end) return { symbol, span: u.span, def: u.def };
      }
      return undefined;
    },
    visible(offset) {
      const inside = symbols.find(
        (s) =>
          s.kind === 'function' &&
          s.scope === undefined &&
          s.defNodes.some((n) => n.start <= offset && offset <= n.end),
      );
      const fn = inside
        ? findFunction(
            mod.body,
            inside.defNodes.find((n) => n.start <= offset && offset <= n.end)!,
          )
        : undefined;
      return symbols.filter((s) => s.scope === undefined || (fn !== undefined && s.scope === fn));
    },
  };
}

function findFunction(body: readonly A.Stmt[], span: Span): A.FunctionDefStmt | undefined {
  return body.find((s): s is A.FunctionDefStmt => s.kind === 'FunctionDef' && s.span.start === span.start);
}
