-- pxlc: the engine part of the script for clickhouse
-- engine: 1 query (every scan, filter, map, groupby, merge, union and head SQL can express)
--   query for step #0 (line 6: df = px.DataFrame(table='http_events', start_time='-10s'))
-- javascript: 3 steps on the rows the engine returns
--   step #1 Map (line 10: df.service = df.ctx['service']) — _upid_to_podname_local_addr_fallback(UINT128, STRING, TIME64NS) has no SQL equivalent (cluster metadata lives in the runtime, not in the engine)
--   step #2 Agg (line 13: df = df.groupby(['pod', 'service', 'req_path']).agg() — after a JavaScript step
--   step #3 Map (line 19: df.requests_per_s = df.throughput / 10) — after a JavaScript step
-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.

-- step #0: read by the JavaScript part
SELECT
  `_a0_time_` AS `time_`,
  `_a1_upid` AS `upid`,
  `_a4_local_addr` AS `local_addr`,
  `_a13_req_path` AS `req_path`,
  `_a21_latency` AS `latency`
FROM (
  -- line 6: df = px.DataFrame(table='http_events', start_time='-10s')
  SELECT
    `time_` AS `_a0_time_`,
    `upid` AS `_a1_upid`,
    `local_addr` AS `_a4_local_addr`,
    `req_path` AS `_a13_req_path`,
    `latency` AS `_a21_latency`
  FROM `http_events`
  WHERE `time_` >= ({{now}} - 10000000000)
)
ORDER BY `_a0_time_`;
