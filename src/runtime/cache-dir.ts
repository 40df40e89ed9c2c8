// Where pxlc keeps what it can make again (modules `pxlc run` compiled, V8 code caches of bundles): $PXLC_CACHE_DIR,
// else the user's cache directory ($XDG_CACHE_HOME/pxlc or ~/.cache/pxlc). Never a shared directory such as /tmp:
// a code cache is code, and only its owner may write it.

import { homedir } from 'node:os';
import { join } from 'node:path';

export function cacheDir(): string {
  const env = process.env['PXLC_CACHE_DIR'];
  if (env) return env;
  const xdg = process.env['XDG_CACHE_HOME'];
  return join(xdg || join(homedir(), '.cache'), 'pxlc');
}
