// Large data files stream: rows are checked and dropped or kept as they are read, the raw text is never held.
// npm run large-input -- --rows 5000000 is the full-size run (README, "Your own data"); these are its small
// versions. Both check results exactly against counts and sums the file's writer computed.

import test from 'ava';
import { largeInput, mismatches } from '../large-input/stream-run.js';

test('a CSV file larger than the whole V8 heap runs: the 10 s window of 800 000 rows, with a 48 MB heap', async (t) => {
  const report = await largeInput(800_000, 'csv', { only: ['window'], windowHeapMb: 48 });
  t.true(report.fileMb > 48, `the file (${report.fileMb.toFixed(0)} MB) must be larger than the heap`);
  t.deepEqual(mismatches(report), []);
  t.is(
    [...report.runs[0]!.result.values()].reduce((a, [n]) => a + n, 0),
    10_001,
  );
});

test('NDJSON integers past 2^53 (time_ in ns, latency sums) are read and summed exactly', async (t) => {
  const report = await largeInput(60_000, 'ndjson', { only: ['whole'] });
  t.deepEqual(mismatches(report), []);
  const sums = [...report.runs[0]!.result.values()].map(([, latency]) => latency);
  t.true(
    sums.every((s) => s > 2n ** 53n),
    "every path's latency sum is above 2^53",
  );
});
