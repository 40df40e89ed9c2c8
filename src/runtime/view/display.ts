// What a view page draws for a widget: the display spec of the typed vis model (src/core/vis.ts, read from vis.json
// by the compiler's reader, src/checker/vis-file.ts) reduced to what the renderer draws, with the defaults Pixie's
// Live UI applies (a missing display spec is a table, a series without a mode is a line). Display kinds the page
// does not draw are kept by name and drawn as a table.

import { assertNever } from '../../core/assert-never.js';
import { displayTypeUrl, REQUEST_GRAPH_COLUMNS, type DisplaySpec, type RequestGraphColumn } from '../../core/vis.js';

export type { VisPosition as GridPosition } from '../../core/vis.js';

export interface TimeseriesSpec {
  readonly value: string;
  readonly series?: string;
  readonly stackBySeries: boolean;
  readonly mode: 'MODE_LINE' | 'MODE_POINT' | 'MODE_AREA';
}

export type PageDisplay =
  | { readonly kind: 'Table'; readonly gutterColumn?: string }
  | {
      readonly kind: 'TimeseriesChart';
      readonly timeseries: readonly TimeseriesSpec[];
      readonly title?: string;
      readonly yLabel?: string;
    }
  | {
      readonly kind: 'BarChart';
      readonly value: string;
      readonly label: string;
      readonly stackBy?: string;
      readonly groupBy?: string;
      readonly horizontal: boolean;
      readonly title?: string;
    }
  | { readonly kind: 'RequestGraph'; readonly columns: Readonly<Record<RequestGraphColumn, string | undefined>> }
  | {
      readonly kind: 'Graph';
      readonly fromColumn: string;
      readonly toColumn: string;
      readonly edgeWeightColumn?: string;
      readonly nodeWeightColumn?: string;
      readonly edgeColorColumn?: string;
    }
  | { readonly kind: 'StackTraceFlameGraph'; readonly stacktraceColumn: string; readonly countColumn: string }
  | { readonly kind: 'StatChart'; readonly value: string; readonly title?: string }
  | { readonly kind: 'Text'; readonly body: string }
  | { readonly kind: 'Unknown'; readonly type: string };

const opt = <K extends string>(key: K, v: string | undefined): { [k in K]?: string } =>
  v ? ({ [key]: v } as { [k in K]: string }) : {};

/** How the page draws a widget with this display spec (none: a table). */
export function pageDisplay(d: DisplaySpec | undefined): PageDisplay {
  if (!d) return { kind: 'Table' };
  switch (d.kind) {
    case 'Table':
      return { kind: 'Table', ...opt('gutterColumn', d.gutterColumn) };
    case 'TimeseriesChart':
      return {
        kind: 'TimeseriesChart',
        ...opt('title', d.title),
        ...opt('yLabel', d.yAxis?.label),
        timeseries: d.timeseries.map((ts) => ({
          value: ts.value,
          ...opt('series', ts.series),
          stackBySeries: ts.stackBySeries ?? false,
          mode: ts.mode === 'MODE_POINT' || ts.mode === 'MODE_AREA' ? ts.mode : 'MODE_LINE',
        })),
      };
    case 'BarChart':
      return {
        kind: 'BarChart',
        value: d.bar.value,
        label: d.bar.label,
        horizontal: d.bar.horizontal ?? false,
        ...opt('stackBy', d.bar.stackBy),
        ...opt('groupBy', d.bar.groupBy),
        ...opt('title', d.title),
      };
    case 'RequestGraph': {
      const columns = Object.create(null) as Record<RequestGraphColumn, string | undefined>;
      for (const key of REQUEST_GRAPH_COLUMNS) columns[key] = d[key] || undefined;
      return { kind: 'RequestGraph', columns };
    }
    case 'Graph':
      // A graph drawn from a DOT column is not drawn here: its table is shown.
      if (!d.adjacencyList) return { kind: 'Unknown', type: displayTypeUrl(d.kind) };
      return {
        kind: 'Graph',
        fromColumn: d.adjacencyList.fromColumn,
        toColumn: d.adjacencyList.toColumn,
        ...opt('edgeWeightColumn', d.edgeWeightColumn),
        ...opt('nodeWeightColumn', d.nodeWeightColumn),
        ...opt('edgeColorColumn', d.edgeColorColumn),
      };
    case 'StackTraceFlameGraph':
      return {
        kind: 'StackTraceFlameGraph',
        stacktraceColumn: d.stacktraceColumn,
        countColumn: d.countColumn ?? 'count',
      };
    case 'StatChart':
      return { kind: 'StatChart', value: d.stat.value, ...opt('title', d.title) };
    case 'TextChart':
      return { kind: 'Text', body: d.body };
    case 'PieChart':
    case 'HistogramChart':
    case 'GaugeChart':
    case 'VegaChart':
      return { kind: 'Unknown', type: displayTypeUrl(d.kind) };
    default:
      return assertNever(d);
  }
}
