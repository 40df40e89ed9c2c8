// The engines the bench runs, in report order; each runs in its own worker process. To add one (ClickHouse, say),
// write bench/engines/<name>.ts exporting a loader that returns an Engine (engine.ts) and add a line here. A
// loader that throws EngineUnavailable (no server, no binary) has the engine reported as skipped, not failed.

import type { Engine, Interpolation } from './engine.js';

export interface EngineEntry {
  readonly name: string;
  /** The column heading in the README table. */
  readonly label: string;
  /** Where its quantiles interpolate: its results are checked against the hand-written code's under the same rule. */
  readonly quantiles: Interpolation;
  load(): Promise<Engine>;
}

export const ENGINES: readonly EngineEntry[] = [
  { name: 'pxlc', label: 'pxlc', quantiles: 'pixie', load: async () => (await import('./pxlc.js')).pxlcEngine() },
  {
    name: 'handwritten',
    label: 'hand-written',
    quantiles: 'pixie',
    load: async () => (await import('./handwritten.js')).handwrittenEngine(),
  },
  // The same code with its keys encoded before timing, as pxlc's are: the like-for-like JavaScript baseline.
  {
    name: 'handwritten-coded',
    label: 'hand-written, keys encoded at ingest',
    quantiles: 'pixie',
    load: async () => (await import('./handwritten.js')).handwrittenEngine('pixie', 'at-ingest'),
  },
  {
    name: 'danfo',
    label: 'danfo.js 1.1.2',
    quantiles: 'pixie',
    load: async () => (await import('./danfo.js')).danfoEngine(),
  },
  {
    name: 'arquero',
    label: 'arquero 7.2',
    quantiles: 'q(n-1)',
    load: async () => (await import('./arquero.js')).arqueroEngine(),
  },
  {
    name: 'duckdb',
    label: 'DuckDB',
    quantiles: 'q(n-1)',
    load: async () => (await import('./duckdb.js')).duckdbEngine(),
  },
];
