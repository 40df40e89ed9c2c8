// `pxlc compile --bundle`: the size of a bundled export script (the tutorial), and the start-up of a bundled
// display script on demo data beside a bare `node -e 0` and the same module importing `pxlc/runtime` (the package's
// pre-bundled runtime), interleaved in one run so that the machine's load falls on all three alike.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compile } from '../../src/index.js';
import { bundleModule } from '../../src/cli/bundle.js';
import { RUNTIME_PACKAGE } from '../../src/cli/runtime-specifier.js';

const run = promisify(execFile);

const DISPLAY_SCRIPT = `import px
df = px.DataFrame(table='http_events', start_time='-30s')
df = df.groupby(['req_path']).agg(requests=('latency', px.count), p99=('latency', px.max))
px.display(df, 'paths')
`;

async function wallMs(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const s = performance.now();
  await run(process.execPath, args, { cwd, env });
  return performance.now() - s;
}

function median(xs: readonly number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
}

export async function bundleMeasurements(
  root: string,
  reps: number,
): Promise<{ report: string[]; displayMsOverNode: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'pxlc-bench-bundle-'));
  try {
    const bundled = async (path: string, text: string, out: string) => {
      const r = compile({ path, text, runtimeImport: RUNTIME_PACKAGE, programEntry: 'exported' });
      if (!r.js || !r.plan) throw new Error(`${path} does not compile`);
      // As pxlc compile --bundle makes it.
      await bundleModule(r.js, path, join(dir, out), { exports: r.plan.sinks.some((s) => s.kind === 'Export') });
      return (await stat(join(dir, out))).size;
    };
    const tutorialBytes = await bundled(
      'http_throughput.pxl',
      await readFile(join(root, 'examples', 'http_throughput.pxl'), 'utf8'),
      'export.mjs',
    );
    const displayBytes = await bundled('paths.pxl', DISPLAY_SCRIPT, 'display.mjs');
    // The same display module, inside the checkout so that pxlc/runtime resolves to the package's runtime.
    const unbundled = join(root, 'dist', `bench-display-${process.pid}.js`);
    await writeFile(
      unbundled,
      compile({ path: 'paths.pxl', text: DISPLAY_SCRIPT, runtimeImport: RUNTIME_PACKAGE }).js!,
    );
    const bare: number[] = [];
    const bundle: number[] = [];
    const uncached: number[] = [];
    const modules: number[] = [];
    // The bundle's V8 code cache in a directory of the bench's own (the first run writes it, src/runtime/bundle-body.ts).
    const cached = { ...process.env, PXLC_CACHE_DIR: join(dir, 'cache') };
    const firstRun = { ...cached, PXLC_DISABLE_CODE_CACHE: '1' };
    try {
      for (let i = 0; i < reps; i++) {
        bare.push(await wallMs(['-e', '0'], dir));
        bundle.push(await wallMs(['display.mjs', '--rows', '2000'], dir, cached));
        uncached.push(await wallMs(['display.mjs', '--rows', '2000'], dir, firstRun));
        modules.push(await wallMs([unbundled, '--rows', '2000'], dir, cached));
      }
    } finally {
      await rm(unbundled, { force: true });
    }
    const report = [
      `bundle: the tutorial export script bundled ${(tutorialBytes / 1e6).toFixed(2)} MB (budget 2 MB); a display script ${(displayBytes / 1e6).toFixed(2)} MB`,
      `bundle start-up (display on demo data): node display.mjs ${median(bundle).toFixed(0)} ms wall, bare node -e 0 ${median(bare).toFixed(0)} ms ` +
        `(+${(median(bundle) - median(bare)).toFixed(0)} ms, budget +100 ms; with no code cache, as on its first run on another machine, ${median(uncached).toFixed(0)} ms, +${(median(uncached) - median(bare)).toFixed(0)}), ` +
        `the same module importing pxlc/runtime ${median(modules).toFixed(0)} ms (+${(median(modules) - median(bare)).toFixed(0)}) ` +
        `(medians of ${reps}, interleaved)`,
    ];
    return { report, displayMsOverNode: median(bundle) - median(bare) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
