// Loader hooks of loaded-files.ts: each file an ES module import loads, appended to PXLC_LOADED_FILES.

import { appendFileSync } from 'node:fs';

type Next = (url: string, context: unknown) => Promise<unknown>;

export async function load(url: string, context: unknown, next: Next): Promise<unknown> {
  const out = process.env['PXLC_LOADED_FILES'];
  if (out !== undefined && url.startsWith('file:')) appendFileSync(out, `${url}\n`);
  return next(url, context);
}
