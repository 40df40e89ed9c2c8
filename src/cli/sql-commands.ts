// `pxlc schema` and `pxlc load`: put Pixie's tables into an SQL engine, for `node out.js --engine URL`.

import { openEngine, parseEngineUrl, type SqlEngine } from '../runtime/engines/engine.js';
import { loadDirectoryInto, loadRowsInto, storeCluster } from '../runtime/engines/load.js';
import { isDialect } from '../core/sql-text.js';
import { demoCluster } from '../runtime/metadata/demo-cluster.js';
import { DemoSource } from '../runtime/sources/demo-source.js';
import type { Schema } from '../core/types.js';
import { pixieTables, printSchema, schemaStatements, tableColumns } from '../sql/schema.js';

export class SqlUsageError extends Error {}

const SCHEMA_USAGE = 'usage: pxlc schema --dialect duckdb|clickhouse [--cluster NAME] [--database DB]';
const LOAD_USAGE = 'usage: pxlc load --engine duckdb:FILE|clickhouse://HOST:PORT/DB (--data DIR | --demo [--rows N] [--seed N])';

function flags(argv: readonly string[], known: Readonly<Record<string, 'value' | 'switch'>>, usage: string): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const kind = known[a];
    if (!kind) throw new SqlUsageError(`unexpected argument '${a}'\n${usage}`);
    if (kind === 'switch') { out.set(a, ''); continue; }
    const v = argv[++i];
    if (v === undefined) throw new SqlUsageError(`${a} needs a value\n${usage}`);
    out.set(a, v);
  }
  return out;
}

export async function runSchemaCli(argv: readonly string[]): Promise<number> {
  const f = flags(argv, { '--dialect': 'value', '--cluster': 'value', '--database': 'value' }, SCHEMA_USAGE);
  const dialect = f.get('--dialect');
  if (!dialect || !isDialect(dialect)) throw new SqlUsageError(`--dialect must be duckdb or clickhouse\n${SCHEMA_USAGE}`);
  if (f.has('--cluster') && dialect !== 'clickhouse') throw new SqlUsageError('--cluster is for ClickHouse');
  process.stdout.write(printSchema({
    dialect, ...(f.has('--cluster') ? { cluster: f.get('--cluster')! } : {}), ...(f.has('--database') ? { database: f.get('--database')! } : {}),
  }));
  return 0;
}

export function pixieSchema(table: string): Schema | undefined {
  return tableColumns(table)?.map((c) => ({ ...c, semanticType: 'ST_NONE' as const }));
}

export async function runLoadCli(argv: readonly string[]): Promise<number> {
  const f = flags(argv, { '--engine': 'value', '--data': 'value', '--demo': 'switch', '--rows': 'value', '--seed': 'value' }, LOAD_USAGE);
  const url = f.get('--engine');
  if (!url) throw new SqlUsageError(`missing --engine URL\n${LOAD_USAGE}`);
  if (f.has('--data') === f.has('--demo')) throw new SqlUsageError(`give either --data DIR or --demo\n${LOAD_USAGE}`);
  const count = (flag: string, fallback: number) => {
    const v = f.get(flag);
    if (v === undefined) return fallback;
    if (!/^\d+$/.test(v) || Number(v) <= 0) throw new SqlUsageError(`${flag} needs a positive integer, not '${v}'`);
    return Number(v);
  };
  const rows = count('--rows', 6000);
  const seed = count('--seed', 1);
  const engine = await openEngine(parseEngineUrl(url));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    if (f.has('--data')) {
      await createMissingTables(engine, undefined);
      for (const r of await loadDirectoryInto(engine, f.get('--data')!, pixieSchema, log)) {
        process.stdout.write(`${r.table}: ${r.rows} rows from ${r.from}\n`);
      }
    } else {
      await createMissingTables(engine, undefined);
      const cluster = demoCluster(seed);
      const demo = new DemoSource(cluster, { nowNs: BigInt(Date.now()) * 1_000_000n, rowsPerTable: rows, seed });
      for (const table of pixieTables()) {
        const n = await loadRowsInto(engine, table, pixieSchema(table)!, demo.rows(table), `demo table '${table}'`);
        process.stdout.write(`${table}: ${n} demo rows\n`);
      }
      await storeCluster(engine, cluster);
    }
    process.stdout.write(`loaded into ${engine.where}\n`);
    return 0;
  } finally {
    await engine.close();
  }
}

/** Tables that do not exist yet are created as on one server; a cluster's tables come from `pxlc schema --cluster`. */
async function createMissingTables(engine: SqlEngine, tables: readonly string[] | undefined): Promise<void> {
  const s = schemaStatements({ dialect: engine.dialect, ...(tables ? { tables } : {}) });
  for (const statement of s.shard) await engine.exec(statement);
}
