// `pxlc test --update`: rewrite each case's expectations with what the script produced now (snapshot testing),
// keeping the rest of the file (inputs, comments in YAML) as it is.

import { writeFile } from 'node:fs/promises';
import YAML from 'yaml';
import { formatTimeNs } from '../runtime/metadata/time-text.js';
import type { ActualCell, ActualLog, ActualPoint, ActualSpan } from './actual.js';
import type { CaseResult } from './run-file.js';
import type { TestFile } from './spec.js';

function plain(c: ActualCell): unknown {
  switch (c.type) {
    case 'INT64': {
      const n = Number(c.text);
      return Number.isSafeInteger(n) ? n : c.text;
    }
    case 'FLOAT64':
      return Number(c.text);
    case 'BOOLEAN':
      return c.text === 'true';
    default:
      return c.text;
  }
}

/** An int64 beyond 2^53 stays text, so the expectation keeps every digit. */
const exactNumber = (text: string): number | string =>
  /^-?\d+$/.test(text) && !Number.isSafeInteger(Number(text)) ? text : Number(text);
const time = (ns: string) => formatTimeNs(BigInt(ns));
const point = (p: ActualPoint) => ({
  name: p.name,
  kind: p.kind,
  ...(p.unit ? { unit: p.unit } : {}),
  resource: p.resource,
  attributes: p.attributes,
  value: p.value.startsWith('{') ? (JSON.parse(p.value) as unknown) : exactNumber(p.value),
  time: time(p.time),
});
// Ids are left out: random ones would never match again (name the ids from columns by hand).
const span = (s: ActualSpan) => ({
  name: s.name,
  resource: s.resource,
  attributes: s.attributes,
  start: time(s.start),
  end: time(s.end),
  kind: s.kind,
});
const log = (l: ActualLog) => ({
  body: l.body,
  severity_number: l.severity_number.replace(/^SEVERITY_NUMBER_/, ''),
  ...(l.severity_text ? { severity_text: l.severity_text } : {}),
  resource: l.resource,
  attributes: l.attributes,
  time: time(l.time),
  ...(l.trace_id ? { trace_id: l.trace_id } : {}),
  ...(l.span_id ? { span_id: l.span_id } : {}),
});

export function snapshot(result: CaseResult, hadDiagnostics: boolean): Record<string, unknown> {
  const a = result.actual!;
  if (hadDiagnostics) return { diagnostics: a.diagnostics };
  const expect: Record<string, unknown> = {};
  if (a.displays.size > 0) {
    expect['displays'] = Object.fromEntries(
      [...a.displays].map(([name, d]) => [
        name,
        { rows: d.rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, c]) => [k, plain(c)]))) },
      ]),
    );
  }
  if (a.points.length > 0) expect['metrics'] = { count: a.points.length, points: a.points.map(point) };
  if (a.spans.length > 0) expect['spans'] = { count: a.spans.length, items: a.spans.map(span) };
  if (a.logs.length > 0) expect['logs'] = { count: a.logs.length, records: a.logs.map(log) };
  return expect;
}

export async function updateTestFile(file: TestFile, results: readonly CaseResult[]): Promise<void> {
  const expects = results.map((r, i) =>
    r.actual ? snapshot(r, file.cases[i]!.expect.diagnostics !== undefined) : undefined,
  );
  if ('json' in file.document) {
    const json = file.document.json as { cases: { expect: unknown }[] };
    expects.forEach((e, i) => {
      if (e) json.cases[i]!.expect = e;
    });
    await writeFile(
      file.path,
      `${JSON.stringify(json, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v), 2)}\n`,
    );
    return;
  }
  const doc = file.document;
  expects.forEach((e, i) => {
    if (!e) return;
    const node = doc.createNode(e, { aliasDuplicateObjects: false });
    // Lists of numbers (quantiles, buckets, bounds) read better on one line: [0.5, 20].
    YAML.visit(node, {
      Seq: (_k, seq) => {
        if (seq.items.every((x) => YAML.isScalar(x) || (YAML.isSeq(x) && x.items.every(YAML.isScalar))))
          seq.flow = true;
      },
    });
    doc.setIn(['cases', i, 'expect'], node);
  });
  await writeFile(file.path, doc.toString({ lineWidth: 0 }));
}
