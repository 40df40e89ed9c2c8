// Expressions, with Python's grammar and precedence. Forms PxL rejects (lambda, comprehensions, slices, ...)
// are parsed fully and returned as UnsupportedExpr so the checker reports them where they are.

import { Messages } from '../diagnostics/messages.js';
import type * as A from './ast.js';
import { Cursor, MAX_DEPTH } from './cursor.js';
import { cover, type Span } from '../core/source.js';
import type { Token } from './tokens.js';

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=', '<>']);

export class ExprParser {
  constructor(readonly c: Cursor) {}

  /** testlist: `a` or `a, b` (a Tuple). Used for expression statements, assignment values and return. */
  testList(allowStar = false): A.Expr {
    const first = this.testOrStar(allowStar);
    if (!this.c.atOp(',')) return first;
    const elts = [first];
    while (this.c.eatOp(',')) {
      if (!this.startsExpr()) break;
      elts.push(this.testOrStar(allowStar));
    }
    return { kind: 'Tuple', elts, span: cover(first.span, this.c.previous.span) };
  }

  private testOrStar(allowStar: boolean): A.Expr {
    if (allowStar && this.c.atOp('*')) return this.starred();
    return this.test();
  }

  private starred(): A.Expr {
    const star = this.c.advance();
    const value = this.orExpr();
    return { kind: 'UnsupportedExpr', pythonKind: 'Starred', span: cover(star.span, value.span) };
  }

  /** Pixie's "Expected expression after operator" when the next token cannot begin an operand. */
  expectOperand(after: 'operator' | 'assignment operator' | 'comparison operator'): void {
    if (!this.startsExpr() || this.c.atOp('*') || this.c.atOp('**'))
      this.c.fail(Messages.expectedOperand(after), undefined, true);
  }

  /** Whether the next token can begin an expression (to allow trailing commas). */
  startsExpr(): boolean {
    const t = this.c.peek;
    if (t.kind === 'Name')
      return !['and', 'or', 'in', 'is', 'if', 'else', 'for', 'import', 'as', 'from'].includes(t.text);
    if (t.kind === 'Int' || t.kind === 'Float' || t.kind === 'Imaginary' || t.kind === 'String') return true;
    return t.kind === 'Op' && ['(', '[', '{', '-', '+', '~', '*', '**', '...', '`'].includes(t.text);
  }

  test(): A.Expr {
    const start = this.c.peek;
    this.c.enter(start.span);
    try {
      if (this.c.atKeyword('lambda')) return this.lambda();
      const body = this.orTest();
      if (this.c.atKeyword('if')) {
        this.c.advance();
        this.orTest();
        if (!this.c.eatKeyword('else')) this.c.fail();
        const orelse = this.test();
        return { kind: 'UnsupportedExpr', pythonKind: 'IfExp', span: cover(body.span, orelse.span) };
      }
      return body;
    } finally {
      this.c.leave();
    }
  }

  private lambda(): A.Expr {
    const kw = this.c.advance();
    while (!this.c.atOp(':')) {
      if (this.c.peek.kind === 'Newline' || this.c.peek.kind === 'EOF') this.c.fail();
      this.c.advance();
    }
    this.c.advance();
    const body = this.test();
    return { kind: 'UnsupportedExpr', pythonKind: 'Lambda', span: cover(kw.span, body.span) };
  }

  private orTest(): A.Expr {
    return this.boolOp('or', () => this.andTest());
  }

  private andTest(): A.Expr {
    return this.boolOp('and', () => this.notTest());
  }

  private boolOp(op: 'and' | 'or', operand: () => A.Expr): A.Expr {
    const first = operand();
    if (!this.c.atKeyword(op)) return first;
    const values = [first];
    while (this.c.eatKeyword(op)) {
      this.expectOperand('operator');
      values.push(operand());
    }
    return { kind: 'BoolOp', op, values, span: cover(first.span, values[values.length - 1]!.span) };
  }

  private notTest(): A.Expr {
    if (this.c.atKeyword('not')) {
      const kw = this.c.advance();
      this.c.enter(kw.span);
      try {
        const operand = this.notTest();
        return { kind: 'UnaryOp', op: 'not', operand, span: cover(kw.span, operand.span) };
      } finally {
        this.c.leave();
      }
    }
    return this.comparison();
  }

  private comparison(): A.Expr {
    const left = this.orExpr();
    const ops: A.CompareOperator[] = [];
    const opSpans: Span[] = [];
    const comparators: A.Expr[] = [];
    for (;;) {
      const t = this.c.peek;
      let op: A.CompareOperator | undefined;
      let opSpan = t.span;
      if (t.kind === 'Op' && COMPARE_OPS.has(t.text)) {
        op = t.text as A.CompareOperator;
        this.c.advance();
      } else if (this.c.atKeyword('in')) {
        op = 'in';
        this.c.advance();
      } else if (this.c.atKeyword('not') && this.c.peekAt(1).kind === 'Name' && this.c.peekAt(1).text === 'in') {
        this.c.advance();
        opSpan = cover(t.span, this.c.advance().span);
        op = 'not in';
      } else if (this.c.atKeyword('is')) {
        this.c.advance();
        if (this.c.atKeyword('not')) {
          opSpan = cover(t.span, this.c.advance().span);
          op = 'is not';
        } else {
          op = 'is';
        }
      }
      if (!op) break;
      ops.push(op);
      opSpans.push(opSpan);
      this.expectOperand('comparison operator');
      comparators.push(this.orExpr());
    }
    if (ops.length === 0) return left;
    return {
      kind: 'Compare',
      left,
      ops,
      opSpans,
      comparators,
      span: cover(left.span, comparators[comparators.length - 1]!.span),
    };
  }

  /** Binary operator levels, loosest first: | ^ & << >> + - * / % // @. */
  orExpr(): A.Expr {
    return this.binary(0);
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['|'],
    ['^'],
    ['&'],
    ['<<', '>>'],
    ['+', '-'],
    ['*', '/', '%', '//', '@'],
  ];

  private binary(level: number): A.Expr {
    if (level === ExprParser.LEVELS.length) return this.factor();
    let left = this.binary(level + 1);
    const ops = ExprParser.LEVELS[level]!;
    let chain = 0;
    while (this.c.peek.kind === 'Op' && ops.includes(this.c.peek.text)) {
      const opTok = this.c.advance();
      // `a + b + c ...` builds a left-deep tree: its length is nesting for everything that walks it.
      if (++chain > MAX_DEPTH) this.c.fail(Messages.tooDeep(), opTok.span);
      this.expectOperand('operator');
      const right = this.binary(level + 1);
      left = {
        kind: 'BinOp',
        op: opTok.text as A.BinaryOperator,
        opSpan: opTok.span,
        left,
        right,
        span: cover(left.span, right.span),
      };
    }
    return left;
  }

  private factor(): A.Expr {
    const t = this.c.peek;
    if (t.kind === 'Op' && (t.text === '-' || t.text === '+' || t.text === '~')) {
      this.c.advance();
      this.expectOperand('operator');
      this.c.enter(t.span);
      try {
        const operand = this.factor();
        return { kind: 'UnaryOp', op: t.text as A.UnaryOperator, operand, span: cover(t.span, operand.span) };
      } finally {
        this.c.leave();
      }
    }
    return this.power();
  }

  private power(): A.Expr {
    if (this.c.atKeyword('await')) {
      const kw = this.c.advance();
      const value = this.atomExpr();
      return { kind: 'UnsupportedExpr', pythonKind: 'Await', span: cover(kw.span, value.span) };
    }
    const base = this.atomExpr();
    if (this.c.atOp('**')) {
      const opTok = this.c.advance();
      this.expectOperand('operator');
      // `a ** b ** c ...` is right-deep: each exponent is one level more.
      this.c.enter(opTok.span);
      let exponent: A.Expr;
      try {
        exponent = this.factor();
      } finally {
        this.c.leave();
      }
      return {
        kind: 'BinOp',
        op: '**',
        opSpan: opTok.span,
        left: base,
        right: exponent,
        span: cover(base.span, exponent.span),
      };
    }
    return base;
  }

  private atomExpr(): A.Expr {
    let e = this.atom();
    for (let chain = 0; ; chain++) {
      if (chain > MAX_DEPTH) this.c.fail(Messages.tooDeep(), this.c.peek.span);
      if (this.c.atOp('(')) e = this.call(e);
      else if (this.c.atOp('[')) e = this.subscript(e);
      else if (this.c.atOp('.')) {
        this.c.advance();
        const name = this.c.peek;
        if (name.kind !== 'Name') this.c.fail(Messages.expectedAttributeName());
        this.c.advance();
        e = { kind: 'Attribute', value: e, attr: name.text, attrSpan: name.span, span: cover(e.span, name.span) };
      } else return e;
    }
  }

  private atom(): A.Expr {
    const t = this.c.peek;
    switch (t.kind) {
      case 'Name':
        if (t.text === 'yield') return this.yieldExpr();
        if (['None', 'True', 'False'].includes(t.text) || this.c.atIdentifier()) {
          this.c.advance();
          return { kind: 'Name', id: t.text, span: t.span };
        }
        return this.c.fail();
      case 'Int':
        this.c.advance();
        if (t.nonDecimal) {
          this.c.diags.error(t.span, Messages.nonDecimalInt(t.text));
          return { kind: 'ErrorExpr', span: t.span };
        }
        return { kind: 'Int', value: BigInt(t.text.replaceAll('_', '')), span: t.span };
      case 'Float':
        this.c.advance();
        return { kind: 'Float', value: Number(t.text.replaceAll('_', '')), span: t.span };
      case 'Imaginary':
        this.c.advance();
        return { kind: 'UnsupportedExpr', pythonKind: 'Complex', span: t.span };
      case 'String': {
        let value = '';
        let last: Token = t;
        while (this.c.peek.kind === 'String') {
          last = this.c.advance();
          value += last.value ?? '';
        }
        return { kind: 'Str', value, span: cover(t.span, last.span) };
      }
      case 'Op':
        if (t.text === '(') return this.parenthesized();
        if (t.text === '[') return this.list();
        if (t.text === '{') return this.braces();
        if (t.text === '...') {
          this.c.advance();
          return { kind: 'UnsupportedExpr', pythonKind: 'Ellipsis', span: t.span };
        }
        if (t.text === '`') {
          this.c.advance();
          this.testList();
          const close = this.c.expectOp('`');
          return { kind: 'UnsupportedExpr', pythonKind: 'Repr', span: cover(t.span, close.span) };
        }
        return this.c.fail();
      default:
        return this.c.fail();
    }
  }

  private yieldExpr(): A.Expr {
    const kw = this.c.advance();
    this.c.eatKeyword('from');
    const value = this.startsExpr() ? this.testList() : undefined;
    return { kind: 'UnsupportedExpr', pythonKind: 'Yield', span: value ? cover(kw.span, value.span) : kw.span };
  }

  private parenthesized(): A.Expr {
    const open = this.c.advance();
    if (this.c.atOp(')')) {
      const close = this.c.advance();
      return { kind: 'Tuple', elts: [], span: cover(open.span, close.span) };
    }
    if (this.c.atKeyword('yield')) {
      const y = this.yieldExpr();
      this.c.expectClose(open, ')');
      return y;
    }
    const first = this.testOrStar(true);
    if (this.c.atKeyword('for')) {
      this.compFor();
      const close = this.c.expectClose(open, ')');
      return { kind: 'UnsupportedExpr', pythonKind: 'GeneratorExp', span: cover(open.span, close.span) };
    }
    if (this.c.atOp(')')) {
      this.c.advance();
      return first;
    }
    if (!this.c.atOp(',') && !this.startsElement()) {
      // `(a` and the line ends: the statement level reports the bracket; the value is still the parenthesized one.
      this.c.expectClose(open, ')');
      return first;
    }
    const elts = this.elements([first], ')', () => this.testOrStar(true));
    const close = this.c.expectClose(open, ')');
    return { kind: 'Tuple', elts, span: cover(open.span, close.span) };
  }

  /**
   * The rest of a comma-separated list after its first element(s), up to (not including) `close`. An element that
   * follows another without a comma is CPython's "Perhaps you forgot a comma?": reported, and the list goes on.
   */
  private elements(elts: A.Expr[], close: string, element: () => A.Expr): A.Expr[] {
    for (;;) {
      if (this.c.eatOp(',')) {
        if (this.c.atOp(close) || this.c.atLineEnd()) return elts;
        elts.push(element());
        continue;
      }
      if (!this.startsElement()) return elts;
      const next = element();
      this.c.recover(cover(elts[elts.length - 1]!.span, next.span), Messages.forgotComma());
      elts.push(next);
    }
  }

  /** An expression where a ',' or a closing bracket was due: a comma was left out. */
  private startsElement(): boolean {
    return (
      this.startsExpr() &&
      !this.c.atOp('*') &&
      !this.c.atOp('**') &&
      !this.c.atKeyword('lambda') &&
      !this.c.atKeyword('not')
    );
  }

  private list(): A.Expr {
    const open = this.c.advance();
    let elts: A.Expr[] = [];
    if (!this.c.atOp(']') && !this.c.atLineEnd()) {
      elts.push(this.testOrStar(true));
      if (this.c.atKeyword('for')) {
        this.compFor();
        const close = this.c.expectClose(open, ']');
        return { kind: 'UnsupportedExpr', pythonKind: 'ListComp', span: cover(open.span, close.span) };
      }
      elts = this.elements(elts, ']', () => this.testOrStar(true));
    }
    const close = this.c.expectClose(open, ']');
    return { kind: 'List', elts, span: cover(open.span, close.span) };
  }

  private braces(): A.Expr {
    const open = this.c.advance();
    if (this.c.atOp('}') || this.c.atLineEnd()) {
      const close = this.c.expectClose(open, '}');
      return { kind: 'Dict', keys: [], values: [], span: cover(open.span, close.span) };
    }
    if (this.c.atOp('**')) {
      this.c.advance();
      this.orExpr();
      return this.dictRest(open, [], [], true);
    }
    const first = this.testOrStar(true);
    if (this.c.eatOp(':')) {
      const value = this.test();
      if (this.c.atKeyword('for')) {
        this.compFor();
        const close = this.c.expectClose(open, '}');
        return { kind: 'UnsupportedExpr', pythonKind: 'DictComp', span: cover(open.span, close.span) };
      }
      return this.dictRest(open, [first], [value], false);
    }
    if (this.c.atKeyword('for')) {
      this.compFor();
      const close = this.c.expectClose(open, '}');
      return { kind: 'UnsupportedExpr', pythonKind: 'SetComp', span: cover(open.span, close.span) };
    }
    this.elements([first], '}', () => this.testOrStar(true));
    const close = this.c.expectClose(open, '}');
    return { kind: 'UnsupportedExpr', pythonKind: 'Set', span: cover(open.span, close.span) };
  }

  private dictRest(open: Token, keys: A.Expr[], values: A.Expr[], unpacked: boolean): A.Expr {
    let hasUnpack = unpacked;
    for (;;) {
      const comma = this.c.eatOp(',');
      if (this.c.atOp('}') || this.c.atLineEnd()) break;
      if (!comma && !this.startsElement()) break;
      if (this.c.eatOp('**')) {
        this.orExpr();
        hasUnpack = true;
        continue;
      }
      const key = this.test();
      if (!this.c.eatOp(':')) this.c.fail(this.c.atLineEnd() ? undefined : Messages.expectedToken(':'));
      const value = this.test();
      if (!comma) this.c.recover(cover(values[values.length - 1]?.span ?? key.span, key.span), Messages.forgotComma());
      keys.push(key);
      values.push(value);
    }
    const close = this.c.expectClose(open, '}');
    const span = cover(open.span, close.span);
    return hasUnpack
      ? { kind: 'UnsupportedExpr', pythonKind: 'DictUnpack', span }
      : { kind: 'Dict', keys, values, span };
  }

  /** `for x in xs [if c] [for ...]` after the element of a comprehension. */
  private compFor(): void {
    for (;;) {
      this.c.eatKeyword('async');
      if (!this.c.eatKeyword('for')) return;
      this.orExpr();
      while (this.c.eatOp(',')) if (this.startsExpr()) this.orExpr();
      if (!this.c.eatKeyword('in')) this.c.fail();
      this.orTest();
      while (this.c.eatKeyword('if')) this.orTest();
    }
  }

  private call(func: A.Expr): A.Expr {
    const open = this.c.advance();
    const args: A.Expr[] = [];
    const keywords: A.Keyword[] = [];
    const starArgs: A.Expr[] = [];
    const kwStarArgs: A.Expr[] = [];
    let needComma = false;
    let previous: Span | undefined;
    while (!this.c.atOp(')') && !this.c.atLineEnd()) {
      const t = this.c.peek;
      const isKeywordArg = t.kind === 'Name' && this.c.peekAt(1).kind === 'Op' && this.c.peekAt(1).text === '=';
      // Pixie accepts `f(a=1 b=2)` and `f(1 b=2)`: a keyword argument right after another argument without a comma.
      const quirk = needComma && isKeywordArg;
      if (needComma && !quirk && !this.startsElement()) break;
      const missingComma = needComma;
      let argSpan: Span;
      if (this.c.atOp('**')) {
        this.c.advance();
        const value = this.test();
        kwStarArgs.push(value);
        argSpan = value.span;
      } else if (this.c.atOp('*')) {
        this.c.advance();
        const value = this.test();
        starArgs.push(value);
        argSpan = value.span;
      } else if (isKeywordArg) {
        const name = this.c.advance();
        this.c.advance();
        const value = this.test();
        argSpan = cover(name.span, value.span);
        keywords.push({
          kind: 'Keyword',
          name: name.text,
          nameSpan: name.span,
          value,
          missingComma: missingComma && quirk,
          span: argSpan,
        });
      } else {
        const arg = this.test();
        argSpan = arg.span;
        if (this.c.atKeyword('for')) {
          this.compFor();
          argSpan = cover(arg.span, this.c.previous.span);
          args.push({ kind: 'UnsupportedExpr', pythonKind: 'GeneratorExp', span: argSpan });
        } else {
          if ((keywords.length > 0 || kwStarArgs.length > 0) && !needComma) {
            this.c.fail(Messages.syntaxError('positional argument follows keyword argument'), arg.span);
          }
          args.push(arg);
        }
      }
      if (needComma && !quirk) this.c.recover(cover(previous!, argSpan), Messages.forgotComma());
      previous = argSpan;
      needComma = !this.c.eatOp(',');
    }
    const close = this.c.expectClose(open, ')');
    return { kind: 'Call', func, args, keywords, starArgs, kwStarArgs, span: cover(func.span, close.span) };
  }

  private subscript(value: A.Expr): A.Expr {
    const open = this.c.advance();
    if (this.c.atOp(']')) this.c.fail(Messages.expectedSubscript());
    const items = [this.subscriptItem()];
    let sawComma = false;
    for (;;) {
      if (this.c.eatOp(',')) {
        sawComma = true;
        if (this.c.atOp(']') || this.c.atLineEnd()) break;
        items.push(this.subscriptItem());
        continue;
      }
      if (!this.startsElement()) break;
      const next = this.subscriptItem();
      this.c.recover(cover(items[items.length - 1]!.span, next.span), Messages.forgotComma());
      items.push(next);
      sawComma = true;
    }
    const close = this.c.expectClose(open, ']');
    const index: A.Expr =
      items.length === 1 && !sawComma
        ? items[0]!
        : { kind: 'Tuple', elts: items, span: cover(items[0]!.span, items[items.length - 1]!.span) };
    return { kind: 'Subscript', value, index, span: cover(value.span, close.span) };
  }

  private subscriptItem(): A.Expr {
    const start = this.c.peek.span;
    let lower: A.Expr | undefined;
    if (!this.c.atOp(':')) lower = this.test();
    if (!this.c.atOp(':')) return lower!;
    // A slice: lower:upper:step, any part optional.
    let end = this.c.advance().span;
    if (!this.c.atOp(']') && !this.c.atOp(',') && !this.c.atOp(':')) end = this.test().span;
    if (this.c.atOp(':')) {
      end = this.c.advance().span;
      if (!this.c.atOp(']') && !this.c.atOp(',')) end = this.test().span;
    }
    return { kind: 'UnsupportedExpr', pythonKind: 'Slice', span: cover(lower?.span ?? start, end) };
  }
}
