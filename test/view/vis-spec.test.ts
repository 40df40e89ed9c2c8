// Reading Pixie vis specs: typed widgets, variables and global functions; a malformed spec is an error naming the
// file and the JSON path, never a crash or a silent default.

import test from 'ava';
import { readVisSpec, VisSpecError } from '../../src/runtime/view/vis-spec.js';

test('a vis spec becomes typed variables, global functions and widgets with their display specs', (t) => {
  const spec = readVisSpec({
    variables: [{ name: 'start_time', type: 'PX_STRING', defaultValue: '-5m' }, { name: 'n', type: 'PX_INT64', defaultValue: 10, validValues: ['10', '20'] }],
    globalFuncs: [{ outputName: 'ts', func: { name: 'series', args: [{ name: 'start_time', variable: 'start_time' }] } }],
    widgets: [
      { name: 'Throughput', position: { x: 0, y: 0, w: 6, h: 3 }, globalFuncOutputName: 'ts',
        displaySpec: { '@type': 'types.px.dev/px.vispb.TimeseriesChart', timeseries: [{ value: 'rps', series: 'svc', stackBySeries: true, mode: 'MODE_AREA' }], yAxis: { label: 'rps' } } },
      { name: 'Bars', func: { name: 'bars', args: [{ name: 'n', value: 5 }] },
        displaySpec: { '@type': 'types.px.dev/px.vispb.BarChart', bar: { value: 'count', label: 'svc', horizontal: true } } },
      { name: 'Stacks', tableName: 'stacks', displaySpec: { '@type': 'types.px.dev/px.vispb.StackTraceFlameGraph', stacktraceColumn: 'stack_trace', countColumn: 'count' } },
      { name: 'Custom', tableName: 'x', displaySpec: { '@type': 'types.px.dev/px.vispb.Sankey' } },
    ],
  }, 'vis.json');
  t.deepEqual(spec.variables, [
    { name: 'start_time', type: 'PX_STRING', description: '', defaultValue: '-5m' },
    { name: 'n', type: 'PX_INT64', description: '', defaultValue: '10', validValues: ['10', '20'] },
  ]);
  t.deepEqual(spec.globalFuncs, [{ outputName: 'ts', func: { name: 'series', args: [{ name: 'start_time', variable: 'start_time' }] } }]);
  t.deepEqual(spec.widgets.map((w) => [w.name, w.position, w.source, w.display]), [
    ['Throughput', { x: 0, y: 0, w: 6, h: 3 }, { globalOutput: 'ts' },
      { kind: 'TimeseriesChart', timeseries: [{ value: 'rps', series: 'svc', stackBySeries: true, mode: 'MODE_AREA' }], yLabel: 'rps' }],
    ['Bars', undefined, { func: { name: 'bars', args: [{ name: 'n', value: '5' }] } }, { kind: 'BarChart', value: 'count', label: 'svc', horizontal: true }],
    ['Stacks', undefined, { table: 'stacks' }, { kind: 'StackTraceFlameGraph', stacktraceColumn: 'stack_trace', countColumn: 'count' }],
    ['Custom', undefined, { table: 'x' }, { kind: 'Unknown', type: 'types.px.dev/px.vispb.Sankey' }],
  ]);
});

test('a malformed vis spec is an error naming the file and the path of the problem', (t) => {
  const bad = (json: unknown) => t.throws(() => readVisSpec(json, 'x/vis.json'), { instanceOf: VisSpecError })?.message;
  t.is(bad([]), 'x/vis.json: $: expected an object');
  t.is(bad({ widgets: [{ name: 'a', func: { name: 'f', args: [] }, displaySpec: { '@type': 'x.TimeseriesChart', timeseries: [{ value: 'v', mode: 'MODE_PIE' }] } }] }),
    "x/vis.json: widgets[0].displaySpec.timeseries[0].mode: 'MODE_PIE' is not MODE_LINE, MODE_AREA, MODE_BAR or MODE_POINT");
  t.is(bad({ widgets: [{ name: 'a', globalFuncOutputName: 'nope', displaySpec: { '@type': 'x.Table' } }] }),
    "x/vis.json: widgets[0].globalFuncOutputName: no global function has the output 'nope'");
  t.is(bad({ widgets: [{ name: 'a', func: { name: 'f', args: [{ name: 'n', variable: 'missing' }] }, displaySpec: { '@type': 'x.Table' } }] }),
    "x/vis.json: function f: argument 'n' names the variable 'missing', which the spec does not declare");
  t.is(bad({ widgets: [{ name: 'a', tableName: 't', position: { x: -1 }, displaySpec: { '@type': 'x.Table' } }] }),
    'x/vis.json: widgets[0].position.x: expected a whole number from 0 to 1000');
  t.is(bad(JSON.parse('{"__proto__": {"widgets": 1}, "variables": {}}')), 'x/vis.json: variables: expected a list');
});
