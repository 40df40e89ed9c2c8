// Hover: a column's type and semantic type at that point of the pipeline, the columns of the DataFrame a name
// holds there, the reference of a px function / DataFrame method / px.otel constructor, a user function's header.

import type { Span } from '../core/source.js';
import type { Schema } from '../core/types.js';
import { frameAt, innermost, type Analysis } from './analysis.js';
import { columnDetail } from './completion.js';
import { docMarkdown, pxDoc } from './docs.js';

export function hover(a: Analysis, offset: number): { markdown: string; span: Span } | undefined {
  const column = innermost(a.columns, offset);
  if (column) {
    const c = column.column;
    return {
      span: column.span,
      markdown: `\`\`\`python\n(column) ${c.name}: ${c.dataType}\n\`\`\`\nsemantic type \`${c.semanticType}\` at this point of the pipeline`,
    };
  }
  const text = a.file.text;
  const word = wordAt(text, offset);
  if (!word) return undefined;
  const chain = chainEndingAt(text, word.end);
  const doc = pxDoc(chain.text);
  if (doc) return { span: { start: chain.start, end: word.end }, markdown: docMarkdown(chain.text, doc) };
  // df.groupby: a DataFrame method, when what is before the dot holds a DataFrame.
  const dot = chain.text.lastIndexOf('.');
  if (dot > 0 && frameAt(a, chain.text.slice(0, dot), offset)) {
    const method = pxDoc(`DataFrame.${chain.text.slice(dot + 1)}`);
    if (method) return { span: word, markdown: docMarkdown(`df.${chain.text.slice(dot + 1)}`, method) };
  }
  const use = innermost(
    a.frames.filter((f) => f.kind === 'use'),
    offset,
  );
  const frame = use ?? (chain.text === word.text ? frameAt(a, word.text, word.end + 1) : undefined);
  if (frame && frame.name === word.text) return { span: word, markdown: frameMarkdown(frame.name, frame.schema) };
  const symbol = a.symbols.at(offset);
  if (symbol?.symbol.kind === 'function' && symbol.def) {
    const fn = a.module.body.find((s) => s.kind === 'FunctionDef' && s.nameSpan.start === symbol.symbol.defs[0]?.start);
    if (fn?.kind === 'FunctionDef') {
      const header = text
        .slice(fn.span.start, text.indexOf(':\n', fn.span.start) + 1 || fn.span.end)
        .split('\n')
        .map((l) => l.trim())
        .join(' ');
      return {
        span: word,
        markdown: `\`\`\`python\n${header}\n\`\`\`${fn.docstring ? `\n\n${fn.docstring.trim()}` : ''}`,
      };
    }
  }
  return undefined;
}

function frameMarkdown(name: string, schema: Schema): string {
  return `\`\`\`python\n(DataFrame) ${name}\n\`\`\`\n| column | type |\n|---|---|\n${schema.map((c) => `| ${c.name} | ${columnDetail(c)} |`).join('\n')}`;
}

function wordAt(text: string, offset: number): (Span & { text: string }) | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && /\w/.test(text[start - 1]!)) start--;
  while (end < text.length && /\w/.test(text[end]!)) end++;
  return end > start ? { start, end, text: text.slice(start, end) } : undefined;
}

/** `px.otel.metric.Gauge` when hovering `Gauge` (the dotted names before the word, up to it). */
function chainEndingAt(text: string, end: number): { start: number; text: string } {
  const m = /[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*$/.exec(text.slice(Math.max(0, end - 200), end));
  return { start: end - (m?.[0].length ?? 0), text: m?.[0] ?? '' };
}
