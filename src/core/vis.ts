// The vis spec of a Pixie script bundle (the `vis.json` beside `NAME.pxl`), as one typed model: the variables a
// user sets, the functions the widgets and `globalFuncs` call with them, and how each widget displays its table.
// The compiler reads vis.json into this model (src/checker/vis-file.ts), a compiled module carries it (`script.vis`)
// and runs it the way `px run` does (src/runtime/vis-run.ts), and a renderer draws its widgets from it.
// Field names follow Pixie's JSON (src/api/proto/vispb/vis.proto); unknown fields are not kept.
// It imports nothing outside src/core: it is shared by every stage.

import { assertNever } from './assert-never.js';

/** Variable types of vispb.PXType. Values always travel as text, as in Pixie; the type says how to read them. */
/** The columns a request graph (Pixie's RequestGraph display) names, each optional. */
export const REQUEST_GRAPH_COLUMNS = [
  'requestorPodColumn',
  'responderPodColumn',
  'requestorServiceColumn',
  'responderServiceColumn',
  'requestorIPColumn',
  'responderIPColumn',
  'p50Column',
  'p90Column',
  'p99Column',
  'errorRateColumn',
  'requestsPerSecondColumn',
  'inboundBytesPerSecondColumn',
  'outboundBytesPerSecondColumn',
  'totalRequestCountColumn',
] as const;
export type RequestGraphColumn = (typeof REQUEST_GRAPH_COLUMNS)[number];

export const VIS_VARIABLE_TYPES = [
  'PX_UNKNOWN',
  'PX_BOOLEAN',
  'PX_INT64',
  'PX_FLOAT64',
  'PX_STRING',
  'PX_SERVICE',
  'PX_POD',
  'PX_CONTAINER',
  'PX_NAMESPACE',
  'PX_NODE',
  'PX_LIST',
  'PX_STRING_LIST',
] as const;
export type VisVariableType = (typeof VIS_VARIABLE_TYPES)[number];

export interface VisVariable {
  readonly name: string;
  readonly type: VisVariableType;
  readonly description: string;
  /** Absent: the variable is required (Pixie's "(required)" flag). */
  readonly defaultValue?: string;
  readonly validValues?: readonly string[];
}

/** An argument bound to a variable, or to a fixed value written in the spec. */
export type VisFuncArg =
  { readonly name: string; readonly variable: string } | { readonly name: string; readonly value: string };

export interface VisFunc {
  readonly name: string;
  readonly args: readonly VisFuncArg[];
}

export interface VisGlobalFunc {
  readonly outputName: string;
  readonly func: VisFunc;
}

export interface VisPosition {
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface VisAxis {
  readonly label: string;
}

export type TimeseriesMode = 'MODE_UNKNOWN' | 'MODE_LINE' | 'MODE_POINT' | 'MODE_AREA';

/** vispb display specs by their `@type` (types.px.dev/px.vispb.NAME); `kind` is NAME. */
export type DisplaySpec =
  | { readonly kind: 'Table'; readonly gutterColumn?: string }
  | {
      readonly kind: 'TimeseriesChart';
      readonly title?: string;
      readonly xAxis?: VisAxis;
      readonly yAxis?: VisAxis;
      readonly timeseries: readonly {
        readonly value: string;
        readonly series?: string;
        readonly stackBySeries?: boolean;
        readonly mode?: TimeseriesMode;
      }[];
    }
  | {
      readonly kind: 'BarChart';
      readonly title?: string;
      readonly xAxis?: VisAxis;
      readonly yAxis?: VisAxis;
      readonly bar: {
        readonly value: string;
        readonly label: string;
        readonly stackBy?: string;
        readonly groupBy?: string;
        readonly horizontal?: boolean;
      };
    }
  | { readonly kind: 'PieChart'; readonly label: string; readonly value: string; readonly title?: string }
  | {
      readonly kind: 'HistogramChart';
      readonly title?: string;
      readonly xAxis?: VisAxis;
      readonly yAxis?: VisAxis;
      readonly histogram: {
        readonly value: string;
        readonly maxbins?: number;
        readonly minstep?: number;
        readonly horizontal?: boolean;
        readonly prebinCount?: string;
      };
    }
  | { readonly kind: 'GaugeChart'; readonly value: string; readonly title?: string }
  | { readonly kind: 'StatChart'; readonly stat: { readonly value: string }; readonly title?: string }
  | { readonly kind: 'TextChart'; readonly body: string }
  | { readonly kind: 'VegaChart'; readonly spec: string }
  | {
      readonly kind: 'Graph';
      readonly dotColumn?: string;
      readonly adjacencyList?: { readonly fromColumn: string; readonly toColumn: string };
      readonly edgeWeightColumn?: string;
      readonly nodeWeightColumn?: string;
      readonly edgeColorColumn?: string;
      readonly edgeThresholds?: { readonly mediumThreshold: number; readonly highThreshold: number };
      readonly edgeHoverInfo?: readonly string[];
      readonly edgeLength?: number;
      readonly enableDefaultHierarchy?: boolean;
    }
  | ({ readonly kind: 'RequestGraph' } & { readonly [K in RequestGraphColumn]?: string })
  | {
      readonly kind: 'StackTraceFlameGraph';
      readonly stacktraceColumn: string;
      readonly countColumn?: string;
      readonly percentageColumn?: string;
      readonly namespaceColumn?: string;
      readonly podColumn?: string;
      readonly containerColumn?: string;
      readonly pidColumn?: string;
      readonly nodeColumn?: string;
      readonly percentageLabel?: string;
      readonly differenceColumn?: string;
    };

export type DisplayKind = DisplaySpec['kind'];

export const DISPLAY_KINDS: readonly DisplayKind[] = [
  'Table',
  'TimeseriesChart',
  'BarChart',
  'PieChart',
  'HistogramChart',
  'GaugeChart',
  'StatChart',
  'TextChart',
  'VegaChart',
  'Graph',
  'RequestGraph',
  'StackTraceFlameGraph',
];

/** The `@type` URL of a display kind, as Pixie writes it. */
export function displayTypeUrl(kind: DisplayKind): string {
  return `types.px.dev/px.vispb.${kind}`;
}

/** Where a widget's table comes from: its own function call, or a global function's output. */
export type WidgetSource =
  { readonly kind: 'func'; readonly func: VisFunc } | { readonly kind: 'global'; readonly outputName: string };

export interface VisWidget {
  /** Pixie names an unnamed widget's output `widget`. */
  readonly name: string;
  readonly source: WidgetSource;
  readonly displaySpec?: DisplaySpec;
  readonly position?: VisPosition;
}

export interface VisSpec {
  readonly variables: readonly VisVariable[];
  readonly globalFuncs: readonly VisGlobalFunc[];
  readonly widgets: readonly VisWidget[];
}

/** One function call of a run: the table it produces is named `output`, shown by `widgets`. */
export interface VisCall {
  readonly output: string;
  readonly func: VisFunc;
  readonly widgets: readonly string[];
}

/**
 * The calls `px run` makes, in its order: every global function, then every widget with a function of its own
 * (src/pixie_cli/pkg/vizier/connector.go, GetFuncsToExecute).
 */
export function visCalls(spec: VisSpec): VisCall[] {
  const globals: VisCall[] = spec.globalFuncs.map((g) => ({
    output: g.outputName,
    func: g.func,
    widgets: spec.widgets
      .filter((w) => w.source.kind === 'global' && w.source.outputName === g.outputName)
      .map((w) => w.name),
  }));
  const own: VisCall[] = [];
  for (const w of spec.widgets)
    if (w.source.kind === 'func') own.push({ output: w.name, func: w.source.func, widgets: [w.name] });
  return [...globals, ...own];
}

/** The order tables are shown in: by the first widget that shows each, then outputs no widget shows. */
export function visOutputOrder(spec: VisSpec): string[] {
  const order: string[] = [];
  for (const w of spec.widgets) {
    const out = w.source.kind === 'func' ? w.name : w.source.outputName;
    if (!order.includes(out)) order.push(out);
  }
  for (const g of spec.globalFuncs) if (!order.includes(g.outputName)) order.push(g.outputName);
  return order;
}

/** A variable's value problem, or undefined when `value` fits its type and valid values. */
export function visValueProblem(v: VisVariable, value: string): string | undefined {
  if (v.validValues && v.validValues.length > 0 && !v.validValues.includes(value)) {
    return `'${value}' is not a valid value of ${v.name}: choose one of ${v.validValues.join(', ')}`;
  }
  const text = value.trim();
  switch (v.type) {
    case 'PX_INT64':
      return /^[+-]?\d+$/.test(text) && BigInt(text) >= -(2n ** 63n) && BigInt(text) < 2n ** 63n
        ? undefined
        : `${v.name}=${value} is not an integer (PX_INT64)`;
    case 'PX_FLOAT64':
      return text !== '' && Number.isFinite(Number(text))
        ? undefined
        : `${v.name}=${value} is not a number (PX_FLOAT64)`;
    case 'PX_BOOLEAN':
      return /^(true|false)$/i.test(text) ? undefined : `${v.name}=${value} is not true or false (PX_BOOLEAN)`;
    case 'PX_POD':
    case 'PX_SERVICE':
    case 'PX_CONTAINER':
    case 'PX_NAMESPACE':
    case 'PX_NODE':
      // An entity name: Pixie's scripts match it with px.contains, so a part of a name is a valid value too.
      return /[\r\n]/.test(value) ? `${v.name} is a ${ENTITY_WORD[v.type]} name: one line of text` : undefined;
    case 'PX_UNKNOWN':
    case 'PX_STRING':
    case 'PX_LIST':
    case 'PX_STRING_LIST':
      return undefined;
    default:
      return assertNever(v.type);
  }
}

const ENTITY_WORD = {
  PX_POD: 'pod',
  PX_SERVICE: 'service',
  PX_CONTAINER: 'container',
  PX_NAMESPACE: 'namespace',
  PX_NODE: 'node',
} as const;

/** One line per variable: `--name TYPE (default: X | required)  description [one of: ...]`, for usage text. */
export function visVariableUsage(spec: VisSpec): string[] {
  return spec.variables.map((v) => {
    const when =
      v.defaultValue === undefined ? 'required' : `default: ${v.defaultValue === '' ? "''" : v.defaultValue}`;
    const valid = v.validValues?.length ? ` [one of: ${v.validValues.join(', ')}]` : '';
    return `--${v.name} ${v.type} (${when})${v.description ? `  ${v.description}` : ''}${valid}`;
  });
}

/**
 * Every variable's value: given (by name), else its default. Problems (unknown names, missing required variables,
 * values that do not fit) are all returned, so a user sees every one at once.
 */
export function bindVisVariables(
  spec: VisSpec,
  given: ReadonlyMap<string, string>,
): { readonly values: ReadonlyMap<string, string>; readonly problems: readonly string[] } {
  const values = new Map<string, string>();
  const problems: string[] = [];
  for (const name of given.keys()) {
    if (!spec.variables.some((v) => v.name === name)) problems.push(`unknown variable '${name}'`);
  }
  for (const v of spec.variables) {
    const value = given.get(v.name) ?? v.defaultValue;
    if (value === undefined) {
      problems.push(`missing required variable '${v.name}' (${v.type})`);
      continue;
    }
    const problem = visValueProblem(v, value);
    if (problem) problems.push(problem);
    else values.set(v.name, value);
  }
  return { values, problems };
}

/** The arguments of one call, as text by parameter name (fixed values or the variables' values). */
export function visCallArgs(func: VisFunc, values: ReadonlyMap<string, string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const a of func.args) {
    const v = 'variable' in a ? values.get(a.variable) : a.value;
    if (v !== undefined) out.set(a.name, v);
  }
  return out;
}
