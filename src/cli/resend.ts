// `pxlc resend DIR [--endpoint HOST:PORT|URL] [--protocol P] [--header KEY=VALUE]... [--insecure] [--ca FILE] ...`
// (options in src/cli/commands.ts):
// re-sends what a run spooled (--spool DIR) because the collector could not take it. Delivered entries are removed;
// the rest stay. Damaged entries are reported and skipped; the others are still sent. One resend per spool at a time.

import { PxlRuntimeError } from '../runtime/contracts.js';
import { deliver } from '../runtime/otel/exporter.js';
import { exportContext, ExporterConfigError, resolveTarget } from '../runtime/otel/config.js';
import { lockSpool, readSpool, removeSpooled, spooledBatch } from '../runtime/otel/spool.js';
import type { Signal } from '../runtime/otel/transport.js';
import { exportFlagValues } from '../runtime/export-flags.js';
import { RESEND } from './commands.js';

const WHAT: Record<Signal, string> = { metrics: 'metric points', traces: 'spans', logs: 'log records' };

export async function runResend(dir: string, values: Readonly<Record<string, unknown>>): Promise<number> {
  try {
    const ctx = exportContext(exportFlagValues(values, RESEND.name));
    const release = await lockSpool(dir);
    try {
      return await resend(dir, (signal) => resolveTarget(ctx, signal, undefined));
    } finally {
      await release();
    }
  } catch (e) {
    if (e instanceof ExporterConfigError) {
      process.stderr.write(`pxlc resend: ${e.message}\n`);
      return 2;
    }
    if (e instanceof PxlRuntimeError) {
      process.stderr.write(`pxlc resend: ${e.message}\n`);
      for (const h of e.hints) process.stderr.write(`  help: ${h}\n`);
      return 1;
    }
    throw e;
  }
}

async function resend(dir: string, targetOf: (signal: Signal) => ReturnType<typeof resolveTarget>): Promise<number> {
  const { entries, problems } = await readSpool(dir);
  for (const p of problems) process.stderr.write(`warning: ${dir}/${p}\n`);
  if (entries.length === 0) {
    process.stderr.write(`nothing ${problems.length > 0 ? 'else ' : ''}to re-send in ${dir}\n`);
    return problems.length === 0 ? 0 : 1;
  }
  let failed = 0;
  for (const signal of ['metrics', 'traces', 'logs'] as const satisfies readonly Signal[]) {
    const mine = entries.filter((e) => e.signal === signal);
    if (mine.length === 0) continue;
    const target = targetOf(signal);
    const batches = await Promise.all(mine.map(spooledBatch));
    const r = await deliver(signal, batches, target, undefined, (k) => removeSpooled(mine[k]!));
    process.stderr.write(
      `re-sent ${r.sent} ${WHAT[signal]} to ${target.address} in ${r.requests} request${r.requests === 1 ? '' : 's'}\n`,
    );
    if (r.failed > 0) {
      failed += r.failed;
      process.stderr.write(`error: ${r.failed} ${WHAT[signal]} were NOT delivered; they stay in ${dir}\n`);
      for (const err of r.errors) process.stderr.write(`  ${err}\n`);
    }
  }
  if (problems.length > 0)
    process.stderr.write(
      `${problems.length} damaged spool entr${problems.length === 1 ? 'y was' : 'ies were'} skipped (see the warnings above)\n`,
    );
  return failed === 0 && problems.length === 0 ? 0 : 1;
}
