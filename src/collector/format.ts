// What the collector received, for people: per request its headers (names only: values are masked, they are often
// API keys), the resource and scope, each metric (kind, name, unit, description, temporality) or span with a few
// sample points and every field that arrived.

import { formatTimeNs } from '../runtime/metadata/time-text.js';
import {
  dataPoints,
  idHex,
  metricKind,
  valueText,
  type ExportLogsRequest,
  type ExportMetricsRequest,
  type ExportTraceRequest,
  type KeyValue,
} from './payload.js';
import type { ReceivedCollector, ReceivedRequest } from './server.js';

const SAMPLES = 3;
/** Headers every gRPC or HTTP request carries: not worth printing. */
const TRANSPORT_HEADERS = new Set([
  'user-agent',
  'content-type',
  'te',
  'host',
  'content-length',
  'content-encoding',
  'connection',
  'accept',
  'accept-encoding',
  'transfer-encoding',
]);

export function maskMetadata(md: Record<string, string[]>): string {
  return Object.keys(md)
    .filter((k) => !k.startsWith('grpc-') && !TRANSPORT_HEADERS.has(k))
    .map((k) => `${k}=***`)
    .join(' ');
}

function scopeText(scope: { name?: string; version?: string } | undefined): string {
  return scope?.name ? ` scope ${scope.name}${scope.version ? `@${scope.version}` : ''}` : '';
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
        const sum = m.sum
          ? ` ${m.sum.aggregationTemporality.replace(/^AGGREGATION_TEMPORALITY_/, '').toLowerCase()}${m.sum.isMonotonic ? ' monotonic' : ''}`
          : m.histogram
            ? ` ${m.histogram.aggregationTemporality.replace(/^AGGREGATION_TEMPORALITY_/, '').toLowerCase()}`
            : '';
        out.push(
          `    ${metricKind(m)}${sum} ${m.name}${m.unit ? ` [${m.unit}]` : ''}${m.description ? ` ${JSON.stringify(m.description)}` : ''}${scopeText(sm.scope)}: ${points.length} point${points.length === 1 ? '' : 's'}`,
        );
        for (const p of points.slice(0, SAMPLES)) {
          const value =
            'quantileValues' in p
              ? `count=${p.count} sum=${p.sum} ${p.quantileValues.map((q) => `q${q.quantile}=${q.value}`).join(' ')}`
              : 'bucketCounts' in p
                ? `count=${p.count}${p.sum !== undefined ? ` sum=${p.sum}` : ''} buckets=${buckets(p.explicitBounds, p.bucketCounts)}`
                : String(p.asDouble ?? p.asInt);
          const start = 'startTimeUnixNano' in p && p.startTimeUnixNano ? `${time(p.startTimeUnixNano)}..` : '';
          const flags = 'flags' in p && p.flags ? ` flags=${p.flags}` : '';
          out.push(`      ${start}${time(p.timeUnixNano)} ${value}${flags} ${attrs(p.attributes)}`.trimEnd());
        }
        if (points.length > SAMPLES) out.push(`      ... ${points.length - SAMPLES} more`);
      }
    }
  }
  return out;
}

/** `(..10]=3 (10..100]=5 (100..)=1`: each bucket with its own count. */
function buckets(bounds: readonly number[], counts: readonly string[]): string {
  return counts
    .map((c, i) => `(${i === 0 ? '' : bounds[i - 1]}..${i < bounds.length ? `${bounds[i]}]` : ')'}=${c}`)
    .join(' ');
}

export function formatLogsRequest(req: ExportLogsRequest): string[] {
  const out: string[] = [];
  for (const rl of req.resourceLogs) {
    out.push(`  resource ${attrs(rl.resource.attributes)}`);
    for (const sl of rl.scopeLogs) {
      out.push(`    ${sl.logRecords.length} log record${sl.logRecords.length === 1 ? '' : 's'}${scopeText(sl.scope)}`);
      for (const r of sl.logRecords.slice(0, SAMPLES)) {
        const severity = [r.severityText, r.severityNumber.replace(/^SEVERITY_NUMBER_/, '')].filter(Boolean).join('/');
        const trace = r.traceId ? ` trace=${idHex(r.traceId)}` : '';
        const observed =
          r.observedTimeUnixNano && r.observedTimeUnixNano !== r.timeUnixNano
            ? ` observed=${time(r.observedTimeUnixNano)}`
            : '';
        const span = r.spanId ? ` span=${idHex(r.spanId)}` : '';
        out.push(
          `      ${time(r.timeUnixNano)}${observed} ${severity} ${JSON.stringify(r.body ? valueText(r.body) : '')}${trace}${span}${r.flags ? ` flags=${r.flags}` : ''} ${attrs(r.attributes)}`.trimEnd(),
        );
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
      out.push(`    ${ss.spans.length} span${ss.spans.length === 1 ? '' : 's'}${scopeText(ss.scope)}`);
      for (const s of ss.spans.slice(0, SAMPLES)) {
        const ms = Number(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)) / 1e6;
        const parent = s.parentSpanId ? ` parent=${idHex(s.parentSpanId)}` : '';
        const st =
          s.status?.code && s.status.code !== 'STATUS_CODE_UNSET'
            ? ` status=${s.status.code.replace(/^STATUS_CODE_/, '')}${s.status.message ? `:${JSON.stringify(s.status.message)}` : ''}`
            : '';
        out.push(
          `      ${s.name} trace=${idHex(s.traceId)} span=${idHex(s.spanId)}${parent} ${s.kind} ${time(s.startTimeUnixNano)} +${ms}ms${st}${s.traceState ? ` tracestate=${s.traceState}` : ''} ${attrs(s.attributes)}`.trimEnd(),
        );
        for (const e of s.events ?? [])
          out.push(`        event ${e.name} ${time(e.timeUnixNano)} ${attrs(e.attributes)}`.trimEnd());
        for (const l of s.links ?? [])
          out.push(`        link trace=${idHex(l.traceId)} span=${idHex(l.spanId)} ${attrs(l.attributes)}`.trimEnd());
      }
      if (ss.spans.length > SAMPLES) out.push(`      ... ${ss.spans.length - SAMPLES} more`);
    }
  }
  return out;
}

export function formatRequest(r: ReceivedRequest, payload: unknown): string {
  const head =
    `${r.signal} request${r.transport === 'http' ? ' (OTLP/HTTP)' : ''} ${maskMetadata(r.metadata)}`.trimEnd();
  const body =
    r.signal === 'metrics'
      ? formatMetricsRequest(payload as ExportMetricsRequest)
      : r.signal === 'traces'
        ? formatTraceRequest(payload as ExportTraceRequest)
        : formatLogsRequest(payload as ExportLogsRequest);
  return [head, ...body].join('\n');
}

export function formatReceived(c: ReceivedCollector): string {
  if (c.requests.length === 0) return '(nothing arrived)';
  const points = c.metrics
    .flatMap((r) =>
      r.resourceMetrics.flatMap((rm) => rm.scopeMetrics.flatMap((sm) => sm.metrics.map((m) => dataPoints(m).length))),
    )
    .reduce((a, b) => a + b, 0);
  const spans = c.traces
    .flatMap((r) => r.resourceSpans.flatMap((rs) => rs.scopeSpans.map((ss) => ss.spans.length)))
    .reduce((a, b) => a + b, 0);
  const logs = c.logs
    .flatMap((r) => r.resourceLogs.flatMap((rl) => rl.scopeLogs.map((sl) => sl.logRecords.length)))
    .reduce((a, b) => a + b, 0);
  const lines = [
    `${c.requests.length} request${c.requests.length === 1 ? '' : 's'}: ${points} metric points, ${spans} spans${logs > 0 ? `, ${logs} log records` : ''}`,
  ];
  const next = { metrics: 0, traces: 0, logs: 0 };
  for (const r of c.requests) lines.push(formatRequest(r, c[r.signal][next[r.signal]++]));
  return lines.join('\n');
}
