// pxlc's version (package.json), for `pxlc --version`, generated headers and a compiled module's --version.

import { createRequire } from 'node:module';

export const VERSION = (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
