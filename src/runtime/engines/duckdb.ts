// DuckDB through @duckdb/node-api: a database file, queries streamed chunk by chunk into typed columns, rows
// appended through DuckDB's appender.

import type { DuckDBAppender, DuckDBConnection, DuckDBListValue } from '@duckdb/node-api';
import { PxlRuntimeError } from '../contracts.js';
import { importOptional } from '../optional-package.js';
import { ColumnBuilder } from '../sources/column-builder.js';
import type { DataType } from '../../core/types.js';
import { formatQuantiles } from '../uda/quantiles.js';
import { builtTable, type SqlEngine } from './sql-engine.js';
import type { EngineColumn } from '../../core/engine-plan.js';
import { sqlString } from '../../core/sql-text.js';

export async function openDuckDb(file: string): Promise<SqlEngine> {
  // Imported here, not at the top: a bundle leaves the package out and must start without it.
  const { DuckDBInstance } = await importOptional('@duckdb/node-api', `--engine duckdb:${file}`);
  let conn: DuckDBConnection;
  try {
    const instance = await DuckDBInstance.create(file);
    conn = await instance.connect();
  } catch (e) {
    throw new PxlRuntimeError(`cannot open the DuckDB database ${file}: ${(e as Error).message}`);
  }
  const where = `duckdb:${file}`;
  const failed = (e: unknown, what: string) => new PxlRuntimeError(`${where}: ${what} failed: ${(e as Error).message}`);
  return {
    dialect: 'duckdb',
    where,
    async query(sql, columns) {
      try {
        const result = await conn.stream(sql);
        const builders = columns.map((c) => new ColumnBuilder(c.dataType));
        const readers = columns.map(reader);
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          const cols = chunk.getColumns();
          for (let j = 0; j < columns.length; j++) {
            const b = builders[j]!;
            const read = readers[j]!;
            for (const v of cols[j]!) b.push(read(v));
          }
        }
        return builtTable(columns, builders);
      } catch (e) {
        throw failed(e, 'a query');
      }
    },
    async exec(sql) {
      try {
        await conn.run(sql);
      } catch (e) {
        throw failed(e, 'a statement');
      }
    },
    async insert(table, schema, rows) {
      let appender: DuckDBAppender;
      try {
        appender = await conn.createAppender(table);
      } catch (e) {
        throw failed(e, `appending to ${table}`);
      }
      const writers = schema.map((c) => writer(appender, c.dataType));
      for (const row of rows) {
        for (let j = 0; j < writers.length; j++) writers[j]!(row[j]!);
        appender.endRow();
      }
      appender.closeSync();
    },
    async tableExists(table) {
      try {
        const r = await conn.runAndReadAll(
          `SELECT count(*) FROM information_schema.tables WHERE table_name = ${sqlString('duckdb', table)}`,
        );
        return Number(r.getRows()[0]![0]) > 0;
      } catch (e) {
        throw failed(e, 'asking for a table');
      }
    },
    async close() {
      conn.closeSync();
    },
  };
}

type Value = boolean | bigint | number | string;

function reader(c: EngineColumn): (v: unknown) => Value {
  if (c.quantiles) return (v) => formatQuantiles((v as DuckDBListValue).items.map(Number));
  switch (c.dataType) {
    case 'BOOLEAN':
      return (v) => v === true;
    case 'INT64':
    case 'TIME64NS':
    case 'UINT128':
      return (v) => v as bigint;
    case 'FLOAT64':
      return (v) => v as number;
    case 'STRING':
      return (v) => v as string;
  }
}

function writer(a: DuckDBAppender, t: DataType): (v: Value) => void {
  switch (t) {
    case 'BOOLEAN':
      return (v) => a.appendBoolean(v as boolean);
    case 'INT64':
    case 'TIME64NS':
      return (v) => a.appendBigInt(v as bigint);
    case 'UINT128':
      return (v) => a.appendUHugeInt(v as bigint);
    case 'FLOAT64':
      return (v) => a.appendDouble(v as number);
    case 'STRING':
      return (v) => a.appendVarchar(v as string);
  }
}
