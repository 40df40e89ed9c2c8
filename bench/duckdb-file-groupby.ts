// `node dist/bench/duckdb-file-groupby.js FILE csv|ndjson|parquet`: the ingest bench's groupby run by DuckDB on a
// data file (all columns, types auto-detected), as a whole process; prints one JSON line per group.

const [file, kind] = process.argv.slice(2);
const duck = await import('@duckdb/node-api');
const instance = await duck.DuckDBInstance.create(':memory:');
const conn = await instance.connect();
const quoted = `'${file!.replaceAll("'", "''")}'`;
const from =
  kind === 'csv'
    ? `read_csv(${quoted})`
    : kind === 'ndjson'
      ? `read_json(${quoted}, format = 'newline_delimited')`
      : `read_parquet(${quoted})`;
const reader = await conn.runAndReadAll(
  `SELECT req_path, resp_status, count(latency) AS n, avg(latency) AS lat FROM ${from} GROUP BY req_path, resp_status`,
);
for (const [path, status, n, lat] of reader.getRows()) {
  process.stdout.write(
    `${JSON.stringify({ req_path: path, resp_status: Number(status), n: Number(n), lat: Number(lat) })}\n`,
  );
}
