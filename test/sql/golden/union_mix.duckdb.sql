-- pxlc: the engine part of the script for duckdb
-- engine: 2 queries (every scan, filter, map, groupby, merge, union and head SQL can express)
--   query for step #8 (line 16: agg.neg = -agg.slowest)
--   query for step #10 (line 18: px.display(both[['time_', 'kind', 'label', 'rem']].head(15), 'first_rows'))
-- javascript: nothing but the outputs (px.display / px.export)
-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.

-- step #8: px.display 'mixed'
SELECT
  "_c0_kind" AS "kind",
  "_c1_label" AS "label",
  "_c2_bucket" AS "bucket",
  "_c3_n" AS "n",
  "_c4_lat" AS "lat",
  "_c5_slowest" AS "slowest",
  "_c6_fails" AS "fails",
  "_c7_neg" AS "neg"
FROM (
  -- line 15: agg = agg[agg.n > 1]
  -- line 16: agg.neg = -agg.slowest
  SELECT
    "_b0_kind" AS "_c0_kind",
    "_b1_label" AS "_c1_label",
    "_b2_bucket" AS "_c2_bucket",
    "_b3_n" AS "_c3_n",
    "_b4_lat" AS "_c4_lat",
    "_b5_slowest" AS "_c5_slowest",
    "_b6_fails" AS "_c6_fails",
    (-"_b5_slowest") AS "_c7_neg"
  FROM (
    -- line 9: both = errors.append(fine)
    -- line 13: both.bucket = px.bin(both.latency, 50000000)
    -- line 14: agg = both.groupby(['kind', 'label', 'bucket']).agg(n=('latency', px.count), lat=('latency', px.mean), slowest=('latency', px.max), fails=('rem', px.sum))
    SELECT
      CASE WHEN ("_a17_resp_status" >= CAST(400 AS BIGINT)) THEN 'error' ELSE 'ok' END AS "_b0_kind",
      (("_a12_req_method" || ' ') || "_a13_req_path") AS "_b1_label",
      ("_a21_latency" - ("_a21_latency" % CAST(50000000 AS BIGINT))) AS "_b2_bucket",
      CAST(count(*) AS BIGINT) AS "_b3_n",
      CASE WHEN count(*) = 0 THEN CAST('NaN' AS DOUBLE) ELSE avg(CAST("_a21_latency" AS DOUBLE)) END AS "_b4_lat",
      CASE WHEN count(*) = 0 THEN CAST(-9223372036854775807 - 1 AS BIGINT) ELSE max("_a21_latency") END AS "_b5_slowest",
      CAST(coalesce(sum(("_a21_latency" % CAST(7 AS BIGINT))), 0) AS BIGINT) AS "_b6_fails"
    FROM (
    SELECT * FROM (
      -- line 5: errors = px.DataFrame(table='http_events', start_time='-5m')
      -- line 6: errors = errors[errors.resp_status >= 400]
      SELECT
        "time_" AS "_a0_time_",
        "upid" AS "_a1_upid",
        "remote_addr" AS "_a2_remote_addr",
        "remote_port" AS "_a3_remote_port",
        "local_addr" AS "_a4_local_addr",
        "local_port" AS "_a5_local_port",
        "trace_role" AS "_a6_trace_role",
        "encrypted" AS "_a7_encrypted",
        "major_version" AS "_a8_major_version",
        "minor_version" AS "_a9_minor_version",
        "content_type" AS "_a10_content_type",
        "req_headers" AS "_a11_req_headers",
        "req_method" AS "_a12_req_method",
        "req_path" AS "_a13_req_path",
        "req_body" AS "_a14_req_body",
        "req_body_size" AS "_a15_req_body_size",
        "resp_headers" AS "_a16_resp_headers",
        "resp_status" AS "_a17_resp_status",
        "resp_message" AS "_a18_resp_message",
        "resp_body" AS "_a19_resp_body",
        "resp_body_size" AS "_a20_resp_body_size",
        "latency" AS "_a21_latency",
        "px_info_" AS "_a22_px_info_"
      FROM "http_events"
      WHERE "time_" >= ({{now}} - 300000000000)
        AND ("resp_status" >= CAST(400 AS BIGINT))
    )
    UNION ALL
    SELECT * FROM (
      -- line 7: fine = px.DataFrame(table='http_events', start_time='-5m')
      -- line 8: fine = fine[px.contains(fine.req_path, 'api') and fine.resp_status < 300]
      SELECT
        "time_" AS "_a0_time_",
        "upid" AS "_a1_upid",
        "remote_addr" AS "_a2_remote_addr",
        "remote_port" AS "_a3_remote_port",
        "local_addr" AS "_a4_local_addr",
        "local_port" AS "_a5_local_port",
        "trace_role" AS "_a6_trace_role",
        "encrypted" AS "_a7_encrypted",
        "major_version" AS "_a8_major_version",
        "minor_version" AS "_a9_minor_version",
        "content_type" AS "_a10_content_type",
        "req_headers" AS "_a11_req_headers",
        "req_method" AS "_a12_req_method",
        "req_path" AS "_a13_req_path",
        "req_body" AS "_a14_req_body",
        "req_body_size" AS "_a15_req_body_size",
        "resp_headers" AS "_a16_resp_headers",
        "resp_status" AS "_a17_resp_status",
        "resp_message" AS "_a18_resp_message",
        "resp_body" AS "_a19_resp_body",
        "resp_body_size" AS "_a20_resp_body_size",
        "latency" AS "_a21_latency",
        "px_info_" AS "_a22_px_info_"
      FROM "http_events"
      WHERE "time_" >= ({{now}} - 300000000000)
        AND (contains("req_path", 'api') AND ("resp_status" < CAST(300 AS BIGINT)))
    )
    )
    GROUP BY CASE WHEN ("_a17_resp_status" >= CAST(400 AS BIGINT)) THEN 'error' ELSE 'ok' END, (("_a12_req_method" || ' ') || "_a13_req_path"), ("_a21_latency" - ("_a21_latency" % CAST(50000000 AS BIGINT)))
  )
  WHERE ("_b3_n" > CAST(1 AS BIGINT))
);

-- step #10: px.display 'first_rows'
SELECT
  "_d0_time_" AS "time_",
  "_d1_kind" AS "kind",
  "_d2_label" AS "label",
  "_d3_rem" AS "rem"
FROM (
  -- line 9: both = errors.append(fine)
  -- line 13: both.bucket = px.bin(both.latency, 50000000)
  -- line 18: px.display(both[['time_', 'kind', 'label', 'rem']].head(15), 'first_rows')
  SELECT
    "_a0_time_" AS "_d0_time_",
    CASE WHEN ("_a17_resp_status" >= CAST(400 AS BIGINT)) THEN 'error' ELSE 'ok' END AS "_d1_kind",
    (("_a12_req_method" || ' ') || "_a13_req_path") AS "_d2_label",
    ("_a21_latency" % CAST(7 AS BIGINT)) AS "_d3_rem"
  FROM (
  SELECT * FROM (
    -- line 5: errors = px.DataFrame(table='http_events', start_time='-5m')
    -- line 6: errors = errors[errors.resp_status >= 400]
    SELECT
      "time_" AS "_a0_time_",
      "upid" AS "_a1_upid",
      "remote_addr" AS "_a2_remote_addr",
      "remote_port" AS "_a3_remote_port",
      "local_addr" AS "_a4_local_addr",
      "local_port" AS "_a5_local_port",
      "trace_role" AS "_a6_trace_role",
      "encrypted" AS "_a7_encrypted",
      "major_version" AS "_a8_major_version",
      "minor_version" AS "_a9_minor_version",
      "content_type" AS "_a10_content_type",
      "req_headers" AS "_a11_req_headers",
      "req_method" AS "_a12_req_method",
      "req_path" AS "_a13_req_path",
      "req_body" AS "_a14_req_body",
      "req_body_size" AS "_a15_req_body_size",
      "resp_headers" AS "_a16_resp_headers",
      "resp_status" AS "_a17_resp_status",
      "resp_message" AS "_a18_resp_message",
      "resp_body" AS "_a19_resp_body",
      "resp_body_size" AS "_a20_resp_body_size",
      "latency" AS "_a21_latency",
      "px_info_" AS "_a22_px_info_"
    FROM "http_events"
    WHERE "time_" >= ({{now}} - 300000000000)
      AND ("resp_status" >= CAST(400 AS BIGINT))
  )
  UNION ALL
  SELECT * FROM (
    -- line 7: fine = px.DataFrame(table='http_events', start_time='-5m')
    -- line 8: fine = fine[px.contains(fine.req_path, 'api') and fine.resp_status < 300]
    SELECT
      "time_" AS "_a0_time_",
      "upid" AS "_a1_upid",
      "remote_addr" AS "_a2_remote_addr",
      "remote_port" AS "_a3_remote_port",
      "local_addr" AS "_a4_local_addr",
      "local_port" AS "_a5_local_port",
      "trace_role" AS "_a6_trace_role",
      "encrypted" AS "_a7_encrypted",
      "major_version" AS "_a8_major_version",
      "minor_version" AS "_a9_minor_version",
      "content_type" AS "_a10_content_type",
      "req_headers" AS "_a11_req_headers",
      "req_method" AS "_a12_req_method",
      "req_path" AS "_a13_req_path",
      "req_body" AS "_a14_req_body",
      "req_body_size" AS "_a15_req_body_size",
      "resp_headers" AS "_a16_resp_headers",
      "resp_status" AS "_a17_resp_status",
      "resp_message" AS "_a18_resp_message",
      "resp_body" AS "_a19_resp_body",
      "resp_body_size" AS "_a20_resp_body_size",
      "latency" AS "_a21_latency",
      "px_info_" AS "_a22_px_info_"
    FROM "http_events"
    WHERE "time_" >= ({{now}} - 300000000000)
      AND (contains("req_path", 'api') AND ("resp_status" < CAST(300 AS BIGINT)))
  )
  )
  ORDER BY "_a0_time_"
  LIMIT 15
);
