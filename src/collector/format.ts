// What the collector received, for people: per request the resource, each metric or span with a few sample
// points. Secret-looking header values are masked.

import { formatTimeNs } from '../runtime/metadata/time-text.js';
import { idHex, valueText, type ExportMetricsRequest, type ExportTraceRequest, type KeyValue } from './payload.js';
import type { ReceivedCollector, ReceivedRequest } from './server.js';

const SAMPLES = 3;
const SECRET = /key|token|auth|secret|password|cookie/i;

export function maskMetadata(md: Record<string, string[]>): string {
  return Object.entries(md)
    .filter(([k]) => !k.startsWith('grpc-') && k !== 'user-agent' && k !== 'content-type' && k !== 'te')
    .map(([k, vs]) => `${k}=${SECRET.test(k) ? '***' : vs.join(',')}`).join(' ');
}

function attrs(list: readonly KeyValue[]): string {
  return list.map((a) => `${a.key}=${JSON.stringify(valueText(a.value))}`).join(' ');
}

function time(ns: string): string {
  return formatTimeNs(BigInt(ns));
}

export function formatMetricsRequest(req: ExportMetricsRequest): string[] {
  const out: string[] = [];
  for (const rm of req.resourceMetrics) {
    out.push(`  resource ${attrs(rm.resource.attributes)}`);
    for (const sm of rm.scopeMetrics) {
      for (const m of sm.metrics) {
        const points = m.gauge?.dataPoints ?? m.sum?.dataPoints ?? m.summary?.dataPoints ?? [];
        out.push(`    ${m.gauge ? 'gauge' : m.sum ? 'sum' : 'summary'} ${m.name}${m.unit ? ` [${m.unit}]` : ''}: ${points.length} point${points.length === 1 ? '' : 's'}`);
        for (const p of points.slice(0, SAMPLES)) {
          const value = 'quantileValues' in p
            ? `count=${p.count} sum=${p.sum} ${p.quantileValues.map((q) => `q${q.quantile}=${q.value}`).join(' ')}`
            : String(p.asDouble ?? p.asInt);
          out.push(`      ${time(p.timeUnixNano)} ${value} ${attrs(p.attributes)}`.trimEnd());
        }
        if (points.length > SAMPLES) out.push(`      ... ${points.length - SAMPLES} more`);
      }
    }
  }
  return out;
}

export function formatTraceRequest(req: ExportTraceRequest): string[] {
  const out: string[] = [];
  for (const rs of req.resourceSpans) {
    out.push(`  resource ${attrs(rs.resource.attributes)}`);
    for (const ss of rs.scopeSpans) {
      out.push(`    ${ss.spans.length} span${ss.spans.length === 1 ? '' : 's'}`);
      for (const s of ss.spans.slice(0, SAMPLES)) {
        const ms = Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / 1e6;
        out.push(`      ${s.name} trace=${idHex(s.traceId)} span=${idHex(s.spanId)} ${s.kind} ${time(s.startTimeUnixNano)} +${ms}ms ${attrs(s.attributes)}`.trimEnd());
      }
      if (ss.spans.length > SAMPLES) out.push(`      ... ${ss.spans.length - SAMPLES} more`);
    }
  }
  return out;
}

export function formatRequest(r: ReceivedRequest, payload: unknown): string {
  const head = `${r.signal} request ${maskMetadata(r.metadata)}`.trimEnd();
  const body = r.signal === 'metrics' ? formatMetricsRequest(payload as ExportMetricsRequest)
    : r.signal === 'traces' ? formatTraceRequest(payload as ExportTraceRequest) : [];
  return [head, ...body].join('\n');
}

export function formatReceived(c: ReceivedCollector): string {
  if (c.requests.length === 0) return '(nothing arrived)';
  const points = c.metrics.flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => (m.gauge?.dataPoints ?? m.sum?.dataPoints ?? m.summary?.dataPoints ?? []).length))))
    .reduce((a, b) => a + b, 0);
  const spans = c.traces.flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.map((ss) => ss.spans.length))).reduce((a, b) => a + b, 0);
  const lines = [`${c.requests.length} request${c.requests.length === 1 ? '' : 's'}: ${points} metric points, ${spans} spans`];
  let m = 0;
  let t = 0;
  for (const r of c.requests) {
    if (r.signal === 'metrics') lines.push(formatRequest(r, c.metrics[m++]));
    else if (r.signal === 'traces') lines.push(formatRequest(r, c.traces[t++]));
  }
  return lines.join('\n');
}
