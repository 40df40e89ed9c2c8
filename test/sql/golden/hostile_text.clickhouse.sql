-- pxlc: the engine part of the script for clickhouse
-- engine: 1 query (every scan, filter, map, groupby, merge, union and head SQL can express)
--   query for step #4 (line 9: px.display(df.groupby(['note', 'we"ird `name\'s']).agg(n=('latency', px.count)), 'hostile'))
-- javascript: nothing but the outputs (px.display / px.export)
-- {{now}}, {{plugin_start}}, {{plugin_end}} (nanoseconds) and {{arg:...}} are filled in when the script runs.

-- step #4: px.display 'hostile'
SELECT
  `_a0_note` AS `note`,
  `_a1_we"ird \`name's` AS `we"ird \`name's`,
  `_a2_n` AS `n`
FROM (
  -- line 5: df = px.DataFrame(table='http_events', start_time='-5m')
  -- line 6: df = df[df.req_path != "x'; DROP TABLE http_events; --"]
  -- line 7: df.note = "it's a \\ back\\slash, { {now}} and { {arg:\"x\"}}, `tick` \"dq\" -- not a comment /* nor this */ ünï ☃ 𝄞"
  -- line 8: df['we"ird `name\'s'] = df.note + '{ {'
  -- line 9: px.display(df.groupby(['note', 'we"ird `name\'s']).agg(n=('latency', px.count)), 'hostile')
  SELECT
    ('it\'s a \\ back\\slash, {' || '{' || 'now}} and {' || '{' || 'arg:"x"}}, `tick` "dq" -- not a comment /* nor this */ ünï ☃ 𝄞') AS `_a0_note`,
    concat(('it\'s a \\ back\\slash, {' || '{' || 'now}} and {' || '{' || 'arg:"x"}}, `tick` "dq" -- not a comment /* nor this */ ünï ☃ 𝄞'), ('{' || '{')) AS `_a1_we"ird \`name's`,
    toInt64(count()) AS `_a2_n`
  FROM `http_events`
  WHERE `time_` >= ({{now}} - 300000000000)
    AND (`req_path` <> 'x\'; DROP TABLE http_events; --')
  GROUP BY ('it\'s a \\ back\\slash, {' || '{' || 'now}} and {' || '{' || 'arg:"x"}}, `tick` "dq" -- not a comment /* nor this */ ünï ☃ 𝄞'), concat(('it\'s a \\ back\\slash, {' || '{' || 'now}} and {' || '{' || 'arg:"x"}}, `tick` "dq" -- not a comment /* nor this */ ünï ☃ 𝄞'), ('{' || '{'))
);
