// DuckDB through @duckdb/node-api, in memory: rows appended through its appender (ingest, timed apart),
// queries in SQL.

import type { BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';
import type { Engine } from './engine.js';

const SQL: Readonly<Record<string, string>> = {
  tutorial: `SELECT pod || '|' || service || '|' || req_path AS k, count(latency) AS n, max(time_) % 1000000000000 AS t, count(latency) / 10 AS rps
             FROM bench_http GROUP BY pod, service, req_path`,
  latency: `SELECT service AS k, avg(latency) AS mean, quantile_cont(latency, 0.5) AS p50, quantile_cont(latency, 0.99) AS p99
            FROM bench_http WHERE resp_status < 400 GROUP BY service`,
};

export async function duckdbEngine(): Promise<Engine> {
  const duck = await import('@duckdb/node-api');
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  return {
    name: 'duckdb',
    async ingest(c: BenchColumns) {
      await conn.run('DROP TABLE IF EXISTS bench_http');
      await conn.run('CREATE TABLE bench_http (time_ BIGINT, pod VARCHAR, service VARCHAR, req_path VARCHAR, resp_status BIGINT, latency BIGINT)');
      const appender = await conn.createAppender('bench_http');
      for (let i = 0; i < c.time.length; i++) {
        appender.appendBigInt(c.time[i]!);
        appender.appendVarchar(c.pod[i]!);
        appender.appendVarchar(c.service[i]!);
        appender.appendVarchar(c.path[i]!);
        appender.appendBigInt(c.status[i]!);
        appender.appendBigInt(c.latency[i]!);
        appender.endRow();
      }
      appender.closeSync();
    },
    async run(query) {
      const reader = await conn.runAndReadAll(SQL[query]!);
      return reader.getRows().map((r) => [String(r[0]), ...r.slice(1).map(Number)] as unknown as ResultRow);
    },
    async close() {
      conn.closeSync();
    },
  };
}
