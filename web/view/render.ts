// Draws a view page (src/view/page.ts) in the browser: variables as a form, widgets on Pixie's 12-column grid,
// each drawn by its display spec, and the export preview. Text from the script or its data only ever reaches the
// page as text nodes, never as HTML.

import embed, { type VisualizationSpec } from 'vega-embed';
import cytoscape from 'cytoscape';
import { select } from 'd3-selection';
import flamegraph from 'd3-flame-graph';
import type { Cell, PageExport, PageTable, PageVariable, PageWidget, ViewPage } from '../../src/runtime/view/page.js';
import type { PageDisplay } from '../../src/runtime/view/display.js';
import { valueText } from '../../src/core/value-text.js';
import { isSemanticType, type DataType } from '../../src/core/types.js';

export interface PageHandlers {
  /** A variable changed: the page should be computed again with these values. */
  onVariables?(values: Record<string, string>): void;
  /** The send button: deliver the exports; resolves to lines to show. */
  onSend?(): Promise<{ delivered: boolean; lines: string[] }>;
}

/** Row height of the widget grid, in pixels (Pixie's grid uses rows of about this size). */
const ROW_PX = 68;
/** Rows a table widget puts in the document (the rest are counted below it). */
const TABLE_ROWS = 200;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** Renders `page` into `root`; resolves when every widget has been drawn. */
export async function renderPage(root: HTMLElement, page: ViewPage, handlers: PageHandlers = {}): Promise<void> {
  const header = el(
    'header',
    { class: 'px-header' },
    el('h1', {}, page.title),
    el('span', { class: 'px-ran' }, `data as of ${new Date(page.ranAt).toLocaleTimeString()}`),
  );
  if (page.everyMs) header.append(el('span', { class: 'px-live' }, `live: every ${page.everyMs / 1000}s`));
  const parts: HTMLElement[] = [header];
  if (page.variables.length > 0) parts.push(variablesForm(page.variables, handlers));
  if (page.error !== undefined) parts.push(el('pre', { class: 'px-error', 'data-testid': 'page-error' }, page.error));
  for (const w of page.warnings) parts.push(el('div', { class: 'px-warning' }, `warning: ${w}`));
  const grid = el('main', { class: 'px-grid' });
  const draws: (() => Promise<void>)[] = [];
  for (const w of page.widgets) {
    const { card, draw } = widgetCard(w, page.tables);
    grid.append(card);
    draws.push(draw);
  }
  parts.push(grid);
  if (page.exports.length > 0) parts.push(exportsPanel(page.exports, page.canSend ? handlers.onSend : undefined));
  root.replaceChildren(...parts);
  // Charts and graphs size themselves to their box, so they are drawn once the boxes are in the document.
  await Promise.all(draws.map((d) => d()));
  root.setAttribute('data-state', 'rendered');
}

function variablesForm(vars: readonly PageVariable[], handlers: PageHandlers): HTMLElement {
  const form = el('form', { class: 'px-vars', 'data-testid': 'variables' });
  const current = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const v of vars) out[v.name] = (form.elements.namedItem(v.name) as HTMLInputElement | HTMLSelectElement).value;
    return out;
  };
  for (const v of vars) {
    let input: HTMLInputElement | HTMLSelectElement;
    if (v.strict) {
      input = el('select', { name: v.name });
      for (const c of v.choices) input.append(el('option', { value: c }, c));
      input.value = v.value;
    } else {
      input = el('input', { name: v.name, type: 'text', value: v.value, spellcheck: 'false' });
      if (v.choices.length > 0) {
        const id = `choices-${v.name}`;
        input.setAttribute('list', id);
        form.append(el('datalist', { id }, ...v.choices.map((c) => el('option', { value: c }))));
      }
    }
    input.addEventListener('change', () => handlers.onVariables?.(current()));
    form.append(el('label', { title: v.description || v.type }, el('span', {}, v.name), input));
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    handlers.onVariables?.(current());
  });
  return form;
}

function widgetCard(
  w: PageWidget,
  tables: Readonly<Record<string, PageTable>>,
): { card: HTMLElement; draw: () => Promise<void> } {
  const body = el('div', { class: 'px-widget-body' });
  const card = el(
    'section',
    { class: 'px-widget', 'data-widget': w.name, 'data-kind': w.display.kind },
    el('h2', {}, w.name),
    body,
  );
  card.style.gridColumn = `${w.position.x + 1} / span ${Math.min(12, w.position.w)}`;
  card.style.gridRow = `${w.position.y + 1} / span ${w.position.h}`;
  card.style.minHeight = `${w.position.h * ROW_PX}px`;
  const table = w.table !== undefined ? tables[w.table] : undefined;
  if (w.error !== undefined || !table) {
    body.append(el('pre', { class: 'px-error' }, w.error ?? 'no data'));
    card.setAttribute('data-state', 'error');
    return { card, draw: () => Promise.resolve() };
  }
  card.setAttribute('data-rows', String(table.totalRows));
  if (w.unavailable !== undefined && table.totalRows === 0) {
    body.append(el('p', { class: 'px-unavailable' }, w.unavailable));
    card.setAttribute('data-state', 'unavailable');
    return { card, draw: () => Promise.resolve() };
  }
  const draw = () =>
    drawWidget(body, w.display, table)
      .then(() => card.setAttribute('data-state', 'rendered'))
      .catch((e: unknown) => {
        body.replaceChildren(
          el('pre', { class: 'px-error' }, `cannot draw ${w.display.kind}: ${(e as Error).message}`),
        );
        card.setAttribute('data-state', 'error');
      });
  return { card, draw };
}

async function drawWidget(body: HTMLElement, d: PageDisplay, table: PageTable): Promise<void> {
  switch (d.kind) {
    case 'Table':
    case 'Unknown':
      body.append(tableElement(table));
      return;
    case 'TimeseriesChart':
      return vegaChart(body, timeseriesSpec(d, table));
    case 'BarChart':
      return vegaChart(body, barSpec(d, table));
    case 'RequestGraph':
      return requestGraph(body, d, table);
    case 'Graph':
      return graph(body, d, table);
    case 'StackTraceFlameGraph':
      return flame(body, d, table);
    case 'StatChart': {
      const v = lastValue(table, d.value);
      body.append(el('div', { class: 'px-stat' }, v === null ? '–' : formatNumber(v)));
      if (d.title) body.append(el('div', { class: 'px-stat-title' }, d.title));
      return;
    }
    case 'Text':
      body.append(el('div', { class: 'px-text' }, d.body));
      return;
  }
}

// --- tables -------------------------------------------------------------------------------------------------

export function tableElement(table: PageTable): HTMLElement {
  const head = el('tr', {}, ...table.columns.map((c) => el('th', { title: `${c.type} ${c.semanticType}` }, c.name)));
  const rows = table.rows.slice(0, TABLE_ROWS).map((r) =>
    el(
      'tr',
      {},
      ...r.map((v, j) => {
        const c = table.columns[j]!;
        return el(
          'td',
          c.type === 'STRING' || c.type === 'UINT128' ? {} : { class: 'num' },
          cellText(v, c.type, c.semanticType),
        );
      }),
    ),
  );
  const wrap = el('div', { class: 'px-table' }, el('table', {}, el('thead', {}, head), el('tbody', {}, ...rows)));
  const shown = Math.min(TABLE_ROWS, table.rows.length);
  wrap.append(
    el(
      'div',
      { class: 'px-table-foot' },
      shown < table.totalRows ? `${shown} of ${table.totalRows} rows` : `${table.totalRows} rows`,
    ),
  );
  return wrap;
}

// The same text as the terminal table (core/value-text.ts): 6.5 ms, 4.8 MiB, 14.00 %, 0.700000 /sec.
function cellText(v: Cell, type: DataType, semantic: string): string {
  if (v === null) return '';
  if (type === 'TIME64NS' && typeof v === 'number') return new Date(v).toISOString().replace('T', ' ').replace('Z', '');
  return valueText(type, isSemanticType(semantic) ? semantic : 'ST_NONE', v);
}

function formatNumber(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}

function rowObjects(table: PageTable): Record<string, Cell>[] {
  return table.rows.map((r) => {
    const o: Record<string, Cell> = {};
    table.columns.forEach((c, j) => {
      o[c.name] = r[j] ?? null;
    });
    return o;
  });
}

function columnOf(table: PageTable, name: string | undefined): number {
  if (name === undefined) return -1;
  const i = table.columns.findIndex((c) => c.name === name);
  if (i < 0)
    throw new Error(`the table has no column '${name}' (columns: ${table.columns.map((c) => c.name).join(', ')})`);
  return i;
}

function lastValue(table: PageTable, column: string): number | string | null {
  const j = columnOf(table, column);
  const row = table.rows[table.rows.length - 1];
  const v = row?.[j];
  return typeof v === 'number' || typeof v === 'string' ? v : null;
}

// --- Vega-Lite charts ---------------------------------------------------------------------------------------

/** Vega-Lite reads dots and brackets in field names as paths. */
const field = (name: string) => name.replace(/[.[\]\\]/g, '\\$&');

const MARKS = { MODE_LINE: 'line', MODE_AREA: 'area', MODE_BAR: 'bar', MODE_POINT: 'point' } as const;

function timeseriesSpec(d: Extract<PageDisplay, { kind: 'TimeseriesChart' }>, table: PageTable): VisualizationSpec {
  columnOf(table, 'time_');
  for (const ts of d.timeseries) {
    columnOf(table, ts.value);
    columnOf(table, ts.series);
  }
  return base(table, {
    layer: d.timeseries.map((ts) => ({
      mark: { type: MARKS[ts.mode], ...(ts.mode === 'MODE_LINE' ? { interpolate: 'monotone' } : {}), tooltip: true },
      encoding: {
        x: { field: 'time_', type: 'temporal', title: null },
        y: {
          field: field(ts.value),
          type: 'quantitative',
          title: d.yLabel ?? ts.value,
          stack: ts.stackBySeries || ts.mode === 'MODE_AREA' ? 'zero' : null,
        },
        ...(ts.series
          ? {
              color: {
                field: field(ts.series),
                type: 'nominal',
                legend: { orient: 'bottom', columns: 2, labelLimit: 260 },
              },
            }
          : {}),
      },
    })),
  });
}

function barSpec(d: Extract<PageDisplay, { kind: 'BarChart' }>, table: PageTable): VisualizationSpec {
  columnOf(table, d.value);
  columnOf(table, d.label);
  columnOf(table, d.stackBy);
  columnOf(table, d.groupBy);
  const cat = {
    field: field(d.label),
    type: 'nominal',
    sort: d.horizontal ? '-x' : '-y',
    title: d.label,
    axis: { labelLimit: 180 },
  };
  const val = { field: field(d.value), type: 'quantitative', aggregate: 'sum', title: d.value };
  const colour = d.stackBy ?? d.groupBy;
  return base(table, {
    mark: { type: 'bar', tooltip: true },
    encoding: {
      ...(d.horizontal ? { y: cat, x: val } : { x: cat, y: val }),
      ...(colour ? { color: { field: field(colour), type: 'nominal', legend: { orient: 'bottom' } } } : {}),
      ...(d.groupBy && !d.stackBy ? { [d.horizontal ? 'yOffset' : 'xOffset']: { field: field(d.groupBy) } } : {}),
    },
  });
}

function base(table: PageTable, spec: Record<string, unknown>): VisualizationSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width: 'container',
    height: 'container',
    autosize: { type: 'fit', contains: 'padding' },
    data: { values: rowObjects(table) },
    background: 'transparent',
    config: { view: { stroke: null }, axis: { labelFontSize: 10, titleFontSize: 11 }, legend: { labelFontSize: 10 } },
    ...spec,
  } as VisualizationSpec;
}

async function vegaChart(body: HTMLElement, spec: VisualizationSpec): Promise<void> {
  const box = el('div', { class: 'px-chart' });
  body.append(box);
  await embed(box, spec, { actions: false, renderer: 'svg', theme: 'dark' });
}

// --- graphs ---------------------------------------------------------------------------------------------------

interface Edge {
  from: string;
  to: string;
  label: string;
  weight: number;
  error: number;
}

function requestGraph(
  body: HTMLElement,
  d: Extract<PageDisplay, { kind: 'RequestGraph' }>,
  table: PageTable,
): Promise<void> {
  const c = d.columns;
  const idx = (name: string | undefined) => (name === undefined ? -1 : columnOf(table, name));
  const src = [idx(c.requestorServiceColumn), idx(c.requestorPodColumn), idx(c.requestorIPColumn)];
  const dst = [idx(c.responderServiceColumn), idx(c.responderPodColumn), idx(c.responderIPColumn)];
  const rps = idx(c.requestsPerSecondColumn);
  const err = idx(c.errorRateColumn);
  const p50 = idx(c.p50Column);
  const p99 = idx(c.p99Column);
  const pick = (row: readonly Cell[], cols: number[]) => {
    for (const j of cols) if (j >= 0 && row[j] !== '' && row[j] !== null) return String(row[j]);
    return '';
  };
  const num = (row: readonly Cell[], j: number) => (j >= 0 && typeof row[j] === 'number' ? (row[j] as number) : 0);
  const edges: Edge[] = table.rows
    .map((row) => {
      const parts = [
        rps >= 0 ? `${formatNumber(num(row, rps))} req/s` : '',
        err >= 0 ? `${formatNumber(num(row, err) * 100)}% err` : '',
        p50 >= 0 ? `p50 ${formatNumber(num(row, p50) / 1e6)}ms` : '',
        p99 >= 0 ? `p99 ${formatNumber(num(row, p99) / 1e6)}ms` : '',
      ];
      return {
        from: pick(row, src),
        to: pick(row, dst),
        label: parts.filter(Boolean).join(' · '),
        weight: num(row, rps),
        error: num(row, err),
      };
    })
    .filter((e) => e.from !== '' && e.to !== '');
  return drawGraph(body, mergeEdges(edges));
}

/** One edge per pair of nodes: throughput adds up, error rates average by throughput. */
function mergeEdges(edges: readonly (Edge & { parts?: string[] })[]): Edge[] {
  const byPair = new Map<string, Edge & { n: number }>();
  for (const e of edges) {
    const key = JSON.stringify([e.from, e.to]);
    const m = byPair.get(key);
    if (!m) byPair.set(key, { ...e, n: 1 });
    else {
      m.error = (m.error * m.weight + e.error * e.weight) / Math.max(1e-9, m.weight + e.weight);
      m.weight += e.weight;
      m.n++;
      m.label = `${formatNumber(m.weight)} req/s · ${formatNumber(m.error * 100)}% err (${m.n} pod pairs)`;
    }
  }
  return [...byPair.values()];
}

function graph(body: HTMLElement, d: Extract<PageDisplay, { kind: 'Graph' }>, table: PageTable): Promise<void> {
  const from = columnOf(table, d.fromColumn);
  const to = columnOf(table, d.toColumn);
  const w = d.edgeWeightColumn ? columnOf(table, d.edgeWeightColumn) : -1;
  const edges = table.rows
    .map((row) => {
      const weight = w >= 0 && typeof row[w] === 'number' ? (row[w] as number) : 1;
      return {
        from: String(row[from] ?? ''),
        to: String(row[to] ?? ''),
        label: w >= 0 ? formatNumber(weight) : '',
        weight,
        error: 0,
      };
    })
    .filter((e) => e.from !== '' && e.to !== '');
  return drawGraph(body, edges);
}

async function drawGraph(body: HTMLElement, edges: readonly Edge[]): Promise<void> {
  const box = el('div', { class: 'px-graph' });
  body.append(box);
  const nodes = [...new Set(edges.flatMap((e) => [e.from, e.to]))];
  const maxW = Math.max(1, ...edges.map((e) => e.weight));
  const cy = cytoscape({
    container: box,
    elements: [
      ...nodes.map((n) => ({ data: { id: `n:${n}`, label: n } })),
      ...edges.map((e, i) => ({
        data: {
          id: `e${i}`,
          source: `n:${e.from}`,
          target: `n:${e.to}`,
          label: e.label,
          width: 1 + (5 * e.weight) / maxW,
          bad: e.error > 0.05 ? 1 : 0,
        },
      })),
    ],
    style: [
      {
        selector: 'node',
        style: {
          label: 'data(label)',
          'font-size': 9,
          'background-color': '#12a3b5',
          width: 14,
          height: 14,
          color: '#e8eef2',
          'text-valign': 'bottom',
          'text-margin-y': 3,
          'text-wrap': 'ellipsis',
          'text-max-width': '160px',
        },
      },
      {
        selector: 'edge',
        style: {
          width: 'data(width)',
          'curve-style': 'bezier',
          'target-arrow-shape': 'triangle',
          'arrow-scale': 0.7,
          'line-color': '#5b7c99',
          'target-arrow-color': '#5b7c99',
          opacity: 0.8,
          label: 'data(label)',
          'font-size': 8,
          color: '#dfe7ee',
          'text-opacity': 0,
          'text-rotation': 'autorotate',
          'text-background-color': '#161a1f',
          'text-background-opacity': 0.8,
        },
      },
      { selector: 'edge[bad = 1]', style: { 'line-color': '#e5484d', 'target-arrow-color': '#e5484d' } },
      { selector: 'edge.hover', style: { 'text-opacity': 1, opacity: 1, 'z-index': 10 } },
    ],
    // Busy services in the middle, their callers around them; deterministic, so a refresh keeps the picture.
    layout: {
      name: 'concentric',
      concentric: (n: cytoscape.NodeSingular) => n.degree(false),
      levelWidth: () => 4,
      minNodeSpacing: 28,
      animate: false,
      padding: 16,
    },
    wheelSensitivity: 0.3,
  });
  cy.on('mouseover', 'edge', (e) => {
    e.target.addClass('hover');
  });
  cy.on('mouseout', 'edge', (e) => {
    e.target.removeClass('hover');
  });
  cy.on('mouseover', 'node', (e) => {
    e.target.connectedEdges().addClass('hover');
  });
  cy.on('mouseout', 'node', (e) => {
    e.target.connectedEdges().removeClass('hover');
  });
  box.setAttribute('data-nodes', String(cy.nodes().length));
  box.setAttribute('data-edges', String(cy.edges().length));
}

// --- flame graphs ---------------------------------------------------------------------------------------------

interface Frame {
  name: string;
  value: number;
  children: Frame[];
}

async function flame(
  body: HTMLElement,
  d: Extract<PageDisplay, { kind: 'StackTraceFlameGraph' }>,
  table: PageTable,
): Promise<void> {
  const st = columnOf(table, d.stacktraceColumn);
  const cnt = columnOf(table, d.countColumn);
  const root: Frame = { name: 'all', value: 0, children: [] };
  for (const row of table.rows) {
    const n = typeof row[cnt] === 'number' ? (row[cnt] as number) : Number(row[cnt]);
    if (!(n > 0)) continue;
    root.value += n;
    let node = root;
    for (const name of String(row[st] ?? '')
      .split(';')
      .filter(Boolean)) {
      let child = node.children.find((c) => c.name === name);
      if (!child) node.children.push((child = { name, value: 0, children: [] }));
      child.value += n;
      node = child;
    }
  }
  const box = el('div', { class: 'px-flame' });
  body.append(box);
  const chart = flamegraph()
    .width(Math.max(300, body.clientWidth - 8))
    .cellHeight(16)
    .minFrameSize(1)
    .selfValue(false);
  select(box).datum(root).call(chart);
}

// --- export preview -------------------------------------------------------------------------------------------

function exportsPanel(exports: readonly PageExport[], onSend: PageHandlers['onSend']): HTMLElement {
  const panel = el(
    'aside',
    { class: 'px-exports', 'data-testid': 'exports' },
    el('h2', {}, 'Export preview: what px.export would send'),
  );
  for (const x of exports) {
    const count = (t: PageTable | undefined, word: string) => (t ? `${t.totalRows} ${word}` : '');
    const summary = [
      count(x.resources, 'resources'),
      count(x.points, 'points'),
      count(x.spans, 'spans'),
      count(x.logs, 'log records'),
    ]
      .filter(Boolean)
      .join(', ');
    const section = el(
      'section',
      { class: 'px-export', 'data-export': x.title },
      el('h3', {}, `${x.title}${x.endpoint ? ` → ${x.endpoint}` : ''}`),
      el('p', {}, summary),
    );
    for (const [label, t] of [
      ['Resources', x.resources],
      ['Metric points', x.points],
      ['Spans', x.spans],
      ['Log records', x.logs],
    ] as const) {
      if (t) section.append(el('h4', {}, label), el('div', { 'data-table': t.name }, tableElement(t)));
    }
    const json = el(
      'details',
      {},
      el('summary', {}, `OTLP/JSON (${x.otlp.length} request${x.otlp.length === 1 ? '' : 's'})`),
      el('pre', { class: 'px-json' }, JSON.stringify(x.otlp, null, 2)),
    );
    section.append(json);
    panel.append(section);
  }
  if (onSend) {
    const out = el('pre', { class: 'px-send-result', 'data-testid': 'send-result' });
    const button = el('button', { type: 'button', 'data-testid': 'send' }, 'Send to the collector');
    button.addEventListener('click', () => {
      button.disabled = true;
      out.textContent = 'sending…';
      onSend()
        .then((r) => {
          out.textContent = r.lines.join('\n');
          out.className = `px-send-result ${r.delivered ? 'ok' : 'failed'}`;
        })
        .catch((e: unknown) => {
          out.textContent = (e as Error).message;
        })
        .finally(() => {
          button.disabled = false;
        });
    });
    panel.append(el('div', { class: 'px-send' }, button, out));
  }
  return panel;
}
