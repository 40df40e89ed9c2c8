import type { Diagnostic } from './diagnostic.js';

/** The parts of a rendered diagnostic a terminal may colour; a painter returns the text wrapped (or as is). */
export type RenderRole = 'error' | 'warning' | 'location' | 'caret' | 'help' | 'gutter';
export type Painter = (role: RenderRole, text: string) => string;

/**
 * `file:line:col: error: message`, then the source line with a caret (or underline) under the span,
 * then one `help:` line per hint.
 */
export function renderText(d: Diagnostic): string {
  return renderPainted(d, (_role, text) => text);
}

/** renderText with colours: `paint` wraps each part (the CLI passes ANSI colours on a terminal). */
export function renderPainted(d: Diagnostic, paint: Painter): string {
  const pos = d.file.position(d.span.start);
  const lines = [`${paint('location', `${d.file.path}:${pos.line}:${pos.col}:`)} ${paint(d.severity, `${d.severity}:`)} ${d.message}`];
  const text = d.file.lineText(pos.line);
  if (text.trim() !== '') {
    const endPos = d.file.position(Math.max(d.span.start, d.span.end - 1));
    const width = endPos.line === pos.line ? Math.max(1, endPos.col - pos.col + 1) : Math.max(1, text.length - pos.col + 1);
    const gutter = String(pos.line);
    const pad = text.slice(0, pos.col - 1).replace(/[^\t]/g, ' ');
    lines.push(paint('gutter', `${' '.repeat(gutter.length)} |`));
    lines.push(`${paint('gutter', `${gutter} |`)} ${text}`);
    lines.push(`${paint('gutter', `${' '.repeat(gutter.length)} |`)} ${pad}${paint(d.severity === 'error' ? 'caret' : 'warning', '^'.repeat(width))}`);
  }
  for (const h of d.hints) lines.push(`  ${paint('help', 'help:')} ${h}`);
  return lines.join('\n');
}

export interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
  hints: readonly string[];
}

export function toJson(d: Diagnostic): JsonDiagnostic {
  const s = d.file.position(d.span.start);
  const e = d.file.position(d.span.end);
  return {
    file: d.file.path, line: s.line, column: s.col, endLine: e.line, endColumn: e.col,
    severity: d.severity, code: d.code, message: d.message, hints: d.hints,
  };
}
