// `pxlc demo-data --out DIR [--rows N] [--seed N]`: writes the built-in demo data in the format --data reads.

import { writeDemoData } from '../runtime/sources/write-demo.js';

export async function runDemoDataCli(argv: readonly string[]): Promise<number> {
  let out: string | undefined;
  let rows = 2000;
  let seed = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if ((a === '--out' || a === '-o') && v) { out = v; i++; }
    else if (a === '--rows' && v && /^\d+$/.test(v)) { rows = Number(v); i++; }
    else if (a === '--seed' && v && /^\d+$/.test(v)) { seed = Number(v); i++; }
    else {
      process.stderr.write(`pxlc demo-data: unexpected argument '${a}'\nusage: pxlc demo-data --out DIR [--rows N] [--seed N]\n`);
      return 2;
    }
  }
  if (!out) {
    process.stderr.write('pxlc demo-data: missing --out DIR\n');
    return 2;
  }
  const files = await writeDemoData(out, { nowNs: BigInt(Date.now()) * 1_000_000n, rows, seed });
  process.stdout.write(`wrote ${files.length} files to ${out}\n`);
  return 0;
}
