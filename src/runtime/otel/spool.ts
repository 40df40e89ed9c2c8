// What could not be delivered, kept on disk to re-send later (`--spool DIR`, then `pxlc resend DIR`): one file of
// protobuf bytes per request plus a small JSON description. Header values are never written: resend takes them again.

import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PxlRuntimeError } from '../contracts.js';
import type { OtlpBatch } from './rows-to-otlp.js';
import type { Signal } from './transport.js';

export interface SpoolEntry {
  readonly file: string;
  readonly signal: Signal;
  readonly items: number;
  readonly endpoint: string;
  readonly createdAt: string;
}

let sequence = 0;

export async function spoolBatch(dir: string, signal: Signal, batch: OtlpBatch, endpoint: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const base = `${Date.now()}-${process.pid}-${sequence++}-${signal}`;
  const file = join(dir, `${base}.otlp`);
  await writeFile(file, batch.encoded);
  const meta: Omit<SpoolEntry, 'file'> = { signal, items: batch.items, endpoint, createdAt: new Date().toISOString() };
  await writeFile(join(dir, `${base}.json`), `${JSON.stringify(meta)}\n`);
  return file;
}

export async function readSpool(dir: string): Promise<SpoolEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    throw new PxlRuntimeError(`spool directory ${dir} cannot be read`);
  }
  const entries: SpoolEntry[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const meta = JSON.parse(await readFile(join(dir, name), 'utf8')) as Omit<SpoolEntry, 'file'>;
    entries.push({ ...meta, file: join(dir, name.replace(/\.json$/, '.otlp')) });
  }
  return entries;
}

export async function spooledBatch(e: SpoolEntry): Promise<OtlpBatch> {
  return { encoded: new Uint8Array(await readFile(e.file)), items: e.items };
}

export async function removeSpooled(e: SpoolEntry): Promise<void> {
  await rm(e.file, { force: true });
  await rm(e.file.replace(/\.otlp$/, '.json'), { force: true });
}
