// The test file format of `pxlc test`: a YAML or JSON file next to a script (`script.test.yaml`) with named cases,
// each giving input tables, optional metadata, clock, plugin window and script arguments, and what to expect:
// displayed rows, exported metric points and spans, or the diagnostics of a script that must not compile.

import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import YAML from 'yaml';
import type { ClusterSpec } from '../runtime/metadata/spec.js';
import { validateClusterSpec } from '../runtime/sources/validate-metadata.js';

export type Row = Readonly<Record<string, unknown>>;

export interface DisplayExpectation {
  /** Exactly these rows, in this order (only the columns named are compared). */
  readonly rows?: readonly Row[];
  /** At least these rows, in any order. */
  readonly contains?: readonly Row[];
  readonly count?: number;
}

export interface PointExpectation {
  readonly name?: string;
  readonly kind?: string;
  readonly unit?: string;
  readonly description?: string;
  readonly resource?: Row;
  readonly attributes?: Row;
  readonly value?: unknown;
  readonly time?: unknown;
}

export interface SpanExpectation {
  readonly name?: string;
  readonly resource?: Row;
  readonly attributes?: Row;
  readonly start?: unknown;
  readonly end?: unknown;
  readonly kind?: string;
  readonly trace_id?: string;
  readonly span_id?: string;
  readonly parent_span_id?: string;
}

export interface LogExpectation {
  readonly body?: string;
  /** `WARN` or `SEVERITY_NUMBER_WARN` */
  readonly severity_number?: string;
  readonly severity_text?: string;
  readonly resource?: Row;
  readonly attributes?: Row;
  readonly time?: unknown;
  readonly observed_time?: unknown;
  readonly trace_id?: string;
  readonly span_id?: string;
}

export interface CaseExpectation {
  readonly displays?: Readonly<Record<string, DisplayExpectation>>;
  readonly metrics?: { readonly count?: number; readonly points?: readonly PointExpectation[] };
  readonly spans?: { readonly count?: number; readonly items?: readonly SpanExpectation[] };
  readonly logs?: { readonly count?: number; readonly records?: readonly LogExpectation[] };
  /** `LINE:COL: MESSAGE` of each error, for scripts that must not compile. */
  readonly diagnostics?: readonly string[];
}

export interface TestCase {
  readonly name: string;
  readonly now?: string;
  readonly window?: string;
  readonly func?: string;
  readonly args?: Readonly<Record<string, string | number | boolean | bigint>>;
  /**
   * Input rows by table name (values as in a --data file: times as ns or ISO text, UPIDs as asid:pid:start), or
   * `{ file: PATH }`: a CSV, NDJSON or JSON file, relative to the test file.
   */
  readonly tables?: Readonly<Record<string, readonly Row[] | { readonly file: string }>>;
  readonly metadata?: ClusterSpec;
  readonly expect: CaseExpectation;
}

export interface TestFile {
  readonly path: string;
  readonly script: string;
  readonly cases: readonly TestCase[];
  /** The parsed document, for --update. */
  readonly document: YAML.Document | { json: unknown };
}

export class TestFileError extends Error {}

export async function loadTestFile(path: string): Promise<TestFile> {
  const text = await readFile(path, 'utf8');
  let value: unknown;
  let document: TestFile['document'];
  try {
    if (path.endsWith('.json')) {
      value = JSON.parse(text);
      document = { json: value };
    } else {
      const doc = YAML.parseDocument(text, { intAsBigInt: true });
      if (doc.errors.length > 0) throw new Error(doc.errors[0]!.message);
      value = doc.toJS();
      document = doc;
    }
  } catch (e) {
    throw new TestFileError(`${path}: ${(e as Error).message.split('\n')[0]}`);
  }
  const fail = (at: string, what: string): never => {
    throw new TestFileError(`${path}: ${at}: ${what}`);
  };
  if (typeof value !== 'object' || value === null) fail('(top level)', 'expected an object with `cases`');
  const v = value as Record<string, unknown>;
  if (typeof v['script'] === 'string') {
    const problem = outsideProblem(path, v['script']);
    if (problem) fail(located(document, text, ['script']), problem);
  }
  const script =
    typeof v['script'] === 'string'
      ? resolve(dirname(path), v['script'])
      : join(dirname(path), basename(path).replace(/\.test\.(ya?ml|json)$/, '.pxl'));
  if (!Array.isArray(v['cases'])) fail('cases', 'expected a list of test cases');
  const cases = (v['cases'] as unknown[]).map((c, i) => {
    if (typeof c !== 'object' || c === null) fail(`cases[${i}]`, 'expected an object');
    const o = c as Record<string, unknown>;
    if (typeof o['name'] !== 'string') fail(`cases[${i}].name`, 'missing');
    if (typeof o['expect'] !== 'object' || o['expect'] === null) fail(`cases[${i}].expect`, 'missing');
    if (o['metadata'] !== undefined) validateClusterSpec(o['metadata'], `${path}: cases[${i}].metadata`);
    if (typeof o['tables'] === 'object' && o['tables'] !== null) {
      for (const [name, t] of Object.entries(o['tables'])) {
        const file =
          typeof t === 'object' && t !== null && !Array.isArray(t) ? (t as Record<string, unknown>)['file'] : undefined;
        if (typeof file !== 'string') continue;
        const problem = outsideProblem(path, file);
        if (problem) fail(located(document, text, ['cases', i, 'tables', name, 'file']), problem);
      }
    }
    return o as unknown as TestCase;
  });
  return { path, script, cases, document };
}

/**
 * Files a test names (its script, `{ file: ... }` tables) are read from the test's folder or below it: a relative
 * path that climbs out (`../../etc/passwd`) is refused before anything is read. An absolute path is taken as
 * written: whoever writes one means that file.
 */
function outsideProblem(testPath: string, file: string): string | undefined {
  if (isAbsolute(file)) return undefined;
  const dir = resolve(dirname(testPath));
  const rel = relative(dir, resolve(dir, file));
  if (rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    return `'${file}' is outside the test's folder ${dir}: name a file in it or below it (or give an absolute path)`;
  }
  return undefined;
}

/** `line N: cases[0].tables.t.file` for a YAML test file, the key path alone for JSON. */
function located(document: TestFile['document'], text: string, keys: readonly (string | number)[]): string {
  const at = keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : `${i === 0 ? '' : '.'}${k}`)).join('');
  if ('json' in document) return at;
  const node = document.getIn(keys, true) as { range?: [number, number, number] } | undefined;
  const offset = node?.range?.[0];
  if (offset === undefined) return at;
  const line = text.slice(0, offset).split('\n').length;
  return `line ${line}: ${at}`;
}
