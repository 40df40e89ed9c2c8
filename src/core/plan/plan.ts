// The checked plan: a DAG of operators, each knowing its output schema, plus the sinks.
// It is engine-neutral: codegen turns it into JavaScript, and other backends may turn it into SQL.

import type { Span } from '../source.js';
import type { DataType, Schema, SemanticType } from '../types.js';
import type { OTelExportSpec } from '../otel-spec.js';
import type { VisSpec } from '../vis.js';
import type { ConstExpr, Expr } from './expr.js';

interface NodeBase {
  readonly id: number;
  readonly schema: Schema;
  readonly span: Span;
}

export interface SourceNode extends NodeBase {
  readonly kind: 'Source';
  readonly table: string;
  /** Columns read from the table, in output order (the schema's names). */
  readonly startTime?: ConstExpr;
  readonly endTime?: ConstExpr;
  /** Set when a pxtrace tracepoint of the script fills the table (only Pixie's agents deploy one): its name. */
  readonly tracepoint?: string;
}

/** One output column of a Map: either an input column passed through, or a computed expression. */
export type MapColumn =
  { readonly kind: 'input'; readonly index: number } | { readonly kind: 'expr'; readonly expr: Expr };

/** Column assignment, projection and drop: every output column is an input column or an expression. */
export interface MapNode extends NodeBase {
  readonly kind: 'Map';
  readonly input: number;
  readonly columns: readonly MapColumn[];
}

export interface FilterNode extends NodeBase {
  readonly kind: 'Filter';
  readonly input: number;
  readonly predicate: Expr;
}

export interface AggCall {
  /** UDA name, e.g. 'count', 'mean', 'quantiles'. */
  readonly fn: string;
  /** Input column indices (one for most aggregates, several for pprof). */
  readonly args: readonly number[];
}

/** Group-by + aggregate. Output: group columns (in `groups` order) then one column per agg. */
export interface AggNode extends NodeBase {
  readonly kind: 'Agg';
  readonly input: number;
  readonly groups: readonly number[];
  readonly aggs: readonly AggCall[];
}

export type JoinType = 'inner' | 'left' | 'right' | 'outer';

/** Output: every left column then every right column (renamed with suffixes in the schema). */
export interface JoinNode extends NodeBase {
  readonly kind: 'Join';
  readonly left: number;
  readonly right: number;
  readonly how: JoinType;
  readonly leftOn: readonly number[];
  readonly rightOn: readonly number[];
}

/** Union; `columnMaps[k][j]` is the index in input k of output column j. Merged by time_ when present. */
export interface UnionNode extends NodeBase {
  readonly kind: 'Union';
  readonly inputs: readonly number[];
  readonly columnMaps: readonly (readonly number[])[];
  /** Output index of time_, when the union is time-ordered. */
  readonly timeColumn?: number;
}

export interface LimitNode extends NodeBase {
  readonly kind: 'Limit';
  readonly input: number;
  readonly n: number;
  /** Set when n is a script argument (function-based scripts): the row count comes from it at run time. */
  readonly nArg?: string;
}

/** A table function such as px.GetSchemas(): served by the runtime. */
export interface UdtfNode extends NodeBase {
  readonly kind: 'Udtf';
  readonly fn: string;
  readonly args: Readonly<Record<string, string | number | boolean>>;
}

export type PlanNode = SourceNode | MapNode | FilterNode | AggNode | JoinNode | UnionNode | LimitNode | UdtfNode;

interface SinkBase {
  /** The function-based entry point this output belongs to; undefined for the script's top level. */
  readonly entry?: string;
}

export interface DisplaySink extends SinkBase {
  readonly kind: 'Display';
  readonly input: number;
  /** Unique result-table name (duplicates already renamed name_1, name_2, ...). */
  readonly name: string;
  readonly span: Span;
}

export interface ExportSink extends SinkBase {
  readonly kind: 'Export';
  readonly input: number;
  readonly spec: OTelExportSpec;
  readonly span: Span;
}

export type Sink = DisplaySink | ExportSink;

export interface ScriptFlags {
  /** `#px:set max_output_rows_per_table=N`; Pixie's default is 10 000. */
  readonly maxOutputRowsPerTable: number;
}

/** A script argument of a function-based entry point. */
export interface EntryParam {
  readonly name: string;
  readonly dataType: DataType;
  readonly semanticType: SemanticType;
  /** Annotated `list`: the value is text Pixie parses as a PxL list (`"['a', 'b']"`). */
  readonly list?: true;
}

/** Why an entry point cannot run, and where the script says so (1-based line and column). */
export interface NotRunnable {
  readonly message: string;
  readonly path: string;
  readonly line: number;
  readonly col: number;
}

/** A top-level function a user can run with `--func NAME --arg k=v` (SPEC §13.2). */
export interface EntryPoint {
  readonly name: string;
  readonly params: readonly EntryParam[];
  readonly doc?: string;
  /**
   * Set when the body needs these arguments' values to compile at all (as a column or table name): the module
   * compiles the entry point when it runs, with the values given, as Pixie does.
   */
  readonly compileAtRunTime?: readonly string[];
  /**
   * Set when the function returns something other than DataFrames: running it is Pixie's error, this message, at
   * the function's name in the script.
   */
  readonly notRunnable?: NotRunnable;
}

export interface Plan {
  /** Topologically ordered: a node's inputs come before it. */
  readonly nodes: readonly PlanNode[];
  readonly sinks: readonly Sink[];
  readonly flags: ScriptFlags;
  readonly entries: readonly EntryPoint[];
  /** The script, kept when an entry point is compiled when it runs. */
  readonly script?: { readonly path: string; readonly text: string };
  /** The vis spec beside the script (Pixie's vis.json): what a default run calls, as `px run` does. */
  readonly vis?: VisSpec;
}

export function inputsOf(node: PlanNode): number[] {
  switch (node.kind) {
    case 'Source':
    case 'Udtf':
      return [];
    case 'Map':
    case 'Filter':
    case 'Agg':
    case 'Limit':
      return [node.input];
    case 'Join':
      return [node.left, node.right];
    case 'Union':
      return [...node.inputs];
  }
}
