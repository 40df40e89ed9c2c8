// What could not be delivered, kept on disk to re-send later (`--spool DIR`, then `pxlc resend DIR`): one file of
// protobuf bytes per request plus a small JSON description. Header values are never written: resend takes them again.
//
// Each file is written under a temporary name and renamed into place, the description last, so an entry is either
// complete or absent, whatever moment a run is killed at. `pxlc resend` holds a lock file while it works, so two of
// them never deliver the same entries twice.

import { accessSync, constants, existsSync, mkdirSync } from 'node:fs';
import { open, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { PxlRuntimeError } from '../contracts.js';
import type { OtlpBatch } from './rows-to-otlp.js';
import type { Signal } from './transport.js';
import { ExporterConfigError } from './config.js';

export interface SpoolEntry {
  readonly file: string;
  readonly signal: Signal;
  readonly items: number;
  readonly endpoint: string;
  readonly createdAt: string;
}

let sequence = 0;

export async function spoolBatch(dir: string, signal: Signal, batch: OtlpBatch, endpoint: string): Promise<string> {
  makeDirectory(dir);
  const base = `${Date.now()}-${process.pid}-${sequence++}-${signal}`;
  const file = join(dir, `${base}.otlp`);
  await writeAtomically(file, batch.encoded);
  const meta: Omit<SpoolEntry, 'file'> = { signal, items: batch.items, endpoint, createdAt: new Date().toISOString() };
  await writeAtomically(join(dir, `${base}.json`), `${JSON.stringify(meta)}\n`);
  return file;
}

async function writeAtomically(file: string, data: Uint8Array | string): Promise<void> {
  const tmp = `${file}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, file);
}

/**
 * `mkdir -p`, one level at a time: Node's recursive mkdir never returns for a path under /proc (it retries ENOENT
 * forever), which made a run with --spool /proc/x spin.
 */
function makeDirectory(dir: string): void {
  const missing: string[] = [];
  for (let d = resolve(dir); !existsSync(d); d = dirname(d)) {
    missing.push(d);
    if (dirname(d) === d) break;
  }
  for (const d of missing.reverse()) mkdirSync(d);
}

/** Fails at start, not after the first failed export, when `dir` cannot take spooled requests. */
export function checkSpoolDirectory(dir: string): void {
  try {
    makeDirectory(dir);
    accessSync(dir, constants.W_OK | constants.X_OK);
  } catch (e) {
    throw new ExporterConfigError(
      `--spool ${dir}: not a writable directory (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}

/** The spool's entries, and one line for each file that is not a complete entry (it is left alone). */
export async function readSpool(dir: string): Promise<{ entries: SpoolEntry[]; problems: string[] }> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new PxlRuntimeError(`spool directory ${dir} cannot be read`);
  }
  const present = new Set(names);
  const entries: SpoolEntry[] = [];
  const problems: string[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const otlp = name.replace(/\.json$/, '.otlp');
    const problem = (why: string) => problems.push(`${name}: ${why}: skipped`);
    let meta: unknown;
    try {
      meta = JSON.parse(await readFile(join(dir, name), 'utf8'));
    } catch (e) {
      problem(
        e instanceof SyntaxError
          ? 'not a valid spool description (corrupt JSON)'
          : `cannot be read (${(e as NodeJS.ErrnoException).code})`,
      );
      continue;
    }
    const m = (meta !== null && typeof meta === 'object' ? meta : {}) as Record<string, unknown>;
    const signal = m['signal'];
    if (signal !== 'metrics' && signal !== 'traces' && signal !== 'logs') {
      problem('its signal is not metrics, traces or logs');
      continue;
    }
    const items = m['items'];
    if (typeof items !== 'number' || !Number.isSafeInteger(items) || items < 0) {
      problem('its item count is not a whole number');
      continue;
    }
    if (!present.has(otlp)) {
      problem(`its request ${otlp} is missing`);
      continue;
    }
    entries.push({
      signal,
      items,
      endpoint: typeof m['endpoint'] === 'string' ? m['endpoint'] : '',
      createdAt: typeof m['createdAt'] === 'string' ? m['createdAt'] : '',
      file: join(dir, otlp),
    });
  }
  for (const name of names.filter((n) => n.endsWith('.otlp')).sort()) {
    if (!present.has(name.replace(/\.otlp$/, '.json')))
      problems.push(
        `${name}: has no description (${name.replace(/\.otlp$/, '.json')}), so its signal and size are unknown: skipped`,
      );
  }
  return { entries, problems };
}

export async function spooledBatch(e: SpoolEntry): Promise<OtlpBatch> {
  return { encoded: new Uint8Array(await readFile(e.file)), items: e.items };
}

export async function removeSpooled(e: SpoolEntry): Promise<void> {
  // The description goes first: a crash in between leaves an orphan request, reported, never re-sent twice.
  await rm(e.file.replace(/\.otlp$/, '.json'), { force: true });
  await rm(e.file, { force: true });
}

const LOCK = '.resend.lock';

/** Takes the spool's lock (one `pxlc resend` at a time); a lock whose process is gone is taken over. */
export async function lockSpool(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK);
  for (let tries = 0; ; tries++) {
    try {
      const handle = await open(path, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new PxlRuntimeError(`cannot lock the spool ${dir}: ${(e as NodeJS.ErrnoException).code}`);
      const pid = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (tries === 0 && Number.isSafeInteger(pid) && pid > 0 && !alive(pid)) {
        await rm(path, { force: true });
        continue;
      }
      throw new PxlRuntimeError(
        `another pxlc resend${pid > 0 ? ` (process ${pid})` : ''} is re-sending ${dir}: wait for it to finish`,
        [`if no such process is running, remove ${path}`],
      );
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
