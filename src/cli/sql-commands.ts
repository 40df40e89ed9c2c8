// `pxlc schema` and `pxlc load`: put Pixie's tables into an SQL engine, for `node out.js --engine URL`.

import { openEngine, parseEngineUrl, type SqlEngine } from '../runtime/engines/engine.js';
import { loadDirectoryInto, loadRowsInto, storeCluster } from '../runtime/engines/load.js';
import { isDialect } from '../core/sql-text.js';
import { demoCluster } from '../runtime/metadata/demo-cluster.js';
import { DemoSource } from '../runtime/sources/demo-source.js';
import type { Schema } from '../core/types.js';
import type { OptionValues } from '../runtime/cli-args.js';
import { LOAD, SCHEMA, type LOAD_OPTIONS, type SCHEMA_OPTIONS } from './commands.js';
import { UsageError } from '../runtime/cli-args.js';
import { Progress } from '../runtime/output/progress.js';
import { positiveInt } from './demo-data.js';
import { pixieTables, printSchema, schemaStatements, tableColumns } from '../sql/schema.js';

export async function runSchema(f: OptionValues<typeof SCHEMA_OPTIONS>): Promise<number> {
  const dialect = f.dialect;
  if (!dialect || !isDialect(dialect)) throw new UsageError(SCHEMA.name, 'missing --dialect duckdb|clickhouse');
  if (f.cluster !== undefined && dialect !== 'clickhouse')
    throw new UsageError(SCHEMA.name, '--cluster is for ClickHouse');
  process.stdout.write(
    printSchema({
      dialect,
      ...(f.cluster !== undefined ? { cluster: f.cluster } : {}),
      ...(f.database !== undefined ? { database: f.database } : {}),
    }),
  );
  return 0;
}

export function pixieSchema(table: string): Schema | undefined {
  return tableColumns(table)?.map((c) => ({ ...c, semanticType: 'ST_NONE' as const }));
}

export async function runLoad(f: OptionValues<typeof LOAD_OPTIONS>): Promise<number> {
  const url = f.engine;
  if (!url) throw new UsageError(LOAD.name, 'missing --engine URL');
  if ((f.data !== undefined) === (f.demo === true)) throw new UsageError(LOAD.name, 'give either --data DIR or --demo');
  const rows = positiveInt(LOAD.name, 'rows', f.rows, 6000);
  const seed = positiveInt(LOAD.name, 'seed', f.seed, 1);
  const engine = await openEngine(parseEngineUrl(url));
  const progress = new Progress('load');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    if (f.data !== undefined) {
      await createMissingTables(engine, undefined);
      for (const r of await loadDirectoryInto(engine, f.data, pixieSchema, log, () => progress.add(1))) {
        progress.clear();
        process.stdout.write(`${r.table}: ${r.rows} rows from ${r.from}\n`);
      }
    } else {
      await createMissingTables(engine, undefined);
      const cluster = demoCluster(seed);
      const demo = new DemoSource(cluster, { nowNs: BigInt(Date.now()) * 1_000_000n, rowsPerTable: rows, seed });
      for (const table of pixieTables()) {
        const n = await loadRowsInto(
          engine,
          table,
          pixieSchema(table)!,
          counted(demo.rows(table), () => progress.add(1)),
          `demo table '${table}'`,
        );
        progress.clear();
        process.stdout.write(`${table}: ${n} demo rows\n`);
      }
      await storeCluster(engine, cluster);
    }
    progress.done();
    process.stdout.write(`loaded into ${engine.where}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}

function* counted<T>(rows: Iterable<T>, onRow: () => void): Iterable<T> {
  for (const r of rows) {
    onRow();
    yield r;
  }
}

/** Tables that do not exist yet are created as on one server; a cluster's tables come from `pxlc schema --cluster`. */
async function createMissingTables(engine: SqlEngine, tables: readonly string[] | undefined): Promise<void> {
  const s = schemaStatements({ dialect: engine.dialect, ...(tables ? { tables } : {}) });
  for (const statement of s.shard) await engine.exec(statement);
}
