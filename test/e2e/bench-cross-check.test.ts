// The bench's cross-check, on a few thousand rows: every engine's rows of a query against the hand-written code's
// under the engine's own quantile rule (and the hand-written code with its keys encoded at ingest gives its rows). pxlc's Summary export is checked twice — the rows handed to px.export and
// the points an OTLP collector received — and both equal the hand-written rows exactly; the other quantile rule
// gives different numbers, so the check would catch an engine computing the wrong one.

import test from 'ava';
import { benchColumns } from '../../bench/data.js';
import { handwrittenEngine } from '../../bench/engines/handwritten.js';
import { pxlcEngine } from '../../bench/engines/pxlc.js';
import { quantileOfSorted } from '../../bench/engines/engine.js';
import { disagreement } from '../../bench/queries.js';

test('quantiles interpolate at q·n − ½ (Pixie) or q·(n − 1) (DuckDB, arquero)', (t) => {
  const sorted = [10, 20, 30, 40];
  t.is(quantileOfSorted(sorted, 0.5), 25);
  t.is(quantileOfSorted(sorted, 0.5, 'q(n-1)'), 25);
  t.is(quantileOfSorted(sorted, 0.25), 15);
  t.is(quantileOfSorted(sorted, 0.25, 'q(n-1)'), 17.5);
  t.is(quantileOfSorted(sorted, 0.75), 35);
  t.is(quantileOfSorted(sorted, 0.75, 'q(n-1)'), 32.5);
  t.is(quantileOfSorted(sorted, 0.99), 40, 'clamped to the largest');
  t.is(quantileOfSorted(sorted, 0.01), 10, 'clamped to the smallest');
});

test('summary: the rows pxlc hands to px.export and the points delivered equal the hand-written rows', async (t) => {
  const columns = benchColumns(5_000);
  const pixie = handwrittenEngine();
  const other = handwrittenEngine('q(n-1)');
  const coded = handwrittenEngine('pixie', 'at-ingest');
  const pxlc = pxlcEngine();
  await Promise.all([pixie.ingest(columns), other.ingest(columns), coded.ingest(columns), pxlc.ingest(columns)]);
  try {
    const reference = await pixie.run('summary');
    t.is(reference.length, 480);
    t.deepEqual(reference[0]!.length, 6, 'key, count, sum, p50, p99, time');
    t.is(disagreement(reference, await pxlc.run('summary')), undefined);
    t.is(coded.name, 'handwritten-coded');
    for (const query of ['tutorial', 'latency', 'merge', 'summary'])
      t.is(disagreement(await pixie.run(query), await coded.run(query)), undefined, query);
    t.deepEqual(pxlc.delivers, ['summary']);
    t.is(disagreement(reference, await pxlc.deliver!('summary')), undefined);
    t.regex(disagreement(reference, await other.run('summary')) ?? '', /^group '.*' value [23]: /);
  } finally {
    await pxlc.close?.();
  }
});

test('a missing group, an extra value or a NaN is a disagreement', (t) => {
  const reference = [
    ['a', 1, 2.5],
    ['b', 2, 3],
  ] as const;
  t.is(
    disagreement(reference, [
      ['b', 2, 3 + 1e-12],
      ['a', 1, 2.5],
    ]),
    undefined,
  );
  t.is(disagreement(reference, [['a', 1, 2.5]]), '1 groups instead of 2');
  t.is(
    disagreement(reference, [
      ['a', 1, 2.5],
      ['c', 2, 3],
    ]),
    "group 'b' missing",
  );
  t.is(
    disagreement(reference, [
      ['a', 1, 2.5],
      ['b', 2, 3, 4],
    ]),
    "group 'b': 3 values instead of 2",
  );
  t.is(
    disagreement(reference, [
      ['a', 1, NaN],
      ['b', 2, 3],
    ]),
    "group 'a' value 1: NaN instead of 2.5",
  );
});
