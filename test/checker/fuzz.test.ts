// A short run of the compiler fuzzer (npm run fuzz runs 100 000 cases).

import test from 'ava';
import { fuzz } from '../../fuzz/main.js';

test('2000 mutated scripts: every one compiles to a parsable module or gets located diagnostics', (t) => {
  const counts = fuzz(2000, 42);
  t.is(counts.compiled + counts.diagnostics, 2000);
  t.true(counts.diagnostics > 0);
});
