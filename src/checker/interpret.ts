// Walks the script once, like Pixie's AST visitor: statements bind names, expressions evaluate to
// compile-time values, DataFrame operations append plan nodes. It never stops at the first error.

import type * as ast from '../frontend/ast.js';
import { assertNever } from '../frontend/ast.js';
import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { CheckContext } from './context.js';
import type { CallArgs } from './call.js';
import { Scope } from './scope.js';
import { nearest } from './suggest.js';
import { binaryFunction, compareFunction, operatorCall, unaryFunction } from './operators.js';
import { ERROR, NONE, kindName, lit, objectKindName, type DictValue, type ListValue, type Value } from './values.js';
import { DataFrames } from './dataframe.js';
import { boundedExpr, MAX_EVAL_DEPTH } from './expr-depth.js';
import { callUserFunction, checkFunctionDef } from './user-functions.js';
import { importModule, importFrom } from './modules.js';
import { unavailableNames } from './map-context.js';
import { isDataFrameMethod } from './dataframe-methods.js';
import { checkSiblingsOfFailed } from './orphans.js';

type Flow = { readonly returned: Value } | undefined;

export class Interpreter {
  readonly dataframes: DataFrames;
  /** Definitions being called (by identity: a library function may share a name with the script's own). */
  readonly callStack: ast.FunctionDefStmt[] = [];
  /** User-function calls interpreted so far (see MAX_INLINED_CALLS). */
  inlinedCalls = 0;
  /** Importable modules by name (px, pxviews), or how to make one on first import; filled by check.ts. */
  readonly modules = new Map<string, Value | (() => Value)>();

  module(name: string): Value | undefined {
    const m = this.modules.get(name);
    if (typeof m !== 'function') return m;
    const made = m();
    this.modules.set(name, made);
    return made;
  }

  constructor(
    readonly ctx: CheckContext,
    readonly globals: Scope,
  ) {
    this.dataframes = new DataFrames(ctx, this);
  }

  runModule(mod: ast.Module): Scope {
    const scope = new Scope(this.globals);
    scope.bind('__doc__', lit('STRING', mod.docstring ?? '', mod.span));
    const flow = this.execBlock(mod.body, scope, false);
    if (flow) {
      /* a module-level return was already reported */
    }
    return scope;
  }

  /** Runs statements until a `return`; statements after it are not interpreted (SPEC §3). */
  execBlock(body: readonly ast.Stmt[], scope: Scope, inFunction: boolean): Flow {
    for (const stmt of body) {
      const flow = this.execStmt(stmt, scope, inFunction);
      if (flow) return flow;
    }
    return undefined;
  }

  private execStmt(s: ast.Stmt, scope: Scope, inFunction: boolean): Flow {
    switch (s.kind) {
      case 'ExprStmt':
        this.evalExpr(s.value, scope);
        return undefined;
      case 'Assign':
        this.execAssign(s, scope);
        if (this.ctx.index && !this.ctx.sources.inLibrary) this.indexAssign(s, scope);
        return undefined;
      case 'Import':
        for (const alias of s.names) importModule(this, alias, scope);
        return undefined;
      case 'ImportFrom':
        importFrom(this, s, scope);
        return undefined;
      case 'FunctionDef':
        checkFunctionDef(this, s, scope);
        return undefined;
      case 'Return':
        if (!inFunction) {
          this.ctx.diags.error(s.span, Messages.returnOutsideFunction());
          return undefined;
        }
        return { returned: s.value ? this.evalExpr(s.value, scope) : NONE };
      case 'UnsupportedStmt':
        this.ctx.diags.error(s.span, Messages.unsupportedStatement(s.pythonKind));
        for (const name of s.boundNames) scope.bind(name, ERROR);
        return undefined;
      case 'ErrorStmt':
        for (const name of s.boundNames) scope.bind(name, ERROR);
        // The columns a broken statement assigns are unknown, not missing: their uses do not report again.
        for (const t of s.targets) this.assignTarget(t, ERROR, t, scope);
        return undefined;
      default:
        return assertNever(s);
    }
  }

  private execAssign(s: ast.AssignStmt, scope: Scope): void {
    if (s.targets.length !== 1) {
      this.ctx.diags.error(s.span, Messages.singleTarget());
      this.evalExpr(s.value, scope);
      // Bind every name target to the failed value, so their uses do not report again.
      for (const t of s.targets) if (t.kind === 'Name') scope.bind(t.id, ERROR);
      return;
    }
    const target = s.targets[0]!;
    if (
      (target.kind === 'Attribute' || target.kind === 'Subscript') &&
      target.value.kind === 'Name' &&
      scope.lookup(target.value.id)?.kind === 'DataFrame' &&
      !this.columnAssignmentAllowed(target, s.value)
    ) {
      this.assignTarget(target, ERROR, s.value, scope);
      return;
    }
    this.assignTarget(target, this.evalExpr(s.value, scope), s.value, scope);
  }

  /** Pixie's checks of a column assignment made before its value is evaluated. */
  private columnAssignmentAllowed(target: ast.AttributeExpr | ast.SubscriptExpr, value: ast.Expr): boolean {
    // `df.groupby = ...`: the target is the method, not a column.
    if (target.kind === 'Attribute' && isDataFrameMethod(target.attr)) {
      this.ctx.diags.error(target.span, Messages.assignTargetNotColumn('function'));
      return false;
    }
    const names = unavailableNames(value, (target.value as ast.NameExpr).id);
    for (const n of names) this.ctx.diags.error(n.span, Messages.notAvailableInContext(n.id));
    return names.length === 0;
  }

  private assignTarget(target: ast.Expr, value: Value, valueNode: ast.Expr, scope: Scope): void {
    switch (target.kind) {
      case 'Name':
        scope.bind(target.id, value);
        return;
      case 'Attribute': {
        // `px.Pod = str`: Pixie's scripts rebind module attributes (type objects) this way.
        const owner = target.value.kind === 'Name' ? scope.lookup(target.value.id) : undefined;
        if (owner?.kind === 'Module') {
          (owner.attrs as Map<string, Value>).set(target.attr, value);
          return;
        }
        this.dataframes.assignColumn(target, value, valueNode, scope);
        return;
      }
      case 'Subscript':
        this.dataframes.assignColumn(target, value, valueNode, scope);
        return;
      case 'ErrorExpr':
        return;
      default:
        this.ctx.diags.error(target.span, Messages.assignTarget());
    }
  }

  /** Tells the index what DataFrame the assigned name (`df = ...`, `df.x = ...`) holds after the statement. */
  private indexAssign(s: ast.AssignStmt, scope: Scope): void {
    const t = s.targets[0];
    const root = t?.kind === 'Name' ? t : t?.kind === 'Attribute' || t?.kind === 'Subscript' ? t.value : undefined;
    if (root?.kind !== 'Name') return;
    const v = scope.lookup(root.id);
    if (v?.kind === 'DataFrame') this.ctx.index!.dataFrame('binding', root.id, s.span, v.schema);
  }

  /** Expressions being evaluated, inlined function bodies included (see MAX_EVAL_DEPTH). */
  private evalDepth = 0;

  evalExpr(e: ast.Expr, scope: Scope): Value {
    if (this.evalDepth >= MAX_EVAL_DEPTH) {
      this.ctx.diags.error(e.span, Messages.exprTooDeep());
      return ERROR;
    }
    this.evalDepth++;
    try {
      return this.evalExprAt(e, scope);
    } finally {
      this.evalDepth--;
    }
  }

  private evalExprAt(e: ast.Expr, scope: Scope): Value {
    switch (e.kind) {
      case 'Name': {
        const v = scope.lookup(e.id);
        if (v?.kind === 'DataFrame' && !this.ctx.sources.inLibrary)
          this.ctx.index?.dataFrame('use', e.id, e.span, v.schema);
        if (v) return v;
        this.ctx.diags.error(e.span, Messages.nameNotDefined(e.id, nearest(e.id, scope.visibleNames())));
        return ERROR;
      }
      case 'Int':
        return lit('INT64', e.value, e.span);
      case 'Float':
        return lit('FLOAT64', e.value, e.span);
      case 'Str':
        return lit('STRING', e.value, e.span);
      case 'List':
      case 'Tuple':
        return {
          kind: e.kind,
          items: e.elts.map((x) => this.evalExpr(x, scope)),
          spans: e.elts.map((x) => x.span),
        } satisfies ListValue;
      case 'Dict':
        return {
          kind: 'Dict',
          keys: e.keys.map((k) => this.evalExpr(k, scope)),
          values: e.values.map((v) => this.evalExpr(v, scope)),
          keySpans: e.keys.map((k) => k.span),
          valueSpans: e.values.map((v) => v.span),
        } satisfies DictValue;
      case 'Attribute':
        return this.getAttribute(this.evalExpr(e.value, scope), e);
      case 'Subscript':
        return this.subscript(e, scope);
      case 'Call':
        return this.evalCall(e, scope);
      case 'BinOp': {
        const fn = binaryFunction(e.op);
        const left = this.evalExpr(e.left, scope);
        const right = this.evalExpr(e.right, scope);
        if (!fn) {
          this.ctx.diags.error(e.opSpan, Messages.operatorNotHandled(e.op));
          return ERROR;
        }
        return operatorCall(
          this.ctx,
          fn,
          [
            { value: left, span: e.left.span, role: 'left side of operation' },
            { value: right, span: e.right.span, role: 'right side of operation' },
          ],
          e.span,
        );
      }
      case 'Compare': {
        const left = this.evalExpr(e.left, scope);
        const rights = e.comparators.map((c) => this.evalExpr(c, scope));
        if (e.ops.length !== 1) {
          this.ctx.diags.error(e.opSpans[1] ?? e.span, Messages.compareChain(e.ops[0]!));
          return ERROR;
        }
        const fn = compareFunction(e.ops[0]!);
        if (!fn) {
          this.ctx.diags.error(e.opSpans[0]!, Messages.operatorNotHandled(e.ops[0]!));
          return ERROR;
        }
        return operatorCall(
          this.ctx,
          fn,
          [
            { value: left, span: e.left.span, role: 'left side of operation' },
            { value: rights[0]!, span: e.comparators[0]!.span, role: 'right side of operation' },
          ],
          e.span,
        );
      }
      case 'BoolOp': {
        const values = e.values.map((v) => this.evalExpr(v, scope));
        if (values.length !== 2) {
          this.ctx.diags.error(e.span, Messages.boolOpArity(e.op));
          return ERROR;
        }
        return operatorCall(
          this.ctx,
          e.op === 'and' ? 'logicalAnd' : 'logicalOr',
          [
            { value: values[0]!, span: e.values[0]!.span, role: 'left side of operation' },
            { value: values[1]!, span: e.values[1]!.span, role: 'right side of operation' },
          ],
          e.span,
        );
      }
      case 'UnaryOp': {
        const operand = this.evalExpr(e.operand, scope);
        const fn = unaryFunction(e.op);
        if (!fn) return operand;
        return operatorCall(this.ctx, fn, [{ value: operand, span: e.operand.span, role: 'operand' }], e.span);
      }
      case 'UnsupportedExpr':
        this.ctx.diags.error(e.span, Messages.unsupportedExpression(e.pythonKind));
        return ERROR;
      case 'ErrorExpr':
        return ERROR;
      default:
        return assertNever(e);
    }
  }

  getAttribute(v: Value, e: ast.AttributeExpr): Value {
    switch (v.kind) {
      case 'Error':
        return ERROR;
      case 'Module': {
        const attr = v.attrs.get(e.attr);
        if (attr) return attr;
        this.ctx.diags.error(e.attrSpan, Messages.noAttribute(v.name, e.attr, nearest(e.attr, v.attrs.keys())));
        return ERROR;
      }
      case 'DataFrame':
        return this.dataframes.attribute(v, e);
      case 'Grouped':
        return this.dataframes.groupedAttribute(v, e);
      default:
        this.ctx.diags.error(e.attrSpan, Messages.noAttribute(kindName(v), e.attr));
        return ERROR;
    }
  }

  private subscript(e: ast.SubscriptExpr, scope: Scope): Value {
    const base = this.evalExpr(e.value, scope);
    if (e.index.kind === 'UnsupportedExpr' && e.index.pythonKind === 'Slice') {
      this.ctx.diags.error(e.index.span, Messages.sliceNotIndex());
      return ERROR;
    }
    const index = this.evalExpr(e.index, scope);
    switch (base.kind) {
      case 'Error':
        return ERROR;
      case 'DataFrame':
        return this.dataframes.subscript(base, index, e);
      case 'Grouped':
        return this.dataframes.groupedSubscript(base, index, e);
      case 'Ctx':
        return this.dataframes.ctxSubscript(base, index, e);
      case 'List':
      case 'Tuple': {
        if (index.kind === 'Error') return ERROR;
        const i =
          index.kind === 'Expr' && index.expr.k === 'Lit' && index.expr.dataType === 'INT64'
            ? Number(index.expr.value)
            : undefined;
        const coll = base.kind === 'List' ? 'list' : 'tuple';
        if (i === undefined) {
          this.ctx.diags.error(e.index.span, Messages.indexNotInteger(coll, kindName(index)));
          return ERROR;
        }
        if (i < 0 || i >= base.items.length) {
          this.ctx.diags.error(
            e.index.span,
            Messages.indexOutOfRange(coll),
            i < 0
              ? `PxL does not count from the end (Pixie reads past the ${coll}): write the index from the start.`
              : `the ${coll} has ${base.items.length} item${base.items.length === 1 ? '' : 's'}`,
          );
          return ERROR;
        }
        return base.items[i]!;
      }
      case 'Dict': {
        const key = index.kind === 'Expr' && index.expr.k === 'Lit' ? index.expr.value : undefined;
        const at = base.keys.findIndex((k) => k.kind === 'Expr' && k.expr.k === 'Lit' && k.expr.value === key);
        if (key === undefined || at < 0) {
          this.ctx.diags.error(e.index.span, Messages.syntaxError(`KeyError: ${this.spanText(e.index.span)}`));
          return ERROR;
        }
        return base.values[at]!;
      }
      default:
        this.ctx.diags.error(e.value.span, Messages.notSubscriptable(kindName(base)));
        return ERROR;
    }
  }

  private evalCall(e: ast.CallExpr, scope: Scope): Value {
    const fn = this.evalExpr(e.func, scope);
    const args: CallArgs = {
      positional: e.args.map((a) => ({ value: this.evalExpr(a, scope), span: a.span, node: a })),
      keywords: e.keywords.map((k) => ({
        name: k.name,
        value: this.evalExpr(k.value, scope),
        span: k.value.span,
        nameSpan: k.nameSpan,
        node: k.value,
      })),
      span: e.span,
    };
    for (const k of e.keywords) {
      if (k.missingComma) this.ctx.diags.warning(k.nameSpan, Messages.missingKeywordComma(k.name));
    }
    if (e.starArgs.length > 0 || e.kwStarArgs.length > 0) {
      this.ctx.diags.error((e.starArgs[0] ?? e.kwStarArgs[0])!.span, Messages.starArgsIgnored());
      return ERROR;
    }
    return this.callValue(fn, args, e);
  }

  callValue(fn: Value, args: CallArgs, e: ast.CallExpr): Value {
    switch (fn.kind) {
      case 'Error':
        return ERROR;
      case 'Builtin':
        return this.dataframes.callBuiltin(fn, args);
      case 'UserFunction':
        return callUserFunction(this, fn, args);
      case 'PxFunction':
        return this.callPxFunction(fn.name, args);
      case 'TypeObject':
        return this.dataframes.cast(fn, args);
      case 'Expr':
        if (e.func.kind === 'Attribute' && fn.expr.k === 'Col') {
          this.ctx.diags.error(e.func.attrSpan, Messages.dataframeNoMethod(e.func.attr));
        } else {
          this.ctx.diags.error(e.func.span, Messages.expressionNotCallable());
        }
        return ERROR;
      default:
        this.ctx.diags.error(e.func.span, Messages.notCallable(kindName(fn)));
        return ERROR;
    }
  }

  /** A registered runtime function: positional expression arguments only (SPEC §10.1). */
  private callPxFunction(name: string, args: CallArgs): Value {
    let failed = false;
    for (const k of args.keywords) {
      this.ctx.diags.error(k.nameSpan, Messages.unexpectedKeyword(name, k.name));
      failed = true;
    }
    const exprs = [];
    for (const a of args.positional) {
      if (a.value.kind === 'Error') failed = true;
      else if (a.value.kind !== 'Expr') {
        this.ctx.diags.error(a.span, Messages.udfArgNotExpression(name, objectKindName(a.value)));
        failed = true;
      } else exprs.push(a.value.expr);
    }
    if (failed) {
      checkSiblingsOfFailed(this.ctx, exprs);
      return ERROR;
    }
    const checked = this.dataframes.checkInitArgs(name, args);
    if (!checked) return ERROR;
    const text = this.spanText(args.span);
    // Explicit px.<fn>(...) calls are never folded (SPEC §4.3).
    return boundedExpr(this.ctx, { k: 'Call', fn: name, args: exprs, span: args.span, text }, args.span);
  }

  spanText(span: Span): string {
    return this.ctx.sources.text(span);
  }
}
