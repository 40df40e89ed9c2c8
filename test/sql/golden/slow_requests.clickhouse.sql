-- pxlc: the engine part of the script for clickhouse
-- engine: 2 queries (every scan, filter, map, groupby, merge, union and head SQL can express)
--   query for step #0 (line 10: df = px.DataFrame(table='http_events', start_time=start_time))
--   query for step #6 (line 20: df = px.DataFrame(table='http_events', start_time=start_time))
-- javascript: 8 steps on the rows the engine returns
--   step #1 Map (line 11: df.service = df.ctx['service']) — upid_to_service_name(UINT128) has no SQL equivalent (cluster metadata lives in the runtime, not in the engine)
--   step #2 Filter (line 12: df = df[px.contains(df.service, service)]) — after a JavaScript step
--   step #3 Map (line 13: df.latency_ms = df.latency / 1000000) — after a JavaScript step
--   step #4 Map (line 14: df = df[['time_', 'service', 'req_method', 'req_path', 'resp_status', 'latency_ms']]) — after a JavaScript step
--   step #5 Limit (line 15: return df.head(max_rows)) — after a JavaScript step
--   step #7 Map (line 22: df.failed = df.resp_status >= 500) — upid_to_service_name(UINT128) has no SQL equivalent (cluster metadata lives in the runtime, not in the engine)
--   step #8 Agg (line 23: df = df.groupby('service').agg(errors=('failed', px.sum), requests=('latency', px.count))) — after a JavaScript step
--   step #9 Map (line 24: df.error_rate = df.errors / df.requests) — after a JavaScript step
-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.

-- step #0: read by the JavaScript part
SELECT
  `_a0_time_` AS `time_`,
  `_a1_upid` AS `upid`,
  `_a12_req_method` AS `req_method`,
  `_a13_req_path` AS `req_path`,
  `_a17_resp_status` AS `resp_status`,
  `_a21_latency` AS `latency`
FROM (
  -- line 10: df = px.DataFrame(table='http_events', start_time=start_time)
  SELECT
    `time_` AS `_a0_time_`,
    `upid` AS `_a1_upid`,
    `req_method` AS `_a12_req_method`,
    `req_path` AS `_a13_req_path`,
    `resp_status` AS `_a17_resp_status`,
    `latency` AS `_a21_latency`
  FROM `http_events`
  WHERE `time_` >= {{argtime:"start_time"}}
)
ORDER BY `_a0_time_`;

-- step #6: read by the JavaScript part
SELECT
  `_b1_upid` AS `upid`,
  `_b17_resp_status` AS `resp_status`,
  `_b21_latency` AS `latency`
FROM (
  -- line 20: df = px.DataFrame(table='http_events', start_time=start_time)
  SELECT
    `upid` AS `_b1_upid`,
    `resp_status` AS `_b17_resp_status`,
    `latency` AS `_b21_latency`
  FROM `http_events`
  WHERE `time_` >= {{argtime:"start_time"}}
  ORDER BY `time_`
);
