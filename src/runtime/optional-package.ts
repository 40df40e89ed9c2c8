// Packages a run loads only when it asks for them (`--engine`, `dataFrame()`): they are optional peers of pxlc,
// left out of bundles, and imported at the point of use. When one is not installed the run says which package
// to add and what for, instead of Node's module-resolution error.

import { PxlRuntimeError } from './contracts.js';

/** Also what bundles leave out: `pxlc compile --bundle` (src/cli/bundle.ts) and the package's runtime (scripts/build-runtime.mjs). */
export const OPTIONAL_PACKAGES = ['@duckdb/node-api', '@clickhouse/client', 'danfojs'] as const;

/**
 * The Parquet reader's packages are dependencies and go into bundles; they are named here for the message when an
 * install lacks them.
 */
export type OptionalPackage = (typeof OPTIONAL_PACKAGES)[number] | 'hyparquet' | 'hyparquet-compressors';

export async function importOptional<T>(pkg: OptionalPackage, purpose: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if ((err.code === 'ERR_MODULE_NOT_FOUND' || err.code === 'MODULE_NOT_FOUND') && err.message.includes(`'${pkg}'`)) {
      throw new PxlRuntimeError(
        `${purpose} needs the package ${pkg}, which is not installed here: add it with npm install ${pkg}`,
      );
    }
    throw e;
  }
}
