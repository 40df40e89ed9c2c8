// The PxL syntax tree. Python-shaped, because PxL is parsed as Python; the parser also builds nodes for
// Python constructs PxL rejects (If, Lambda, ...) so that the checker can report Pixie's own message at
// the right place. Every node has a span; every switch over `kind` ends in assertNever.

import type { Span } from '../core/source.js';

export type BinaryOperator = '+' | '-' | '*' | '/' | '%' | '//' | '**' | '&' | '|' | '^' | '<<' | '>>' | '@';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not' | '<>';
export type UnaryOperator = '-' | '+' | 'not' | '~';

export interface NodeBase<K extends string> {
  readonly kind: K;
  readonly span: Span;
}

// ---- expressions ----
export interface NameExpr extends NodeBase<'Name'> {
  readonly id: string;
}
export interface IntExpr extends NodeBase<'Int'> {
  readonly value: bigint;
}
export interface FloatExpr extends NodeBase<'Float'> {
  readonly value: number;
}
/** Adjacent literals are already concatenated; escapes already decoded. */
export interface StrExpr extends NodeBase<'Str'> {
  readonly value: string;
}
export interface ListExpr extends NodeBase<'List'> {
  readonly elts: readonly Expr[];
}
export interface TupleExpr extends NodeBase<'Tuple'> {
  readonly elts: readonly Expr[];
}
export interface DictExpr extends NodeBase<'Dict'> {
  readonly keys: readonly Expr[];
  readonly values: readonly Expr[];
}
export interface AttributeExpr extends NodeBase<'Attribute'> {
  readonly value: Expr;
  readonly attr: string;
  /** Span of the attribute name alone, for "no attribute" carets. */
  readonly attrSpan: Span;
}
export interface SubscriptExpr extends NodeBase<'Subscript'> {
  readonly value: Expr;
  /** `a[x, y]` gives a Tuple index. */
  readonly index: Expr;
}
export interface Keyword extends NodeBase<'Keyword'> {
  readonly name: string;
  readonly nameSpan: Span;
  readonly value: Expr;
  /** True when written without the comma before it (Pixie's keyword-comma quirk). */
  readonly missingComma: boolean;
}
export interface CallExpr extends NodeBase<'Call'> {
  readonly func: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
  /** `*x` / `**x` at the call site (rejected by the checker). */
  readonly starArgs: readonly Expr[];
  readonly kwStarArgs: readonly Expr[];
}
export interface BinOpExpr extends NodeBase<'BinOp'> {
  readonly op: BinaryOperator;
  readonly opSpan: Span;
  readonly left: Expr;
  readonly right: Expr;
}
/** `a < b < c` keeps all operators so the checker can reject chains with Pixie's message. */
export interface CompareExpr extends NodeBase<'Compare'> {
  readonly left: Expr;
  readonly ops: readonly CompareOperator[];
  readonly opSpans: readonly Span[];
  readonly comparators: readonly Expr[];
}
/** `a and b and c` is one node with three values, as in Python. */
export interface BoolOpExpr extends NodeBase<'BoolOp'> {
  readonly op: 'and' | 'or';
  readonly values: readonly Expr[];
}
export interface UnaryOpExpr extends NodeBase<'UnaryOp'> {
  readonly op: UnaryOperator;
  readonly operand: Expr;
}
/** A Python expression form PxL does not accept: Lambda, IfExpr, ListComp, DictComp, SetComp, Generator, Set, Complex, Ellipsis, Slice, Repr, Yield, Starred, ... */
export interface UnsupportedExpr extends NodeBase<'UnsupportedExpr'> {
  readonly pythonKind: string;
}
/** Stands in for an expression that failed to parse; a diagnostic was already reported. */
export type ErrorExpr = NodeBase<'ErrorExpr'>;

export type Expr =
  | NameExpr
  | IntExpr
  | FloatExpr
  | StrExpr
  | ListExpr
  | TupleExpr
  | DictExpr
  | AttributeExpr
  | SubscriptExpr
  | CallExpr
  | BinOpExpr
  | CompareExpr
  | BoolOpExpr
  | UnaryOpExpr
  | UnsupportedExpr
  | ErrorExpr;

// ---- statements ----
export interface ExprStmt extends NodeBase<'ExprStmt'> {
  readonly value: Expr;
}
export interface AssignStmt extends NodeBase<'Assign'> {
  /** More than one target for `a = b = 1`; the checker rejects it. */
  readonly targets: readonly Expr[];
  readonly value: Expr;
}
export interface ImportAlias {
  readonly name: string;
  readonly asName?: string;
  readonly span: Span;
}
export interface ImportStmt extends NodeBase<'Import'> {
  readonly names: readonly ImportAlias[];
}
export interface ImportFromStmt extends NodeBase<'ImportFrom'> {
  readonly module: string;
  /** Number of leading dots (relative import), rejected by the checker. */
  readonly level: number;
  readonly names: readonly ImportAlias[];
}
export interface Param {
  readonly name: string;
  readonly span: Span;
  readonly annotation?: Expr;
  readonly defaultValue?: Expr;
  /** `*args` or `**kwargs`. */
  readonly star?: '*' | '**';
}
export interface FunctionDefStmt extends NodeBase<'FunctionDef'> {
  readonly name: string;
  readonly nameSpan: Span;
  readonly params: readonly Param[];
  readonly decorators: readonly Expr[];
  readonly docstring?: string;
  readonly body: readonly Stmt[];
}
export interface ReturnStmt extends NodeBase<'Return'> {
  readonly value?: Expr;
}
/** A Python statement PxL does not accept; `pythonKind` is libpypa's name: If, For, While, With, TryExcept, TryFinally, ClassDef, AugAssign, Pass, Assert, Delete, Raise, Global, Print, Exec, Break, Continue, ... */
export interface UnsupportedStmt extends NodeBase<'UnsupportedStmt'> {
  readonly pythonKind: string;
  /** Names its body assigns or defines (the checker binds them to failed values). */
  readonly boundNames: readonly string[];
}
/** Stands in for a statement that failed to parse; a diagnostic was already reported. */
export interface ErrorStmt extends NodeBase<'ErrorStmt'> {
  /** `name = <broken>`: the names it was going to bind. */
  readonly boundNames: readonly string[];
  /** `df.x = <broken>`, `df['x'] = <broken>`: the columns it was going to assign. */
  readonly targets: readonly (AttributeExpr | SubscriptExpr)[];
}

export type Stmt =
  ExprStmt | AssignStmt | ImportStmt | ImportFromStmt | FunctionDefStmt | ReturnStmt | UnsupportedStmt | ErrorStmt;

export interface Module extends NodeBase<'Module'> {
  readonly docstring?: string;
  readonly body: readonly Stmt[];
}

export type Node = Expr | Stmt | Keyword | Module;

export function assertNever(x: never): never {
  throw new Error(`internal: unexpected node ${JSON.stringify((x as { kind?: string }).kind ?? x)}`);
}
