// A script argument annotated `list` (`def f(cols: list)`): Pixie parses its value as one PxL expression, so
// `--arg cols="['resp_status', 'upid']"` is a list of names. Its items are literals, placed at the parameter.

import type * as ast from '../frontend/ast.js';
import { parseScript } from '../frontend/parser.js';
import { SourceFile, type Span } from '../core/source.js';
import { Messages } from '../diagnostics/messages.js';
import type { Interpreter } from './interpret.js';
import { ERROR, lit, type Value } from './values.js';

export function listArgument(interp: Interpreter, text: string, span: Span): Value {
  // Parsed as the value of an assignment: a lone string would otherwise be a docstring, not a statement.
  const parsed = parseScript(new SourceFile('<argument>', `_ = ${text}`));
  const stmt = parsed.module.body.length === 1 ? parsed.module.body[0] : undefined;
  if (parsed.diagnostics.length > 0 || stmt?.kind !== 'Assign') {
    interp.ctx.diags.error(span, Messages.argumentNotParsed(text, 'list'));
    return ERROR;
  }
  const e = stmt.value;
  if (e.kind !== 'List') {
    // Pixie names what it got by its object kind: a dict, a tuple, or an expression.
    interp.ctx.diags.error(
      span,
      Messages.argumentNotList(e.kind === 'Dict' ? 'dict' : e.kind === 'Tuple' ? 'tuple' : 'expr', text),
    );
    return ERROR;
  }
  const items: Value[] = [];
  for (const item of e.elts) {
    const v = literalItem(item, span);
    if (!v) {
      interp.ctx.diags.error(span, Messages.argumentNotParsed(text, 'list'));
      return ERROR;
    }
    items.push(v);
  }
  return { kind: 'List', items, spans: items.map(() => span) };
}

function literalItem(e: ast.Expr, span: Span): Value | undefined {
  switch (e.kind) {
    case 'Str':
      return lit('STRING', e.value, span);
    case 'Int':
      return lit('INT64', e.value, span);
    case 'Float':
      return lit('FLOAT64', e.value, span);
    case 'Name':
      return e.id === 'True' || e.id === 'False' ? lit('BOOLEAN', e.id === 'True', span) : undefined;
    default:
      return undefined;
  }
}
