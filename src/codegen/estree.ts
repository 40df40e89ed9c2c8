// Small typed builders for the ESTree nodes codegen emits. Every string from a script or schema enters
// the output only as a Literal node, so the printer escapes it: no text of a script can become code.

import type * as es from 'estree';

export const id = (name: string): es.Identifier => ({ type: 'Identifier', name });

export function literal(value: string | number | boolean | bigint | null): es.Expression {
  if (typeof value === 'bigint') {
    const lit = { type: 'Literal', value, bigint: value.toString() } as es.BigIntLiteral;
    return value < 0n
      ? {
          type: 'UnaryExpression',
          operator: '-',
          prefix: true,
          argument: { type: 'Literal', value: -value, bigint: (-value).toString() } as es.BigIntLiteral,
        }
      : lit;
  }
  if (typeof value === 'number') {
    if (Number.isNaN(value)) return id('NaN');
    if (!Number.isFinite(value)) return value > 0 ? id('Infinity') : unary('-', id('Infinity'));
    if (value < 0 || Object.is(value, -0)) return unary('-', { type: 'Literal', value: -value });
  }
  return { type: 'Literal', value } as es.Literal;
}

export const member = (object: es.Expression, property: string): es.MemberExpression => ({
  type: 'MemberExpression',
  object,
  property: id(property),
  computed: false,
  optional: false,
});

export const index = (object: es.Expression, property: es.Expression): es.MemberExpression => ({
  type: 'MemberExpression',
  object,
  property,
  computed: true,
  optional: false,
});

export const call = (callee: es.Expression, args: es.Expression[]): es.CallExpression => ({
  type: 'CallExpression',
  callee,
  arguments: args,
  optional: false,
});

export const newExpr = (callee: es.Expression, args: es.Expression[]): es.NewExpression => ({
  type: 'NewExpression',
  callee,
  arguments: args,
});

export const binary = (
  operator: es.BinaryOperator,
  left: es.Expression,
  right: es.Expression,
): es.BinaryExpression => ({ type: 'BinaryExpression', operator, left, right });

export const logical = (
  operator: es.LogicalOperator,
  left: es.Expression,
  right: es.Expression,
): es.LogicalExpression => ({ type: 'LogicalExpression', operator, left, right });

export const unary = (operator: es.UnaryOperator, argument: es.Expression): es.UnaryExpression => ({
  type: 'UnaryExpression',
  operator,
  prefix: true,
  argument,
});

export const conditional = (
  test: es.Expression,
  consequent: es.Expression,
  alternate: es.Expression,
): es.ConditionalExpression => ({ type: 'ConditionalExpression', test, consequent, alternate });

export const array = (elements: es.Expression[]): es.ArrayExpression => ({ type: 'ArrayExpression', elements });

export function object(props: [string, es.Expression][]): es.ObjectExpression {
  return {
    type: 'ObjectExpression',
    // `{ '__proto__': v }` would set the object's prototype; `{ ['__proto__']: v }` is an own property like any key.
    properties: props.map(([k, v]) => ({
      type: 'Property',
      key: literal(k) as es.Literal,
      value: v,
      kind: 'init',
      method: false,
      shorthand: false,
      computed: k === '__proto__',
    })),
  };
}

export const constDecl = (name: string, init: es.Expression): es.VariableDeclaration => ({
  type: 'VariableDeclaration',
  kind: 'const',
  declarations: [{ type: 'VariableDeclarator', id: id(name), init }],
});

export const letDecl = (name: string, init: es.Expression): es.VariableDeclaration => ({
  type: 'VariableDeclaration',
  kind: 'let',
  declarations: [{ type: 'VariableDeclarator', id: id(name), init }],
});

export const assign = (left: es.Pattern, right: es.Expression): es.ExpressionStatement => ({
  type: 'ExpressionStatement',
  expression: { type: 'AssignmentExpression', operator: '=', left, right },
});

export const exprStmt = (expression: es.Expression): es.ExpressionStatement => ({
  type: 'ExpressionStatement',
  expression,
});

export const ret = (argument: es.Expression): es.ReturnStatement => ({ type: 'ReturnStatement', argument });

export const block = (body: es.Statement[]): es.BlockStatement => ({ type: 'BlockStatement', body });

/** `for (let i = 0; i < n; i++) { body }` */
export function forRange(i: string, n: es.Expression, body: es.Statement[]): es.ForStatement {
  return {
    type: 'ForStatement',
    init: letDecl(i, literal(0)),
    test: binary('<', id(i), n),
    update: { type: 'UpdateExpression', operator: '++', prefix: false, argument: id(i) },
    body: block(body),
  };
}

export function fn(name: string, params: string[], body: es.Statement[], isAsync = false): es.FunctionDeclaration {
  return {
    type: 'FunctionDeclaration',
    id: id(name),
    params: params.map(id),
    body: block(body),
    generator: false,
    async: isAsync,
  };
}

export const awaitExpr = (argument: es.Expression): es.AwaitExpression => ({ type: 'AwaitExpression', argument });

/** A JSON-compatible value (plus bigint) as an expression. */
export function data(value: unknown): es.Expression {
  if (value === null || value === undefined) return literal(null);
  if (Array.isArray(value)) return array(value.map(data));
  if (typeof value === 'object')
    return object(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, data(v)]),
    );
  return literal(value as string | number | boolean | bigint);
}
