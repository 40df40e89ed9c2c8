// Statements and blocks. `parse` never throws: a syntax error abandons one statement (reported once), parsing
// resumes on the next line, and the checker gets every statement that did parse. Python statements PxL
// rejects (if, for, class, ...) are parsed with their bodies and returned as UnsupportedStmt.

import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { Messages } from '../diagnostics/messages.js';
import type * as A from './ast.js';
import { Cursor, SyntaxAbort } from './cursor.js';
import { ExprParser } from './parse-expr.js';
import { diagnose } from './recovery.js';
import { cover, type SourceFile, type Span } from '../core/source.js';
import type { Token } from './tokens.js';
import { TokenStream } from './tokenizer.js';
import { table } from '../core/dict.js';

/** The parse stage's output: the module's AST and every syntax error, for the checker to take over. */
export interface ParsedScript {
  readonly file: SourceFile;
  readonly module: A.Module;
  readonly diagnostics: readonly Diagnostic[];
}

/** Parses a whole script: `SourceFile → ParsedScript`. Never throws; every syntax error is reported. */
export function parseScript(file: SourceFile): ParsedScript {
  const diags = new DiagnosticBag(file);
  const module = parse(file, diags);
  return { file, module, diagnostics: diags.all() };
}

export function parse(file: SourceFile, diags: DiagnosticBag): A.Module {
  const parser = new StatementParser(new Cursor(new TokenStream(file, diags), diags), file);
  const body = parser.statements('module');
  const docstring = leadingDocstring(body);
  return {
    kind: 'Module',
    body: docstring === undefined ? body : body.slice(1),
    ...(docstring === undefined ? {} : { docstring }),
    span: { start: 0, end: file.text.length },
  };
}

/** Python's names for compound statements PxL does not support (libpypa's, which Pixie reports). */
const COMPOUND: Readonly<Record<string, string>> = table({
  if: 'If',
  while: 'While',
  for: 'For',
  with: 'With',
  class: 'ClassDef',
  async: 'AsyncFunctionDef',
});
const SIMPLE_UNSUPPORTED: Readonly<Record<string, string>> = table({
  pass: 'Pass',
  print: 'Print',
  exec: 'Exec',
  break: 'Break',
  continue: 'Continue',
  del: 'Delete',
  raise: 'Raise',
  global: 'Global',
  nonlocal: 'Nonlocal',
  assert: 'Assert',
});
const AUG_ASSIGN = new Set(['+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '<<=', '>>=', '**=', '//=', '@=']);

/** CPython's words for what an indented block follows ("expected an indented block after 'if' statement on line 3"). */
const BLOCK_OWNER: Readonly<Record<string, string>> = table({
  def: 'function definition',
  class: 'class definition',
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  while: "'while' statement",
  for: "'for' statement",
  with: "'with' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
});

class StatementParser {
  private readonly e: ExprParser;
  /** The targets of the assignment being parsed (after its first '='), for a statement abandoned in its value. */
  private assignTargets: A.Expr[] = [];

  constructor(
    private readonly c: Cursor,
    private readonly file: SourceFile,
  ) {
    this.e = new ExprParser(c);
  }

  /** Statements until the end of the block (a DEDENT, consumed by the caller) or of the file; 'stray': a block nobody opened. */
  statements(where: 'module' | 'block' | 'stray'): A.Stmt[] {
    const body: A.Stmt[] = [];
    for (;;) {
      const t = this.c.peek;
      if (t.kind === 'EOF') return body;
      if (t.kind === 'Dedent') {
        if (where !== 'module') return body;
        this.c.advance();
        continue;
      }
      if (t.kind === 'Newline') {
        this.c.advance();
        continue;
      }
      if (t.kind === 'Indent') {
        // One report for a staircase of stray indents: each deeper line is part of the same mistake. Pixie's parser
        // calls an indented line at the top of the script 'invalid syntax', and only one inside a block an indent.
        if (where !== 'stray') {
          this.c.diags.error(
            this.c.visibleSpan(t),
            where === 'module' ? Messages.syntaxError('invalid syntax') : Messages.unexpectedIndent(),
          );
        }
        // Stray blocks nest like any other: past the limit the rest is skipped (already reported).
        if (!this.c.canNestBlock()) {
          this.c.skipBlock();
          continue;
        }
        this.c.advance();
        body.push(...this.c.nestedBlock(t.span, () => this.statements('stray')));
        if (this.c.peek.kind === 'Dedent') this.c.advance();
        continue;
      }
      body.push(...this.statement());
    }
  }

  private statement(): A.Stmt[] {
    const startIndex = this.c.index;
    const start = this.c.peek;
    const compound =
      (start.kind === 'Name' &&
        (Object.hasOwn(COMPOUND, start.text) || start.text === 'def' || start.text === 'try')) ||
      this.c.atOp('@');
    for (;;) {
      this.c.beginStatement();
      this.assignTargets = [];
      try {
        // Blocks nest through this method: a depth limit keeps the stack bounded (one error, the rest skipped).
        const stmts = compound ? [this.c.nestedBlock(start.span, () => this.compound())] : this.simpleStatements();
        // Errors stepped over (a missing comma, a bracket never closed): reported, unless the tokenizer already
        // found the statement broken (an unterminated string swallows its closing bracket); it is not checked.
        const known = !compound && this.c.diags.hasErrorBetween(start.span.start, this.c.previous.span.start);
        if (this.c.endStatement(!known) === 0) return this.boundedDepth(stmts, start.span);
        if (compound)
          return [
            {
              kind: 'ErrorStmt',
              boundNames: boundNames(stmts),
              targets: [],
              span: cover(start.span, this.c.previous.span),
            },
          ];
        return [
          this.failedStatement(
            stmts.flatMap((x) => (x.kind === 'Assign' ? x.targets : [])),
            cover(start.span, this.c.previous.span),
          ),
        ];
      } catch (err) {
        if (!(err instanceof SyntaxAbort)) {
          this.c.endStatement(false);
          throw err;
        }
        const d = diagnose(this.c, startIndex, err);
        if (d.kind === 'tokenizeAgain') {
          this.c.endStatement(false);
          this.c.restartAfter(d.breakAt, startIndex);
          continue;
        }
        // A statement the tokenizer already found broken (an unterminated string) fails again here: report it once.
        const known = this.c.diags.hasErrorBetween(start.span.start, this.c.peek.span.start);
        this.c.endStatement(!known);
        if (!known && d.kind === 'report') this.c.diags.error(d.span, d.message);
        const targets = compound ? [] : this.assignTargets;
        this.c.skipLine();
        // A compound statement whose header is broken: its indented body would only report 'unexpected indent'.
        if (this.c.peek.kind === 'Indent' && compound) this.c.skipBlock();
        return [this.failedStatement(targets, cover(start.span, this.c.previous.span))];
      }
    }
  }

  /**
   * The statements, or one error where an expression nests past MAX_EXPR_DEPTH: each bracket and unary operator
   * is bounded while parsing, but a chain of operators whose first operand is itself a bracketed chain nests
   * deeper than either, and everything after the parser walks expressions recursively.
   */
  private boundedDepth(stmts: A.Stmt[], start: Span): A.Stmt[] {
    const deep = tooDeepNode(stmts);
    if (deep === undefined) return stmts;
    this.c.diags.error(deep, Messages.tooDeep());
    return [
      this.failedStatement(
        stmts.flatMap((x) => (x.kind === 'Assign' ? x.targets : [])),
        cover(start, this.c.previous.span),
      ),
    ];
  }

  /** A statement with a syntax error. What it assigns is still bound (to a failed value), so uses do not report again. */
  private failedStatement(targets: readonly A.Expr[], span: Span): A.Stmt {
    return {
      kind: 'ErrorStmt',
      boundNames: targets.flatMap((t) => (t.kind === 'Name' ? [t.id] : [])),
      targets: targets.filter((t) => t.kind === 'Attribute' || t.kind === 'Subscript'),
      span,
    };
  }

  private compound(): A.Stmt {
    const t = this.c.peek;
    if (this.c.atOp('@')) return this.decorated();
    if (t.text === 'def') return this.functionDef([]);
    if (t.text === 'try') return this.tryStatement();
    this.c.advance();
    this.header();
    const bodies: A.Stmt[] = [];
    let end = this.block(bodies, t);
    // if/elif/else, while/else, for/else: the clauses belong to the same statement.
    while (this.c.atKeyword('elif') || this.c.atKeyword('else')) {
      const clause = this.c.advance();
      if (clause.text === 'elif') this.header();
      else this.expectColon();
      end = this.block(bodies, clause);
    }
    return {
      kind: 'UnsupportedStmt',
      pythonKind: COMPOUND[t.text]!,
      boundNames: boundNames(bodies),
      span: cover(t.span, end),
    };
  }

  /** The rest of a compound statement's header, up to and including its ':'. */
  private header(): void {
    if (!this.c.atOp(':')) this.e.testList(true);
    while (!this.c.atOp(':')) {
      // `for x in xs:`, `with a as b:`, `class C(B):`, `except E as e:`
      if (this.c.eatKeyword('in') || this.c.eatKeyword('as') || this.c.eatOp(',')) {
        if (!this.c.atOp(':')) this.e.testList(true);
        continue;
      }
      this.expectColon();
    }
    this.c.advance();
  }

  /** Pixie's "Expected `:`" where a header ends without one; anything else in its place is plain invalid syntax. */
  private expectColon(): Token {
    const colon = this.c.eatOp(':');
    if (colon) return colon;
    return this.c.fail(this.c.peek.kind === 'Newline' ? Messages.expectedToken(':') : undefined);
  }

  private tryStatement(): A.Stmt {
    const t = this.c.advance();
    this.expectColon();
    const bodies: A.Stmt[] = [];
    let end = this.block(bodies, t);
    let hasExcept = false;
    while (this.c.atKeyword('except') || this.c.atKeyword('else') || this.c.atKeyword('finally')) {
      if (this.c.atKeyword('except')) hasExcept = true;
      const clause = this.c.advance();
      if (clause.text === 'except') this.header();
      else this.expectColon();
      end = this.block(bodies, clause);
    }
    return {
      kind: 'UnsupportedStmt',
      pythonKind: hasExcept ? 'TryExcept' : 'TryFinally',
      boundNames: boundNames(bodies),
      span: cover(t.span, end),
    };
  }

  /** A block after ':' — an indented suite, or simple statements on the same line; its statements go to `into`. */
  private block(into: A.Stmt[], owner: Token): Span {
    const { body, end } = this.suite(owner);
    into.push(...body);
    return end;
  }

  /** The block after `owner`'s header (its keyword token, for "expected an indented block after ..."). */
  private suite(owner: Token): { body: A.Stmt[]; end: Span } {
    if (this.c.peek.kind !== 'Newline') {
      const body = this.simpleStatements();
      return { body, end: this.c.previous.span };
    }
    const nl = this.c.advance();
    const next = this.c.peekAt(0);
    if (next.kind !== 'Indent') {
      const what = BLOCK_OWNER[owner.text];
      const after = what === undefined ? undefined : { what, line: this.file.position(owner.span.start).line };
      this.c.diags.error(next.kind === 'EOF' ? nl.span : this.firstTokenSpan(), Messages.expectedIndentedBlock(after));
      return { body: [], end: nl.span };
    }
    this.c.advance();
    const body = this.statements('block');
    const end = this.c.previous.span;
    if (this.c.peekAt(0).kind === 'Dedent') this.c.advance();
    return { body, end };
  }

  private firstTokenSpan(): Span {
    return this.c.visibleSpan(this.c.peek);
  }

  private decorated(): A.Stmt {
    const decorators: A.Expr[] = [];
    while (this.c.eatOp('@')) {
      decorators.push(this.e.test());
      if (this.c.peek.kind !== 'Newline') this.c.fail();
      this.c.advance();
    }
    if (this.c.atKeyword('def')) return this.functionDef(decorators);
    if (this.c.atKeyword('class')) return this.compound();
    return this.c.fail();
  }

  private functionDef(decorators: A.Expr[]): A.Stmt {
    const kw = this.c.advance();
    const name = this.c.expectIdentifier();
    this.c.expectOp('(');
    const params: A.Param[] = [];
    while (!this.c.atOp(')') && !this.c.atLineEnd()) {
      const star = this.c.eatOp('**') ?? this.c.eatOp('*');
      if (star && star.text === '*' && (this.c.atOp(',') || this.c.atOp(')'))) {
        // A bare `*` (keyword-only marker): the checker treats it like *args.
        params.push({ name: '', span: star.span, star: '*' });
      } else {
        if (!this.c.atIdentifier()) this.c.fail(Messages.expectedParameterName());
        const p = this.c.advance();
        const annotation = this.c.eatOp(':') ? this.e.test() : undefined;
        const defaultValue = this.c.eatOp('=') ? this.e.test() : undefined;
        params.push({
          name: p.text,
          span: star ? cover(star.span, p.span) : p.span,
          ...(annotation ? { annotation } : {}),
          ...(defaultValue ? { defaultValue } : {}),
          ...(star ? { star: star.text as '*' | '**' } : {}),
        });
      }
      if (!this.c.eatOp(',')) break;
    }
    // At the line end the statement level reports the '(' as never closed.
    if (!this.c.eatOp(')')) this.c.fail(this.c.atLineEnd() ? undefined : Messages.expectedToken(')'));
    const arrow = this.c.eatOp('->');
    if (arrow) {
      // Reported, then read past: the function is still defined, so its body and its calls are checked.
      this.c.diags.error(arrow.span, Messages.python3Only('Return annotations'));
      this.e.test();
    }
    this.expectColon();
    const { body, end } = this.suite(kw);
    const docstring = leadingDocstring(body);
    return {
      kind: 'FunctionDef',
      name: name.text,
      nameSpan: name.span,
      params,
      decorators,
      ...(docstring === undefined ? {} : { docstring }),
      body: docstring === undefined ? body : body.slice(1),
      span: cover(decorators[0]?.span ?? kw.span, end),
    };
  }

  /** small_stmt (';' small_stmt)* [';'] NEWLINE */
  private simpleStatements(): A.Stmt[] {
    const out = [this.smallStatement()];
    while (this.c.eatOp(';')) {
      if (this.c.peek.kind === 'Newline' || this.c.peek.kind === 'EOF') break;
      out.push(this.smallStatement());
    }
    if (this.c.peek.kind === 'Newline') this.c.advance();
    else if (this.c.peek.kind !== 'EOF' && this.c.peek.kind !== 'Dedent') {
      this.c.fail(Messages.expectedNewline(), undefined, true);
    }
    return out;
  }

  private smallStatement(): A.Stmt {
    const t = this.c.peek;
    if (t.kind === 'Name') {
      const unsupported = SIMPLE_UNSUPPORTED[t.text];
      if (unsupported) {
        this.c.advance();
        while (this.c.peek.kind !== 'Newline' && this.c.peek.kind !== 'EOF' && !this.c.atOp(';')) this.c.advance();
        return {
          kind: 'UnsupportedStmt',
          pythonKind: unsupported,
          boundNames: [],
          span: cover(t.span, this.c.previous.span),
        };
      }
      if (t.text === 'return') {
        this.c.advance();
        const value = this.e.startsExpr() ? this.e.testList(true) : undefined;
        return { kind: 'Return', ...(value ? { value } : {}), span: value ? cover(t.span, value.span) : t.span };
      }
      if (t.text === 'import') return this.importStatement();
      if (t.text === 'from') return this.fromImport();
    }
    return this.expressionStatement();
  }

  private importStatement(): A.Stmt {
    const kw = this.c.advance();
    const names: A.ImportAlias[] = [];
    do names.push(this.alias(true));
    while (this.c.eatOp(','));
    return { kind: 'Import', names, span: cover(kw.span, this.c.previous.span) };
  }

  private fromImport(): A.Stmt {
    const kw = this.c.advance();
    let level = 0;
    for (;;) {
      if (this.c.eatOp('.')) level++;
      else if (this.c.eatOp('...')) level += 3;
      else break;
    }
    const module = this.c.atIdentifier() ? this.dottedName().name : '';
    if (module === '' && level === 0) this.c.fail();
    if (!this.c.eatKeyword('import')) this.c.fail();
    const names: A.ImportAlias[] = [];
    if (this.c.atOp('*')) {
      const star = this.c.advance();
      names.push({ name: '*', span: star.span });
    } else {
      const paren = this.c.eatOp('(');
      do {
        if (paren && this.c.atOp(')')) break;
        names.push(this.alias(false));
      } while (this.c.eatOp(','));
      if (paren) this.c.expectOp(')');
    }
    return { kind: 'ImportFrom', module, level, names, span: cover(kw.span, this.c.previous.span) };
  }

  private alias(dotted: boolean): A.ImportAlias {
    const { name, span } = dotted
      ? this.dottedName()
      : (() => {
          const t = this.c.expectIdentifier();
          return { name: t.text, span: t.span };
        })();
    if (this.c.eatKeyword('as')) {
      const as = this.c.expectIdentifier();
      return { name, asName: as.text, span: cover(span, as.span) };
    }
    return { name, span };
  }

  private dottedName(): { name: string; span: Span } {
    const first = this.c.expectIdentifier();
    let name = first.text;
    let span = first.span;
    while (this.c.atOp('.') && this.c.peekAt(1).kind === 'Name') {
      this.c.advance();
      const part = this.c.advance();
      name += `.${part.text}`;
      span = cover(span, part.span);
    }
    return { name, span };
  }

  private expressionStatement(): A.Stmt {
    const first = this.e.testList(true);
    const t = this.c.peek;
    if (t.kind === 'Op' && AUG_ASSIGN.has(t.text)) {
      this.c.advance();
      if (!this.c.atKeyword('yield')) this.e.expectOperand('assignment operator');
      const value = this.c.atKeyword('yield') ? this.e.test() : this.e.testList();
      // `True += 1` is a syntax error before it is an unsupported statement, as in Pixie's parser.
      this.checkTarget(first);
      return { kind: 'UnsupportedStmt', pythonKind: 'AugAssign', boundNames: [], span: cover(first.span, value.span) };
    }
    if (t.kind === 'Op' && t.text === ':') {
      // `x: int = 1` — an annotated assignment.
      this.c.advance();
      this.e.test();
      if (this.c.eatOp('=')) this.e.testList(true);
      return {
        kind: 'UnsupportedStmt',
        pythonKind: 'AnnAssign',
        boundNames: first.kind === 'Name' ? [first.id] : [],
        span: cover(first.span, this.c.previous.span),
      };
    }
    if (!this.c.atOp('=')) return { kind: 'ExprStmt', value: first, span: first.span };
    const targets = [first];
    let value = first;
    while (this.c.eatOp('=')) {
      this.assignTargets = targets.slice();
      if (!this.c.atKeyword('yield')) this.e.expectOperand('assignment operator');
      value = this.e.testList(true);
      targets.push(value);
    }
    targets.pop();
    for (const target of targets) this.checkTarget(target);
    return { kind: 'Assign', targets, value, span: cover(first.span, value.span) };
  }

  /** Python's "can't assign to ..." for targets that are not names, attributes, subscripts or tuples of them. */
  private checkTarget(e: A.Expr): void {
    const what = assignTargetProblem(e);
    if (what) throw new SyntaxAbort(e.span, Messages.cantAssignTo(what));
  }
}

function assignTargetProblem(e: A.Expr): string | undefined {
  switch (e.kind) {
    case 'Name':
      return ['None', 'True', 'False'].includes(e.id) ? e.id : undefined;
    case 'Attribute':
    case 'Subscript':
    case 'ErrorExpr':
      return undefined;
    case 'Tuple':
    case 'List':
      for (const x of e.elts) {
        const p = assignTargetProblem(x);
        if (p) return p;
      }
      return undefined;
    case 'Int':
    case 'Float':
    case 'Str':
      return 'literal';
    case 'Call':
      return 'function call';
    case 'BinOp':
    case 'UnaryOp':
      return 'operator';
    case 'BoolOp':
      return 'operator';
    case 'Compare':
      return 'comparison';
    case 'Dict':
      return 'dict display';
    case 'UnsupportedExpr':
      return e.pythonKind === 'Starred'
        ? undefined
        : e.pythonKind === 'Lambda'
          ? 'lambda'
          : e.pythonKind === 'IfExp'
            ? 'conditional expression'
            : 'literal';
  }
}

/** Names the statements of an unsupported block would bind: bound to failed values, their uses do not report again. */
function boundNames(body: readonly A.Stmt[]): string[] {
  const out: string[] = [];
  for (const s of body) {
    if (s.kind === 'Assign')
      for (const t of s.targets) {
        if (t.kind === 'Name') out.push(t.id);
      }
    else if (s.kind === 'FunctionDef') out.push(s.name);
    else if (s.kind === 'Import') for (const a of s.names) out.push(a.asName ?? a.name.split('.')[0]!);
    else if (s.kind === 'ImportFrom') for (const a of s.names) out.push(a.asName ?? a.name);
    else if (s.kind === 'UnsupportedStmt' || s.kind === 'ErrorStmt') out.push(...s.boundNames);
  }
  return out;
}

function leadingDocstring(body: readonly A.Stmt[]): string | undefined {
  const first = body[0];
  return first?.kind === 'ExprStmt' && first.value.kind === 'Str' ? first.value.value : undefined;
}

/** Syntax nodes nested in one statement's expressions (a statement's own block is counted by its statements). */
export const MAX_EXPR_DEPTH = 400;

const STATEMENT_KINDS: ReadonlySet<string> = new Set<A.Stmt['kind']>([
  'ExprStmt',
  'Assign',
  'Import',
  'ImportFrom',
  'FunctionDef',
  'Return',
  'UnsupportedStmt',
  'ErrorStmt',
]);

/** The span of the first node nested past MAX_EXPR_DEPTH in the expressions of `stmts` (nested blocks not entered). */
function tooDeepNode(stmts: readonly A.Stmt[]): Span | undefined {
  // Every node owns at least one character of its own (an operator, a bracket, a name): a statement shorter than
  // the limit cannot nest past it, and most are.
  const stack: [unknown, number][] = stmts.filter((x) => x.span.end - x.span.start > MAX_EXPR_DEPTH).map((x) => [x, 0]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_EXPR_DEPTH) return (node as { span: Span }).span;
    for (const v of Object.values(node as object)) {
      for (const child of Array.isArray(v) ? v : [v]) {
        if (typeof child !== 'object' || child === null || typeof (child as { kind?: unknown }).kind !== 'string')
          continue;
        if (depth > 0 && STATEMENT_KINDS.has((child as { kind: string }).kind)) continue;
        stack.push([child, depth + 1]);
      }
    }
  }
  return undefined;
}
