// `pxlc demo-data --out DIR [--rows N] [--seed N]`: writes the built-in demo data in the format --data reads.

import { DEMO_DATA, type DEMO_DATA_OPTIONS } from './commands.js';
import type { OptionValues } from '../runtime/cli-args.js';
import { UsageError } from '../runtime/cli-args.js';
import { Progress } from '../runtime/output/progress.js';
import { writeDemoData } from '../runtime/sources/write-demo.js';

/** A count option: a positive integer, or a usage error naming the option. */
export function positiveInt(command: string, flag: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  if (!/^\d+$/.test(v) || Number(v) <= 0)
    throw new UsageError(command, `--${flag} needs a positive integer, not '${v}'`);
  return Number(v);
}

export async function runDemoData(v: OptionValues<typeof DEMO_DATA_OPTIONS>): Promise<number> {
  if (!v.out) throw new UsageError(DEMO_DATA.name, 'missing --out DIR');
  const rows = positiveInt(DEMO_DATA.name, 'rows', v.rows, 2000);
  const seed = positiveInt(DEMO_DATA.name, 'seed', v.seed, 1);
  const progress = new Progress('demo-data');
  const files = await writeDemoData(v.out, {
    nowNs: BigInt(Date.now()) * 1_000_000n,
    rows,
    seed,
    onRow: () => progress.add(1),
  });
  progress.done(`${files.length} files`);
  process.stdout.write(`wrote ${files.length} files to ${v.out}\n`);
  return 0;
}
