// `pxlc resend DIR --endpoint HOST:PORT [--insecure] [--ca FILE] [--header KEY=VALUE]...`: re-sends what a run
// spooled (--spool DIR) because the collector could not take it. Delivered files are removed; the rest stay.

import { readFileSync } from 'node:fs';
import { PxlRuntimeError } from '../runtime/contracts.js';
import { deliver } from '../runtime/otel/exporter.js';
import { readSpool, removeSpooled, spooledBatch } from '../runtime/otel/spool.js';
import type { ChannelTarget, Signal } from '../runtime/otel/transport.js';

const USAGE = 'usage: pxlc resend DIR --endpoint HOST:PORT [--insecure] [--ca FILE] [--header KEY=VALUE]...';

export async function runResendCli(argv: readonly string[]): Promise<number> {
  let dir: string | undefined;
  let endpoint: string | undefined;
  let insecure = false;
  let caPem: Buffer | undefined;
  const headers: [string, string][] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    if (a === '--endpoint' && v) { endpoint = v; i++; }
    else if (a === '--insecure') insecure = true;
    else if (a === '--ca' && v) {
      try { caPem = readFileSync(v); } catch { process.stderr.write(`pxlc resend: cannot read --ca ${v}\n`); return 2; }
      i++;
    } else if (a === '--header' && v && v.includes('=')) { headers.push([v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)]); i++; }
    else if (!a.startsWith('-') && dir === undefined) dir = a;
    else { process.stderr.write(`pxlc resend: unexpected argument '${a}'\n${USAGE}\n`); return 2; }
  }
  if (!dir || !endpoint) { process.stderr.write(`${USAGE}\n`); return 2; }
  try {
    const entries = await readSpool(dir);
    if (entries.length === 0) { process.stderr.write(`nothing to re-send in ${dir}\n`); return 0; }
    const target: ChannelTarget = { address: endpoint, insecure, ...(caPem ? { caPem } : {}), headers, timeoutMs: 10_000 };
    let failed = 0;
    for (const signal of ['metrics', 'traces', 'logs'] as const satisfies readonly Signal[]) {
      const mine = entries.filter((e) => e.signal === signal);
      if (mine.length === 0) continue;
      const batches = await Promise.all(mine.map(spooledBatch));
      const r = await deliver(signal, batches, target, undefined, (k) => removeSpooled(mine[k]!));
      const what = signal === 'metrics' ? 'metric points' : signal === 'traces' ? 'spans' : 'log records';
      process.stderr.write(`re-sent ${r.sent} ${what} to ${endpoint} in ${r.requests} request${r.requests === 1 ? '' : 's'}\n`);
      if (r.failed > 0) {
        failed += r.failed;
        process.stderr.write(`error: ${r.failed} ${what} were NOT delivered; they stay in ${dir}\n`);
        for (const err of r.errors) process.stderr.write(`  ${err}\n`);
      }
    }
    return failed === 0 ? 0 : 1;
  } catch (e) {
    if (e instanceof PxlRuntimeError) { process.stderr.write(`pxlc resend: ${e.message}\n`); return 1; }
    throw e;
  }
}
