// Typed column expressions: what the checker produces and codegen turns into loops. No AST past here.

import type { DataType, SemanticType } from '../types.js';
import type { Span } from '../source.js';

interface ExprBase {
  readonly dataType: DataType;
  readonly semanticType: SemanticType;
  readonly span: Span;
}

export interface ColumnExpr extends ExprBase {
  readonly kind: 'Column';
  /** Index into the input schema of the operator the expression belongs to. */
  readonly index: number;
  readonly name: string;
}

export type LiteralValue = boolean | bigint | number | string;

export interface LiteralExpr extends ExprBase {
  readonly kind: 'Literal';
  /** BOOLEAN: boolean; INT64/TIME64NS/UINT128: bigint; FLOAT64: number; STRING: string. */
  readonly value: LiteralValue;
}

/** `now + offset`, where now is captured once when the compiled script runs (Pixie: at compile time). */
export interface NowExpr extends ExprBase {
  readonly kind: 'Now';
  readonly dataType: 'INT64' | 'TIME64NS';
  readonly offsetNs: bigint;
}

/** px.plugin.start_time / end_time (+ offset): supplied by the run's plugin window. */
export interface PluginTimeExpr extends ExprBase {
  readonly kind: 'PluginTime';
  readonly which: 'start' | 'end';
  readonly dataType: 'INT64' | 'TIME64NS';
  readonly offsetNs: bigint;
}

export interface CallExpr extends ExprBase {
  readonly kind: 'Call';
  /** Registered function name, e.g. 'add', 'upid_to_pod_name'. */
  readonly fn: string;
  readonly argTypes: readonly DataType[];
  readonly args: readonly Expr[];
}

/** The value of a script argument of a function-based script (SPEC §13.2), supplied when the module runs. */
export interface ParamExpr extends ExprBase {
  readonly kind: 'Param';
  readonly name: string;
}

/** A script argument used as a time bound: its text ('-5m' or an absolute time) is parsed when the module runs. */
export interface ParamTimeExpr extends ExprBase {
  readonly kind: 'ParamTime';
  readonly name: string;
  readonly dataType: 'TIME64NS';
}

export type Expr = ColumnExpr | LiteralExpr | NowExpr | PluginTimeExpr | CallExpr | ParamExpr | ParamTimeExpr;

/**
 * Expressions whose value does not depend on a row (usable as time bounds, folded constants). A Call here has
 * only constant arguments (the checker ensures it): e.g. `px.now() + px.parse_duration(start_time)` of a script
 * argument, computed once when the module runs.
 */
export type ConstExpr = LiteralExpr | NowExpr | PluginTimeExpr | ParamTimeExpr | CallExpr;

/** Key of one overload in the runtime's function registry: `name(T1,T2)`. */
export function overloadKey(fn: string, argTypes: readonly DataType[]): string {
  return `${fn}(${argTypes.join(',')})`;
}
