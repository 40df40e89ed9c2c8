// A px.export's OTLP/JSON requests as tables a person reads: one row per resource, per data point, per span and
// per log record, each with its attributes as `key=value` text.

import type { DataType } from '../../core/types.js';
import type { Cell, PageColumn, PageExport, PageTable } from './page.js';
import { MAX_PAGE_ROWS } from './page.js';

type J = Readonly<Record<string, unknown>>;
interface Request {
  readonly signal: 'metrics' | 'traces' | 'logs';
  readonly request: unknown;
}

class TableBuilder {
  private readonly rows: Cell[][] = [];
  private total = 0;
  constructor(
    private readonly name: string,
    private readonly columns: readonly PageColumn[],
  ) {}
  add(row: Cell[]): void {
    this.total++;
    if (this.rows.length < MAX_PAGE_ROWS) this.rows.push(row);
  }
  get size(): number {
    return this.total;
  }
  table(): PageTable {
    return { name: this.name, columns: this.columns, rows: this.rows, totalRows: this.total };
  }
}

const col = (name: string, type: DataType): PageColumn => ({ name, type, semanticType: 'ST_NONE' });
const list = (v: unknown): J[] => (Array.isArray(v) ? (v as J[]) : []);
const obj = (v: unknown): J => (typeof v === 'object' && v !== null ? (v as J) : {});

export function exportPreview(title: string, endpoint: string | undefined, requests: readonly Request[]): PageExport {
  const resources = new TableBuilder('resources', [
    col('resource', 'INT64'),
    col('attributes', 'STRING'),
    col('items', 'INT64'),
  ]);
  const points = new TableBuilder('points', [
    col('resource', 'INT64'),
    col('metric', 'STRING'),
    col('kind', 'STRING'),
    col('time', 'TIME64NS'),
    col('value', 'STRING'),
    col('attributes', 'STRING'),
    col('unit', 'STRING'),
  ]);
  const spans = new TableBuilder('spans', [
    col('resource', 'INT64'),
    col('name', 'STRING'),
    col('kind', 'INT64'),
    col('start', 'TIME64NS'),
    col('duration_ms', 'FLOAT64'),
    col('traceId', 'STRING'),
    col('spanId', 'STRING'),
    col('parentSpanId', 'STRING'),
    col('attributes', 'STRING'),
  ]);
  const logs = new TableBuilder('logs', [
    col('resource', 'INT64'),
    col('time', 'TIME64NS'),
    col('severity', 'STRING'),
    col('body', 'STRING'),
    col('attributes', 'STRING'),
  ]);
  for (const { signal, request } of requests) {
    const top = signal === 'metrics' ? 'resourceMetrics' : signal === 'traces' ? 'resourceSpans' : 'resourceLogs';
    for (const rs of list(obj(request)[top])) {
      const id = resources.size + 1;
      let items = 0;
      for (const scope of list(rs['scopeMetrics'] ?? rs['scopeSpans'] ?? rs['scopeLogs'])) {
        for (const m of list(scope['metrics'])) {
          for (const [kind, p] of metricPoints(m)) {
            items++;
            points.add([
              id,
              String(m['name'] ?? ''),
              kind,
              nanosToMs(p['timeUnixNano']),
              pointValue(kind, p),
              attrText(p['attributes']),
              String(m['unit'] ?? ''),
            ]);
          }
        }
        for (const s of list(scope['spans'])) {
          items++;
          const start = nanosToMs(s['startTimeUnixNano']);
          const end = nanosToMs(s['endTimeUnixNano']);
          spans.add([
            id,
            String(s['name'] ?? ''),
            Number(s['kind'] ?? 0),
            start,
            start !== null && end !== null ? end - start : null,
            String(s['traceId'] ?? ''),
            String(s['spanId'] ?? ''),
            String(s['parentSpanId'] ?? ''),
            attrText(s['attributes']),
          ]);
        }
        for (const l of list(scope['logRecords'])) {
          items++;
          logs.add([
            id,
            nanosToMs(l['timeUnixNano']),
            String(l['severityText'] ?? l['severityNumber'] ?? ''),
            anyText(l['body']),
            attrText(l['attributes']),
          ]);
        }
      }
      resources.add([id, attrText(obj(rs['resource'])['attributes']), items]);
    }
  }
  return {
    title,
    ...(endpoint ? { endpoint } : {}),
    resources: resources.table(),
    ...(points.size ? { points: points.table() } : {}),
    ...(spans.size ? { spans: spans.table() } : {}),
    ...(logs.size ? { logs: logs.table() } : {}),
    otlp: requests,
  };
}

function metricPoints(m: J): [string, J][] {
  for (const kind of ['gauge', 'sum', 'summary', 'histogram'] as const) {
    if (m[kind]) return list(obj(m[kind])['dataPoints']).map((p) => [kind, p]);
  }
  return [];
}

function pointValue(kind: string, p: J): string {
  if (kind === 'gauge' || kind === 'sum') return String(p['asDouble'] ?? p['asInt'] ?? 0);
  if (kind === 'summary') {
    const qs = list(p['quantileValues']).map((q) => `p${Number(q['quantile'] ?? 0) * 100}=${String(q['value'] ?? 0)}`);
    return [`count=${String(p['count'] ?? 0)}`, `sum=${String(p['sum'] ?? 0)}`, ...qs].join(' ');
  }
  return `count=${String(p['count'] ?? 0)} buckets=[${list(p['bucketCounts']).join(', ')}]`;
}

function nanosToMs(v: unknown): number | null {
  if (typeof v !== 'string' && typeof v !== 'number') return null;
  const ns = BigInt(v);
  return Number(ns / 1_000_000n) + Number(ns % 1_000_000n) / 1e6;
}

function attrText(v: unknown): string {
  return list(v)
    .map((a) => `${String(a['key'])}=${anyText(a['value'])}`)
    .join(', ');
}

function anyText(v: unknown): string {
  const a = obj(v);
  for (const k of ['stringValue', 'intValue', 'doubleValue', 'boolValue']) if (k in a) return String(a[k]);
  return '';
}
