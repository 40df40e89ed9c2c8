// Compile work grows with the script, not with its square: long runs of one statement give plans and modules
// whose size is a constant per statement, and a script past the plan's limits gets one located error. The bounds
// on time are loose (the machine may be busy); the structure is what is asserted.

import test from 'ava';
import { check, compile } from '../../src/index.js';
import { MAX_PLAN_NODES } from '../../src/checker/plan-builder.js';

const head = "import px\ndf = px.DataFrame(table='http_events', start_time='-5m')\n";
const lines = (n: number, line: (i: number) => string) => Array.from({ length: n }, (_, i) => `${line(i)}\n`).join('');
const script = (body: string) => `${head}${body}px.display(df)\n`;
const columns = (n: number) => script(lines(n, (i) => `df.c${i} = df.latency + ${i}`));
const filters = (n: number) => script(lines(n, (i) => `df = df[df.latency > ${i}]`));

function compiled(text: string, engines = false): string {
  const r = compile({ path: 'long.pxl', text, engines });
  t_errors(r.diagnostics);
  return r.js!;
}

function t_errors(diagnostics: readonly { severity: string; message: string }[]): void {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.message).join('; '));
}

test('10 000 column assignments to one DataFrame are one Map node with every column, and one function', (t) => {
  const started = performance.now();
  const r = check({ path: 'long.pxl', text: columns(10_000) });
  t_errors(r.diagnostics);
  const nodes = r.plan!.nodes;
  t.deepEqual(
    nodes.map((n) => n.kind),
    ['Source', 'Map'],
  );
  const map = nodes[1]!;
  t.is(map.schema.length, 23 + 10_000);
  t.deepEqual(
    map.schema.slice(-2).map((c) => c.name),
    ['c9998', 'c9999'],
  );
  const js = compiled(columns(10_000));
  t.is(js.match(/^function n\d+\(/gm)?.length, 1);
  t.true(performance.now() - started < 120_000);
});

test('column assignments: each one adds the same to the module', (t) => {
  const [a, b, c] = [1_000, 2_000, 4_000].map((n) => compiled(columns(n)).length) as [number, number, number];
  // Linear: doubling the assignments doubles what they add (a quadratic plan would quadruple it).
  t.true(c - b <= (b - a) * 2.2, `${a} → ${b} → ${c} bytes`);
});

test('10 000 chained filters are one function testing each predicate in turn, on the rows the ones before kept', (t) => {
  const started = performance.now();
  const js = compiled(filters(10_000));
  t.deepEqual(js.match(/^function n\d+(_\d+)?\(/gm), ['function n1_10000(']);
  // Every filter but the last skips the row; the last one decides it.
  t.is(js.match(/^\s+if \(!\(.*\)\)\n\s+continue;$/gm)?.length, 9_999);
  t.is(js.match(/^\s+m\[i\] = .* \? 1 : 0;$/gm)?.length, 1);
  t.true(js.length < 1_000_000, `${js.length} bytes`);
  t.true(performance.now() - started < 120_000);
});

test('a filter read by something else ends its run', (t) => {
  const text = `${head}df = df[df.latency > 0]\nkept = df[df.resp_status < 500]\nkept = kept[kept.resp_status >= 200]\ndf = df[df.resp_status >= 200]\npx.display(kept, 'a')\npx.display(df, 'b')\n`;
  const js = compiled(text);
  // The first filter feeds two filters: it is a function of its own; the two after `kept` are one run.
  t.deepEqual(js.match(/^function n[\d_]+\(/gm), ['function n1(', 'function n2_3(', 'function n4(']);
  t.regex(js, /const t3 = n2_3\(env, t1\);/);
});

test('--engines: the SQL of a filter chain grows by one condition per filter', (t) => {
  const [a, b, c] = [1_000, 2_000, 4_000].map((n) => compiled(filters(n), true).length) as [number, number, number];
  t.true(c - b <= (b - a) * 2.2, `${a} → ${b} → ${c} bytes`);
  // Each filter is one more condition of the one WHERE (both dialects), not a copy of the conditions before it.
  const sql = compiled(filters(3), true);
  t.is(sql.match(/\\n\s+AND \(["`]latency/g)?.length, 2 * 3);
});

test('--engines: past 32 nested SELECTs the steps run in JavaScript, and the module stays linear', (t) => {
  const pairs = (n: number) => script(lines(n, (i) => `df = df[df.latency > ${i}]\ndf = df.head(${100_000 + i})`));
  const [a, b, c] = [100, 200, 400].map((n) => compiled(pairs(n), true).length) as [number, number, number];
  t.true(c - b <= (b - a) * 2.2, `${a} → ${b} → ${c} bytes`);
  const r = compile({ path: 'heads.pxl', text: pairs(40), engines: true });
  t.regex(r.js!, /its SQL would nest SELECTs 33 deep \(more than 32\)/);
});

test('a plan past 20 000 operators stops at the statement that passes it, with one located error', (t) => {
  const r = check({ path: 'long.pxl', text: filters(MAX_PLAN_NODES + 5_000) });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  t.is(errors.length, 1);
  t.is(errors[0]!.code, 'PXL3022');
  t.regex(errors[0]!.message, /more than 20000 operators/);
  // Line 2 is the source (operator 0): the filter on line 2 + 20 000 is operator 20 000.
  t.is(r.file.position(errors[0]!.span.start).line, 2 + MAX_PLAN_NODES);
});

test('assignments after a filter, each copying every column before it, stop at 50 000 columns with a located error', (t) => {
  const r = check({
    path: 'long.pxl',
    text: script(lines(2_000, (i) => `df = df[df.latency > ${i}]\ndf.c${i} = df.latency + ${i}`)),
  });
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  t.is(errors.length, 1);
  t.regex(errors[0]!.message, /more than 50000 columns over all operators' outputs/);
  t.regex(r.file.lineText(r.file.position(errors[0]!.span.start).line), /^df\.c\d+ = df\.latency \+ \d+$/);
});

test('10 000 plain statements and a 1 MB line of 60 000 statements compile', (t) => {
  const plain = check({ path: 'long.pxl', text: script(lines(10_000, (i) => `x${i} = ${i}`)) });
  t_errors(plain.diagnostics);
  const line = check({
    path: 'long.pxl',
    text: script(`${Array.from({ length: 60_000 }, (_, i) => `x${i} = ${i}`).join('; ')}\n`),
  });
  t_errors(line.diagnostics);
  t.is(line.plan!.nodes.length, 1);
});
