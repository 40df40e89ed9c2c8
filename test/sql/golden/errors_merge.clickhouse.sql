-- pxlc: the engine part of the script for clickhouse
-- engine: 2 queries (every scan, filter, map, groupby, merge, union and head SQL can express)
--   query for step #6 (line 10: merged.slow = merged.mean_latency > 2000000.0)
--   query for step #10 (line 15: px.display(both[['time_', 'req_path', 'resp_status', 'latency']], 'server_errors'))
-- javascript: nothing but the outputs (px.display / px.export)
-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.

-- step #6: px.display 'errors', px.export (gauge, gauge)
SELECT
  `_d0_req_path` AS `req_path`,
  `_d1_requests` AS `requests`,
  `_d2_time_` AS `time_`,
  `_d3_mean_latency` AS `mean_latency`,
  `_d4_req_path_err` AS `req_path_err`,
  `_d5_errors` AS `errors`,
  `_d6_time__err` AS `time__err`,
  `_d7_error_share` AS `error_share`,
  `_d8_slow` AS `slow`
FROM (
  -- line 8: merged = total.merge(errors, how='left', left_on=['req_path'], right_on=['req_path'], suffixes=['', '_err'])
  -- line 10: merged.slow = merged.mean_latency > 2000000.0
  SELECT
    `_a0_req_path` AS `_d0_req_path`,
    `_a1_requests` AS `_d1_requests`,
    `_a2_time_` AS `_d2_time_`,
    `_a3_mean_latency` AS `_d3_mean_latency`,
    `_b0_req_path` AS `_d4_req_path_err`,
    `_b1_errors` AS `_d5_errors`,
    `_b2_time_` AS `_d6_time__err`,
    (toFloat64(`_b1_errors`) / toFloat64(`_a1_requests`)) AS `_d7_error_share`,
    (`_a3_mean_latency` > toFloat64('2000000')) AS `_d8_slow`
  FROM (
    -- line 4: df = px.DataFrame(table='http_events', start_time='-5m')
    -- line 5: df.failed = df.resp_status >= 400
    -- line 6: total = df.groupby(['req_path']).agg(requests=('latency', px.count), time_=('time_', px.max), mean_latency=('latency', px.mean))
    SELECT
      `req_path` AS `_a0_req_path`,
      toInt64(count()) AS `_a1_requests`,
      if(count() = 0, toInt64(-9223372036854775807 - 1), max(`time_`)) AS `_a2_time_`,
      if(count() = 0, nan, avg(toFloat64(`latency`))) AS `_a3_mean_latency`
    FROM `http_events`
    WHERE `time_` >= ({{now}} - 300000000000)
    GROUP BY `req_path`
  ) AS l
  ALL LEFT JOIN (
    -- line 4: df = px.DataFrame(table='http_events', start_time='-5m')
    -- line 5: df.failed = df.resp_status >= 400
    -- line 7: errors = df[df.failed].groupby(['req_path']).agg(errors=('latency', px.count), time_=('time_', px.min))
    SELECT
      `req_path` AS `_b0_req_path`,
      toInt64(count()) AS `_b1_errors`,
      if(count() = 0, toInt64(9223372036854775807), min(`time_`)) AS `_b2_time_`
    FROM `http_events`
    WHERE `time_` >= ({{now}} - 300000000000)
      AND (`resp_status` >= toInt64(400))
    GROUP BY `req_path`
  ) AS r ON `_a0_req_path` = `_b0_req_path`
);

-- step #10: px.display 'server_errors'
SELECT
  `_e0_time_` AS `time_`,
  `_e1_req_path` AS `req_path`,
  `_e2_resp_status` AS `resp_status`,
  `_e3_latency` AS `latency`
FROM (
  -- line 15: px.display(both[['time_', 'req_path', 'resp_status', 'latency']], 'server_errors')
  SELECT
    `_c0_time_` AS `_e0_time_`,
    `_c13_req_path` AS `_e1_req_path`,
    `_c17_resp_status` AS `_e2_resp_status`,
    `_c21_latency` AS `_e3_latency`
  FROM (
    -- line 13: both = px.DataFrame(table='http_events', start_time='-5m')
    -- line 14: both = both[both.resp_status >= 500].head(20)
    SELECT
      `time_` AS `_c0_time_`,
      `req_path` AS `_c13_req_path`,
      `resp_status` AS `_c17_resp_status`,
      `latency` AS `_c21_latency`
    FROM `http_events`
    WHERE `time_` >= ({{now}} - 300000000000)
      AND (`resp_status` >= toInt64(500))
    ORDER BY `time_`
    LIMIT 20
  )
)
ORDER BY `_e0_time_`;
