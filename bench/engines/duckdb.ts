// DuckDB through @duckdb/node-api, in memory: rows appended through its appender (ingest, timed apart),
// queries in SQL. upids are text (DuckDB's appender has no unsigned 128-bit integers from JavaScript).

import { upidTexts, type BenchColumns } from '../data.js';
import type { ResultRow } from '../queries.js';
import type { Engine } from './engine.js';

const SQL: Readonly<Record<string, string>> = {
  tutorial: `SELECT pod || '|' || service || '|' || req_path AS k, count(latency) AS n, max(time_) % 1000000000000 AS t, count(latency) / 10 AS rps
             FROM bench_http GROUP BY pod, service, req_path`,
  latency: `SELECT service AS k, avg(latency) AS mean, quantile_cont(latency, 0.5) AS p50, quantile_cont(latency, 0.99) AS p99
            FROM bench_http WHERE resp_status < 400 GROUP BY service`,
  merge: `WITH p AS (SELECT upid, max(rss_bytes) AS rss FROM bench_process GROUP BY upid)
          SELECT h.service AS k, count(h.latency) AS n, avg(p.rss) AS rss FROM bench_http h JOIN p ON h.upid = p.upid GROUP BY h.service`,
  // The rows pxlc hands to px.export; DuckDB has no OTLP export, and no engine's time includes one.
  summary: `SELECT service || '|' || req_path AS k, count(latency) AS n, sum(latency / 1e6) AS s, quantile_cont(latency / 1e6, 0.5) AS p50,
            quantile_cont(latency / 1e6, 0.99) AS p99, max(time_) % 1000000000000 AS t
            FROM bench_http GROUP BY service, req_path`,
};

export async function duckdbEngine(): Promise<Engine> {
  const duck = await import('@duckdb/node-api');
  const instance = await duck.DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  return {
    name: 'duckdb',
    queries: Object.keys(SQL),
    async ingest(c: BenchColumns) {
      await conn.run('DROP TABLE IF EXISTS bench_http');
      await conn.run('DROP TABLE IF EXISTS bench_process');
      await conn.run(
        'CREATE TABLE bench_http (time_ BIGINT, upid VARCHAR, pod VARCHAR, service VARCHAR, req_path VARCHAR, resp_status BIGINT, latency BIGINT)',
      );
      await conn.run('CREATE TABLE bench_process (time_ BIGINT, upid VARCHAR, rss_bytes BIGINT)');
      const upid = upidTexts(c.upid);
      const http = await conn.createAppender('bench_http');
      for (let i = 0; i < c.time.length; i++) {
        http.appendBigInt(c.time[i]!);
        http.appendVarchar(upid[i]!);
        http.appendVarchar(c.pod[i]!);
        http.appendVarchar(c.service[i]!);
        http.appendVarchar(c.path[i]!);
        http.appendBigInt(c.status[i]!);
        http.appendBigInt(c.latency[i]!);
        http.endRow();
      }
      http.closeSync();
      const p = c.process;
      const procUpid = upidTexts(p.upid);
      const proc = await conn.createAppender('bench_process');
      for (let i = 0; i < p.time.length; i++) {
        proc.appendBigInt(p.time[i]!);
        proc.appendVarchar(procUpid[i]!);
        proc.appendBigInt(p.rss[i]!);
        proc.endRow();
      }
      proc.closeSync();
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
