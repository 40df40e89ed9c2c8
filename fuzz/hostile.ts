// Hostile structure: scripts built from one shape pushed far (nesting, chains, huge literals, many statements,
// self-appends and self-merges, doubling function calls), each at a random size. Every case must compile or get
// located diagnostics (compileCase: no crash, no unparsable module) within a time bound; a compiled self-merge
// or self-append runs, and may only stop with a located run-time error (the row limit).

import fc from 'fast-check';
import { compileCase, FuzzFailure } from './property.js';

const df = "import px\ndf = px.DataFrame(table='http_events')\n";

/** Each shape, from a size in 1..max: the script. */
const SHAPES: Readonly<Record<string, (n: number) => string>> = {
  parens: (n) => `${df}df.x = ${'('.repeat(n)}df.latency${')'.repeat(n)}\npx.display(df)\n`,
  lists: (n) => `x = ${'['.repeat(n)}1${']'.repeat(n)}\n`,
  dicts: (n) => `x = ${"{'k': ".repeat(n)}1${'}'.repeat(n)}\n`,
  unary: (n) => `x = 1\ny = ${'-'.repeat(n)}x\n`,
  nots: (n) => `x = True\ny = ${'not '.repeat(n)}x\n`,
  plusChain: (n) => `${df}df.x = df.latency${' + df.latency'.repeat(n)}\npx.display(df)\n`,
  powerChain: (n) => `x = 2\ny = x${' ** x'.repeat(n)}\n`,
  attributes: (n) => `${df}x = df${'.latency'.repeat(n)}\n`,
  calls: (n) => `${df}df.x = ${'px.abs('.repeat(n)}df.latency${')'.repeat(n)}\npx.display(df)\n`,
  ifBlocks: (n) =>
    `x = 1\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}if x:\n`).join('')}${' '.repeat(n)}y = 1\n`,
  defBlocks: (n) =>
    `${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}def f${i}():\n`).join('')}${' '.repeat(n)}return 1\n`,
  callChain: (n) =>
    `${df}def f0(x):\n    return x\n${Array.from({ length: n }, (_, i) => `def f${i + 1}(x):\n    return f${i}(x)\n`).join('')}px.display(f${n}(df))\n`,
  doublingCalls: (n) =>
    `${df}def f0(x):\n    return x\n${Array.from({ length: n }, (_, i) => `def f${i + 1}(x):\n    return f${i}(f${i}(x))\n`).join('')}px.display(f${n}(df))\n`,
  bigList: (n) =>
    `${df}df = df[px.equals_any(df.req_path, [${Array.from({ length: n * 20 }, (_, i) => `'/p${i}'`).join(', ')}])]\npx.display(df)\n`,
  bigString: (n) => `${df}df.s = '${'x'.repeat(n * 1000)}'\npx.display(df)\n`,
  bigInt: (n) => `x = ${'9'.repeat(n * 10)}\n`,
  statements: (n) => `${df}${Array.from({ length: n * 5 }, (_, i) => `x${i} = ${i}\n`).join('')}px.display(df)\n`,
  filters: (n) =>
    `${df}${Array.from({ length: n }, (_, i) => `df = df[df.latency > ${i}]\n`).join('')}px.display(df)\n`,
  columns: (n) =>
    `${df}${Array.from({ length: n }, (_, i) => `df.c${i} = df.latency + ${i}\n`).join('')}px.display(df)\n`,
  // Each assignment after a filter copies every column before it: quadratic columns, up to the plan's limit.
  filterAssigns: (n) =>
    `${df}${Array.from({ length: n * 4 }, (_, i) => `df = df[df.latency > ${i}]\ndf.c${i} = df.latency + ${i}\n`).join('')}px.display(df)\n`,
  // A head() between filters nests the engine's SELECTs one level each.
  filterHeads: (n) =>
    `${df}${Array.from({ length: n }, (_, i) => `df = df[df.latency > ${i}]\ndf = df.head(${100_000 + i})\n`).join('')}px.display(df)\n`,
  aliasedColumns: (n) =>
    `${df}${Array.from({ length: n * 4 }, (_, i) => `df.c${i} = df.latency + ${i}\ndf${i % 7} = df\ndf${i % 7}.d${i} = ${i}\n`).join('')}px.display(df)\npx.display(df3, 'alias')\n`,
  selfAppends: (n) => `${df}df = df.head(2)\n${'df = df.append(df)\n'.repeat(Math.min(n, 40))}px.display(df)\n`,
  selfMerges: (n) =>
    `${df}df = df[['req_path', 'latency']]\ndf.k = 1\n${"df = df.merge(df, how='inner', left_on='k', right_on='k', suffixes=['', '_2'])[['req_path', 'latency', 'k']]\n".repeat(Math.min(n, 12))}px.display(df)\n`,
};

export interface HostileCase {
  readonly shape: string;
  readonly size: number;
  readonly script: string;
}

/** A shape and a size up to `maxSize` (sizes cluster near the limits: 150 blocks, 400 nodes, 200 calls). */
export function hostileArb(maxSize: number): fc.Arbitrary<HostileCase> {
  const sizes = fc.oneof(
    fc.integer({ min: 1, max: maxSize }),
    fc.constantFrom(149, 150, 151, 199, 200, 201, 399, 400, 401).filter((n) => n <= maxSize),
  );
  return fc
    .tuple(fc.constantFrom(...Object.keys(SHAPES)), sizes)
    .map(([shape, size]) => ({ shape, size, script: SHAPES[shape]!(size) }));
}

export interface HostileCounts {
  cases: number;
  compiled: number;
  diagnostics: number;
  /** The slowest compile, with its shape and size. */
  slowest: { ms: number; shape: string; size: number };
}

/** Compiles each case; fails on a crash, an unparsable module, or a compile slower than `limitMs`. */
export function hostileCase(c: HostileCase, counts: HostileCounts, limitMs: number): string | undefined {
  const started = performance.now();
  const r = compileCase(c.script);
  const ms = performance.now() - started;
  counts.cases++;
  counts[r.outcome]++;
  if (ms > counts.slowest.ms) counts.slowest = { ms, shape: c.shape, size: c.size };
  if (ms > limitMs)
    throw new FuzzFailure(
      `${c.shape} at size ${c.size} took ${Math.round(ms)} ms to compile (limit ${limitMs} ms)`,
      c.script,
    );
  return r.js;
}
