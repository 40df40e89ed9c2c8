import type { SourceFile, Span } from '../core/source.js';
import type { Diagnostic } from './diagnostic.js';

/** The parts of a rendered diagnostic a terminal may colour; a painter returns the text wrapped (or as is). */
export type RenderRole = 'error' | 'warning' | 'location' | 'caret' | 'help' | 'gutter';
export type Painter = (role: RenderRole, text: string) => string;

/**
 * `file:line:col: error PXL4003: message` (the code as `tsc` shows its own), then the source line with a caret (or
 * underline) under the span; then each secondary location as `file:line:col: note: text` with its own source line;
 * then one `help:` line per hint.
 */
export function renderText(d: Diagnostic): string {
  return renderPainted(d, (_role, text) => text);
}

/** renderText with colours: `paint` wraps each part (the CLI passes ANSI colours on a terminal). */
export function renderPainted(d: Diagnostic, paint: Painter): string {
  const pos = d.file.position(d.span.start);
  const caret = d.severity === 'error' ? 'caret' : 'warning';
  const lines = [
    `${paint('location', `${d.file.path}:${pos.line}:${pos.col}:`)} ${paint(d.severity, `${d.severity} ${d.code}:`)} ${d.message}`,
    ...snippet(d.file, d.span, paint, caret),
  ];
  for (const r of d.related ?? []) {
    const at = d.file.position(r.span.start);
    lines.push(`${paint('location', `${d.file.path}:${at.line}:${at.col}:`)} ${paint('help', 'note:')} ${r.message}`, ...snippet(d.file, r.span, paint, 'help'));
  }
  for (const h of d.hints) lines.push(`  ${paint('help', 'help:')} ${h}`);
  return lines.join('\n');
}

/** The source line of `span` with a caret (or underline) under it; nothing for a blank line. */
function snippet(file: SourceFile, span: Span, paint: Painter, caret: RenderRole): string[] {
  const pos = file.position(span.start);
  const text = file.lineText(pos.line);
  if (text.trim() === '') return [];
  const endPos = file.position(Math.max(span.start, span.end - 1));
  const width = endPos.line === pos.line ? Math.max(1, endPos.col - pos.col + 1) : Math.max(1, text.length - pos.col + 1);
  const gutter = String(pos.line);
  const pad = text.slice(0, pos.col - 1).replace(/[^\t]/g, ' ');
  return [
    paint('gutter', `${' '.repeat(gutter.length)} |`),
    `${paint('gutter', `${gutter} |`)} ${text}`,
    `${paint('gutter', `${' '.repeat(gutter.length)} |`)} ${pad}${paint(caret, '^'.repeat(width))}`,
  ];
}

export interface JsonLocation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface JsonDiagnostic extends JsonLocation {
  file: string;
  severity: string;
  code: string;
  message: string;
  hints: readonly string[];
  /** Secondary locations in the same file, each with its note. */
  related: readonly (JsonLocation & { message: string })[];
}

export function toJson(d: Diagnostic): JsonDiagnostic {
  return {
    file: d.file.path, ...location(d.file, d.span),
    severity: d.severity, code: d.code, message: d.message, hints: d.hints,
    related: (d.related ?? []).map((r) => ({ ...location(d.file, r.span), message: r.message })),
  };
}

function location(file: SourceFile, span: Span): JsonLocation {
  const s = file.position(span.start);
  const e = file.position(span.end);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
