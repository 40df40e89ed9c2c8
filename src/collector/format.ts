// What the collector received, for people: per request the resource, each metric or span with a few sample
// points. Secret-looking header values are masked.

import { formatTimeNs } from '../runtime/metadata/time-text.js';
import {
  dataPoints, idHex, metricKind, valueText, type ExportLogsRequest, type ExportMetricsRequest, type ExportTraceRequest, type KeyValue,
} from './payload.js';
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
        const points = dataPoints(m);
        out.push(`    ${metricKind(m)} ${m.name}${m.unit ? ` [${m.unit}]` : ''}: ${points.length} point${points.length === 1 ? '' : 's'}`);
        for (const p of points.slice(0, SAMPLES)) {
          const value = 'quantileValues' in p
            ? `count=${p.count} sum=${p.sum} ${p.quantileValues.map((q) => `q${q.quantile}=${q.value}`).join(' ')}`
            : 'bucketCounts' in p
              ? `count=${p.count}${p.sum !== undefined ? ` sum=${p.sum}` : ''} buckets=${buckets(p.explicitBounds, p.bucketCounts)}`
              : String(p.asDouble ?? p.asInt);
          out.push(`      ${time(p.timeUnixNano)} ${value} ${attrs(p.attributes)}`.trimEnd());
        }
        if (points.length > SAMPLES) out.push(`      ... ${points.length - SAMPLES} more`);
      }
    }
  }
  return out;
}

/** `(..10]=3 (10..100]=5 (100..)=1`: each bucket with its own count. */
function buckets(bounds: readonly number[], counts: readonly string[]): string {
  return counts.map((c, i) => `(${i === 0 ? '' : bounds[i - 1]}..${i < bounds.length ? `${bounds[i]}]` : ')'}=${c}`).join(' ');
}

export function formatLogsRequest(req: ExportLogsRequest): string[] {
  const out: string[] = [];
  for (const rl of req.resourceLogs) {
    out.push(`  resource ${attrs(rl.resource.attributes)}`);
    for (const sl of rl.scopeLogs) {
      out.push(`    ${sl.logRecords.length} log record${sl.logRecords.length === 1 ? '' : 's'}`);
      for (const r of sl.logRecords.slice(0, SAMPLES)) {
        const severity = [r.severityText, r.severityNumber.replace(/^SEVERITY_NUMBER_/, '')].filter(Boolean).join('/');
        const trace = r.traceId ? ` trace=${idHex(r.traceId)}` : '';
        out.push(`      ${time(r.timeUnixNano)} ${severity} ${JSON.stringify(r.body ? valueText(r.body) : '')}${trace} ${attrs(r.attributes)}`.trimEnd());
      }
      if (sl.logRecords.length > SAMPLES) out.push(`      ... ${sl.logRecords.length - SAMPLES} more`);
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
    : r.signal === 'traces' ? formatTraceRequest(payload as ExportTraceRequest) : formatLogsRequest(payload as ExportLogsRequest);
  return [head, ...body].join('\n');
}

export function formatReceived(c: ReceivedCollector): string {
  if (c.requests.length === 0) return '(nothing arrived)';
  const points = c.metrics.flatMap((r) => r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => dataPoints(m).length))))
    .reduce((a, b) => a + b, 0);
  const spans = c.traces.flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.map((ss) => ss.spans.length))).reduce((a, b) => a + b, 0);
  const logs = c.logs.flatMap((r) => r.resourceLogs.flatMap((rl) => rl.scopeLogs.map((sl) => sl.logRecords.length))).reduce((a, b) => a + b, 0);
  const lines = [`${c.requests.length} request${c.requests.length === 1 ? '' : 's'}: ${points} metric points, ${spans} spans${logs > 0 ? `, ${logs} log records` : ''}`];
  const next = { metrics: 0, traces: 0, logs: 0 };
  for (const r of c.requests) lines.push(formatRequest(r, c[r.signal][next[r.signal]++]));
  return lines.join('\n');
}
