// Reads a vis.json (Pixie's vis spec, vispb.Vis in JSON) into the typed model of src/core/vis.ts. Every problem is
// a diagnostic at its line and column in the file, all of them at once. As Pixie's reader does, unknown fields are
// ignored; only the fields the model names are read, so no key of the input ever becomes a key of an object here.
// `checkVisCalls` then checks the calls against the script's entry points: functions, argument names, arity.

import { DiagnosticBag, type Diagnostic } from '../diagnostics/diagnostic.js';
import { visMessages as M } from '../diagnostics/vis-messages.js';
import { SourceFile, type Span } from '../core/source.js';
import {
  DISPLAY_KINDS,
  VIS_VARIABLE_TYPES,
  visValueProblem,
  type DisplayKind,
  REQUEST_GRAPH_COLUMNS,
  type DisplaySpec,
  type VisFunc,
  type VisFuncArg,
  type VisGlobalFunc,
  type VisSpec,
  type VisVariable,
  type VisVariableType,
  type VisWidget,
} from '../core/vis.js';
import type { EntryPoint } from '../core/plan/plan.js';
import { JsonSyntaxError, parseJsonWithSpans, type JsonNode } from '../frontend/json-with-spans.js';
import { nearest } from './suggest.js';

type JsonObject = Extract<JsonNode, { kind: 'object' }>;

export interface VisFileResult {
  /** The spec, when the file has no errors. */
  readonly spec?: VisSpec;
  readonly diagnostics: readonly Diagnostic[];
  /** Where each call's function name and arguments are, for `checkVisCalls`. */
  readonly funcSpans: readonly FuncSpans[];
  readonly file: SourceFile;
}

interface FuncSpans {
  readonly func: VisFunc;
  readonly name: Span;
  readonly args: readonly Span[];
  readonly whole: Span;
}

export function readVisFile(path: string, text: string): VisFileResult {
  const file = new SourceFile(path, text);
  const diags = new DiagnosticBag(file);
  const funcSpans: FuncSpans[] = [];
  let root: JsonNode;
  try {
    root = parseJsonWithSpans(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    diags.error(e.span, M.notJson(e.message));
    return { diagnostics: diags.all(), funcSpans, file };
  }
  if (root.kind !== 'object') {
    diags.error(root.span, M.expected('a vis spec', 'a JSON object with "variables", "globalFuncs" and "widgets"'));
    return { diagnostics: diags.all(), funcSpans, file };
  }
  const r = new Reader(diags, funcSpans);
  const variables = r.list(root, 'variables', (n, i) => r.variable(n, i));
  const globalFuncs = r.list(root, 'globalFuncs', (n, i) => r.globalFunc(n, i));
  const widgets = r.list(root, 'widgets', (n, i) => r.widget(n, i));
  r.crossCheck(variables, globalFuncs, widgets, root);
  const diagnostics = diags.all();
  const ok = !diagnostics.some((d) => d.severity === 'error');
  return { ...(ok ? { spec: { variables, globalFuncs, widgets } } : {}), diagnostics, funcSpans, file };
}

/** Diagnostics (in vis.json) for calls of functions the script lacks, unknown argument names and missing arguments. */
export function checkVisCalls(vis: VisFileResult, entries: readonly EntryPoint[]): Diagnostic[] {
  const diags = new DiagnosticBag(vis.file);
  const names = entries.map((e) => e.name);
  for (const f of vis.funcSpans) {
    const entry = entries.find((e) => e.name === f.func.name);
    if (!entry) {
      diags.error(f.name, M.noFunction(f.func.name, names, nearest(f.func.name, names)));
      continue;
    }
    const params = entry.params.map((p) => p.name);
    f.func.args.forEach((a, i) => {
      if (!params.includes(a.name)) diags.error(f.args[i]!, M.noParameter(entry.name, a.name, params));
    });
    const missing = params.filter((p) => !f.func.args.some((a) => a.name === p));
    if (missing.length > 0) diags.error(f.whole, M.missingArguments(entry.name, missing));
  }
  return diags.all();
}

const get = (o: JsonObject, key: string): JsonNode | undefined => {
  const v = o.entries.find((e) => e.key === key)?.value;
  return v?.kind === 'null' ? undefined : v;
};

class Reader {
  constructor(
    private readonly diags: DiagnosticBag,
    private readonly funcSpans: FuncSpans[],
  ) {}

  list<T>(o: JsonObject, key: string, item: (n: JsonNode, i: number) => T | undefined): T[] {
    const v = get(o, key);
    if (v === undefined) return [];
    if (v.kind !== 'array') {
      this.diags.error(v.span, M.expected(`"${key}"`, 'a list'));
      return [];
    }
    const out: T[] = [];
    v.items.forEach((n, i) => {
      const x = item(n, i);
      if (x !== undefined) out.push(x);
    });
    return out;
  }

  object(n: JsonNode | undefined, what: string): JsonObject | undefined {
    if (n === undefined) return undefined;
    if (n.kind !== 'object') {
      this.diags.error(n.span, M.expected(what, 'an object'));
      return undefined;
    }
    return n;
  }

  string(o: JsonObject, key: string, what: string, required: boolean): string | undefined {
    const v = get(o, key);
    if (v === undefined) {
      if (required) this.diags.error({ start: o.span.start, end: o.span.start + 1 }, M.needs(what, `a "${key}"`));
      return undefined;
    }
    if (v.kind !== 'string') {
      this.diags.error(v.span, M.expected(`"${key}" of ${what}`, 'a string'));
      return undefined;
    }
    if (required && v.value === '') this.diags.error(v.span, M.needs(what, `a non-empty "${key}"`));
    return v.value;
  }

  variable(n: JsonNode, i: number): VisVariable | undefined {
    const o = this.object(n, `variables[${i}]`);
    if (!o) return undefined;
    const name = this.string(o, 'name', `variables[${i}]`, true);
    const what = name ? `variable '${name}'` : `variables[${i}]`;
    const typeNode = get(o, 'type');
    let type: VisVariableType = 'PX_UNKNOWN';
    if (typeNode !== undefined) {
      if (typeNode.kind === 'string' && (VIS_VARIABLE_TYPES as readonly string[]).includes(typeNode.value))
        type = typeNode.value as VisVariableType;
      else {
        const got = typeNode.kind === 'string' ? typeNode.value : JSON.stringify(typeNode.kind);
        this.diags.error(typeNode.span, M.badVariableType(got, VIS_VARIABLE_TYPES, nearest(got, VIS_VARIABLE_TYPES)));
      }
    }
    const description = this.string(o, 'description', what, false) ?? '';
    const defaultValue = this.string(o, 'defaultValue', what, false);
    const validNode = get(o, 'validValues');
    let validValues: string[] | undefined;
    if (validNode !== undefined) {
      if (validNode.kind !== 'array' || validNode.items.some((x) => x.kind !== 'string')) {
        this.diags.error(validNode.span, M.expected(`"validValues" of ${what}`, 'a list of strings'));
      } else validValues = validNode.items.map((x) => (x as { value: string }).value);
    }
    if (name === undefined) return undefined;
    const v: VisVariable = {
      name,
      type,
      description,
      ...(defaultValue !== undefined ? { defaultValue } : {}),
      ...(validValues?.length ? { validValues } : {}),
    };
    if (defaultValue !== undefined) {
      const problem = visValueProblem(v, defaultValue);
      if (problem) this.diags.error(get(o, 'defaultValue')!.span, M.badDefault(problem));
    }
    return v;
  }

  func(n: JsonNode | undefined, what: string): VisFunc | undefined {
    const o = this.object(n, `"func" of ${what}`);
    if (!o) return undefined;
    const name = this.string(o, 'name', `"func" of ${what}`, true);
    const argSpans: Span[] = [];
    const args = this.list(o, 'args', (a, i): VisFuncArg | undefined => {
      const ao = this.object(a, `argument ${i} of ${what}`);
      if (!ao) return undefined;
      const argName = this.string(ao, 'name', `argument ${i} of ${what}`, true);
      const variable = this.string(ao, 'variable', `argument ${i} of ${what}`, false);
      const value = this.string(ao, 'value', `argument ${i} of ${what}`, false);
      if (variable === undefined && value === undefined) {
        this.diags.error(ao.span, M.needs(`argument ${argName ?? i} of ${what}`, 'a "variable" or a "value"'));
        return undefined;
      }
      if (argName === undefined) return undefined;
      argSpans.push(ao.span);
      return variable !== undefined ? { name: argName, variable } : { name: argName, value: value! };
    });
    if (name === undefined) return undefined;
    const func = { name, args };
    this.funcSpans.push({ func, name: get(o, 'name')!.span, args: argSpans, whole: o.span });
    return func;
  }

  globalFunc(n: JsonNode, i: number): VisGlobalFunc | undefined {
    const o = this.object(n, `globalFuncs[${i}]`);
    if (!o) return undefined;
    const outputName = this.string(o, 'outputName', `globalFuncs[${i}]`, true);
    const what = outputName ? `global function '${outputName}'` : `globalFuncs[${i}]`;
    const fnNode = get(o, 'func');
    if (!fnNode) this.diags.error(o.span, M.needs(what, 'a "func"'));
    const func = this.func(fnNode, what);
    return outputName && func ? { outputName, func } : undefined;
  }

  widget(n: JsonNode, i: number): VisWidget | undefined {
    const o = this.object(n, `widgets[${i}]`);
    if (!o) return undefined;
    const name = this.string(o, 'name', `widgets[${i}]`, false) || 'widget';
    const what = `widget '${name}'`;
    const fnNode = get(o, 'func');
    const globalName = this.string(o, 'globalFuncOutputName', what, false);
    let source: VisWidget['source'] | undefined;
    if (fnNode && globalName !== undefined)
      this.diags.error(o.span, M.expected(what, 'either a "func" or a "globalFuncOutputName", not both'));
    else if (fnNode) {
      const func = this.func(fnNode, what);
      if (func) source = { kind: 'func', func };
    } else if (globalName) source = { kind: 'global', outputName: globalName };
    else this.diags.error(o.span, M.needs(what, 'a "func" or a "globalFuncOutputName"'));
    const displaySpec = this.displaySpec(get(o, 'displaySpec'), what);
    const position = this.position(get(o, 'position'), what);
    if (!source) return undefined;
    return { name, source, ...(displaySpec ? { displaySpec } : {}), ...(position ? { position } : {}) };
  }

  position(n: JsonNode | undefined, what: string): VisWidget['position'] {
    const o = this.object(n, `"position" of ${what}`);
    if (!o) return undefined;
    const num = (k: string) => this.number(o, k, `"position" of ${what}`) ?? 0;
    return { x: num('x'), y: num('y'), w: num('w'), h: num('h') };
  }

  number(o: JsonObject, key: string, what: string): number | undefined {
    const v = get(o, key);
    if (v === undefined) return undefined;
    // proto3 JSON writes 64-bit integers as strings.
    if (v.kind === 'number') return v.value;
    if (v.kind === 'string' && /^-?\d+(\.\d+)?$/.test(v.value)) return Number(v.value);
    this.diags.error(v.span, M.expected(`"${key}" of ${what}`, 'a number'));
    return undefined;
  }

  displaySpec(n: JsonNode | undefined, what: string): DisplaySpec | undefined {
    const o = this.object(n, `"displaySpec" of ${what}`);
    if (!o) return undefined;
    const typeUrl = this.string(o, '@type', `"displaySpec" of ${what}`, true);
    if (typeUrl === undefined) return undefined;
    const kind = typeUrl.replace(/^.*\/px\.vispb\./, '');
    if (!(DISPLAY_KINDS as readonly string[]).includes(kind)) {
      this.diags.error(get(o, '@type')!.span, M.unknownDisplay(typeUrl, DISPLAY_KINDS));
      return undefined;
    }
    const fields = this.fields(o, DISPLAY_FIELDS[kind as DisplayKind], `"displaySpec" of ${what}`);
    return { kind, ...fields } as DisplaySpec;
  }

  /** The fields `shape` names, read from `o` with their types checked; absent fields stay absent. */
  fields(o: JsonObject, shape: Shape, what: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, type, required] of shape) {
      const v = get(o, key);
      if (v === undefined) {
        if (required) this.diags.error({ start: o.span.start, end: o.span.start + 1 }, M.needs(what, `a "${key}"`));
        continue;
      }
      const value = this.field(v, type, `"${key}" of ${what}`);
      if (value !== undefined) out[key] = value;
    }
    return out;
  }

  field(v: JsonNode, type: FieldType, what: string): unknown {
    if (typeof type !== 'string') {
      if (type.list) {
        if (v.kind !== 'array') return void this.diags.error(v.span, M.expected(what, 'a list'));
        return v.items.map((x) => this.field(x, type.list!, what)).filter((x) => x !== undefined);
      }
      const o = this.object(v, what);
      return o ? this.fields(o, type.object!, what) : undefined;
    }
    switch (type) {
      case 'string':
        if (v.kind === 'string') return v.value;
        return void this.diags.error(v.span, M.expected(what, 'a string'));
      case 'boolean':
        if (v.kind === 'boolean') return v.value;
        return void this.diags.error(v.span, M.expected(what, 'true or false'));
      case 'number':
        if (v.kind === 'number') return v.value;
        if (v.kind === 'string' && /^-?\d+(\.\d+)?$/.test(v.value)) return Number(v.value);
        return void this.diags.error(v.span, M.expected(what, 'a number'));
    }
  }

  /** Names each argument binds to exist; widgets read global outputs that exist; names are unique. */
  crossCheck(
    variables: readonly VisVariable[],
    globalFuncs: readonly VisGlobalFunc[],
    widgets: readonly VisWidget[],
    root: JsonObject,
  ): void {
    const varNames = variables.map((v) => v.name);
    const seen = new Set<string>();
    const arrayItems = (key: string) => {
      const a = get(root, key);
      return a?.kind === 'array' ? a.items : [];
    };
    variables.forEach((v, i) => {
      if (seen.has(v.name))
        this.diags.error(arrayItems('variables')[i]?.span ?? root.span, M.duplicate('variable', v.name));
      seen.add(v.name);
    });
    for (const f of this.funcSpans) {
      f.func.args.forEach((a, i) => {
        if ('variable' in a && !varNames.includes(a.variable)) {
          this.diags.error(f.args[i]!, M.unknownVariable(a.variable, varNames, nearest(a.variable, varNames)));
        }
      });
    }
    const outputs = globalFuncs.map((g) => g.outputName);
    const seenOut = new Set<string>();
    globalFuncs.forEach((g, i) => {
      if (seenOut.has(g.outputName))
        this.diags.error(
          arrayItems('globalFuncs')[i]?.span ?? root.span,
          M.duplicate('global function output', g.outputName),
        );
      seenOut.add(g.outputName);
    });
    widgets.forEach((w, i) => {
      if (w.source.kind === 'global' && !outputs.includes(w.source.outputName)) {
        this.diags.error(
          arrayItems('widgets')[i]?.span ?? root.span,
          M.unknownGlobal(w.source.outputName, outputs, nearest(w.source.outputName, outputs)),
        );
      }
    });
  }
}

type FieldType = 'string' | 'number' | 'boolean' | { readonly list?: FieldType; readonly object?: Shape };
/** A field: its proto3 JSON name, its type, and whether the model needs it (the proto's fields a renderer cannot do without). */
type Shape = readonly (readonly [string, FieldType, 'required'?])[];

const AXIS: FieldType = { object: [['label', 'string']] };
const TITLED: Shape = [
  ['title', 'string'],
  ['xAxis', AXIS],
  ['yAxis', AXIS],
];

/** The fields of each display spec (vis.proto), by their proto3 JSON names. */
const DISPLAY_FIELDS: Readonly<Record<DisplayKind, Shape>> = {
  Table: [['gutterColumn', 'string']],
  TimeseriesChart: [
    ...TITLED,
    [
      'timeseries',
      {
        list: {
          object: [
            ['value', 'string', 'required'],
            ['series', 'string'],
            ['stackBySeries', 'boolean'],
            ['mode', 'string'],
          ],
        },
      },
      'required',
    ],
  ],
  BarChart: [
    ...TITLED,
    [
      'bar',
      {
        object: [
          ['value', 'string', 'required'],
          ['label', 'string', 'required'],
          ['stackBy', 'string'],
          ['groupBy', 'string'],
          ['horizontal', 'boolean'],
        ],
      },
      'required',
    ],
  ],
  PieChart: [
    ['label', 'string', 'required'],
    ['value', 'string', 'required'],
    ['title', 'string'],
  ],
  HistogramChart: [
    ...TITLED,
    [
      'histogram',
      {
        object: [
          ['value', 'string', 'required'],
          ['maxbins', 'number'],
          ['minstep', 'number'],
          ['horizontal', 'boolean'],
          ['prebinCount', 'string'],
        ],
      },
      'required',
    ],
  ],
  GaugeChart: [
    ['value', 'string', 'required'],
    ['title', 'string'],
  ],
  StatChart: [
    ['stat', { object: [['value', 'string', 'required']] }, 'required'],
    ['title', 'string'],
  ],
  TextChart: [['body', 'string', 'required']],
  VegaChart: [['spec', 'string', 'required']],
  Graph: [
    ['dotColumn', 'string'],
    [
      'adjacencyList',
      {
        object: [
          ['fromColumn', 'string', 'required'],
          ['toColumn', 'string', 'required'],
        ],
      },
    ],
    ['edgeWeightColumn', 'string'],
    ['nodeWeightColumn', 'string'],
    ['edgeColorColumn', 'string'],
    [
      'edgeThresholds',
      {
        object: [
          ['mediumThreshold', 'number'],
          ['highThreshold', 'number'],
        ],
      },
    ],
    ['edgeHoverInfo', { list: 'string' }],
    ['edgeLength', 'number'],
    ['enableDefaultHierarchy', 'boolean'],
  ],
  RequestGraph: REQUEST_GRAPH_COLUMNS.map((k) => [k, 'string'] as const),
  StackTraceFlameGraph: [
    ['stacktraceColumn', 'string', 'required'],
    ...[
      'countColumn',
      'percentageColumn',
      'namespaceColumn',
      'podColumn',
      'containerColumn',
      'pidColumn',
      'nodeColumn',
      'percentageLabel',
      'differenceColumn',
    ].map((k) => [k, 'string'] as const),
  ],
};
