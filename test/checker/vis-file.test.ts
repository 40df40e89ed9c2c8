// vis.json is read into the typed model of src/core/vis.ts; every mistake is reported at its line and column in the
// file, all at once, and the calls are checked against the script's functions.

import test from 'ava';
import { compile } from '../../src/index.js';

const SCRIPT = `import px

def requests(start_time: str, limit: int):
    df = px.DataFrame(table='http_events', start_time=start_time)
    return df.head(limit)
`;

function diagnostics(vis: string, script = SCRIPT): string[] {
  const r = compile({ path: 'requests.pxl', text: script, vis: { path: 'vis.json', text: vis } });
  t_js = r.js;
  return r.diagnostics.map(
    (d) =>
      `${d.file.path}:${d.file.position(d.span.start).line}:${d.file.position(d.span.start).col}: ${d.message}${d.hints.map((h) => ` | ${h}`).join('')}`,
  );
}
let t_js: string | undefined;

test('a well-formed spec compiles into the module', (t) => {
  const vis = JSON.stringify({
    variables: [
      { name: 'start_time', type: 'PX_STRING', defaultValue: '-5m' },
      { name: 'limit', type: 'PX_INT64', defaultValue: '10' },
    ],
    widgets: [
      {
        name: 'Requests',
        func: {
          name: 'requests',
          args: [
            { name: 'start_time', variable: 'start_time' },
            { name: 'limit', value: '5' },
          ],
        },
      },
    ],
  });
  t.deepEqual(diagnostics(vis), []);
  t.regex(t_js!, /'vis': \{/);
});

test('every problem in the file, located, with hints', (t) => {
  const vis = `{
  "variables": [
    {"name": "start_time", "type": "PX_STRNG", "defaultValue": "-5m"},
    {"name": "limit", "type": "PX_INT64", "defaultValue": "ten"},
    {"name": "limit", "type": "PX_INT64"}
  ],
  "globalFuncs": [{"outputName": "g", "func": {"name": "requests", "args": [{"name": "start_time", "variable": "start_tme"}, {"name": "limit", "variable": "limit"}]}}],
  "widgets": [
    {"name": "A", "globalFuncOutputName": "gg"},
    {"name": "B", "func": {"name": "request", "args": []}},
    {"name": "C", "func": {"name": "requests", "args": [{"name": "start", "variable": "start_time"}]},
     "displaySpec": {"@type": "types.px.dev/px.vispb.Tabel"}},
    {"name": "D"}
  ]
}`;
  t.deepEqual(diagnostics(vis), [
    "vis.json:3:36: unknown variable type 'PX_STRNG' | did you mean 'PX_STRING'? | types: PX_UNKNOWN, PX_BOOLEAN, PX_INT64, PX_FLOAT64, PX_STRING, PX_SERVICE, PX_POD, PX_CONTAINER, PX_NAMESPACE, PX_NODE, PX_LIST, PX_STRING_LIST",
    'vis.json:4:59: default value: limit=ten is not an integer (PX_INT64)',
    "vis.json:5:5: variable 'limit' appears twice",
    "vis.json:7:77: argument bound to variable 'start_tme', which the spec does not declare | did you mean 'start_time'? | variables: start_time, limit, limit",
    "vis.json:9:5: widget reads global function output 'gg', which no entry of \"globalFuncs\" produces | did you mean 'g'?",
    "vis.json:12:31: unknown display spec type 'types.px.dev/px.vispb.Tabel' | types: types.px.dev/px.vispb.Table, types.px.dev/px.vispb.TimeseriesChart, types.px.dev/px.vispb.BarChart, types.px.dev/px.vispb.PieChart, types.px.dev/px.vispb.HistogramChart, types.px.dev/px.vispb.GaugeChart, types.px.dev/px.vispb.StatChart, types.px.dev/px.vispb.TextChart, types.px.dev/px.vispb.VegaChart, types.px.dev/px.vispb.Graph, types.px.dev/px.vispb.RequestGraph, types.px.dev/px.vispb.StackTraceFlameGraph",
    'vis.json:13:5: widget \'D\' needs a "func" or a "globalFuncOutputName"',
  ]);
  t.is(t_js, undefined);
});

test('calls are checked against the script: unknown functions and arguments, missing arguments', (t) => {
  const vis = `{"variables": [{"name": "s", "type": "PX_STRING", "defaultValue": "-5m"}],
 "widgets": [
  {"name": "B", "func": {"name": "request", "args": []}},
  {"name": "C", "func": {"name": "requests", "args": [{"name": "start", "variable": "s"}]}}
 ]}`;
  t.deepEqual(diagnostics(vis), [
    "vis.json:3:34: the script has no function 'request' to call | did you mean 'requests'? | functions: requests",
    "vis.json:4:25: the call of 'requests' does not pass the arguments 'start_time', 'limit'",
    "vis.json:4:55: function 'requests' has no argument 'start' | arguments: start_time, limit",
  ]);
});

test('not JSON, or not an object: one located error', (t) => {
  t.deepEqual(diagnostics('{"variables": [}'), ['vis.json:1:16: not valid JSON: expected a value, found "}"']);
  t.deepEqual(diagnostics('[]'), [
    'vis.json:1:1: a vis spec must be a JSON object with "variables", "globalFuncs" and "widgets"',
  ]);
});

test('input keys never become object keys: __proto__ and constructor are names like any other', (t) => {
  const vis = JSON.stringify({
    variables: [{ name: '__proto__', type: 'PX_STRING', defaultValue: 'x' }],
    widgets: [
      {
        name: 'constructor',
        func: {
          name: 'requests',
          args: [
            { name: 'start_time', variable: '__proto__' },
            { name: 'limit', value: '1' },
          ],
        },
        displaySpec: { '@type': 'types.px.dev/px.vispb.Table', __proto__: { polluted: true }, gutterColumn: 'x' },
      },
    ],
  });
  t.deepEqual(diagnostics(vis), []);
  t.false(t_js!.includes('polluted'));
  t.is(({} as Record<string, unknown>)['polluted'], undefined);
});
