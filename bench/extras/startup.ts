// Start-up of compiled scripts as whole processes, interleaved with a bare `node -e 0` so that the machine's load
// falls on all alike (medians of wall time): the tutorial exporting to a local collector as a user runs it, importing
// `pxlc/runtime` (the package's pre-bundled runtime, dist/runtime: the summary line's startup_ms_over_node); the same
// module importing dist/src/runtime file by file, as modules compiled outside a project do; node importing the
// runtime alone; and the bundled display script (bundle.ts).

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compile } from '../../src/index.js';
import { startCollector } from '../../src/collector/server.js';
import { RUNTIME_PACKAGE } from '../../src/cli/runtime-specifier.js';
import { bundleMeasurements } from './bundle.js';

const run = promisify(execFile);

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

async function wallMs(args: readonly string[], cwd: string | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  const s = performance.now();
  await run(process.execPath, args, { ...(cwd !== undefined ? { cwd } : {}), env });
  return performance.now() - s;
}

export interface StartupMeasurements {
  readonly report: readonly string[];
  /** The tutorial importing `pxlc/runtime`, exporting to the local collector, over bare node (medians). */
  readonly exportMsOverNode: number;
  /** The bundled display script on demo data, over bare node (medians). */
  readonly displayMsOverNode: number;
}

/** `reps` runs of each, interleaved; `bundleReps` for the bundle's own interleaved runs. */
export async function startupMeasurements(
  root: string,
  reps: number,
  bundleReps: number,
): Promise<StartupMeasurements> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-startup-'));
  const collector = await startCollector({ host: '127.0.0.1', port: 0 });
  // Inside the checkout, so that `pxlc/runtime` resolves through package.json as in a project that installed pxlc.
  const packaged = join(root, 'dist', `bench-startup-${process.pid}.js`);
  try {
    const text = await readFile(join(root, 'examples', 'http_throughput.pxl'), 'utf8');
    const byPath = join(dir, 'out.js');
    await writeFile(byPath, compile({ path: 'http_throughput.pxl', text }).js!);
    await writeFile(packaged, compile({ path: 'http_throughput.pxl', text, runtimeImport: RUNTIME_PACKAGE }).js!);
    const bare: number[] = [];
    const imports: number[] = [];
    const startups: number[] = [];
    const unbundled: number[] = [];
    const args = ['--endpoint', `127.0.0.1:${collector.port}`, '--insecure', '--rows', '2000'];
    const importRuntime = `await import(${JSON.stringify(RUNTIME_PACKAGE)})`;
    // pxlc/runtime's V8 code cache in a directory of the bench's own, written by the first run (bundle-body.ts).
    const env = { ...process.env, PXLC_CACHE_DIR: join(dir, 'cache') };
    // A first run: no cache of its own yet (a cache directory it cannot write), the one the build shipped beside
    // dist/runtime/index.js; and no code cache at all.
    await writeFile(join(dir, 'not-a-directory'), '');
    const firstRun = { ...env, PXLC_CACHE_DIR: join(dir, 'not-a-directory', 'cache') };
    const noCache = { ...env, PXLC_DISABLE_CODE_CACHE: '1' };
    const first: number[] = [];
    const uncached: number[] = [];
    for (let i = 0; i < reps; i++) {
      bare.push(await wallMs(['-e', '0'], undefined, env));
      imports.push(await wallMs(['--input-type=module', '-e', importRuntime], root, env));
      startups.push(await wallMs([packaged, ...args], undefined, env));
      first.push(await wallMs([packaged, ...args], undefined, firstRun));
      uncached.push(await wallMs([packaged, ...args], undefined, noCache));
      unbundled.push(await wallMs([byPath, ...args], undefined, env));
    }
    const bundle = await bundleMeasurements(root, bundleReps);
    const over = (xs: readonly number[]) => `${median(xs).toFixed(0)} ms (+${(median(xs) - median(bare)).toFixed(0)})`;
    return {
      report: [
        `start-up: node out.js (the tutorial, demo data, export to the local collector) importing pxlc/runtime (dist/runtime) ${over(startups)}, ` +
          `on a first run (the build's cache only) ${over(first)}, with no code cache ${over(uncached)}, ` +
          `the same importing dist/src/runtime by path ${over(unbundled)}, node importing pxlc/runtime only ${over(imports)}, ` +
          `bare node -e 0 ${median(bare).toFixed(0)} ms (medians of ${bare.length}, interleaved)`,
        ...bundle.report,
      ],
      exportMsOverNode: median(startups) - median(bare),
      displayMsOverNode: bundle.displayMsOverNode,
    };
  } finally {
    await collector.stop();
    await rm(packaged, { force: true });
    await rm(dir, { recursive: true, force: true });
  }
}
