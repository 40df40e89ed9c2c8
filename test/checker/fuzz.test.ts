// A short run of the compiler fuzzer, as CI runs it (npm run fuzz runs 100 000 cases): random and mutated
// scripts either get located diagnostics or compile to modules that parse, load and run on demo data.
// It runs in a child process because loading modules in-process needs --experimental-vm-modules.

import test from 'ava';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const MAIN = fileURLToPath(new URL('../../fuzz/main.js', import.meta.url));

test('1500 random and mutated scripts: located diagnostics or modules that parse, load and run', async (t) => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--experimental-vm-modules',
      '--disable-warning=ExperimentalWarning',
      MAIN,
      '--cases',
      '1500',
      '--seed',
      '42',
      '--hostile',
      '10',
      '--hostile-size',
      '200',
    ],
    { timeout: 300_000 },
  );
  const m =
    /fuzz: (\d+) cases .*?: (\d+) compiled, parsed and loaded \((\d+) ran on demo data.*?(\d+) rejected with located diagnostics; 0 crashes/.exec(
      stdout,
    );
  t.truthy(m, stdout);
  const [cases, compiled, ran, rejected] = m!.slice(1).map(Number) as [number, number, number, number];
  t.is(cases, 1500);
  t.is(compiled + rejected, 1500);
  // The generator is meant to reach code generation and the runtime, not only the checker's errors.
  t.true(compiled > 300, stdout);
  t.true(ran > 200, stdout);
  // Hostile structure (deep nesting, long chains, huge literals, self-appends): compiled or located diagnostics.
  t.regex(
    stdout,
    /^hostile: 10 cases: \d+ compiled, \d+ rejected with located diagnostics; slowest \d+ ms .*; 0 crashes$/m,
  );
});
