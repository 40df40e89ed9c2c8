// A view reads vis.json with the compiler's reader into the typed model (src/core/vis.ts) and draws each widget by
// its display spec, with the Live UI's defaults; a malformed spec is an error at its line and column in the file,
// never a crash or a silent default.

import test from 'ava';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVisFile } from '../../src/checker/vis-file.js';
import { pageDisplay } from '../../src/runtime/view/display.js';
import { loadScript, ViewError } from '../../src/view/load.js';

const SPEC = JSON.stringify({
  variables: [
    { name: 'start_time', type: 'PX_STRING', defaultValue: '-5m' },
    { name: 'n', type: 'PX_INT64', defaultValue: '10', validValues: ['10', '20'] },
  ],
  globalFuncs: [{ outputName: 'ts', func: { name: 'series', args: [{ name: 'start_time', variable: 'start_time' }] } }],
  widgets: [
    {
      name: 'Throughput',
      position: { x: 0, y: 0, w: 6, h: 3 },
      globalFuncOutputName: 'ts',
      displaySpec: {
        '@type': 'types.px.dev/px.vispb.TimeseriesChart',
        timeseries: [{ value: 'rps', series: 'svc', stackBySeries: true, mode: 'MODE_AREA' }],
        yAxis: { label: 'rps' },
      },
    },
    {
      name: 'Bars',
      func: { name: 'bars', args: [{ name: 'n', value: '5' }] },
      displaySpec: {
        '@type': 'types.px.dev/px.vispb.BarChart',
        bar: { value: 'count', label: 'svc', horizontal: true },
      },
    },
    {
      name: 'Stacks',
      globalFuncOutputName: 'ts',
      displaySpec: { '@type': 'types.px.dev/px.vispb.StackTraceFlameGraph', stacktraceColumn: 'stack_trace' },
    },
    {
      name: 'Pie',
      globalFuncOutputName: 'ts',
      displaySpec: { '@type': 'types.px.dev/px.vispb.PieChart', label: 'svc', value: 'rps' },
    },
    { name: 'Plain', globalFuncOutputName: 'ts' },
    {
      name: 'Stat',
      globalFuncOutputName: 'ts',
      displaySpec: { '@type': 'types.px.dev/px.vispb.StatChart', stat: { value: 'rps' }, title: 'Now' },
    },
    {
      name: 'Note',
      globalFuncOutputName: 'ts',
      displaySpec: { '@type': 'types.px.dev/px.vispb.TextChart', body: 'hello' },
    },
  ],
});

test("each widget of the typed vis model is drawn by its display spec, with the Live UI's defaults", (t) => {
  const vis = readVisFile('vis.json', SPEC);
  t.deepEqual(vis.diagnostics, []);
  t.deepEqual(
    vis.spec!.widgets.map((w) => [w.name, pageDisplay(w.displaySpec)]),
    [
      [
        'Throughput',
        {
          kind: 'TimeseriesChart',
          yLabel: 'rps',
          timeseries: [{ value: 'rps', series: 'svc', stackBySeries: true, mode: 'MODE_AREA' }],
        },
      ],
      ['Bars', { kind: 'BarChart', value: 'count', label: 'svc', horizontal: true }],
      ['Stacks', { kind: 'StackTraceFlameGraph', stacktraceColumn: 'stack_trace', countColumn: 'count' }],
      ['Pie', { kind: 'Unknown', type: 'types.px.dev/px.vispb.PieChart' }],
      ['Plain', { kind: 'Table' }],
      ['Stat', { kind: 'StatChart', value: 'rps', title: 'Now' }],
      ['Note', { kind: 'Text', body: 'hello' }],
    ],
  );
});

test('a display spec without a field it cannot be drawn without is an error at its place in the file', (t) => {
  const text =
    '{"widgets": [{"name": "a", "func": {"name": "f", "args": []},\n  "displaySpec": {"@type": "types.px.dev/px.vispb.BarChart", "bar": {"label": "svc"}}}]}';
  const vis = readVisFile('x/vis.json', text);
  t.is(vis.spec, undefined);
  t.deepEqual(
    vis.diagnostics.map((d) => [d.message, vis.file.position(d.span.start)]),
    [['"bar" of "displaySpec" of widget \'a\' needs a "value"', { line: 2, col: 69 }]],
  );
});

test('pxlc view: a malformed vis.json beside the script is an error naming the file, line and column', async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-view-spec-'));
  await writeFile(join(dir, 'x.pxl'), "import px\ndef f():\n    return px.DataFrame(table='http_events')\n");
  await writeFile(
    join(dir, 'vis.json'),
    '{"variables": [],\n "widgets": [{"name": "a", "globalFuncOutputName": "nope"}]}',
  );
  const e = await t.throwsAsync(() => loadScript(dir), { instanceOf: ViewError });
  t.regex(e!.message, /vis\.json:2:14: error PXL8607: widget reads global function output 'nope'/);
});
