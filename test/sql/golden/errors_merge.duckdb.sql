-- pxlc: the engine part of the script for duckdb
-- engine: 2 queries (every scan, filter, map, groupby, merge, union and head SQL can express)
--   query for step #6 (line 10: merged.slow = merged.mean_latency > 2000000.0)
--   query for step #10 (line 15: px.display(both[['time_', 'req_path', 'resp_status', 'latency']], 'server_errors'))
-- javascript: nothing but the outputs (px.display / px.export)
-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.

-- step #6: px.display 'errors', px.export (gauge, gauge)
SELECT
  "_d0_req_path" AS "req_path",
  "_d1_requests" AS "requests",
  "_d2_time_" AS "time_",
  "_d3_mean_latency" AS "mean_latency",
  "_d4_req_path_err" AS "req_path_err",
  "_d5_errors" AS "errors",
  "_d6_time__err" AS "time__err",
  "_d7_error_share" AS "error_share",
  "_d8_slow" AS "slow"
FROM (
  -- line 8: merged = total.merge(errors, how='left', left_on=['req_path'], right_on=['req_path'], suffixes=['', '_err'])
  -- line 10: merged.slow = merged.mean_latency > 2000000.0
  SELECT
    "_a0_req_path" AS "_d0_req_path",
    "_a1_requests" AS "_d1_requests",
    "_a2_time_" AS "_d2_time_",
    "_a3_mean_latency" AS "_d3_mean_latency",
    coalesce("_b0_req_path", '') AS "_d4_req_path_err",
    coalesce("_b1_errors", CAST(0 AS BIGINT)) AS "_d5_errors",
    coalesce("_b2_time_", CAST(0 AS BIGINT)) AS "_d6_time__err",
    (CAST(coalesce("_b1_errors", CAST(0 AS BIGINT)) AS DOUBLE) / CAST("_a1_requests" AS DOUBLE)) AS "_d7_error_share",
    ("_a3_mean_latency" > CAST('2000000' AS DOUBLE)) AS "_d8_slow"
  FROM (
    -- line 4: df = px.DataFrame(table='http_events', start_time='-5m')
    -- line 5: df.failed = df.resp_status >= 400
    -- line 6: total = df.groupby(['req_path']).agg(requests=('latency', px.count), time_=('time_', px.max), mean_latency=('latency', px.mean))
    SELECT
      "req_path" AS "_a0_req_path",
      CAST(count(*) AS BIGINT) AS "_a1_requests",
      CASE WHEN count(*) = 0 THEN CAST(-9223372036854775807 - 1 AS BIGINT) ELSE max("time_") END AS "_a2_time_",
      CASE WHEN count(*) = 0 THEN CAST('NaN' AS DOUBLE) ELSE avg(CAST("latency" AS DOUBLE)) END AS "_a3_mean_latency"
    FROM "http_events"
    WHERE "time_" >= ({{now}} - 300000000000)
    GROUP BY "req_path"
  ) AS l
  LEFT JOIN (
    -- line 4: df = px.DataFrame(table='http_events', start_time='-5m')
    -- line 5: df.failed = df.resp_status >= 400
    -- line 7: errors = df[df.failed].groupby(['req_path']).agg(errors=('latency', px.count), time_=('time_', px.min))
    SELECT
      "req_path" AS "_b0_req_path",
      CAST(count(*) AS BIGINT) AS "_b1_errors",
      CASE WHEN count(*) = 0 THEN CAST(9223372036854775807 AS BIGINT) ELSE min("time_") END AS "_b2_time_"
    FROM "http_events"
    WHERE "time_" >= ({{now}} - 300000000000)
      AND ("resp_status" >= CAST(400 AS BIGINT))
    GROUP BY "req_path"
  ) AS r ON "_a0_req_path" = "_b0_req_path"
);

-- step #10: px.display 'server_errors'
SELECT
  "_e0_time_" AS "time_",
  "_e1_req_path" AS "req_path",
  "_e2_resp_status" AS "resp_status",
  "_e3_latency" AS "latency"
FROM (
  -- line 15: px.display(both[['time_', 'req_path', 'resp_status', 'latency']], 'server_errors')
  SELECT
    "_c0_time_" AS "_e0_time_",
    "_c13_req_path" AS "_e1_req_path",
    "_c17_resp_status" AS "_e2_resp_status",
    "_c21_latency" AS "_e3_latency"
  FROM (
    -- line 13: both = px.DataFrame(table='http_events', start_time='-5m')
    -- line 14: both = both[both.resp_status >= 500].head(20)
    SELECT
      "time_" AS "_c0_time_",
      "req_path" AS "_c13_req_path",
      "resp_status" AS "_c17_resp_status",
      "latency" AS "_c21_latency"
    FROM "http_events"
    WHERE "time_" >= ({{now}} - 300000000000)
      AND ("resp_status" >= CAST(500 AS BIGINT))
    ORDER BY "time_"
    LIMIT 20
  )
)
ORDER BY "_e0_time_";
