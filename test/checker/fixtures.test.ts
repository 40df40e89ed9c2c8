// Every wrong script gets exactly the diagnostics in its .errors.txt; every valid script checks clean and
// produces the plan in its .plan.txt (both rendered, reviewed golden files; UPDATE_GOLDEN=1 rewrites).

import test from 'ava';
import { check } from '../../src/index.js';
import { renderText } from '../../src/diagnostics/render.js';
import { printPlan } from '../../src/core/plan/print.js';
import { fixturePath, golden, listFixtures, readFixture } from '../support/golden.js';

for (const name of listFixtures('check/err')) {
  test(`err/${name}`, (t) => {
    const result = check({ path: `${name}`, text: readFixture('check', 'err', name) });
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    t.true(errors.length > 0, 'a wrong script must get at least one error');
    t.is(result.plan, undefined);
    const [expected, actual] = golden(
      fixturePath('check', 'err', name.replace(/\.pxl$/, '.errors.txt')),
      `${result.diagnostics.map(renderText).join('\n\n')}\n`,
    );
    t.is(actual, expected);
  });
}

// Independent mistakes are each reported once, and nothing else: five syntax errors on five lines, three mistakes in
// one px.export, a failed drop followed by a wrong aggregate.
const COUNTS = [
  ['syntax_five_errors.pxl', 5, 5],
  ['otel_three_mistakes.pxl', 3, 3],
  ['drop_then_agg.pxl', 4, 3],
] as const;
for (const [name, count, lineCount] of COUNTS) {
  test(`err/${name} reports exactly ${count} errors, on ${lineCount} lines`, (t) => {
    const result = check({ path: name, text: readFixture('check', 'err', name) });
    const lines = result.diagnostics.map((d) => d.file.position(d.span.start).line);
    t.is(result.diagnostics.length, count);
    t.is(new Set(lines).size, lineCount);
  });
}

for (const name of listFixtures('check/ok')) {
  test(`ok/${name}`, (t) => {
    const result = check({ path: name, text: readFixture('check', 'ok', name) });
    t.deepEqual(result.diagnostics.filter((d) => d.severity === 'error').map(renderText), []);
    t.truthy(result.plan);
    const [expected, actual] = golden(
      fixturePath('check', 'ok', name.replace(/\.pxl$/, '.plan.txt')),
      printPlan(result.plan!),
    );
    t.is(actual, expected);
  });
}
