// Start-up of compiled scripts as whole processes, interleaved with a bare `node -e 0` so that the machine's load
// falls on all alike (medians of wall time): the tutorial exporting to a local collector (the summary line's
// startup_ms_over_node), node importing the runtime alone, and the bundled display script (bundle.ts).

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compile } from '../../src/index.js';
import { startCollector } from '../../src/collector/server.js';
import { bundleMeasurements } from './bundle.js';

const run = promisify(execFile);

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

async function wallMs(args: readonly string[]): Promise<number> {
  const s = performance.now();
  await run(process.execPath, args);
  return performance.now() - s;
}

export interface StartupMeasurements {
  readonly report: readonly string[];
  /** The tutorial exporting to the local collector, over bare node (medians). */
  readonly exportMsOverNode: number;
  /** The bundled display script on demo data, over bare node (medians). */
  readonly displayMsOverNode: number;
}

/** `reps` runs of each, interleaved; `bundleReps` for the bundle's own interleaved runs. */
export async function startupMeasurements(root: string, reps: number, bundleReps: number): Promise<StartupMeasurements> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-startup-'));
  const collector = await startCollector({ host: '127.0.0.1', port: 0 });
  try {
    const text = await readFile(join(root, 'examples', 'http_throughput.pxl'), 'utf8');
    const out = join(dir, 'out.js');
    await writeFile(out, compile({ path: 'http_throughput.pxl', text }).js!);
    const bare: number[] = [];
    const imports: number[] = [];
    const startups: number[] = [];
    const runtimeUrl = new URL('../../src/runtime/index.js', import.meta.url).href;
    for (let i = 0; i < reps; i++) {
      bare.push(await wallMs(['-e', '0']));
      imports.push(await wallMs(['--input-type=module', '-e', `await import(${JSON.stringify(runtimeUrl)})`]));
      startups.push(await wallMs([out, '--endpoint', `127.0.0.1:${collector.port}`, '--insecure', '--rows', '2000']));
    }
    const bundle = await bundleMeasurements(root, bundleReps);
    return {
      report: [
        `start-up: node out.js (the tutorial, demo data, export to the local collector) ${median(startups).toFixed(0)} ms wall, `
          + `node importing the runtime only ${median(imports).toFixed(0)} ms, bare node -e 0 ${median(bare).toFixed(0)} ms (medians of ${bare.length}, interleaved)`,
        ...bundle.report,
      ],
      exportMsOverNode: median(startups) - median(bare),
      displayMsOverNode: bundle.displayMsOverNode,
    };
  } finally {
    await collector.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
