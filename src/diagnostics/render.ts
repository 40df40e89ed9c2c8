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
    `${paint('location', `${d.file.path}:${pos.line}:${pos.col}:`)} ${paint(d.severity, `${d.severity} ${d.code}:`)} ${d.file.maskedText(d.message)}`,
    ...snippet(d.file, d.span, paint, caret),
  ];
  for (const r of d.related ?? []) {
    const at = d.file.position(r.span.start);
    lines.push(
      `${paint('location', `${d.file.path}:${at.line}:${at.col}:`)} ${paint('help', 'note:')} ${d.file.maskedText(r.message)}`,
      ...snippet(d.file, r.span, paint, 'help'),
    );
  }
  for (const h of d.hints) lines.push(`  ${paint('help', 'help:')} ${d.file.maskedText(h)}`);
  return lines.join('\n');
}

/** Source lines longer than this are shown as a window around the caret. */
const SHOWN_LINE = 160;
const BEFORE_CARET = 60;

/**
 * The source line of `span` with a caret (or underline) under it; nothing for a blank line. Secrets are masked
 * (SourceFile.shownLine); a long line (a generated script, a 1 MB literal) is cut to a window around the caret.
 */
function snippet(file: SourceFile, span: Span, paint: Painter, caret: RenderRole): string[] {
  const pos = file.position(span.start);
  const line = file.shownLine(pos.line);
  if (line.trim() === '') return [];
  const endPos = file.position(Math.max(span.start, span.end - 1));
  let width = endPos.line === pos.line ? Math.max(1, endPos.col - pos.col + 1) : Math.max(1, line.length - pos.col + 1);
  let text = line;
  let caretAt = pos.col - 1;
  if (line.length > SHOWN_LINE) {
    const from = Math.max(0, Math.min(caretAt - BEFORE_CARET, line.length - SHOWN_LINE));
    const to = Math.min(line.length, from + SHOWN_LINE);
    text = `${from > 0 ? '…' : ''}${line.slice(from, to)}${to < line.length ? '…' : ''}`;
    caretAt = caretAt - from + (from > 0 ? 1 : 0);
    width = Math.max(1, Math.min(width, to - (pos.col - 1)));
  }
  const gutter = String(pos.line);
  const pad = text.slice(0, caretAt).replace(/[^\t]/g, ' ');
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
    file: d.file.path,
    ...location(d.file, d.span),
    severity: d.severity,
    code: d.code,
    message: d.file.maskedText(d.message),
    hints: d.hints.map((h) => d.file.maskedText(h)),
    related: (d.related ?? []).map((r) => ({ ...location(d.file, r.span), message: d.file.maskedText(r.message) })),
  };
}

function location(file: SourceFile, span: Span): JsonLocation {
  const s = file.position(span.start);
  const e = file.position(span.end);
  return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
}
