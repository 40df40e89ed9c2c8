// Packages a run loads only when it asks for them (`--engine`, `dataFrame()`): they are optional peers of pxlc,
// left out of bundles, and imported at the point of use. When one is not installed the run says which package
// to add and what for, instead of Node's module-resolution error.

import type * as DuckDb from '@duckdb/node-api';
import type * as ClickHouse from '@clickhouse/client';
import { PxlRuntimeError } from './contracts.js';
import { importPackage } from './import-package.js';

/** Also what bundles leave out: `pxlc compile --bundle` (src/cli/bundle.ts) and the package's runtime (scripts/build-runtime.mjs). */
export const OPTIONAL_PACKAGES = ['@duckdb/node-api', '@clickhouse/client', 'danfojs'] as const;

/**
 * The Parquet reader's packages are dependencies and go into bundles; they are named here for the message when an
 * install lacks them.
 */
export type OptionalPackage = (typeof OPTIONAL_PACKAGES)[number] | 'hyparquet' | 'hyparquet-compressors';

/** What each optional package's module is (danfo.js has no types here: its one reader says what it uses). */
interface OptionalModules {
  readonly '@duckdb/node-api': typeof DuckDb;
  readonly '@clickhouse/client': typeof ClickHouse;
  readonly danfojs: unknown;
}

/** An optional peer, imported by name (src/runtime/import-package.ts), `purpose` saying what asked for it. */
export function importOptional<K extends keyof OptionalModules>(pkg: K, purpose: string): Promise<OptionalModules[K]> {
  return importDependency(pkg, purpose, () => importPackage(pkg) as Promise<OptionalModules[K]>);
}

/** A package loaded on first use by `load`, which names it literally (a dependency that bundles carry). */
export async function importDependency<T>(pkg: OptionalPackage, purpose: string, load: () => Promise<T>): Promise<T> {
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
