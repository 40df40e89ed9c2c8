// Compile-time values: what PxL names are bound to while the checker interprets a script (SPEC §1).
// Column expressions stay unresolved (`PExpr`, columns by name) until an operator uses them, because Pixie
// binds a column reference to the operator where it is used.

import type { SourceFile, Span } from '../core/source.js';
import type { FunctionDefStmt, Expr as AstExpr } from '../frontend/ast.js';
import type { DataType, Schema, SemanticType } from '../core/types.js';
import type { LiteralValue } from '../core/plan/expr.js';
import type { Attribute, DataSpec, EndpointSpec } from '../core/otel-spec.js';
import type { Scope } from './scope.js';
import type { MapGroup } from './map-group.js';
import type { KindWord, Message } from '../diagnostics/messages.js';
import { assertNever } from '../core/assert-never.js';

// ---- unresolved column expressions ----
export type PExpr =
  | {
      readonly k: 'Col';
      readonly name: string;
      readonly span: Span;
      readonly from?: DataFrameValue;
      readonly viaSubscript: boolean;
    }
  | {
      readonly k: 'Lit';
      readonly dataType: DataType;
      readonly value: LiteralValue;
      readonly span: Span;
      readonly semanticType?: SemanticType;
    }
  | { readonly k: 'Now'; readonly dataType: 'INT64' | 'TIME64NS'; readonly offsetNs: bigint; readonly span: Span }
  | {
      readonly k: 'Plugin';
      readonly which: 'start' | 'end';
      readonly dataType: 'INT64' | 'TIME64NS';
      readonly offsetNs: bigint;
      readonly span: Span;
    }
  | {
      readonly k: 'Call';
      readonly fn: string;
      readonly args: readonly PExpr[];
      readonly span: Span;
      readonly text: string;
    }
  | { readonly k: 'Meta'; readonly key: string; readonly span: Span }
  | { readonly k: 'Cast'; readonly to: TypeObjectValue; readonly arg: PExpr; readonly span: Span }
  /** A script argument of a function-based entry point: typed by its annotation, valued at run time. */
  | {
      readonly k: 'Param';
      readonly name: string;
      readonly dataType: DataType;
      readonly semanticType: SemanticType;
      readonly span: Span;
    };

// ---- values ----
export interface ExprValue {
  readonly kind: 'Expr';
  readonly expr: PExpr;
}
export interface NoneValue {
  readonly kind: 'None';
}
export interface ListValue {
  readonly kind: 'List' | 'Tuple';
  readonly items: readonly Value[];
  readonly spans: readonly Span[];
}
export interface DictValue {
  readonly kind: 'Dict';
  readonly keys: readonly Value[];
  readonly values: readonly Value[];
  readonly keySpans: readonly Span[];
  readonly valueSpans: readonly Span[];
}
export interface ModuleValue {
  readonly kind: 'Module';
  readonly name: string;
  readonly attrs: ReadonlyMap<string, Value>;
}
export interface UserFunctionValue {
  readonly kind: 'UserFunction';
  readonly def: FunctionDefStmt;
  readonly scope: Scope;
  /** Set for library functions (pxviews): the file the definition's spans refer to. */
  readonly library?: SourceFile;
}
/** A built-in callable (px.DataFrame, px.display, px.otel.metric.Gauge, DataFrame methods, ...). */
export interface BuiltinValue {
  readonly kind: 'Builtin';
  readonly name: string;
  readonly params: readonly ParamSpec[];
  readonly call: (args: BoundArgs, callSpan: Span) => Value;
  /** For callables whose keywords are data (agg): receives the arguments unbound. */
  readonly raw?: (args: import('./call.js').CallArgs) => Value;
}
/** A registered runtime function (UDF or UDA), e.g. px.contains, px.count. */
export interface PxFunctionValue {
  readonly kind: 'PxFunction';
  readonly name: string;
  readonly isAggregate: boolean;
}
export interface TypeObjectValue {
  readonly kind: 'TypeObject';
  readonly name: string;
  readonly dataType: DataType;
  readonly semanticType: SemanticType;
}
export interface DataFrameValue {
  readonly kind: 'DataFrame';
  readonly node: number;
  readonly schema: Schema;
  /** Columns whose computation failed (already reported): references to them are silently errors. */
  readonly unknownColumns: ReadonlySet<string>;
  /**
   * Map-merging state (SPEC §8.4): the group of assignments this DataFrame's Map is made of. Its `node` and `schema`
   * are made when first read (map-group.ts), so a run of assignments builds one Map node.
   */
  readonly mapGroup?: MapGroup;
}
/** `df.groupby(by)`; `missing`: names of `by` that are not columns (reported), left out of the groups. */
export interface GroupedValue {
  readonly kind: 'Grouped';
  readonly df: DataFrameValue;
  readonly by: readonly string[];
  readonly missing?: readonly string[];
  readonly span: Span;
}
export interface CtxValue {
  readonly kind: 'Ctx';
  readonly df: DataFrameValue;
}
export interface OTelEndpointValue {
  readonly kind: 'OTelEndpoint';
  readonly spec: EndpointSpec;
}
/** Attribute and data specs hold column references by name; they are checked against the exported DataFrame. */
export interface OTelDataValue {
  readonly kind: 'OTelData';
  readonly endpoint?: EndpointSpec;
  readonly resource: readonly PendingAttribute[];
  readonly data: readonly OTelItemValue[];
  /**
   * False when one of px.otel.Data's arguments was wrong (reported): px.export still checks the columns of the parts
   * that were right, so every mistake shows in one run, but exports nothing.
   */
  readonly complete: boolean;
}
export interface OTelItemValue {
  readonly kind: 'OTelItem';
  readonly item: PendingDataSpec;
  readonly span: Span;
}
/** Stands in for a value whose computation failed; a diagnostic was already reported, so it never reports again. */
export interface ErrorValue {
  readonly kind: 'Error';
}

export type Value =
  | ExprValue
  | NoneValue
  | ListValue
  | DictValue
  | ModuleValue
  | UserFunctionValue
  | BuiltinValue
  | PxFunctionValue
  | TypeObjectValue
  | DataFrameValue
  | GroupedValue
  | CtxValue
  | OTelEndpointValue
  | OTelDataValue
  | OTelItemValue
  | ErrorValue;

// ---- px.otel pending specs (columns resolved at px.export) ----
export interface PendingColumn {
  readonly name: string;
  readonly span: Span;
}
export type PendingAttrValue =
  { readonly kind: 'string'; readonly value: string } | { readonly kind: 'column'; readonly col: PendingColumn };
export interface PendingAttribute {
  readonly key: string;
  readonly value: PendingAttrValue;
  readonly span: Span;
}
export type PendingLiteralOrColumn<T> =
  { readonly kind: 'literal'; readonly value: T } | { readonly kind: 'column'; readonly col: PendingColumn };
export type PendingDataSpec =
  | {
      readonly kind: 'gauge';
      readonly name: string;
      readonly description: string;
      readonly unit?: string;
      readonly value: PendingColumn;
      readonly attributes: readonly PendingAttribute[];
    }
  | {
      readonly kind: 'sum';
      readonly name: string;
      readonly description: string;
      readonly unit?: string;
      readonly value: PendingColumn;
      readonly isMonotonic: boolean;
      readonly temporality: 'cumulative' | 'delta';
      readonly attributes: readonly PendingAttribute[];
    }
  | {
      readonly kind: 'summary';
      readonly name: string;
      readonly description: string;
      readonly unit?: string;
      readonly count: PendingColumn;
      readonly sum: PendingColumn;
      readonly quantiles: readonly { quantile: number; col: PendingColumn }[];
      readonly attributes: readonly PendingAttribute[];
    }
  | {
      readonly kind: 'histogram';
      readonly name: string;
      readonly description: string;
      readonly unit?: string;
      readonly bounds: readonly number[];
      readonly buckets: readonly PendingColumn[];
      readonly count?: PendingColumn;
      readonly sum?: PendingColumn;
      readonly min?: PendingColumn;
      readonly max?: PendingColumn;
      readonly temporality: 'cumulative' | 'delta';
      readonly attributes: readonly PendingAttribute[];
    }
  | {
      readonly kind: 'log';
      readonly body: PendingLiteralOrColumn<string>;
      readonly severityNumber: PendingLiteralOrColumn<number>;
      readonly severityText: PendingLiteralOrColumn<string>;
      readonly time?: PendingColumn;
      readonly observedTime?: PendingColumn;
      readonly traceId?: PendingColumn;
      readonly spanId?: PendingColumn;
      readonly attributes: readonly PendingAttribute[];
    }
  | {
      readonly kind: 'span';
      readonly name: { kind: 'string'; value: string } | { kind: 'column'; col: PendingColumn };
      readonly startTime: PendingColumn;
      readonly endTime: PendingColumn;
      readonly traceId?: PendingColumn;
      readonly spanId?: PendingColumn;
      readonly parentSpanId?: PendingColumn;
      readonly spanKind: number;
      readonly attributes: readonly PendingAttribute[];
    }
  /**
   * A constructor one of whose arguments was wrong (reported): the columns and attributes its other arguments named,
   * still checked at px.export so that their mistakes show too. `metric`: whether it needs a time_ column.
   */
  | {
      readonly kind: 'failed';
      readonly metric: boolean;
      readonly columns: readonly ColumnUse[];
      readonly attributes: readonly PendingAttribute[];
    };

/** The types px.export accepts for a column argument, and the message when the column has another. */
export interface ColumnRule {
  readonly types: readonly DataType[];
  readonly message: (column: string, type: string) => Message;
}
export interface ColumnUse {
  readonly col: PendingColumn;
  readonly rule: ColumnRule;
}

export type { Attribute, DataSpec };

// ---- arguments ----
export interface ParamSpec {
  readonly name: string;
  /** Present when the parameter is optional. */
  readonly default?: () => Value;
}

export interface BoundArgs {
  readonly values: ReadonlyMap<string, Value>;
  readonly spans: ReadonlyMap<string, Span>;
  readonly nodes: ReadonlyMap<string, AstExpr | undefined>;
  get(name: string): Value;
  span(name: string): Span;
}

export const NONE: NoneValue = { kind: 'None' };
export const ERROR: ErrorValue = { kind: 'Error' };

/** The word Pixie uses for a value's kind in messages such as "received <kind>". */
export function kindName(v: Value): KindWord {
  const word = (text: string): KindWord => ({ kind: 'word', text });
  switch (v.kind) {
    case 'Expr':
      switch (v.expr.k) {
        case 'Col':
        case 'Meta':
          return word('Column');
        case 'Lit':
          return word(literalKindName(v.expr.dataType));
        case 'Now':
        case 'Plugin':
          return word('Int');
        case 'Call':
        case 'Cast':
          return word('Func');
        case 'Param':
          return { kind: 'argument', name: v.expr.name };
        default:
          return assertNever(v.expr);
      }
    case 'None':
      return word('None');
    case 'List':
      return word('List');
    case 'Tuple':
      return word('Tuple');
    case 'Dict':
      return word('Dict');
    case 'Module':
      return word(moduleTypeName(v.name));
    case 'UserFunction':
    case 'Builtin':
    case 'PxFunction':
      return word('Func');
    case 'TypeObject':
      return word('TypeObject');
    case 'DataFrame':
      return word('DataFrame');
    case 'Grouped':
      return word('GroupBy');
    case 'Ctx':
      return word('ctx');
    case 'OTelEndpoint':
      return word('Endpoint');
    case 'OTelData':
      return word('Data');
    case 'OTelItem':
      return word('OTelDataContainer');
    case 'Error':
      return { kind: 'failed' };
    default:
      return assertNever(v);
  }
}

/** Pixie names its builtin modules' objects by their last part (`px.vis` is a 'vis' object); imported ones are 'Module'. */
function moduleTypeName(name: string): string {
  return name === 'px' || name.startsWith('px.') || name === 'pxtrace'
    ? name.slice(name.lastIndexOf('.') + 1)
    : 'Module';
}

export function literalKindName(t: DataType): string {
  switch (t) {
    case 'STRING':
      return 'String';
    case 'INT64':
      return 'Int';
    case 'FLOAT64':
      return 'Float';
    case 'BOOLEAN':
      return 'Bool';
    case 'TIME64NS':
      return 'Time';
    case 'UINT128':
      return 'UInt128';
  }
}

/** kindName in lower case ("received 'dict'"). */
export function lowerKindName(v: Value): KindWord {
  const k = kindName(v);
  return k.kind === 'word' ? { kind: 'word', text: k.text.toLowerCase() } : k;
}

/** Lower-case object kind used by messages like "got 'dataframe'". */
export function objectKindName(v: Value): KindWord {
  const word = (text: string): KindWord => ({ kind: 'word', text });
  switch (v.kind) {
    case 'Expr':
      return word('expression');
    case 'Module':
      return word('module');
    case 'DataFrame':
      return word('dataframe');
    case 'UserFunction':
    case 'Builtin':
    case 'PxFunction':
      return word('function');
    default:
      return lowerKindName(v);
  }
}

export function stringLiteral(v: Value): string | undefined {
  return v.kind === 'Expr' && v.expr.k === 'Lit' && v.expr.dataType === 'STRING' ? (v.expr.value as string) : undefined;
}

export function intLiteral(v: Value): bigint | undefined {
  return v.kind === 'Expr' && v.expr.k === 'Lit' && v.expr.dataType === 'INT64' ? (v.expr.value as bigint) : undefined;
}

export function lit(dataType: DataType, value: LiteralValue, span: Span): ExprValue {
  return { kind: 'Expr', expr: { k: 'Lit', dataType, value, span } };
}
