// A Pixie vis spec (the vis.json beside a script in Pixie's script bundles) as typed values: the variables a user
// sets, the functions that produce each widget's table, and each widget's display spec and grid position.
// Reading never trusts the file: every key is checked, unknown display types are kept as such (drawn as a
// table), and every problem names the file and the JSON path.

export interface VisVariable {
  readonly name: string;
  /** Pixie's type word: PX_STRING, PX_INT64, PX_FLOAT64, PX_BOOLEAN, PX_POD, PX_SERVICE, PX_NAMESPACE, PX_NODE, ... */
  readonly type: string;
  readonly description: string;
  readonly defaultValue?: string;
  readonly validValues?: readonly string[];
}

/** One argument of a widget's function: taken from a variable or given as a value. */
export type VisArg = { readonly name: string; readonly variable: string } | { readonly name: string; readonly value: string };

export interface VisFunc {
  readonly name: string;
  readonly args: readonly VisArg[];
}

export interface GridPosition { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

export interface TimeseriesSpec {
  readonly value: string;
  readonly series?: string;
  readonly stackBySeries: boolean;
  readonly mode: 'MODE_LINE' | 'MODE_BAR' | 'MODE_POINT' | 'MODE_AREA';
}

export type DisplaySpec =
  | { readonly kind: 'Table'; readonly gutterColumn?: string }
  | { readonly kind: 'TimeseriesChart'; readonly timeseries: readonly TimeseriesSpec[]; readonly title?: string; readonly yLabel?: string }
  | {
    readonly kind: 'BarChart'; readonly value: string; readonly label: string; readonly stackBy?: string; readonly groupBy?: string;
    readonly horizontal: boolean; readonly title?: string;
  }
  | { readonly kind: 'RequestGraph'; readonly columns: Readonly<Record<RequestGraphColumn, string | undefined>> }
  | {
    readonly kind: 'Graph'; readonly fromColumn: string; readonly toColumn: string; readonly edgeWeightColumn?: string;
    readonly nodeWeightColumn?: string; readonly edgeColorColumn?: string;
  }
  | { readonly kind: 'StackTraceFlameGraph'; readonly stacktraceColumn: string; readonly countColumn: string }
  | { readonly kind: 'StatChart'; readonly value: string; readonly title?: string }
  | { readonly kind: 'Text'; readonly body: string }
  | { readonly kind: 'Unknown'; readonly type: string };

export const REQUEST_GRAPH_COLUMNS = [
  'requestorPodColumn', 'responderPodColumn', 'requestorServiceColumn', 'responderServiceColumn', 'requestorIPColumn',
  'responderIPColumn', 'p50Column', 'p90Column', 'p99Column', 'errorRateColumn', 'requestsPerSecondColumn',
  'inboundBytesPerSecondColumn', 'outboundBytesPerSecondColumn', 'totalRequestCountColumn',
] as const;
export type RequestGraphColumn = (typeof REQUEST_GRAPH_COLUMNS)[number];

export interface VisWidget {
  readonly name: string;
  readonly position?: GridPosition;
  /** The table this widget draws: a function of its own, or a global function's output by name. */
  readonly source: { readonly func: VisFunc } | { readonly globalOutput: string } | { readonly table: string };
  readonly display: DisplaySpec;
}

export interface VisSpec {
  readonly variables: readonly VisVariable[];
  readonly globalFuncs: readonly { readonly outputName: string; readonly func: VisFunc }[];
  readonly widgets: readonly VisWidget[];
}

export class VisSpecError extends Error {}

type Json = Readonly<Record<string, unknown>>;

/** Reads the parsed JSON of a vis spec; throws VisSpecError naming `file` and the path of the first problem. */
export function readVisSpec(json: unknown, file: string): VisSpec {
  const fail = (path: string, what: string): never => {
    throw new VisSpecError(`${file}: ${path}: ${what}`);
  };
  const obj = (v: unknown, path: string): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : fail(path, 'expected an object'));
  const list = (v: unknown, path: string): readonly unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : fail(path, 'expected a list'));
  const str = (v: unknown, path: string): string => (typeof v === 'string' ? v : fail(path, 'expected a string'));
  const optStr = (o: Json, key: string, path: string): string | undefined => (own(o, key) === undefined || own(o, key) === '' ? undefined : str(own(o, key), `${path}.${key}`));
  const bool = (o: Json, key: string, path: string): boolean => {
    const v = own(o, key);
    return v === undefined ? false : typeof v === 'boolean' ? v : fail(`${path}.${key}`, 'expected true or false');
  };

  const readFunc = (v: unknown, path: string): VisFunc => {
    const f = obj(v, path);
    return {
      name: str(own(f, 'name'), `${path}.name`),
      args: list(own(f, 'args'), `${path}.args`).map((a, i): VisArg => {
        const p = `${path}.args[${i}]`;
        const arg = obj(a, p);
        const name = str(own(arg, 'name'), `${p}.name`);
        if (own(arg, 'variable') !== undefined) return { name, variable: str(own(arg, 'variable'), `${p}.variable`) };
        const value = own(arg, 'value');
        if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { name, value: String(value) };
        return fail(p, 'an argument needs "variable" or "value"');
      }),
    };
  };

  const readDisplay = (v: unknown, path: string): DisplaySpec => {
    const d = obj(v, path);
    const type = str(own(d, '@type'), `${path}.@type`);
    const kind = type.slice(type.lastIndexOf('.') + 1);
    switch (kind) {
      case 'Table': {
        const gutter = optStr(d, 'gutterColumn', path);
        return { kind, ...(gutter ? { gutterColumn: gutter } : {}) };
      }
      case 'TimeseriesChart': {
        const timeseries = list(own(d, 'timeseries'), `${path}.timeseries`).map((t, i): TimeseriesSpec => {
          const p = `${path}.timeseries[${i}]`;
          const ts = obj(t, p);
          const mode = optStr(ts, 'mode', p) ?? 'MODE_LINE';
          if (mode !== 'MODE_LINE' && mode !== 'MODE_BAR' && mode !== 'MODE_POINT' && mode !== 'MODE_AREA') {
            return fail(`${p}.mode`, `'${mode}' is not MODE_LINE, MODE_AREA, MODE_BAR or MODE_POINT`);
          }
          const series = optStr(ts, 'series', p);
          return { value: str(own(ts, 'value'), `${p}.value`), ...(series ? { series } : {}), stackBySeries: bool(ts, 'stackBySeries', p), mode };
        });
        if (timeseries.length === 0) fail(`${path}.timeseries`, 'a TimeseriesChart needs at least one series');
        const title = optStr(d, 'title', path);
        const yAxis = own(d, 'yAxis') === undefined || own(d, 'yAxis') === null ? undefined : obj(own(d, 'yAxis'), `${path}.yAxis`);
        const yLabel = yAxis ? optStr(yAxis, 'label', `${path}.yAxis`) : undefined;
        return { kind, timeseries, ...(title ? { title } : {}), ...(yLabel ? { yLabel } : {}) };
      }
      case 'BarChart': {
        const p = `${path}.bar`;
        const bar = obj(own(d, 'bar'), p);
        const stackBy = optStr(bar, 'stackBy', p);
        const groupBy = optStr(bar, 'groupBy', p);
        const title = optStr(d, 'title', path);
        return {
          kind, value: str(own(bar, 'value'), `${p}.value`), label: str(own(bar, 'label'), `${p}.label`), horizontal: bool(bar, 'horizontal', p),
          ...(stackBy ? { stackBy } : {}), ...(groupBy ? { groupBy } : {}), ...(title ? { title } : {}),
        };
      }
      case 'RequestGraph': {
        const columns = Object.create(null) as Record<RequestGraphColumn, string | undefined>;
        for (const key of REQUEST_GRAPH_COLUMNS) columns[key] = optStr(d, key, path);
        return { kind, columns };
      }
      case 'Graph': {
        const p = `${path}.adjacencyList`;
        const adj = obj(own(d, 'adjacencyList'), p);
        const opt = (key: string) => {
          const c = optStr(d, key, path);
          return c ? { [key]: c } : {};
        };
        return {
          kind, fromColumn: str(own(adj, 'fromColumn'), `${p}.fromColumn`), toColumn: str(own(adj, 'toColumn'), `${p}.toColumn`),
          ...opt('edgeWeightColumn'), ...opt('nodeWeightColumn'), ...opt('edgeColorColumn'),
        };
      }
      case 'StackTraceFlameGraph':
        return { kind, stacktraceColumn: str(own(d, 'stacktraceColumn'), `${path}.stacktraceColumn`), countColumn: str(own(d, 'countColumn'), `${path}.countColumn`) };
      case 'StatChart': {
        const stat = own(d, 'stat') === undefined ? d : obj(own(d, 'stat'), `${path}.stat`);
        const title = optStr(d, 'title', path);
        return { kind, value: str(own(stat, 'value'), `${path}.stat.value`), ...(title ? { title } : {}) };
      }
      case 'Text':
        return { kind, body: str(own(d, 'body') ?? '', `${path}.body`) };
      default:
        return { kind: 'Unknown', type };
    }
  };

  const readPosition = (v: unknown, path: string): GridPosition | undefined => {
    if (v === undefined) return undefined;
    const p = obj(v, path);
    const n = (key: string, min: number) => {
      const x = own(p, key) ?? 0;
      return typeof x === 'number' && Number.isInteger(x) && x >= min && x <= 1000 ? x : fail(`${path}.${key}`, `expected a whole number from ${min} to 1000`);
    };
    return { x: n('x', 0), y: n('y', 0), w: n('w', 1), h: n('h', 1) };
  };

  const spec = obj(json, '$');
  const variables = list(own(spec, 'variables'), 'variables').map((v, i): VisVariable => {
    const p = `variables[${i}]`;
    const o = obj(v, p);
    const dv = own(o, 'defaultValue');
    const valid = own(o, 'validValues');
    return {
      name: str(own(o, 'name'), `${p}.name`),
      type: optStr(o, 'type', p) ?? 'PX_STRING',
      description: optStr(o, 'description', p) ?? '',
      ...(dv !== undefined && dv !== null ? { defaultValue: typeof dv === 'string' ? dv : String(dv) } : {}),
      ...(valid !== undefined ? { validValues: list(valid, `${p}.validValues`).map((x, j) => str(x, `${p}.validValues[${j}]`)) } : {}),
    };
  });
  const globalFuncs = list(own(spec, 'globalFuncs'), 'globalFuncs').map((g, i) => {
    const p = `globalFuncs[${i}]`;
    const o = obj(g, p);
    return { outputName: str(own(o, 'outputName'), `${p}.outputName`), func: readFunc(own(o, 'func'), `${p}.func`) };
  });
  const widgets = list(own(spec, 'widgets'), 'widgets').map((w, i): VisWidget => {
    const p = `widgets[${i}]`;
    const o = obj(w, p);
    const position = readPosition(own(o, 'position'), `${p}.position`);
    const global = optStr(o, 'globalFuncOutputName', p);
    let source: VisWidget['source'];
    if (global !== undefined) {
      if (!globalFuncs.some((g) => g.outputName === global)) fail(`${p}.globalFuncOutputName`, `no global function has the output '${global}'`);
      source = { globalOutput: global };
    } else if (own(o, 'func') !== undefined) {
      source = { func: readFunc(own(o, 'func'), `${p}.func`) };
    } else {
      source = { table: optStr(o, 'tableName', p) ?? fail(p, 'a widget needs "func", "globalFuncOutputName" or "tableName"') };
    }
    return { name: optStr(o, 'name', p) ?? `widget ${i + 1}`, ...(position ? { position } : {}), source, display: readDisplay(own(o, 'displaySpec'), `${p}.displaySpec`) };
  });
  const names = new Set(variables.map((v) => v.name));
  for (const f of [...globalFuncs.map((g) => g.func), ...widgets.flatMap((w) => ('func' in w.source ? [w.source.func] : []))]) {
    for (const a of f.args) if ('variable' in a && !names.has(a.variable)) fail(`function ${f.name}`, `argument '${a.name}' names the variable '${a.variable}', which the spec does not declare`);
  }
  return { variables, globalFuncs, widgets };
}

/** A key of a JSON object, never one of Object.prototype's. */
function own(o: Json, key: string): unknown {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}
