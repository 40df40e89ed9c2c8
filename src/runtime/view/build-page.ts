// Runs a compiled script the way Pixie's Live UI does and collects a page: each function a widget names runs once
// per distinct set of arguments (taken from the variables), global functions once, and the top level when it has
// px.display or px.export calls (or the function `options.func` names). Exports are captured, not sent: the page previews what each would send.

import type { RunOptions, RunResult, ScriptInfo } from '../run.js';
import type { OTelExportSpec } from '../../core/otel-spec.js';
import type { Table } from '../table.js';
import { exportPreview } from './export-preview.js';
import type { OtlpJsonRequest } from './otlp-json.js';
import {
  pageTable,
  type PageExport,
  type PageTable,
  type PageVariable,
  type PageWidget,
  type ViewPage,
} from './page.js';
import type { VisFunc, VisPosition, VisSpec, VisVariable } from '../../core/vis.js';
import { describeUnavailable } from '../contracts.js';
import { pageDisplay } from './display.js';

/** The exports of a compiled module (`export const script`, `export function run`). */
export interface ScriptModule {
  readonly script: ScriptInfo;
  run(options: RunOptions): Promise<RunResult>;
}

export interface PageInput {
  readonly title: string;
  readonly module: ScriptModule;
  readonly spec?: VisSpec;
  /** Variable values the user set; the rest take their defaults. */
  readonly values: Readonly<Record<string, string>>;
  /** Data, clock and metadata options shared by every run of the page. */
  readonly options: RunOptions;
  /** Names from the data's cluster, offered for PX_POD / PX_SERVICE / PX_NAMESPACE / PX_NODE variables. */
  readonly clusterNames?: Readonly<Record<string, readonly string[]>>;
  /** The OTLP/JSON requests an export would send. */
  readonly otlp: (spec: OTelExportSpec, table: Table) => OtlpJsonRequest[];
  readonly everyMs?: number;
  readonly canSend?: boolean;
}

const GRID_COLUMNS = 12;
/** Rows of the grid a widget without a position takes. */
const AUTO_HEIGHT = 4;

export async function buildPage(input: PageInput): Promise<ViewPage> {
  const variables = (input.spec?.variables ?? []).map((v) => pageVariable(v, input.values, input.clusterNames ?? {}));
  const valueOf = new Map(variables.map((v) => [v.name, v.value]));
  const tables: Record<string, PageTable> = Object.create(null) as Record<string, PageTable>;
  const widgets: PageWidget[] = [];
  const exports: PageExport[] = [];
  const warnings: string[] = [];
  const onExport = (spec: OTelExportSpec, table: Table) => {
    exports.push(exportPreview(`px.export ${exports.length + 1}`, spec.endpoint?.url, input.otlp(spec, table)));
  };
  const runs = new Map<string, Promise<RunResult>>();
  const runFunc = (f: VisFunc): Promise<RunResult> => {
    const args: Record<string, string> = {};
    for (const a of f.args) args[a.name] = 'variable' in a ? (valueOf.get(a.variable) ?? '') : a.value;
    const key = JSON.stringify([f.name, Object.entries(args)]);
    let run = runs.get(key);
    if (!run) {
      run = input.module.run({ ...input.options, func: f.name, args, onExport });
      runs.set(key, run);
    }
    return run;
  };

  let error: string | undefined;
  if (input.module.script.outputs.length > 0 || input.options.func !== undefined) {
    try {
      const result = await input.module.run({ ...input.options, onExport });
      warnings.push(...result.warnings);
      for (const t of result.tables) {
        tables[t.name] = pageTable(t.name, t.table);
        widgets.push({ name: t.name, position: autoPosition(widgets), display: { kind: 'Table' }, table: t.name });
      }
    } catch (e) {
      error = messageOf(e);
    }
  }
  const globals = new Map((input.spec?.globalFuncs ?? []).map((g) => [g.outputName, g.func]));
  for (const w of input.spec?.widgets ?? []) {
    const position = w.position ?? autoPosition(widgets);
    const display = pageDisplay(w.displaySpec);
    const func = w.source.kind === 'func' ? w.source.func : globals.get(w.source.outputName)!;
    try {
      const result = await runFunc(func);
      const table = result.tables.find((t) => t.name === func.name) ?? result.tables[0];
      if (!table) {
        widgets.push({ name: w.name, position, display, error: `${func.name} returned no table` });
        continue;
      }
      const key = `${w.name}#${widgets.length}`;
      tables[key] = pageTable(w.name, table.table);
      widgets.push({
        name: w.name,
        position,
        display,
        table: key,
        ...(table.unavailable ? { unavailable: describeUnavailable(table.unavailable) } : {}),
      });
      for (const m of result.warnings) if (!warnings.includes(m)) warnings.push(m);
    } catch (e) {
      widgets.push({ name: w.name, position, display, error: messageOf(e) });
    }
  }
  return {
    title: input.title,
    variables,
    widgets,
    tables,
    exports,
    warnings,
    ranAt: new Date().toISOString(),
    ...(error !== undefined ? { error } : {}),
    ...(input.everyMs ? { everyMs: input.everyMs } : {}),
    ...(input.canSend ? { canSend: true } : {}),
  };
}

function pageVariable(
  v: VisVariable,
  values: Readonly<Record<string, string>>,
  cluster: Readonly<Record<string, readonly string[]>>,
): PageVariable {
  const given = Object.hasOwn(values, v.name) ? values[v.name] : undefined;
  const choices = v.validValues ?? (Object.hasOwn(cluster, v.type) ? cluster[v.type]! : []);
  return {
    name: v.name,
    type: v.type,
    description: v.description,
    value: given ?? v.defaultValue ?? '',
    choices: [...choices],
    strict: v.validValues !== undefined,
  };
}

/** Below every widget placed so far, full width. */
function autoPosition(placed: readonly PageWidget[]): VisPosition {
  const y = placed.reduce((m, w) => Math.max(m, w.position.y + w.position.h), 0);
  return { x: 0, y, w: GRID_COLUMNS, h: AUTO_HEIGHT };
}

function messageOf(e: unknown): string {
  const err = e as { message?: string; hints?: readonly string[] };
  return [err.message ?? String(e), ...(err.hints ?? []).map((h) => `help: ${h}`)].join('\n');
}
