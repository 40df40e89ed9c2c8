// The PxL playground: an editor that checks the script as you type (Pixie's messages, at the column), compiles it
// to a module with the same compiler as `pxlc compile`, runs it on the demo data in the page, and draws the
// results and the OTLP a px.export would send. Nothing leaves the page.

import { EditorView, basicSetup } from 'codemirror';
import { python } from '@codemirror/lang-python';
import { linter, lintGutter, forceLinting, type Diagnostic as CmDiagnostic } from '@codemirror/lint';
import { oneDark } from '@codemirror/theme-one-dark';
import examples from 'virtual:examples';
import { check } from '../../src/compiler.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { buildPage } from '../../src/runtime/view/build-page.js';
import { otlpJsonRequests } from '../../src/runtime/view/otlp-json.js';
import type { VisSpec } from '../../src/core/vis.js';
import { readVisFile } from '../../src/checker/vis-file.js';
import { renderText } from '../../src/diagnostics/render.js';
import { el, renderPage } from '../view/render.js';
import { compileInPage, VERSION } from './compile.js';

const SCRIPT_PATH = 'playground.pxl';

const examplePicker = el(
  'select',
  { 'data-testid': 'examples', 'aria-label': 'examples' },
  ...examples.map((e, i) => el('option', { value: String(i) }, e.name)),
);
const status = el('span', { class: 'pg-status', 'data-testid': 'status' });
const diagnosticsList = el('ul', { class: 'pg-diagnostics', 'data-testid': 'diagnostics' });
const visText = el('textarea', {
  class: 'pg-vis',
  spellcheck: 'false',
  'aria-label': 'vis.json',
  placeholder: 'vis.json (optional): widgets, variables',
});
const results = el('div', { id: 'app', class: 'pg-results' });
const editorBox = el('div', { class: 'pg-editor', 'data-testid': 'editor' });
document.body.append(
  el(
    'header',
    { class: 'pg-header' },
    el('h1', {}, 'PxL playground'),
    el('span', { class: 'pg-version' }, `pxlc ${VERSION}`),
    examplePicker,
    status,
  ),
  el(
    'div',
    { class: 'pg-split' },
    el(
      'div',
      { class: 'pg-left' },
      editorBox,
      diagnosticsList,
      el('details', {}, el('summary', {}, 'vis.json'), visText),
    ),
    results,
  ),
);

let latest: readonly Diagnostic[] = [];

function checkNow(text: string): readonly Diagnostic[] {
  latest = check({ path: SCRIPT_PATH, text }).diagnostics;
  diagnosticsList.replaceChildren(
    ...latest.map((d) => {
      const { line, col } = lineCol(text, d.span.start);
      return el('li', { class: d.severity }, `${line}:${col}: ${d.severity}: ${d.message}`);
    }),
  );
  return latest;
}

function lineCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

const pxlLinter = linter(
  (view): CmDiagnostic[] => {
    const text = view.state.doc.toString();
    return checkNow(text).map((d) => {
      const from = Math.min(d.span.start, text.length);
      const to = Math.min(Math.max(d.span.end, from + 1), text.length);
      return {
        from,
        to: Math.max(from, to),
        severity: d.severity === 'error' ? 'error' : 'warning',
        message: [d.message, ...d.hints.map((h) => `help: ${h}`)].join('\n'),
      };
    });
  },
  { delay: 250 },
);

let runTimer: ReturnType<typeof setTimeout> | undefined;
let generation = 0;

const editor = new EditorView({
  parent: editorBox,
  doc: examples[0]?.pxl ?? '',
  extensions: [
    basicSetup,
    python(),
    oneDark,
    lintGutter(),
    pxlLinter,
    EditorView.updateListener.of((u) => {
      if (u.docChanged) scheduleRun();
    }),
  ],
});

function scheduleRun(values: Record<string, string> = {}): void {
  if (runTimer !== undefined) clearTimeout(runTimer);
  runTimer = setTimeout(() => void runScript(values), 500);
}

async function runScript(values: Record<string, string>): Promise<void> {
  const run = ++generation;
  const text = editor.state.doc.toString();
  let spec: VisSpec | undefined;
  if (visText.value.trim() !== '') {
    const vis = readVisFile('vis.json', visText.value);
    if (!vis.spec) {
      status.textContent = vis.diagnostics
        .filter((d) => d.severity === 'error')
        .map(renderText)
        .join('\n');
      status.className = 'pg-status failed';
      return;
    }
    spec = vis.spec;
  }
  status.textContent = 'running…';
  status.className = 'pg-status';
  const compiled = await compileInPage(SCRIPT_PATH, text);
  if ('errors' in compiled) {
    status.textContent = `${compiled.errors.length} error${compiled.errors.length === 1 ? '' : 's'}: fix ${compiled.errors.length === 1 ? 'it' : 'them'} to run`;
    status.className = 'pg-status failed';
    return;
  }
  const module = compiled.module;
  const started = performance.now();
  const page = await buildPage({
    title: examples[Number(examplePicker.value)]?.name ?? 'playground',
    module,
    ...(spec ? { spec } : {}),
    values,
    options: {},
    otlp: otlpJsonRequests,
  });
  if (run !== generation) return;
  await renderPage(results, page, { onVariables: (v) => void runScript(v) });
  status.textContent = `ran in ${Math.round(performance.now() - started)} ms on the demo data`;
  status.className = 'pg-status ok';
}

examplePicker.addEventListener('change', () => {
  const e = examples[Number(examplePicker.value)]!;
  visText.value = e.vis ?? '';
  editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: e.pxl } });
  forceLinting(editor);
});
visText.addEventListener('change', () => scheduleRun());
visText.value = examples[0]?.vis ?? '';
forceLinting(editor);
scheduleRun();
