// px.otel (SPEC §14): constructors validate their literal arguments at once and keep column references by
// name; px.export resolves those columns against the exported DataFrame and produces an OTelExportSpec.

import type { Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { Attribute, DataSpec, EndpointSpec, OTelExportSpec } from '../core/otel-spec.js';
import type { ColumnInfo, SemanticType } from '../core/types.js';
import { optional, required } from './call.js';
import {
  COLUMN_RULES,
  NO_SPAN,
  attributes,
  builtin,
  column,
  columnOf,
  emptyDict,
  failedItem,
  literalArg,
  metricName,
  optionalString,
  spanIdRule,
} from './otel-args.js';
import {
  histogramConstructor,
  logModule,
  resolveHistogram,
  resolveLog,
  type ExportResolver,
} from './otel-histogram-log.js';
import type { Interpreter } from './interpret.js';
import { nearest } from './suggest.js';
import { endpointProblem, headerProblem } from '../core/header-rules.js';
import {
  ERROR,
  NONE,
  intLiteral,
  kindName,
  lit,
  stringLiteral,
  type BoundArgs,
  type DataFrameValue,
  type ModuleValue,
  type OTelDataValue,
  type OTelItemValue,
  type ColumnRule,
  type ParamSpec,
  type PendingAttribute,
  type PendingColumn,
  type PendingDataSpec,
  type Value,
} from './values.js';

const SPAN_KINDS: readonly [string, number][] = [
  ['SPAN_KIND_UNSPECIFIED', 0],
  ['SPAN_KIND_INTERNAL', 1],
  ['SPAN_KIND_SERVER', 2],
  ['SPAN_KIND_CLIENT', 3],
  ['SPAN_KIND_PRODUCER', 4],
  ['SPAN_KIND_CONSUMER', 5],
];

/** The px.otel module: each constructor is checked by its own function below. */
export function otelModule(interp: Interpreter): ModuleValue {
  const endpoint = builtin('Endpoint', ENDPOINT_PARAMS, (a, span) => checkOtelEndpoint(interp, a, span));

  const data = builtin('Data', DATA_PARAMS, (a, span) => checkOtelData(interp, a, span));

  const gauge = builtin('Gauge', GAUGE_PARAMS, (a, span) => checkGauge(interp, a, span));

  // Beyond Pixie (pixie-io/pixie#627): counters, as OTLP Sum points.
  const sum = builtin('Sum', SUM_PARAMS, (a, span) => checkSum(interp, a, span));

  const summary = builtin('Summary', SUMMARY_PARAMS, (a, span) => checkSummary(interp, a, span));

  const span_ = builtin('Span', SPAN_PARAMS, (a, span) => checkSpan(interp, a, span));

  const trace = new Map<string, Value>([['Span', span_]]);
  for (const [k, v] of SPAN_KINDS) trace.set(k, lit('INT64', BigInt(v), NO_SPAN));
  return {
    kind: 'Module',
    name: 'px.otel',
    attrs: new Map<string, Value>([
      ['Data', data],
      ['Endpoint', endpoint],
      [
        'metric',
        {
          kind: 'Module',
          name: 'px.otel.metric',
          attrs: new Map([
            ['Gauge', gauge],
            ['Sum', sum],
            ['Summary', summary],
            ['Histogram', histogramConstructor(interp)],
          ]),
        },
      ],
      ['log', logModule(interp)],
      ['trace', { kind: 'Module', name: 'px.otel.trace', attrs: trace }],
    ]),
  };
}

/** px.otel.Endpoint(url, headers={}, insecure=False, timeout=5): where and how an export is sent. */
const ENDPOINT_PARAMS: ParamSpec[] = [
  required('url'),
  optional('headers', emptyDict),
  optional('insecure', () => lit('BOOLEAN', false, NO_SPAN)),
  optional('timeout', () => lit('INT64', 5n, NO_SPAN)),
];

function checkOtelEndpoint(interp: Interpreter, a: BoundArgs, _span: Span): Value {
  const diags = interp.ctx.diags;
  const url = literalArg(interp, a, 'url', 'STRING', 'String');
  const insecure = literalArg(interp, a, 'insecure', 'BOOLEAN', 'Bool');
  const timeout = literalArg(interp, a, 'timeout', 'INT64', 'Int');
  const headersValue = a.get('headers');
  const headers: [string, string][] = [];
  let ok = url !== undefined && insecure !== undefined && timeout !== undefined;
  if (headersValue.kind !== 'Dict') {
    if (headersValue.kind !== 'Error') diags.error(a.span('headers'), Messages.headersKind(kindName(headersValue)));
    ok = false;
  } else {
    headersValue.keys.forEach((k, i) => {
      const key = stringLiteral(k);
      const value = stringLiteral(headersValue.values[i]!);
      // An API key: never echoed with a source line or in a message, whatever goes wrong (README: Secrets).
      maskHeaderValue(interp, headersValue.valueSpans[i]!, value);
      if (key === undefined) {
        diags.error(headersValue.keySpans[i]!, Messages.expectedArgType('headers', 'String', kindName(k)));
        ok = false;
      } else if (value === undefined) {
        diags.error(
          headersValue.valueSpans[i]!,
          Messages.expectedArgType('headers', 'String', kindName(headersValue.values[i]!)),
        );
        ok = false;
      } else if (headerProblem(key, value) !== undefined) {
        diags.error(headersValue.keySpans[i]!, Messages.headerInvalid(headerProblem(key, value)!));
        ok = false;
      } else headers.push([key, value]);
    });
  }
  if (typeof url === 'string' && /^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    diags.error(a.span('url'), Messages.endpointUrlScheme(url));
    ok = false;
  } else if (typeof url === 'string' && endpointProblem(url) !== undefined) {
    diags.error(a.span('url'), Messages.endpointUrlInvalid(url, endpointProblem(url)!));
    ok = false;
  }
  if (!ok) return ERROR;
  const spec: EndpointSpec = {
    url: url as string,
    headers,
    insecure: insecure as boolean,
    timeoutSeconds: Number(timeout),
  };
  return { kind: 'OTelEndpoint', spec };
}

/** A header value's literal (not a variable's name) and its text anywhere: diagnostics show '*' in their place. */
function maskHeaderValue(interp: Interpreter, at: Span, value: string | undefined): void {
  const sources = interp.ctx.sources;
  const literal = /^[rRuUbB]{0,2}['"]/.test(sources.text(at));
  if (literal || value !== undefined)
    sources.current.maskSecret(literal ? at : { start: at.start, end: at.start }, value);
}

/** px.otel.Data(resource, data, endpoint=None): one export configuration: the resource and its metrics/spans. */
const DATA_PARAMS: ParamSpec[] = [required('resource'), required('data'), optional('endpoint', () => NONE)];

function checkOtelData(interp: Interpreter, a: BoundArgs, _span: Span): Value {
  const diags = interp.ctx.diags;
  let ok = true;
  const ep = a.get('endpoint');
  let endpointSpec: EndpointSpec | undefined;
  if (ep.kind === 'OTelEndpoint') endpointSpec = ep.spec;
  else if (ep.kind === 'None') {
    if (!interp.ctx.options.defaultEndpoint) {
      diags.error(a.span('endpoint'), Messages.noEndpoint());
      ok = false;
    }
  } else if (ep.kind !== 'Error') {
    diags.error(a.span('endpoint'), Messages.endpointKind(kindName(ep)));
    ok = false;
  } else ok = false;

  const d = a.get('data');
  const items: OTelItemValue[] = [];
  if (d.kind !== 'List' && d.kind !== 'Tuple') {
    if (d.kind !== 'Error') diags.error(a.span('data'), Messages.dataNotCollection(kindName(d)));
    ok = false;
  } else if (d.items.length === 0) {
    diags.error(a.span('data'), Messages.dataEmpty());
    ok = false;
  } else {
    d.items.forEach((item, i) => {
      if (item.kind === 'OTelItem') items.push(item);
      else {
        if (item.kind !== 'Error') diags.error(d.spans[i]!, Messages.dataElement(kindName(item)));
        ok = false;
      }
    });
  }
  const resource = attributes(interp, a.get('resource'), a.span('resource'), 'resource');
  if (!resource.ok) ok = false;
  else if (!resource.list.some((r) => r.key === 'service.name')) {
    diags.error(a.span('resource'), Messages.serviceNameRequired());
    ok = false;
  }
  // Whatever failed, the columns the right parts name are still checked by px.export.
  return {
    kind: 'OTelData',
    resource: resource.list,
    data: items,
    complete: ok,
    ...(endpointSpec ? { endpoint: endpointSpec } : {}),
  } satisfies OTelDataValue;
}

/** px.otel.metric.Gauge(name, value, description='', attributes={}, unit=None): one gauge point per row. */
const GAUGE_PARAMS: ParamSpec[] = [
  required('name'),
  required('value'),
  optional('description', () => lit('STRING', '', NO_SPAN)),
  optional('attributes', emptyDict),
  optional('unit', () => NONE),
];

function checkGauge(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const name = metricName(interp, a);
  const value = column(interp, a, 'value');
  const description = literalArg(interp, a, 'description', 'STRING', 'String');
  const unit = optionalString(interp, a, 'unit');
  const attrs = attributes(interp, a.get('attributes'), a.span('attributes'), 'metric');
  if (name === undefined || !value || description === undefined || unit === null || !attrs.ok) {
    return failedItem(span, true, [[value, COLUMN_RULES.metricValue]], attrs);
  }
  return item(
    {
      kind: 'gauge',
      name,
      value,
      description: description as string,
      attributes: attrs.list,
      ...(unit ? { unit } : {}),
    },
    span,
  );
}

/** px.otel.metric.Sum(...): a counter, one OTLP Sum point per row (beyond Pixie: pixie-io/pixie#627). */
const SUM_PARAMS: ParamSpec[] = [
  required('name'),
  required('value'),
  optional('description', () => lit('STRING', '', NO_SPAN)),
  optional('attributes', emptyDict),
  optional('unit', () => NONE),
  optional('is_monotonic', () => lit('BOOLEAN', true, NO_SPAN)),
  optional('temporality', () => lit('STRING', 'cumulative', NO_SPAN)),
];

function checkSum(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const diags = interp.ctx.diags;
  const name = metricName(interp, a);
  const value = column(interp, a, 'value');
  const description = literalArg(interp, a, 'description', 'STRING', 'String');
  const unit = optionalString(interp, a, 'unit');
  const attrs = attributes(interp, a.get('attributes'), a.span('attributes'), 'metric');
  const isMonotonic = literalArg(interp, a, 'is_monotonic', 'BOOLEAN', 'Bool');
  const temporality = literalArg(interp, a, 'temporality', 'STRING', 'String');
  const badTemporality = temporality !== undefined && temporality !== 'cumulative' && temporality !== 'delta';
  if (badTemporality) diags.error(a.span('temporality'), Messages.sumTemporality(String(temporality)));
  if (
    name === undefined ||
    !value ||
    description === undefined ||
    unit === null ||
    !attrs.ok ||
    isMonotonic === undefined ||
    temporality === undefined ||
    badTemporality
  ) {
    return failedItem(span, true, [[value, COLUMN_RULES.metricValue]], attrs);
  }
  return item(
    {
      kind: 'sum',
      name,
      value,
      description: description as string,
      attributes: attrs.list,
      isMonotonic: isMonotonic as boolean,
      temporality: temporality as 'cumulative' | 'delta',
      ...(unit ? { unit } : {}),
    },
    span,
  );
}

/** px.otel.metric.Summary(name, count, sum, quantile_values, ...): one summary point per row. */
const SUMMARY_PARAMS: ParamSpec[] = [
  required('name'),
  required('count'),
  required('sum'),
  required('quantile_values'),
  optional('description', () => lit('STRING', '', NO_SPAN)),
  optional('attributes', emptyDict),
  optional('unit', () => NONE),
];

function checkSummary(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const diags = interp.ctx.diags;
  const name = metricName(interp, a);
  const count = column(interp, a, 'count');
  const sum = column(interp, a, 'sum');
  const description = literalArg(interp, a, 'description', 'STRING', 'String');
  const unit = optionalString(interp, a, 'unit');
  const attrs = attributes(interp, a.get('attributes'), a.span('attributes'), 'metric');
  const qv = a.get('quantile_values');
  const quantiles: { quantile: number; col: PendingColumn }[] = [];
  const quantileColumns: PendingColumn[] = [];
  let ok = true;
  if (qv.kind !== 'Dict') {
    if (qv.kind !== 'Error') diags.error(a.span('quantile_values'), Messages.quantileValuesKind(kindName(qv)));
    ok = false;
  } else if (qv.keys.length === 0) {
    diags.error(a.span('quantile_values'), Messages.quantileValuesEmpty());
    ok = false;
  } else {
    // Each entry on its own: a bad key does not hide a bad value column, nor the entries after it.
    qv.keys.forEach((k, i) => {
      const quantile = quantileKey(interp, k, qv.keySpans[i]!);
      const col = columnOf(interp, qv.values[i]!, qv.valueSpans[i]!, 'quantile_values');
      if (col) quantileColumns.push(col);
      if (quantile === undefined || !col) ok = false;
      else quantiles.push({ quantile, col });
    });
  }
  if (name === undefined || !count || !sum || description === undefined || unit === null || !attrs.ok || !ok) {
    return failedItem(
      span,
      true,
      [
        [count, COLUMN_RULES.count],
        [sum, COLUMN_RULES.summarySum],
        ...quantileColumns.map((c) => [c, COLUMN_RULES.quantile] as const),
      ],
      attrs,
    );
  }
  return item(
    {
      kind: 'summary',
      name,
      count,
      sum,
      quantiles,
      description: description as string,
      attributes: attrs.list,
      ...(unit ? { unit } : {}),
    },
    span,
  );
}

/**
 * A quantile_values key: a float literal, as Pixie requires. A quantile outside [0, 1] is a warning (Pixie sends it
 * as is); 'p99' and 0.99 written as a string get a hint with the number.
 */
function quantileKey(interp: Interpreter, k: Value, span: Span): number | undefined {
  const diags = interp.ctx.diags;
  if (k.kind === 'Expr' && k.expr.k === 'Lit' && k.expr.dataType === 'FLOAT64') {
    const q = k.expr.value as number;
    if (!(q >= 0 && q <= 1)) diags.warning(span, Messages.quantileOutOfRange(interp.spanText(span)));
    return q;
  }
  const text = stringLiteral(k);
  const meant = text === undefined ? undefined : quantileMeant(text);
  diags.error(
    span,
    Messages.expectedArgType('quantile', 'Float', kindName(k)),
    ...(meant !== undefined ? [`Write the quantile as a number: ${meant}, not '${text}'.`] : []),
  );
  return undefined;
}

/** The number a quantile written as text means: 'p99' → 0.99, 'p999' → 0.999, 'p50' → 0.5, '0.99' → 0.99. */
function quantileMeant(text: string): string | undefined {
  const p = /^[pP](\d+)$/.exec(text.trim());
  if (p) return p[1] === '100' ? '1' : String(Number(`0.${p[1]!.length === 1 ? `0${p[1]}` : p[1]}`));
  const n = text.trim();
  return /^(0(\.\d+)?|1(\.0*)?|\.\d+)$/.test(n) ? String(Number(n)) : undefined;
}

/** px.otel.trace.Span(name, start_time, end_time, trace_id=None, span_id=None, parent_span_id=None, attributes={}, kind=SERVER). */
const SPAN_PARAMS: ParamSpec[] = [
  required('name'),
  required('start_time'),
  required('end_time'),
  optional('trace_id', () => NONE),
  optional('span_id', () => NONE),
  optional('parent_span_id', () => NONE),
  optional('attributes', emptyDict),
  optional('kind', () => lit('INT64', 2n, NO_SPAN)),
];

const SPAN_IDS = ['trace_id', 'span_id', 'parent_span_id'] as const;

function checkSpan(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const diags = interp.ctx.diags;
  const nameV = a.get('name');
  let name: PendingDataSpec & { kind: 'span' } extends { name: infer N } ? N | undefined : never;
  const literalName = stringLiteral(nameV);
  if (literalName !== undefined) name = { kind: 'string', value: literalName };
  else if (nameV.kind === 'Expr' && nameV.expr.k === 'Col')
    name = { kind: 'column', col: { name: nameV.expr.name, span: nameV.expr.span } };
  else {
    if (nameV.kind !== 'Error') diags.error(a.span('name'), Messages.spanNameKind(kindName(nameV)));
    name = undefined;
  }
  const start = column(interp, a, 'start_time');
  const end = column(interp, a, 'end_time');
  const ids = SPAN_IDS.map((n) => (a.get(n).kind === 'None' ? null : column(interp, a, n)));
  const kind = intLiteral(a.get('kind'));
  if (kind === undefined && a.get('kind').kind !== 'Error')
    diags.error(a.span('kind'), Messages.expectedArgType('kind', 'Int', kindName(a.get('kind'))));
  const attrs = attributes(interp, a.get('attributes'), a.span('attributes'), 'span');
  if (!name || !start || !end || ids.some((x) => x === undefined) || kind === undefined || !attrs.ok) {
    return failedItem(
      span,
      false,
      [
        [name?.kind === 'column' ? name.col : undefined, COLUMN_RULES.spanName],
        [start, COLUMN_RULES.time],
        [end, COLUMN_RULES.time],
        ...ids.map((c, i) => [c, spanIdRule(SPAN_IDS[i]!)] as const),
      ],
      attrs,
    );
  }
  const [traceId, spanId, parentSpanId] = ids as (PendingColumn | null)[];
  return item(
    {
      kind: 'span',
      name,
      startTime: start,
      endTime: end,
      spanKind: Number(kind),
      attributes: attrs.list,
      ...(traceId ? { traceId } : {}),
      ...(spanId ? { spanId } : {}),
      ...(parentSpanId ? { parentSpanId } : {}),
    },
    span,
  );
}

function item(spec: PendingDataSpec, span: Span): OTelItemValue {
  return { kind: 'OTelItem', item: spec, span };
}

// ---- px.export ----

export function exportSink(interp: Interpreter, a: BoundArgs, span: Span): Value {
  const diags = interp.ctx.diags;
  const out = a.get('out');
  const spec = a.get('spec');
  if (out.kind === 'Error' || spec.kind === 'Error') return NONE;
  if (out.kind === 'Grouped') {
    interp.dataframes.groupbyMisuse(out, 'OTelExportSink');
    return NONE;
  }
  if (out.kind !== 'DataFrame') {
    diags.error(a.span('out'), Messages.expectedDataFrame(kindName(out)));
    return NONE;
  }
  if (spec.kind !== 'OTelData') {
    diags.error(a.span('spec'), Messages.exportSpecKind(kindName(spec)));
    return NONE;
  }
  const resolved = resolveExport(interp, out, spec);
  if (resolved) interp.ctx.plan.addSink({ kind: 'Export', input: out.node, spec: resolved, span });
  return NONE;
}

function resolveExport(interp: Interpreter, df: DataFrameValue, spec: OTelDataValue): OTelExportSpec | undefined {
  const diags = interp.ctx.diags;
  let ok = true;
  const find = (c: PendingColumn): ColumnInfo | undefined => {
    const info = df.schema.find((s) => s.name === c.name);
    if (!info) {
      if (!df.unknownColumns.has(c.name)) {
        const names = df.schema.map((s) => s.name);
        diags.error(c.span, Messages.columnNotFound(c.name, names, nearest(c.name, names)));
      }
      ok = false;
    }
    return info;
  };
  const typed = (c: PendingColumn, rule: ColumnRule) => {
    const info = find(c);
    if (info && !rule.types.includes(info.dataType)) {
      diags.error(c.span, rule.message(c.name, info.dataType));
      ok = false;
      return undefined;
    }
    return info;
  };
  const attrs = (list: readonly PendingAttribute[], resource: boolean): Attribute[] => {
    const plain: Attribute[] = [];
    const expandable: Attribute[] = [];
    for (const at of list) {
      if (at.value.kind === 'string') {
        plain.push({ key: at.key, value: at.value });
        continue;
      }
      const info = typed(at.value.col, COLUMN_RULES.attribute);
      if (!info) continue;
      if (resource && info.dataType !== 'STRING')
        diags.warning(at.value.col.span, Messages.resourceColumnNotString(at.key, info.name, info.dataType));
      const expand = resource && info.dataType === 'STRING' && info.semanticType === 'ST_SERVICE_NAME';
      (expand ? expandable : plain).push({
        key: at.key,
        value: { kind: 'column', column: info.name, dataType: info.dataType, expand },
      });
    }
    return [...plain, ...expandable];
  };

  const resolver: ExportResolver = {
    typed,
    attrs: (list) => attrs(list, false),
    unit: (info) => inferUnit(info.semanticType),
  };
  const data: DataSpec[] = [];
  let needsTime = false;
  for (const { item } of spec.data) {
    switch (item.kind) {
      case 'failed': {
        // Reported already; the columns its right arguments name are checked all the same.
        needsTime ||= item.metric;
        for (const use of item.columns) typed(use.col, use.rule);
        attrs(item.attributes, false);
        ok = false;
        break;
      }
      case 'gauge': {
        needsTime = true;
        const v = typed(item.value, COLUMN_RULES.metricValue);
        if (!v) break;
        data.push({
          kind: 'gauge',
          name: item.name,
          description: item.description,
          unit: item.unit || inferUnit(v.semanticType),
          value: { column: v.name, dataType: v.dataType as 'INT64' | 'FLOAT64' },
          attributes: attrs(item.attributes, false),
        });
        break;
      }
      case 'sum': {
        needsTime = true;
        const v = typed(item.value, COLUMN_RULES.metricValue);
        if (!v) break;
        data.push({
          kind: 'sum',
          name: item.name,
          description: item.description,
          unit: item.unit || inferUnit(v.semanticType),
          value: { column: v.name, dataType: v.dataType as 'INT64' | 'FLOAT64' },
          isMonotonic: item.isMonotonic,
          temporality: item.temporality,
          attributes: attrs(item.attributes, false),
        });
        break;
      }
      case 'summary': {
        needsTime = true;
        const count = typed(item.count, COLUMN_RULES.count);
        const sum = typed(item.sum, COLUMN_RULES.summarySum);
        const qs = item.quantiles.map((q) => ({ q, info: typed(q.col, COLUMN_RULES.quantile) }));
        if (!count || !sum || qs.some((q) => !q.info)) break;
        data.push({
          kind: 'summary',
          name: item.name,
          description: item.description,
          unit: item.unit || inferUnit(qs[0]!.info!.semanticType),
          count: { column: count.name, dataType: count.dataType },
          sum: { column: sum.name, dataType: sum.dataType },
          quantiles: qs.map(({ q, info }) => ({ quantile: q.quantile, column: info!.name })),
          attributes: attrs(item.attributes, false),
        });
        break;
      }
      case 'histogram': {
        needsTime = true;
        const h = resolveHistogram(item, resolver);
        if (h) data.push(h);
        break;
      }
      case 'log': {
        if (!item.time) needsTime = true;
        const l = resolveLog(item, resolver);
        if (l) data.push(l);
        break;
      }
      case 'span': {
        const name = item.name.kind === 'string' ? item.name : typed(item.name.col, COLUMN_RULES.spanName);
        const start = typed(item.startTime, COLUMN_RULES.time);
        const end = typed(item.endTime, COLUMN_RULES.time);
        const id = (c: PendingColumn | undefined, which: string) => (c ? typed(c, spanIdRule(which)) : undefined);
        const traceId = id(item.traceId, 'trace_id');
        const spanId = id(item.spanId, 'span_id');
        const parentSpanId = id(item.parentSpanId, 'parent_span_id');
        if (!name || !start || !end) break;
        data.push({
          kind: 'span',
          name: 'kind' in name ? name : { kind: 'column', column: name.name },
          startTime: start.name,
          endTime: end.name,
          spanKind: item.spanKind,
          attributes: attrs(item.attributes, false),
          ...(traceId ? { traceId: traceId.name } : {}),
          ...(spanId ? { spanId: spanId.name } : {}),
          ...(parentSpanId ? { parentSpanId: parentSpanId.name } : {}),
        });
        break;
      }
    }
  }
  if (needsTime) {
    const t = df.schema.find((c) => c.name === 'time_');
    if (!t) {
      diags.error(
        spec.data[0]!.span,
        Messages.columnNotFound(
          'time_',
          df.schema.map((c) => c.name),
        ),
        "Metrics need a time_ column; after a groupby keep it with time_=('time_', px.max).",
      );
      ok = false;
    } else if (t.dataType !== 'TIME64NS') {
      diags.error(spec.data[0]!.span, Messages.timeColumnType('time_', t.dataType));
      ok = false;
    }
  }
  const resource = attrs(spec.resource, true);
  if (!ok || !spec.complete) return undefined;
  return { resource, data, ...(spec.endpoint ? { endpoint: spec.endpoint } : {}) };
}

/** OTLP unit from a semantic type (SPEC §14.8, including Pixie's '/ns' for percentages). */
export function inferUnit(st: SemanticType): string {
  switch (st) {
    case 'ST_DURATION_NS':
    case 'ST_DURATION_NS_QUANTILES':
      return 'ns';
    case 'ST_BYTES':
      return 'By';
    case 'ST_THROUGHPUT_PER_NS':
    case 'ST_PERCENT':
      return '/ns';
    case 'ST_THROUGHPUT_BYTES_PER_NS':
      return 'By/ns';
    default:
      return '';
  }
}
