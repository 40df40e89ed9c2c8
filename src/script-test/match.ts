// Expected against actual, value by value, with the rules a person expects: numbers within rounding, times as
// nanoseconds or ISO text, only the columns and fields the expectation names.

import { formatTimeNs, parseTimeText } from '../runtime/metadata/time-text.js';
import { parseUint128, formatUint128 } from '../runtime/metadata/upid.js';
import type { ActualCell, ActualDisplay, ActualLog, ActualPoint, ActualRow, ActualSpan } from './actual.js';
import type { CaseExpectation, LogExpectation, PointExpectation, Row, SpanExpectation } from './spec.js';
import { own } from '../core/dict.js';

const show = (v: unknown) =>
  typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' ? String(v) : JSON.stringify(v);
/** An actual cell as YAML would show it: quoted only when it is text, so `got 1` is a number and `got "1"` a string. */
const showCell = (a: ActualCell) => (a.type === 'STRING' ? JSON.stringify(a.text) : a.text);
/** A value inside a row diff: an empty string would vanish (`service: ,`), so it is written `""`. */
const cellText = (text: string) => (text === '' ? '""' : text);

/** Whether an expected value (from YAML/JSON) equals an actual cell. */
export function cellMatches(expected: unknown, actual: ActualCell): boolean {
  switch (actual.type) {
    case 'FLOAT64': {
      const e = Number(expected);
      const a = Number(actual.text);
      return e === a || Math.abs(e - a) <= 1e-9 * Math.max(Math.abs(e), Math.abs(a));
    }
    case 'TIME64NS': {
      const e =
        typeof expected === 'string' || typeof expected === 'number' || typeof expected === 'bigint'
          ? parseTimeText(expected)
          : undefined;
      return e !== undefined && formatTimeNs(e) === actual.text;
    }
    case 'UINT128': {
      const e =
        typeof expected === 'string' ? parseUint128(expected) : typeof expected === 'bigint' ? expected : undefined;
      return e !== undefined && formatUint128(e) === actual.text;
    }
    case 'BOOLEAN':
      return String(expected) === actual.text;
    default:
      return String(expected) === actual.text;
  }
}

function rowMismatch(expected: Row, actual: ActualRow): string | undefined {
  for (const [col, e] of Object.entries(expected)) {
    const a = own(actual, col);
    if (!a) return `no column '${col}' (columns: ${Object.keys(actual).join(', ')})`;
    if (!cellMatches(e, a)) return `column '${col}': expected ${show(e)}, got ${showCell(a)}`;
  }
  return undefined;
}

function rowText(r: ActualRow, columns?: readonly string[]): string {
  return `{${(columns ?? Object.keys(r)).map((c) => `${c}: ${cellText(own(r, c)?.text ?? '?')}`).join(', ')}}`;
}

function expectedText(r: Row): string {
  return `{${Object.entries(r)
    .map(([k, v]) => `${k}: ${cellText(String(v))}`)
    .join(', ')}}`;
}

export function compareDisplays(
  expect: CaseExpectation['displays'],
  actual: ReadonlyMap<string, ActualDisplay>,
): string[] {
  const problems: string[] = [];
  for (const [name, exp] of Object.entries(expect ?? {})) {
    const got = actual.get(name);
    if (!got) {
      problems.push(`no display named '${name}' (displays: ${[...actual.keys()].join(', ') || 'none'})`);
      continue;
    }
    if (exp.count !== undefined && got.rows.length !== Number(exp.count))
      problems.push(`display '${name}': expected ${exp.count} rows, got ${got.rows.length}`);
    if (exp.rows) {
      const lines: string[] = [];
      const n = Math.max(exp.rows.length, got.rows.length);
      for (let i = 0; i < n; i++) {
        const e = exp.rows[i];
        const a = got.rows[i];
        const why = e && a ? rowMismatch(e, a) : undefined;
        if (e && a && !why) continue;
        if (why) lines.push(`    row ${i + 1}: ${why}`);
        if (e) lines.push(`    - ${expectedText(e)}`);
        if (a) lines.push(`    + ${rowText(a, e ? Object.keys(e) : undefined)}`);
      }
      if (lines.length > 0) problems.push(`display '${name}' rows differ (- expected, + actual):\n${lines.join('\n')}`);
    }
    for (const e of exp.contains ?? []) {
      if (!got.rows.some((a) => rowMismatch(e, a) === undefined))
        problems.push(`display '${name}' has no row matching ${expectedText(e)}`);
    }
  }
  return problems;
}

function fieldsMatch(e: Readonly<Record<string, unknown>> | undefined, a: Readonly<Record<string, string>>): boolean {
  return Object.entries(e ?? {}).every(([k, v]) => own(a, k) === String(v));
}

function numberMatches(e: unknown, a: string): boolean {
  if (typeof e === 'object' && e !== null) {
    try {
      return structureMatches(e, JSON.parse(a) as unknown);
    } catch {
      return false;
    }
  }
  return closeTo(e, a);
}

function closeTo(e: unknown, a: unknown): boolean {
  // Integers are compared exactly (int64 values beyond 2^53 included), other numbers within rounding.
  const ints = [e, a].map((v) =>
    typeof v === 'bigint' ? String(v) : typeof v === 'string' && /^-?\d+$/.test(v) ? v : undefined,
  );
  if (ints[0] !== undefined && ints[1] !== undefined) return BigInt(ints[0]) === BigInt(ints[1]);
  const x = Number(e);
  const y = Number(a);
  return x === y || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y));
}

/**
 * A summary or histogram value: the fields named in the expectation, numbers compared as numbers whether the
 * decoded payload has them as numbers or as decimal text (uint64 counts); lists element by element.
 */
function structureMatches(e: unknown, a: unknown): boolean {
  if (Array.isArray(e))
    return Array.isArray(a) && a.length === e.length && e.every((x, i) => structureMatches(x, a[i]));
  if (typeof e === 'object' && e !== null) {
    return (
      typeof a === 'object' &&
      a !== null &&
      Object.entries(e).every(([k, v]) => structureMatches(v, own(a as Record<string, unknown>, k)))
    );
  }
  if (typeof e === 'number' || typeof e === 'bigint')
    return (typeof a === 'number' || typeof a === 'string') && closeTo(e, a);
  return String(e) === String(a);
}

const same = (e: unknown, a: string) => e === undefined || String(e) === a;

function timeMatches(e: unknown, ns: string): boolean {
  const t = typeof e === 'string' || typeof e === 'number' || typeof e === 'bigint' ? parseTimeText(e) : undefined;
  return t !== undefined && t === BigInt(ns);
}

export function pointMatches(e: PointExpectation, a: ActualPoint): boolean {
  return (
    (e.name === undefined || e.name === a.name) &&
    same(e.kind, a.kind) &&
    same(e.unit, a.unit) &&
    same(e.description, a.description) &&
    fieldsMatch(e.resource, a.resource) &&
    fieldsMatch(e.attributes, a.attributes) &&
    (e.value === undefined || numberMatches(e.value, a.value)) &&
    (e.time === undefined || timeMatches(e.time, a.time))
  );
}

export function spanMatches(e: SpanExpectation, a: ActualSpan): boolean {
  return (
    (e.name === undefined || e.name === a.name) &&
    fieldsMatch(e.resource, a.resource) &&
    fieldsMatch(e.attributes, a.attributes) &&
    (e.start === undefined || timeMatches(e.start, a.start)) &&
    (e.end === undefined || timeMatches(e.end, a.end)) &&
    (e.kind === undefined || e.kind === a.kind || `SPAN_KIND_${e.kind.toUpperCase()}` === a.kind) &&
    same(e.trace_id, a.trace_id) &&
    same(e.span_id, a.span_id) &&
    same(e.parent_span_id, a.parent_span_id)
  );
}

export function logMatches(e: LogExpectation, a: ActualLog): boolean {
  return (
    same(e.body, a.body) &&
    same(e.severity_text, a.severity_text) &&
    fieldsMatch(e.resource, a.resource) &&
    fieldsMatch(e.attributes, a.attributes) &&
    (e.severity_number === undefined ||
      e.severity_number === a.severity_number ||
      `SEVERITY_NUMBER_${String(e.severity_number).toUpperCase()}` === a.severity_number) &&
    (e.time === undefined || timeMatches(e.time, a.time)) &&
    (e.observed_time === undefined || timeMatches(e.observed_time, a.observed_time)) &&
    same(e.trace_id, a.trace_id) &&
    same(e.span_id, a.span_id)
  );
}

const expectationText = (e: unknown) => JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));

export function compareExports(
  expect: CaseExpectation,
  points: readonly ActualPoint[],
  spans: readonly ActualSpan[],
  logs: readonly ActualLog[] = [],
): string[] {
  const problems: string[] = [];
  const m = expect.metrics;
  if (m?.count !== undefined && points.length !== Number(m.count))
    problems.push(`expected ${m.count} metric points, got ${points.length}`);
  for (const e of m?.points ?? []) {
    if (!points.some((a) => pointMatches(e, a))) {
      const near = points
        .filter((a) => e.name === undefined || a.name === e.name)
        .slice(0, 3)
        .map((a) => `    + ${JSON.stringify(a)}`);
      problems.push(
        `no metric point matching ${JSON.stringify(e, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v))}${near.length ? `\n    points of that metric:\n${near.join('\n')}` : ''}`,
      );
    }
  }
  const s = expect.spans;
  if (s?.count !== undefined && spans.length !== Number(s.count))
    problems.push(`expected ${s.count} spans, got ${spans.length}`);
  for (const e of s?.items ?? []) {
    if (!spans.some((a) => spanMatches(e, a))) problems.push(`no span matching ${expectationText(e)}`);
  }
  const l = expect.logs;
  if (l?.count !== undefined && logs.length !== Number(l.count))
    problems.push(`expected ${l.count} log records, got ${logs.length}`);
  for (const e of l?.records ?? []) {
    if (!logs.some((a) => logMatches(e, a))) {
      const near = logs.slice(0, 3).map((a) => `    + ${JSON.stringify(a)}`);
      problems.push(
        `no log record matching ${expectationText(e)}${near.length ? `\n    records:\n${near.join('\n')}` : ''}`,
      );
    }
  }
  return problems;
}
