// What Pixie's own planner tests establish about accepting and rejecting scripts, restated as examples over the
// small tables those tests compile against: every accepted script checks clean, every rejected one gets exactly the
// located diagnostics listed (Pixie's meaning, pxlc's words where they differ).

import test from 'ava';
import { check } from '../../src/index.js';
import type { ColumnInfo, DataType, Schema } from '../../src/core/types.js';

function columns(spec: string): Schema {
  return spec.split(' ').map((c): ColumnInfo => {
    const [name, dataType] = c.split(':') as [string, DataType];
    return { name, dataType, semanticType: 'ST_NONE' };
  });
}

/** The planner tests' tables; http_events and process_stats are their cut-down versions, in place of Pixie's real ones. */
const TABLES: Record<string, Schema> = {
  cpu: columns('count:INT64 cpu0:FLOAT64 cpu1:FLOAT64 cpu2:FLOAT64 upid:UINT128 agent_id:INT64'),
  sequences: columns('time_:TIME64NS xmod10:FLOAT64 PIx:FLOAT64'),
  network: columns('upid:UINT128 bytes_in:INT64 bytes_out:INT64 agent_id:INT64'),
  http_table: columns('time_:TIME64NS upid:UINT128 resp_status:INT64 resp_latency_ns:INT64'),
  process_stats: columns('time_:TIME64NS upid:UINT128 vsize_bytes:INT64 rss_bytes:INT64'),
  http_events: columns(
    'time_:TIME64NS upid:UINT128 remote_addr:STRING remote_port:INT64 req_method:STRING req_path:STRING ' +
      'req_body:STRING resp_status:INT64 resp_body:STRING resp_latency_ns:INT64',
  ),
};

function diagnostics(text: string): string[] {
  const r = check({ path: 'case.pxl', text: `import px\n${text}`, schemas: TABLES });
  return r.diagnostics.map((d) => {
    const p = d.file.position(d.span.start);
    return `${p.line}:${p.col} ${d.severity} ${d.code} ${d.message}`;
  });
}

const ACCEPTED: Record<string, string> = {
  'columns selected in an order of their own': `
cpus = px.DataFrame(table='cpu', select=['cpu2', 'count', 'cpu1'])
px.display(cpus, 'cpu_out')`,
  'a time window from 0 to px.now()': `
seq = px.DataFrame(table='sequences', select=['time_', 'xmod10'], start_time=0, end_time=px.now())
px.display(seq, 'range_table')`,
  'a computed column, then a groupby on a source column with two aggregates': `
c = px.DataFrame(table='cpu', select=['cpu0', 'cpu1'])
c['ratio'] = c['cpu1'] / c['cpu0']
px.display(c.groupby(['cpu0']).agg(ratio_mean=('ratio', px.mean), cpu1_mean=('cpu1', px.mean)))`,
  'groupby on two columns, on a computed column and on a renamed copy': `
c = px.DataFrame(table='cpu')
c.bucket = c.cpu0 * 2
c.copy = c.cpu1
px.display(c.groupby(['cpu0', 'cpu2']).agg(n=('cpu1', px.count)), 'two')
px.display(c.groupby('bucket').agg(n=('cpu1', px.count)), 'computed')
px.display(c.groupby('copy').agg(total=('cpu0', px.sum)), 'renamed')`,
  'agg over every row, without a groupby': `
c = px.DataFrame(table='cpu', select=['cpu0', 'cpu1'])
px.display(c.agg(n=('cpu0', px.count), top=('cpu1', px.max)))`,
  'each comparison of a FLOAT64 column with a float literal filters': `
c = px.DataFrame(table='cpu', select=['cpu0', 'cpu1'])
px.display(c[c.cpu0 > 0.5], 'gt')
px.display(c[c.cpu0 < 0.5], 'lt')
px.display(c[c.cpu0 == 0.5], 'eq')
px.display(c[c.cpu0 >= 0.5], 'ge')
px.display(c[c.cpu0 <= 0.5], 'le')
px.display(c[c.cpu0 != 0.5], 'ne')`,
  'and/or of comparisons in one filter': `
c = px.DataFrame(table='cpu', select=['cpu0', 'cpu1'])
c = c[c.cpu0 == 0.5 and c.cpu1 >= 0.2 or c.cpu0 >= 5.0 and c.cpu1 == 0.2]
px.display(c)`,
  'append of a DataFrame to itself, and of a list of DataFrames': `
a = px.DataFrame(table='cpu', select=['cpu0', 'cpu1'], start_time=0, end_time=10)
b = px.DataFrame(table='cpu', select=['cpu0', 'cpu1'], start_time=10, end_time=20)
px.display(a.append(a), 'self')
px.display(a.append(objs=[b, a]), 'list')`,
  'one result displayed and used again after a filter': `
h = px.DataFrame(table='http_table', start_time='-1m')
fast = h[h.resp_latency_ns < 1000000]
px.display(h, 'all')
px.display(fast)`,
  'merge on lists of keys, on single keys, a right merge and a merge with itself': `
c = px.DataFrame(table='cpu', select=['upid', 'agent_id', 'cpu0'])
n = px.DataFrame(table='network')
px.display(c.merge(n, how='inner', left_on=['upid', 'agent_id'], right_on=['upid', 'agent_id'], suffixes=['_c', '_n']), 'lists')
px.display(c.merge(n, how='inner', left_on='upid', right_on='upid', suffixes=['_c', '_n']), 'single')
px.display(c.merge(n, how='right', left_on='upid', right_on='upid'), 'right')
px.display(c.merge(c, how='inner', left_on=['upid'], right_on=['upid'], suffixes=['', '_again']), 'self')`,
  'drop of a list and of one name': `
h = px.DataFrame(table='http_events')
px.display(h.drop(['req_body', 'resp_body']), 'list')
px.display(h.drop('req_body'), 'one')`,
  'head with a keyword count and the per-agent flag': `
h = px.DataFrame(table='http_events').head(n=100, _pem_only=1)
h.one = 1
px.display(h)`,
  'unary operators and not on columns and comparisons': `
c = px.DataFrame(table='cpu', select=['cpu0'])
c.one = 1
c.flipped = ~c.one
c.neg = -c.cpu0
c.pos = +c.neg
c = c[not c.one == c.neg]
c.differs = c.one != c.neg
c.same = not c.differs
px.display(c)`,
  'semantic-type casts of columns and of a folded literal': `
p = px.DataFrame(table='process_stats', select=['vsize_bytes'])
p.vsize_bytes = px.Bytes(p.vsize_bytes)
s = px.DataFrame(table='sequences', select=['time_'])
s.time_ = px.Time(s.time_)
h = px.DataFrame('http_events')
h.window = px.DurationNanos(345 * 10)
px.display(p, 'bytes')
px.display(s, 'time')
px.display(h[['window']], 'duration')`,
  'a regex pattern as the first argument of regex_match, twice': `
h = px.DataFrame('http_events')
h.matches = px.regex_match('GET .*', h.req_body)
h.other = px.regex_match('POST .*', h.req_body)
px.display(h)`,
  "a function's local variable does not change the global one": `
name = 'http_events'
def shadow():
    name = 'cpu'
shadow()
px.display(px.DataFrame(name))`,
  'px imported under another name, and its members imported by name': `
import px as pixie
from px import DataFrame as Frame, display
h = Frame('http_events')
display(h[h.req_path == '/health'], 'health')
pixie.display(pixie.DataFrame('cpu'), 'cpu')`,
  'constant arithmetic where literals are required': `
offset = 10
h = px.DataFrame('http_events', start_time=offset + offset)
twenty = 20 * 20
h = h[twenty * twenty > 10]
ratio = px.minutes(2) / px.hours(1)
h.r = ratio + ratio
px.display(h)`,
  'a start time written as Go writes durations, and one concatenated from two literals': `
h = px.DataFrame(table='http_events', start_time='-1m0s')
a = '-5m'
t = px.DataFrame(table='http_events', start_time='-1h', end_time=a + '-0s')
px.display(h, 'go')
px.display(t, 'concatenated')`,
};

for (const [title, script] of Object.entries(ACCEPTED)) {
  test(`accepted: ${title}`, (t) => {
    t.deepEqual(diagnostics(script), []);
  });
}

const REJECTED: Record<string, [script: string, expected: string[]]> = {
  'a method a DataFrame does not have': [
    `
px.display(px.DataFrame(table='cpu', select=['cpu0']).brange(start=0, stop=10))`,
    ["3:55 error PXL2015 dataframe has no method 'brange'"],
  ],
  'an aggregate given positionally': [
    `
px.display(px.DataFrame('cpu').agg(px.mean))`,
    ['3:36 error PXL3004 agg() takes 0 arguments but 1 were given.'],
  ],
  'an aggregate tuple whose column is not a name, or whose function comes first': [
    `
c = px.DataFrame('cpu')
px.display(c.agg(m=(1, px.mean)), 'number')
px.display(c.agg(n=(px.count, 'upid')), 'reversed')`,
    [
      '4:20 error PXL4009 All elements of the agg tuple must be column names, except the last which should be a function',
      '5:20 error PXL4009 All elements of the agg tuple must be column names, except the last which should be a function',
    ],
  ],
  'a DataFrame used as its own subscript': [
    `
c = px.DataFrame('cpu')
px.display(c[c])`,
    ["4:14 error PXL4005 subscript argument must have a list of strings or expression. 'DataFrame' not allowed"],
  ],
  'a name list with a number in it names the argument and the index': [
    `
c = px.DataFrame('cpu', select=['cpu0', 1])
n = px.DataFrame('network')
px.display(c.groupby(['cpu0', 2]).agg(), 'by')
px.display(n.drop(['bytes_in', 3]), 'drop')
px.display(n.drop(4), 'drop_one')
px.display(n.merge(n, how='inner', left_on=['upid', 5], right_on=['upid', 'agent_id']), 'on')`,
    [
      "3:41 error PXL3008 Expected arg 'select (index 1)' as type 'String', received 'Int'",
      "5:31 error PXL3008 Expected arg 'by (index 1)' as type 'String', received 'Int'",
      "6:32 error PXL3008 Expected arg 'columns (index 1)' as type 'String', received 'Int'",
      "7:19 error PXL3008 Expected arg 'columns' as type 'String', received 'Int'",
      "8:53 error PXL3008 Expected arg 'left_on (index 1)' as type 'String', received 'Int'",
    ],
  ],
  'merge keys of different lengths': [
    `
c = px.DataFrame(table='cpu', select=['upid', 'cpu0'])
n = px.DataFrame(table='network', select=['upid', 'bytes_in'])
px.display(c.merge(n, how='inner', left_on=['upid', 'cpu0'], right_on=['upid']))`,
    ["5:71 error PXL4014 'left_on' and 'right_on' must contain the same number of elements."],
  ],
  'augmented assignment to True, False or None': [
    `
True += 'a'
False += 'b'
None += 'c'`,
    [
      "3:1 error PXL1003 SyntaxError: can't assign to True",
      "4:1 error PXL1003 SyntaxError: can't assign to False",
      "5:1 error PXL1003 SyntaxError: can't assign to None",
    ],
  ],
  'px.vis used as a decorator': [
    `
@px.vis
def latency():
    return px.DataFrame('http_events')`,
    ["3:2 error PXL2014 'vis' object is not callable"],
  ],
  'a method of None': [
    `
nothing = None
px.display(nothing.agg(n=('upid', px.count)))`,
    ["4:20 error PXL2013 'None' object has no attribute 'agg'"],
  ],
  'a list subscript that is not an integer, and a ctx key that is not a string': [
    `
h = px.DataFrame('http_events')
h.method = ['GET', 'POST'][1]
h.other = ['GET', 'POST']['first']
h.service = h.ctx[2]
px.display(h)`,
    [
      '5:27 error PXL2022 list indices must be integers, not String',
      "6:19 error PXL3008 Expected arg 'key' as type 'String', received 'Int'",
    ],
  ],
  'a literal called and subscripted': [
    `
one = 1
a = one()
b = one[0]`,
    ['4:5 error PXL2016 expression object is not callable', "5:5 error PXL2017 'Int' object is not subscriptable"],
  ],
  'wrong px arguments are named: a time bound, a negative head, a duration and UPID parts that are not literals of their type':
    [
      `
h = px.DataFrame('http_events', start_time=True)
h = h.head(n=-1)
h.window = px.parse_duration(5)
h.upid2 = px.make_upid('a', 1, h.resp_status)
h.upid3 = px.uint128(5)
px.display(h)`,
      [
        "3:44 error PXL3008 Expected arg 'start_time' as type 'String', received 'Bool'",
        "4:14 error PXL3008 Expected arg 'n' as type 'Int >= 0', received '-1'",
        "5:30 error PXL3008 Expected arg 'duration' as type 'String', received 'Int'",
        "6:24 error PXL3008 Expected arg 'asid' as type 'Int', received 'String'",
        "6:32 error PXL3008 Expected arg 'ts_ns' as type 'Int', received 'Column'",
        "7:22 error PXL3008 Expected arg 'uuid' as type 'String', received 'Int'",
      ],
    ],
  'script_reference arguments that are not a dict of strings, columns or functions': [
    `
h = px.DataFrame('http_events')
h.a = px.script_reference(h.req_path, 'px/pod', 5)
h.b = px.script_reference(h.req_path, 'px/pod', {'n': 1, 'm': h.req_method})
h.c = px.script_reference(h.req_path, 'px/pod', {1: 'x'})
h.d = px.script_reference(h.req_path, 'px/pod', {'t': '-5m', 'p': px.upid_to_pod_name(h.upid)})
px.display(h)`,
    [
      "4:49 error PXL3008 Expected arg 'args' as type 'Dict', received 'Int'",
      "5:55 error PXL3008 Expected arg 'args['n']' as type 'String, Column or Func', received 'Int'",
      "6:50 error PXL3008 Expected arg 'key' as type 'String', received 'Int'",
    ],
  ],
  'strptime needs the whole date string to match its format, and both as strings': [
    `
h = px.DataFrame('http_events')
h.a = px.strptime('2021-06-30 23:15:00', '%Y-%m-%d')
h.b = px.strptime('2021-02-30', '%Y-%m-%d')
h.c = px.strptime('2021-06-30', 5)
px.display(h)`,
    [
      '4:19 error PXL5009 Failed to parse time: \'trailing text "23:15:00" for format %Y-%m-%d\'',
      "5:19 error PXL5009 Failed to parse time: 'day 30 is out of range for month 2'",
      "6:33 error PXL3008 Expected arg 'format' as type 'String', received 'Int'",
    ],
  ],
  'rolling on a column other than time_, and over a window that is not positive': [
    `
c = px.DataFrame(table='cpu', select=['cpu0'])
px.display(c.rolling(1, on='cpu0'), 'on')
s = px.DataFrame(table='sequences')
px.display(s.rolling('-5m'), 'negative')
px.display(s.rolling(0), 'zero')`,
    [
      '4:28 error PXL4029 Windowing is only supported on time_ at the moment, not cpu0',
      '6:22 error PXL4030 Window size must be > 0',
      '7:22 error PXL4030 Window size must be > 0',
    ],
  ],
  'an indented line at the top of the script is invalid syntax; inside a function it is an unexpected indent': [
    `
t = px.DataFrame(table='cpu')
    px.display(t, 'cpu')
def f():
    t = px.DataFrame(table='cpu')
        return t`,
    ['4:1 error PXL1002 SyntaxError: invalid syntax', '7:1 error PXL1004 IndentationError: unexpected indent'],
  ],
  // (by_table is also an entry point of its own: its body needs the value of 'a', pxlc's warning.)
  'an argument refused by its annotation is reported once, at the call': [
    `
def by_table(a: str):
    px.display(px.DataFrame(a))
def show(df: px.DataFrame):
    px.display(df)
by_table(1)
show(1)`,
    [
      "4:29 warning PXL3016 script argument 'a' is needed here to compile by_table: by_table is checked and compiled when it runs, with the value given",
      "7:10 error PXL3010 Expected 'string', received 'int64'",
      "8:6 error PXL3010 Expected 'DataFrame', received 'Int'",
    ],
  ],
  "missing and extra arguments of a user function, a px function and a table function, in Pixie's words": [
    `
def simplefunc(simple):
    return simple
a = simplefunc()
b = simplefunc(1, 2)
c = simplefunc(1, blah=2)
px.display(px.DataFrame(select=['cpu0']), 'no_table')
px.display(px._DebugMDGetWithPrefix(), 'udtf')`,
    [
      "5:5 error PXL3007 simplefunc() missing 1 required positional arguments 'simple'",
      '6:19 error PXL3004 simplefunc() takes 1 arguments but 2 were given.',
      "7:19 error PXL3006 simplefunc() got an unexpected keyword argument 'blah'",
      "8:12 error PXL3007 DataFrame() missing 1 required positional arguments 'table'",
      "9:12 error PXL3007 _DebugMDGetWithPrefix() missing 2 required positional arguments 'prefix','proto'",
    ],
  ],
  'of a compound duration only the first part counts, as in Pixie, with a warning; a fraction is still refused': [
    `
h = px.DataFrame(table='http_events', start_time='-1m1s')
t = px.DataFrame(table='http_events', start_time='-5m' + '-1h')
h.window = px.parse_duration('2m30s')
f = px.DataFrame(table='http_events', start_time='-1.5h')
px.display(h, 'h')
px.display(t, 't')
px.display(f, 'f')`,
    [
      "3:50 warning PXL5010 only the first part of the duration '-1m1s' counts: '1s' is ignored",
      "4:50 warning PXL5010 only the first part of the duration '-5m-1h' counts: '-1h' is ignored",
      "5:30 warning PXL5010 only the first part of the duration '2m30s' counts: '30s' is ignored",
      "6:50 error PXL5001 Time string is in wrong format.\nFailed to parse time: ''-1.5h' is neither a relative time like '-5m' (units ms, s, m, h, d) nor 'YYYY-MM-DD HH:MM:SS ±HHMM''",
    ],
  ],
  'a string keyword name in a call': [
    `
px.display(px.DataFrame('http_events').groupby('req_path').agg('count'=('time_', px.count)))`,
    ['3:71 error PXL1017 SyntaxError: Expected `)`'],
  ],
};

for (const [title, [script, expected]] of Object.entries(REJECTED)) {
  test(`rejected: ${title}`, (t) => {
    t.deepEqual(diagnostics(script), expected);
  });
}
