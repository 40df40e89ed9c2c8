// Runs every case of one test file: the script is compiled once, each case runs the compiled module on its own
// tables with exports sent to a fresh in-process collector (real gRPC, real OTLP bytes).

import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileColumns, fileRows } from '../runtime/sources/file-rows.js';
import { pathToFileURL } from 'node:url';
import { startCollector } from '../collector/server.js';
import { compile } from '../index.js';
import { parseDurationFlag, parseTimeFlag } from '../runtime/flag-values.js';
import { undelivered } from '../runtime/otel/exporter.js';
import type { RunOptions, RunResult } from '../runtime/run.js';
import {
  displays,
  logs,
  points,
  spans,
  type ActualDisplay,
  type ActualLog,
  type ActualPoint,
  type ActualSpan,
} from './actual.js';
import { compareDisplays, compareExports } from './match.js';
import type { Row, TestCase, TestFile } from './spec.js';
import { dict } from '../core/dict.js';

export interface CaseResult {
  readonly name: string;
  readonly problems: readonly string[];
  readonly ms: number;
  /** What the case produced (for --update). */
  readonly actual?: {
    displays: Map<string, ActualDisplay>;
    points: ActualPoint[];
    spans: ActualSpan[];
    logs: ActualLog[];
    diagnostics: string[];
  };
}

type RunFn = (options: RunOptions) => Promise<RunResult>;

export async function runTestFile(file: TestFile): Promise<CaseResult[]> {
  let text: string;
  try {
    text = await readFile(file.script, 'utf8');
  } catch {
    return file.cases.map((c) => ({ name: c.name, problems: [`cannot read the script ${file.script}`], ms: 0 }));
  }
  const compiled = compile({ path: file.script, text });
  const diagnostics = compiled.diagnostics
    .filter((d) => d.severity === 'error')
    .map((d) => {
      const p = d.file.position(d.span.start);
      return `${p.line}:${p.col}: ${d.message}`;
    });
  let run: RunFn | undefined;
  if (compiled.js) {
    const out = join(await mkdtemp(join(tmpdir(), 'pxlc-test-')), 'script.js');
    await writeFile(out, compiled.js);
    run = ((await import(pathToFileURL(out).href)) as { run: RunFn }).run;
  }
  const results: CaseResult[] = [];
  for (const c of file.cases) {
    const started = performance.now();
    const problems: string[] = [];
    let actual: CaseResult['actual'];
    if (c.expect.diagnostics) {
      const want = c.expect.diagnostics.join('\n');
      if (want !== diagnostics.join('\n'))
        problems.push(
          `diagnostics differ:\n    expected:\n${indent(want)}\n    actual:\n${indent(diagnostics.join('\n') || '(none)')}`,
        );
      actual = { displays: new Map(), points: [], spans: [], logs: [], diagnostics };
    } else if (!run) {
      problems.push(`the script does not compile:\n${indent(diagnostics.join('\n'))}`);
    } else {
      try {
        actual = await runCase(run, c, await inputTables(file, c));
        problems.push(
          ...compareDisplays(c.expect.displays, actual.displays),
          ...compareExports(c.expect, actual.points, actual.spans, actual.logs),
        );
      } catch (e) {
        problems.push(`the script failed: ${(e as Error).message}`);
      }
    }
    results.push({ name: c.name, problems, ms: performance.now() - started, ...(actual ? { actual } : {}) });
  }
  return results;
}

/** Inline rows as they are; `{ file }` tables read with the --data readers, relative to the test file. */
async function inputTables(file: TestFile, c: TestCase): Promise<Record<string, readonly Row[]>> {
  const out = dict<readonly Row[]>();
  for (const [name, t] of Object.entries(c.tables ?? {})) {
    if (Array.isArray(t)) {
      out[name] = t;
      continue;
    }
    const path = join(dirname(file.path), (t as { file: string }).file);
    const kind = path.endsWith('.csv') ? 'csv' : path.endsWith('.json') ? 'json' : 'ndjson';
    const columns = [...(await fileColumns(path, kind))];
    const rows: Row[] = [];
    for await (const r of fileRows(path, kind)) rows.push(Object.fromEntries(columns.map((col) => [col, r.get(col)])));
    out[name] = rows;
  }
  return out;
}

async function runCase(
  run: RunFn,
  c: TestCase,
  tables: Record<string, readonly Row[]>,
): Promise<NonNullable<CaseResult['actual']>> {
  const collector = await startCollector();
  try {
    const now = c.now === undefined ? undefined : parseTimeFlag(c.now, 'now');
    const windowNs = c.window === undefined ? undefined : parseDurationFlag(c.window, 'window');
    const result = await run({
      tables,
      ...(c.metadata ? { metadata: c.metadata } : {}),
      ...(now !== undefined ? { now } : {}),
      ...(windowNs !== undefined ? { windowNs } : {}),
      ...(c.func ? { func: c.func } : {}),
      ...(c.args ? { args: c.args } : {}),
      endpoint: `127.0.0.1:${collector.port}`,
      insecure: true,
    });
    const undeliveredItems = result.exports.reduce((n, r) => n + undelivered(r), 0);
    if (undeliveredItems > 0)
      throw new Error(`${undeliveredItems} points/spans/log records were not delivered to the test collector`);
    return {
      displays: displays(result.tables),
      points: points(collector.metrics),
      spans: spans(collector.traces),
      logs: logs(collector.logs),
      diagnostics: [],
    };
  } finally {
    await collector.stop();
  }
}

function indent(s: string): string {
  return s
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}
