// Results in a form two engines can be compared in: rows as exact text (bigints as decimal, doubles in their
// shortest round-trip form), and OTLP as one line per data point with its resource and attributes. Both are
// sorted: groupby and merge order is the engine's, as it is across Pixie's agents.

import type { ReceivedCollector } from '../../../src/collector/server.js';
import type { KeyValue } from '../../../src/collector/payload.js';
import type { RunResult } from '../../../src/runtime/run.js';

export function rowsOf(result: RunResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const { name, table } of result.tables) {
    const rows: string[] = [];
    for (let i = 0; i < table.length; i++) {
      const row: Record<string, string> = {};
      table.schema.forEach((c, j) => {
        const v = (table.columns[j] as ArrayLike<unknown>)[i];
        row[c.name] = c.dataType === 'BOOLEAN' ? String(v === 1) : String(v);
      });
      rows.push(JSON.stringify(row));
    }
    out[name] = rows.sort();
  }
  return out;
}

const attrs = (a: readonly KeyValue[]) =>
  a
    .map((kv) => `${kv.key}=${JSON.stringify(kv.value)}`)
    .sort()
    .join(',');

export function pointsOf(c: ReceivedCollector): string[] {
  const points: string[] = [];
  for (const req of c.metrics) {
    for (const rm of req.resourceMetrics) {
      for (const sm of rm.scopeMetrics) {
        for (const m of sm.metrics) {
          const head = `${attrs(rm.resource.attributes)} | ${m.name} ${m.description} ${m.unit}`;
          for (const p of m.gauge?.dataPoints ?? [])
            points.push(`${head} gauge ${attrs(p.attributes)} t=${p.timeUnixNano} v=${p.asDouble ?? p.asInt}`);
          for (const p of m.sum?.dataPoints ?? [])
            points.push(
              `${head} sum ${m.sum!.aggregationTemporality} ${attrs(p.attributes)} t=${p.timeUnixNano} v=${p.asDouble ?? p.asInt}`,
            );
          for (const p of m.histogram?.dataPoints ?? []) points.push(`${head} histogram ${JSON.stringify(p)}`);
          for (const p of m.summary?.dataPoints ?? []) {
            const q = p.quantileValues.map((x) => `${x.quantile}:${x.value}`).join(',');
            points.push(
              `${head} summary ${attrs(p.attributes)} t=${p.timeUnixNano} count=${p.count} sum=${p.sum} q=${q}`,
            );
          }
        }
      }
    }
  }
  for (const req of c.traces) {
    for (const rs of req.resourceSpans) {
      for (const ss of rs.scopeSpans) {
        for (const sp of ss.spans) {
          // Ids a script does not take from columns are random per run (as in Pixie): compared by presence only.
          points.push(
            `${attrs(rs.resource.attributes)} | span ${sp.name} ${sp.kind} ids=${[sp.traceId, sp.spanId, sp.parentSpanId].map((x) => (x ? 'set' : '-')).join(',')} ` +
              `${sp.startTimeUnixNano}..${sp.endTimeUnixNano} ${attrs(sp.attributes)}`,
          );
        }
      }
    }
  }
  // Delivery is at least once: a request retried after a deadline on a loaded machine may arrive twice.
  return [...new Set(points)].sort();
}
