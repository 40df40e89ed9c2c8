// Browser stand-in for src/runtime/sources/dir-source.ts: a page has no data directory to read.

import { PxlRuntimeError, type TableSource } from '../../src/runtime/contracts.js';
import type { ClusterSpec } from '../../src/runtime/metadata/spec.js';

export async function loadDirectory(dir: string): Promise<{ source: TableSource; cluster?: ClusterSpec }> {
  throw new PxlRuntimeError(`cannot read the data directory ${dir} in a browser: the playground runs on the demo data`);
}
