// Hostile structure: each script pushes one shape (nesting, chains, inlined calls) far past any real script.
// Each one compiles, or gets exactly the located diagnostics of test/fixtures/hostile/NAME.errors.txt (reviewed
// golden files; UPDATE_GOLDEN=1 rewrites them) — never a stack overflow or an internal error. Long source lines
// are shown as a window around the caret, so the goldens stay readable.

import test from 'ava';
import { compile } from '../../src/index.js';
import { renderText } from '../../src/diagnostics/render.js';
import { fixturePath, golden } from '../support/golden.js';

const df = "import px\ndf = px.DataFrame(table='http_events')\n";
const repeat = (s: string, n: number) => s.repeat(n);
/** `n` lines, each indented one more space than the one before. */
const staircase = (n: number, line: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => `${' '.repeat(i)}${line(i)}\n`).join('');
/** `n` functions f0..f(n-1), each calling the one before through `body` (`f${i - 1}` inside). */
const functionChain = (n: number, body: (prev: string) => string) =>
  `def f0(x):\n    return x\n${Array.from({ length: n - 1 }, (_, i) => `def f${i + 1}(x):\n    return ${body(`f${i}`)}\n`).join('')}`;
/** `((a + a ... ) + a ...)`: each chain is short, its first operand is the chain before, so the tree is deep. */
const chainOfChains = (levels: number, links: number) => {
  let e = 'a';
  for (let i = 0; i < levels; i++) e = `(${e}${repeat(' + a', links)})`;
  return e;
};

const failing: Record<string, string> = {
  // Blocks: 200 levels of if / def / stray indentation (the limit is 150).
  blocks_if_200: `x = 1\n${staircase(200, () => 'if x:')}${' '.repeat(200)}y = 1\n`,
  blocks_def_200: `${staircase(200, (i) => `def f${i}():`)}${' '.repeat(200)}return 1\n`,
  blocks_stray_indent_200: staircase(200, (i) => `x${i} = ${i}`),
  // Brackets 10 000 deep.
  parens_10k: `x = ${repeat('(', 10_000)}1${repeat(')', 10_000)}\n`,
  lists_10k: `x = ${repeat('[', 10_000)}${repeat(']', 10_000)}\n`,
  dicts_10k: `x = ${repeat("{'k': ", 10_000)}1${repeat('}', 10_000)}\n`,
  calls_10k: `${df}df.x = ${repeat('px.abs(', 10_000)}df.latency${repeat(')', 10_000)}\npx.display(df)\n`,
  // Operators 10 000 long.
  unary_minus_10k: `x = 1\ny = ${repeat('-', 10_000)}x\n`,
  not_10k: `x = True\ny = ${repeat('not ', 10_000)}x\n`,
  plus_chain_10k: `${df}df.x = df.latency${repeat(' + df.latency', 10_000)}\npx.display(df)\n`,
  power_chain_10k: `x = 2\ny = x${repeat(' ** x', 10_000)}\n`,
  attribute_chain_10k: `${df}x = df${repeat('.latency', 10_000)}\n`,
  subscript_chain_10k: `${df}x = df${repeat('[0]', 10_000)}\n`,
  chain_of_chains: `${df}a = df.latency\ndf.x = ${chainOfChains(140, 140)}\npx.display(df)\n`,
  // User functions are inlined: 300 calls deep; an expression doubling through 150 calls; nesting through lists.
  function_calls_300: `${df}${functionChain(300, (f) => `${f}(x)`)}px.display(f299(df))\n`,
  inlined_expression_depth: `${df}${functionChain(150, (f) => `${f}(${f}(x) + 1)`)}df.y = f149(df.latency)\npx.display(df)\n`,
  inlined_evaluation_depth: `${df}${functionChain(150, (f) => `${repeat('[', 100)}${f}(x)${repeat(']', 100)}${repeat('[0]', 100)}`)}df.y = f149(df.latency)\npx.display(df)\n`,
};

for (const [name, text] of Object.entries(failing)) {
  test(`${name}: located diagnostics`, (t) => {
    const r = compile({ path: `${name}.pxl`, text });
    t.is(r.js, undefined);
    const [expected, actual] = golden(
      fixturePath('hostile', `${name}.errors.txt`),
      `${r.diagnostics.map(renderText).join('\n\n')}\n`,
    );
    t.is(actual, expected);
  });
}

const compiling: Record<string, string> = {
  // A filter on 10 000 values: or-ed as a balanced tree, 15 deep.
  equals_any_10k: `${df}df = df[px.equals_any(df.req_path, [${Array.from({ length: 10_000 }, (_, i) => `'/p${i}'`).join(', ')}])]\npx.display(df)\n`,
  // Within the limits: 149 nested brackets, a chain of 150, chains of chains 390 deep, 200 nested calls.
  parens_149: `${df}df.x = ${repeat('(', 149)}df.latency${repeat(')', 149)}\npx.display(df)\n`,
  plus_chain_150: `${df}df.x = df.latency${repeat(' + df.latency', 150)}\npx.display(df)\n`,
  chain_of_chains_390: `${df}a = df.latency\ndf.x = ${chainOfChains(3, 129)}\npx.display(df)\n`,
  function_calls_200: `${df}${functionChain(200, (f) => `${f}(x)`)}px.display(f199(df))\n`,
};

for (const [name, text] of Object.entries(compiling)) {
  test(`${name}: compiles`, (t) => {
    const r = compile({ path: `${name}.pxl`, text });
    t.deepEqual(r.diagnostics.filter((d) => d.severity === 'error').map(renderText), []);
    t.truthy(r.js);
  });
}
