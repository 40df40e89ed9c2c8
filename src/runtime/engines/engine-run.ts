// Running a compiled script on an SQL engine: open it, read the cluster metadata stored beside the tables (by
// `pxlc load`), and serve the JavaScript part's reads from the engine's queries.

import { PxlRuntimeError, type MetadataProvider } from '../contracts.js';
import { ClusterMetadata, type ClusterSpec } from '../metadata/cluster.js';
import { demoCluster } from '../metadata/demo-cluster.js';
import { validateClusterSpec } from '../sources/validate-metadata.js';
import { parseJson } from '../sources/file-rows.js';
import type { ExecuteFn } from '../env.js';
import { openEngine, parseEngineUrl, type SqlEngine } from './engine.js';
import type { EnginePlan } from '../../core/engine-plan.js';
import { EngineSource } from './engine-source.js';
import { METADATA_TABLE, sqlIdent, type TemplateValues } from '../../core/sql-text.js';

/** What a compiled module exports as `engine`. */
export interface EngineModule {
  readonly plan: EnginePlan;
  readonly execute: ExecuteFn;
  readonly entries: Readonly<Record<string, ExecuteFn>>;
}

export interface EngineData {
  readonly engine: SqlEngine;
  readonly source: EngineSource;
  readonly metadata: MetadataProvider;
  close(): Promise<void>;
}

export async function openEngineData(
  url: string,
  plan: EnginePlan,
  values: () => TemplateValues,
  options: { readonly metadata?: ClusterSpec | MetadataProvider; readonly seed?: number },
): Promise<EngineData> {
  const engine = await openEngine(parseEngineUrl(url));
  try {
    const missing: string[] = [];
    for (const table of plan.tables) if (!(await engine.tableExists(table))) missing.push(table);
    if (missing.length > 0) {
      throw new PxlRuntimeError(
        `${engine.where} has no table ${missing.map((t) => `'${t}'`).join(', ')}, which the script reads`,
        [`create and fill it with: pxlc load --engine ${engine.where} --data DIR (or --demo)`],
      );
    }
    const metadata =
      options.metadata && 'lookup' in options.metadata
        ? options.metadata
        : new ClusterMetadata(options.metadata ?? (await storedCluster(engine)) ?? demoCluster(options.seed ?? 1));
    return { engine, source: new EngineSource(engine, plan, values), metadata, close: () => engine.close() };
  } catch (e) {
    await engine.close();
    throw e;
  }
}

async function storedCluster(engine: SqlEngine): Promise<ClusterSpec | undefined> {
  if (!(await engine.tableExists(METADATA_TABLE))) return undefined;
  const t = await engine.query(
    `SELECT ${sqlIdent(engine.dialect, 'spec')} FROM ${sqlIdent(engine.dialect, METADATA_TABLE)}`,
    [{ name: 'spec', dataType: 'STRING' }],
  );
  if (t.length === 0) return undefined;
  const where = `${engine.where} table ${METADATA_TABLE}`;
  return validateClusterSpec(parseJson((t.columns[0] as string[])[0]!, where), where);
}
