// The frontend's output as reviewed text: a PxL file in, its tokens and its syntax tree (with every syntax error)
// out, compared with golden files beside it. Every tree also keeps the span invariants the checker relies on.

import test from 'ava';
import { join } from 'node:path';
import { SourceFile, type Span } from '../../src/core/source.js';
import { DiagnosticBag } from '../../src/diagnostics/diagnostic.js';
import { parseScript } from '../../src/frontend/parser.js';
import { tokenize } from '../../src/frontend/tokenizer.js';
import { fixturePath, golden, listFixtures, readFixture } from '../support/golden.js';

/** A syntax node, or a part of one with its own span (a parameter, an imported name): `kind` is then absent. */
interface Node {
  readonly kind?: string;
  readonly span: Span;
}

const isNode = (v: unknown): v is Node =>
  typeof v === 'object' &&
  v !== null &&
  typeof (v as Node).span === 'object' &&
  (v as Node).span !== null &&
  'start' in (v as Node).span;

function position(file: SourceFile, offset: number): string {
  const { line, col } = file.position(offset);
  return `${line}:${col}`;
}

function where(file: SourceFile, span: Span): string {
  return `${position(file, span.start)}-${position(file, span.end)}`;
}

function scalar(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x)) ?? 'undefined';
}

/** One line per node: kind, span, scalar fields; child nodes indented under their field's name. */
function dumpNode(file: SourceFile, node: Node, indent: string, out: string[]): void {
  const fields: string[] = [];
  const children: [string, unknown][] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'kind' || key === 'span') continue;
    if (typeof value === 'object' && value !== null && 'start' in value && 'end' in value)
      fields.push(`${key}@${where(file, value as Span)}`);
    else if (isNode(value) || Array.isArray(value)) children.push([key, value]);
    else fields.push(`${key}=${scalar(value)}`);
  }
  out.push(`${indent}${node.kind ?? '·'} ${where(file, node.span)}${fields.length > 0 ? ` ${fields.join(' ')}` : ''}`);
  for (const [key, value] of children) {
    const items = Array.isArray(value) ? value : [value];
    out.push(`${indent}  .${key}${Array.isArray(value) ? `[${items.length}]` : ''}`);
    for (const item of items) {
      if (isNode(item)) dumpNode(file, item, `${indent}    `, out);
      else out.push(`${indent}    ${scalar(item)}`);
    }
  }
}

/** Every violated span invariant, as text (none expected). */
function spanProblems(file: SourceFile, node: Node, parent: Node | undefined, out: string[]): void {
  const { start, end } = node.span;
  const at = `${node.kind ?? '·'} ${where(file, node.span)}`;
  if (!(start >= 0 && start <= end && end <= file.text.length)) out.push(`${at}: span outside the file or reversed`);
  if (parent && (start < parent.span.start || end > parent.span.end))
    out.push(`${at}: outside its parent ${parent.kind ?? '·'}`);
  // Only a node standing for nothing (a failed expression at the end of input, an empty module) may be empty.
  if (start === end && node.kind !== 'ErrorExpr' && node.kind !== 'Module') out.push(`${at}: empty span`);
  for (const value of Object.values(node)) {
    // A part of a node (a parameter's span is its name alone) is checked against the node that holds it.
    for (const item of Array.isArray(value) ? value : [value])
      if (isNode(item)) spanProblems(file, item, node.kind ? node : parent, out);
  }
}

for (const name of listFixtures('frontend')) {
  const text = readFixture('frontend', name);
  const file = new SourceFile(name, text);
  const base = join(fixturePath('frontend'), name.replace(/\.pxl$/, ''));

  test(`tokens of ${name}`, (t) => {
    const tokens = tokenize(file, new DiagnosticBag(file));
    const lines = tokens.map(
      (tok) => `${where(file, tok.span)} ${tok.kind}${tok.text === '' ? '' : ` ${JSON.stringify(tok.text)}`}`,
    );
    const [expected, actual] = golden(`${base}.tokens.txt`, `${lines.join('\n')}\n`);
    t.is(actual, expected);
  });

  test(`syntax tree and syntax errors of ${name}`, (t) => {
    const parsed = parseScript(file);
    const out: string[] = [];
    dumpNode(file, parsed.module, '', out);
    for (const d of parsed.diagnostics) out.push(`${where(file, d.span)} ${d.severity} ${d.code}: ${d.message}`);
    const [expected, actual] = golden(`${base}.ast.txt`, `${out.join('\n')}\n`);
    t.is(actual, expected);
  });

  test(`spans of ${name}: inside the file, inside their parent, and not empty`, (t) => {
    const problems: string[] = [];
    spanProblems(file, parseScript(file).module, undefined, problems);
    t.deepEqual(problems, []);
  });
}
